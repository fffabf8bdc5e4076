"""Run every benchmark: `python -m bench` (what `./dev bench` does)."""

from __future__ import annotations

import sys

from bench import answer, ingest

if __name__ == "__main__":
    quick = "--quick" in sys.argv
    ingest.main(["--docs", "300" if quick else "2000"])
    answer.main(["--questions", "6" if quick else "12"])
