"""How the persisted lexical index was chosen: SQLite FTS5 against an inverted index in plain SQLite tables.

Same chunks, same folded and stemmed terms (`vectorstore.stemming`), same questions; at each size:
  fts5        an FTS5 table whose text is the chunk's space-joined terms, ranked by bm25() over an OR query
              of every stem variant (FTS5 cannot count a word once by its best stem)
  rows        postings as rows (term, chunk, tf, length), BM25 computed by SQL (GROUP BY per word, then chunk)
  segments    the store kept (`vectorstore.lexical_store`): postings packed in per-term segments, numpy BM25
and the in-memory BM25 it replaces as the reference. Reports query latency (CPU time), file size, build
time, and the share of questions whose top-24 has exactly the reference's scores.
    python -m bench.lexical_designs [--chunks 2000 20000 100000]
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.common import median, paragraphs, percentile, write
from evals.schema import load_gold
from vectorstore.lexical import BM25, K1, B
from vectorstore.lexical_store import open_lexical_index
from vectorstore.stemming import doc_terms, query_terms
from vectorstore.store import StoredChunk


def chunk_texts(n: int, seed: int = 7) -> list[str]:
    """About 120-token pieces recombined from the articles' paragraphs (the synthetic corpus's make-up)."""
    rng, paras = random.Random(seed), paragraphs()
    out = []
    for i in range(n):
        first, second = rng.choice(paras).split(), rng.choice(paras).split()
        start = rng.randint(0, max(0, len(first) - 20))
        out.append(" ".join(first[start:start + 50] + second[:rng.randint(10, 40)]) + f" Document {i // 4}")
    return out


def build_fts(path: Path, docs: list[list[str]]) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(terms, tokenize='unicode61 remove_diacritics 0', detail=column)")
    with con:
        con.executemany("INSERT INTO fts(rowid, terms) VALUES (?, ?)", ((i, " ".join(d)) for i, d in enumerate(docs)))
    con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    con.commit()
    return con


def search_fts(con: sqlite3.Connection, query: list[set[str]], k: int) -> list[float]:
    terms = sorted({v for vs in query for v in vs if v.isalnum()})
    if not terms:
        return []
    rows = con.execute("SELECT -bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?",
                       (" OR ".join(f'"{t}"' for t in terms), k))
    return [r[0] for r in rows]


def build_rows(path: Path, docs: list[list[str]]) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE postings(term TEXT, chunk INT, tf INT, dl INT, PRIMARY KEY(term, chunk)) "
                      "WITHOUT ROWID; CREATE TABLE terms(term TEXT PRIMARY KEY, df INT) WITHOUT ROWID;")
    df: Counter[str] = Counter()
    with con:
        for i, d in enumerate(docs):
            counts = Counter(d)
            df.update(counts.keys())
            con.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", [(t, i, f, len(d)) for t, f in counts.items()])
        con.executemany("INSERT INTO terms VALUES (?, ?)", df.items())
    return con


def search_rows(con: sqlite3.Connection, query: list[set[str]], k: int, n: int, avg: float) -> list[float]:
    params = []
    for word, variants in enumerate(query):
        for v in sorted(variants):
            row = con.execute("SELECT df FROM terms WHERE term = ?", (v,)).fetchone()
            if row:
                params.append((word, v, math.log(1 + (n - row[0] + 0.5) / (row[0] + 0.5))))
    if not params:
        return []
    sql = (f"WITH q(word, term, idf) AS (VALUES {','.join('(?, ?, ?)' for _ in params)}) "
           "SELECT sum(s) AS score FROM (SELECT p.chunk AS chunk, "
           f"max(q.idf * (p.tf * {K1 + 1} / (p.tf + {K1} * (1 - {B} + {B} * p.dl / ?)))) AS s "
           "FROM q JOIN postings p ON p.term = q.term GROUP BY p.chunk, q.word) "
           "GROUP BY chunk ORDER BY score DESC LIMIT ?")
    return [r[0] for r in con.execute(sql, [x for p in params for x in p] + [avg, k])]


def run_size(n: int, folder: Path) -> list[dict]:
    texts = chunk_texts(n)
    docs = [doc_terms(t, "fr") for t in texts]
    qs = [query_terms(q.question) for q in load_gold().questions]
    avg = sum(map(len, docs)) / n
    t = time.perf_counter()
    reference = BM25(docs)
    builds = {"in-memory BM25": time.perf_counter() - t}
    t = time.perf_counter()
    fts = build_fts(folder / "fts5.sqlite3", docs)
    builds["fts5"] = time.perf_counter() - t
    t = time.perf_counter()
    rows = build_rows(folder / "rows.sqlite3", docs)
    builds["rows"] = time.perf_counter() - t
    t = time.perf_counter()
    store = open_lexical_index(folder / "segments.sqlite3")
    chunks = [StoredChunk(str(i), text, {"source": f"s{i // 4}", "language": "fr"}) for i, text in enumerate(texts)]
    for i in range(0, n, 1000):
        store.add(chunks[i:i + 1000])
    builds["segments"] = time.perf_counter() - t
    designs = {
        "in-memory BM25": lambda q: [s for _, s in reference.search(q, 24)],
        "fts5": lambda q: search_fts(fts, q, 24),
        "rows": lambda q: search_rows(rows, q, 24, n, avg),
        "segments": lambda q: [s for _, s in store.search(q, 24)],
    }
    want = [designs["in-memory BM25"](q) for q in qs]
    out = []
    for name, search in designs.items():
        times, same = [], 0
        for q, expected in zip(qs, want, strict=True):
            cpu = time.process_time()
            got = search(q)
            times.append((time.process_time() - cpu) * 1000)
            same += len(got) == len(expected) and all(
                math.isclose(a, b, rel_tol=1e-6) for a, b in zip(got, expected, strict=True))
        files = list(folder.glob(f"{name}.sqlite3*"))
        out.append({"chunks": n, "design": name, "query p50 ms": median(times), "query p95 ms": percentile(times, 95),
                    "size MB": round(sum(f.stat().st_size for f in files) / 2**20, 1) if files else "-",
                    "build s": round(builds[name], 1), "same top-24 scores": f"{same}/{len(qs)}"})
        print(out[-1], flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, nargs="+", default=[2000, 20000, 100000])
    a = parser.parse_args(argv)
    rows = []
    for n in a.chunks:
        with tempfile.TemporaryDirectory() as tmp:
            rows += run_size(n, Path(tmp))
    write("lexical-designs", rows, {"questions": "news.dev gold questions", "k": 24})


if __name__ == "__main__":
    main()
