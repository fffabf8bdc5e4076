"""Run every benchmark: `python -m bench` (what `./dev bench` does).

    python -m bench            ingest (shipped + 2,000 generated documents), PDF ingestion and upload-to-answer
                               (needs headless Chromium), answer latency, side-by-side
                               comparison with a plain LangChain RAG chain, concurrent-session load
    python -m bench --scale    also the corpus-size sweep up to >= 20,000 chunks (about an hour on 2 cores) and
                               the lexical index at 2,000 / 20,000 / 100,000 chunks (hash embedder, ~20 minutes)
    python -m bench --quick    smaller sizes, for a smoke run
"""

from __future__ import annotations

import sys

from bench import answer, compare, ingest, lexical, load, pdf, scale

if __name__ == "__main__":
    quick = "--quick" in sys.argv
    ingest.main(["--docs", "300" if quick else "2000"])
    pdf.main(["--pdfs", "3" if quick else "10", "--pages", "10"])
    answer.main(["--questions", "6" if quick else "12"])
    compare.main(["--subset", "ci"])
    load.main(["--sessions", "2" if quick else "4", "--turns", "2"])
    if "--scale" in sys.argv:
        scale.main(["--docs", "150", "500", "1500"] if quick else ["--docs", "600", "2000", "5700"])
        lexical.main(["--chunks", "500", "2000"] if quick else ["--chunks", "2000", "20000", "100000"])
