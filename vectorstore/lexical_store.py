"""The lexical index persisted in SQLite and updated with every write of chunks (a `LexicalIndex`).

One file per Chroma collection. Tables:
  chunks(rowid, id, source, n_chunks, len, terms)
                                          a chunk: its file and the file's number of chunks (what ingestion
                                          compares the corpus folder with), its length in terms and its
                                          distinct term ids (for deletion)
  terms(id, term, df)                     the vocabulary with document frequencies
  segments(id, term, n, data)             a term's postings in packed segments of (chunk rowid, tf, chunk length)
  stats(chunks, total_len, generation)    one row; `generation` counts committed writes

A write adds one segment per term it touches, then merges that term's newest segments while the one before
is at most twice their size: a term keeps O(log n) segments and a posting is rewritten O(log n) times. A
deletion rewrites the segments that hold the deleted chunks (no tombstones). A search reads the segments of
the query's terms and scores them with numpy: exact Okapi BM25, the same scores as the in-memory `BM25`.

Several processes share the file (WAL, a busy timeout): each search reads the last committed state, so a
process sees the others' ingestions at once; `PRAGMA data_version` tells it when to re-read the statistics.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from vectorstore.errors import IndexUnavailableError
from vectorstore.lexical import K1, B, idf
from vectorstore.stemming import doc_terms

if TYPE_CHECKING:
    from vectorstore.store import StoredChunk

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 60.0
_POSTING = np.dtype([("row", "<i4"), ("tf", "<u2"), ("dl", "<u2")])
_U16 = 65535
_VARS = 500  # bound parameters per statement

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
                                  n_chunks INTEGER NOT NULL, len INTEGER NOT NULL, terms BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source);
CREATE TABLE IF NOT EXISTS terms(id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS segments(id INTEGER PRIMARY KEY, term INTEGER NOT NULL, n INTEGER NOT NULL,
                                    data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS segments_term ON segments(term, id);
CREATE TABLE IF NOT EXISTS stats(one INTEGER PRIMARY KEY CHECK (one = 1), chunks INTEGER NOT NULL,
                                 total_len INTEGER NOT NULL, generation INTEGER NOT NULL);
INSERT OR IGNORE INTO stats VALUES (1, 0, 0, 0);
"""


@dataclass(frozen=True)
class Stats:
    """The collection statistics BM25 needs, as of one committed write."""

    chunks: int
    total_len: int
    generation: int
    max_rowid: int


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    return con


def _batches(items: Sequence, size: int = _VARS) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SqliteLexicalStore:
    """BM25 over the chunks of one collection, persisted in SQLite and shared by the processes of one machine."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._write_lock = threading.Lock()
        self._read_lock = threading.Lock()
        self._seen_version: int | None = None
        self._stats = Stats(0, 0, 0, 0)
        self._total: np.ndarray | None = None
        self._best: np.ndarray | None = None
        with self._failing_clearly():
            path.parent.mkdir(parents=True, exist_ok=True)
            self._write_con = _connect(path)
            self._read_con = _connect(path)
        with self._writing(bump=False) as con:
            if con.execute("PRAGMA user_version").fetchone()[0] not in (0, SCHEMA_VERSION):
                # Another layout: drop it; the index is refilled from Chroma (ChunkIndex.reconcile).
                for table in ("chunks", "terms", "segments", "stats"):
                    con.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- transactions -----------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _failing_clearly(self) -> Iterator[None]:
        """SQLite's errors (a full disk, a file that is not a database) as the storage layer's own."""
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise IndexUnavailableError(f"Cannot use the lexical index {self.path}: {exc}") from exc

    @contextlib.contextmanager
    def _writing(self, bump: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction (waits for other processes' writers); bumps the generation on commit."""
        with self._write_lock, self._failing_clearly():
            con = self._write_con
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                if bump:
                    con.execute("UPDATE stats SET generation = generation + 1")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: a consistent snapshot of the last committed write."""
        with self._read_lock, self._failing_clearly():
            con = self._read_con
            con.execute("BEGIN")
            try:
                yield con
            finally:
                con.execute("COMMIT")

    def _current(self, con: sqlite3.Connection) -> Stats:
        """The statistics, re-read only when some connection committed since the last look."""
        version = con.execute("PRAGMA data_version").fetchone()[0]
        if version != self._seen_version:
            chunks, total_len, generation = con.execute(
                "SELECT chunks, total_len, generation FROM stats").fetchone()
            max_rowid = con.execute("SELECT max(rowid) FROM chunks").fetchone()[0] or 0
            self._stats, self._seen_version = Stats(chunks, total_len, generation, max_rowid), version
        return self._stats

    # -- reading ----------------------------------------------------------------------------------------------
    def stats(self) -> Stats:
        """Chunks, their total length, the write generation."""
        with self._reading() as con:
            return self._current(con)

    def count(self) -> int:
        """Number of chunks indexed."""
        return self.stats().chunks

    def generation(self) -> int:
        """Increases with every committed write (by any process): cheap to poll, for callers that cache."""
        return self.stats().generation

    def ids(self) -> list[str]:
        """Every chunk id, in insertion order."""
        with self._reading() as con:
            return [r[0] for r in con.execute("SELECT id FROM chunks ORDER BY rowid")]

    def source_counts(self) -> dict[str, int]:
        """Chunks per source file."""
        with self._reading() as con:
            return dict(con.execute("SELECT source, count(*) FROM chunks GROUP BY source"))

    def catalogue(self) -> list[tuple[str, str, int]]:
        """(chunk id, source, the source's number of chunks) of every chunk."""
        with self._reading() as con:
            return con.execute("SELECT id, source, n_chunks FROM chunks").fetchall()

    def search(self, query: Sequence[set[str]], k: int) -> list[tuple[str, float]]:
        """The k best (chunk id, BM25 score); each query word counts once, by its best-matching stem."""
        terms = sorted({v for variants in query for v in variants})
        if not terms or k <= 0:
            return []
        with self._reading() as con:
            st = self._current(con)
            if not st.chunks:
                return []
            found: dict[str, tuple[int, list[bytes]]] = {}
            for part in _batches(terms):
                sql = ("SELECT t.term, t.df, s.data FROM terms t JOIN segments s ON s.term = t.id "
                       f"WHERE t.term IN ({_marks(len(part))})")
                for term, df, data in con.execute(sql, part):
                    found.setdefault(term, (df, []))[1].append(data)
            scores = self._scores(query, found, st)
            rows = _top(scores, k)
            names: dict[int, str] = {}
            for part in _batches(rows):
                names.update(con.execute(f"SELECT rowid, id FROM chunks WHERE rowid IN ({_marks(len(part))})", part))
            return [(names[r], float(scores[r])) for r in rows if r in names]

    def _scores(self, query: Sequence[set[str]], found: dict[str, tuple[int, list[bytes]]], st: Stats) -> np.ndarray:
        """BM25 of every chunk rowid, in two arrays reused from search to search (under the read lock): fresh
        800 KB arrays per search at 100,000 chunks cost more in page faults than the scoring."""
        if self._total is None or len(self._total) != st.max_rowid + 1:
            self._total, self._best = np.zeros(st.max_rowid + 1), np.zeros(st.max_rowid + 1)
        else:
            self._total.fill(0.0)
        return _bm25(query, found, st, self._total, self._best)

    def term_idf(self, variants: Iterable[str]) -> float:
        """The rarest matching variant's IDF (0 when no variant occurs)."""
        vs = sorted(set(variants))
        if not vs:
            return 0.0
        with self._reading() as con:
            st = self._current(con)
            df = con.execute(f"SELECT min(df) FROM terms WHERE term IN ({_marks(len(vs))})", vs).fetchone()[0]
        return idf(st.chunks, df) if df else 0.0

    def has_term_or_prefix(self, term: str, prefix: int = 5) -> bool:
        """Whether the term, or a term sharing its first `prefix` characters, occurs in the corpus."""
        with self._reading() as con:
            if con.execute("SELECT 1 FROM terms WHERE term = ?", (term,)).fetchone():
                return True
            if len(term) < prefix:
                return False
            start = term[:prefix]
            hit = con.execute("SELECT 1 FROM terms WHERE term >= ? AND term < ? LIMIT 1",
                              (start, start + "\U0010ffff")).fetchone()
        return hit is not None

    # -- writing ----------------------------------------------------------------------------------------------
    def add(self, chunks: Sequence[StoredChunk]) -> int:
        """Index chunks not indexed yet (an id names one text); the number added."""
        if not chunks:
            return 0
        with self._writing() as con:
            present: set[str] = set()
            for part in _batches([c.id for c in chunks]):
                present.update(r[0] for r in con.execute(
                    f"SELECT id FROM chunks WHERE id IN ({_marks(len(part))})", part))
            row = con.execute("SELECT max(rowid) FROM chunks").fetchone()[0] or 0
            postings: dict[str, list[tuple[int, int, int]]] = {}
            new: list[tuple[int, StoredChunk, Counter[str]]] = []
            for c in chunks:
                if c.id in present:
                    continue
                present.add(c.id)
                row += 1
                counts = Counter(doc_terms(c.text, str(c.metadata.get("language", "en"))))
                length = min(sum(counts.values()), _U16)
                for term, tf in counts.items():
                    postings.setdefault(term, []).append((row, min(tf, _U16), length))
                new.append((row, c, counts))
            if not new:
                return 0
            term_ids = self._upsert_terms(con, {t: len(p) for t, p in postings.items()})
            con.executemany("INSERT INTO chunks(rowid, id, source, n_chunks, len, terms) VALUES (?, ?, ?, ?, ?, ?)", [
                (r, c.id, c.source, int(c.metadata.get("n_chunks", -1)), sum(counts.values()),
                 np.fromiter((term_ids[t] for t in counts), np.int32, len(counts)).tobytes())
                for r, c, counts in new])
            con.executemany("INSERT INTO segments(term, n, data) VALUES (?, ?, ?)", [
                (term_ids[t], len(p), np.array(p, dtype=_POSTING).tobytes()) for t, p in postings.items()])
            self._merge(con, sorted(term_ids.values()))
            con.execute("UPDATE stats SET chunks = chunks + ?, total_len = total_len + ?",
                        (len(new), sum(sum(counts.values()) for _, _, counts in new)))
        return len(new)

    def delete(self, ids: Sequence[str]) -> int:
        """Remove chunks (unknown ids are ignored); the number removed."""
        if not ids:
            return 0
        with self._writing() as con:
            found: list[tuple[int, int, bytes]] = []
            for part in _batches(list(dict.fromkeys(ids))):
                found += con.execute(
                    f"SELECT rowid, len, terms FROM chunks WHERE id IN ({_marks(len(part))})", part).fetchall()
            if not found:
                return 0
            dead = np.array(sorted(r for r, _, _ in found), dtype=np.int64)
            df_drop = Counter(int(t) for _, _, terms in found for t in np.frombuffer(terms, np.int32))
            con.executemany("UPDATE terms SET df = df - ? WHERE id = ?", [(n, t) for t, n in df_drop.items()])
            affected = sorted(df_drop)
            for part in _batches(affected):
                for seg, data in con.execute(
                        f"SELECT id, data FROM segments WHERE term IN ({_marks(len(part))})", part).fetchall():
                    p = np.frombuffer(data, _POSTING)
                    keep = p[~np.isin(p["row"], dead)]
                    if len(keep) == len(p):
                        continue
                    if len(keep):
                        con.execute("UPDATE segments SET n = ?, data = ? WHERE id = ?",
                                    (len(keep), keep.tobytes(), seg))
                    else:
                        con.execute("DELETE FROM segments WHERE id = ?", (seg,))
                con.execute(f"DELETE FROM terms WHERE df <= 0 AND id IN ({_marks(len(part))})", part)
            for part in _batches(dead.tolist()):
                con.execute(f"DELETE FROM chunks WHERE rowid IN ({_marks(len(part))})", part)
            con.execute("UPDATE stats SET chunks = chunks - ?, total_len = total_len - ?",
                        (len(found), sum(n for _, n, _ in found)))
        return len(found)

    def reset(self) -> None:
        """Drop every chunk."""
        with self._writing() as con:
            for table in ("chunks", "terms", "segments"):
                con.execute(f"DELETE FROM {table}")
            con.execute("UPDATE stats SET chunks = 0, total_len = 0")

    def close(self) -> None:
        """Close the connections."""
        with self._write_lock, self._read_lock:
            self._write_con.close()
            self._read_con.close()

    @staticmethod
    def _upsert_terms(con: sqlite3.Connection, df_add: dict[str, int]) -> dict[str, int]:
        """Add to the terms' document frequencies (creating new terms); term -> id."""
        con.executemany("INSERT INTO terms(term, df) VALUES (?, ?) "
                        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df", list(df_add.items()))
        ids: dict[str, int] = {}
        terms = list(df_add)
        for part in _batches(terms):
            ids.update(con.execute(f"SELECT term, id FROM terms WHERE term IN ({_marks(len(part))})", part))
        return ids

    @staticmethod
    def _merge(con: sqlite3.Connection, term_ids: Sequence[int]) -> None:
        """Merge each term's newest segments while the one before is at most twice their size."""
        segments: dict[int, list[tuple[int, int]]] = {}
        for part in _batches(term_ids):
            for term, seg, n in con.execute(
                    f"SELECT term, id, n FROM segments WHERE term IN ({_marks(len(part))}) ORDER BY term, id", part):
                segments.setdefault(term, []).append((seg, n))
        for term, segs in segments.items():
            tail = [segs.pop()]
            size = tail[0][1]
            while segs and segs[-1][1] <= 2 * size:
                tail.append(segs.pop())
                size += tail[-1][1]
            if len(tail) == 1:
                continue
            ids = sorted(seg for seg, _ in tail)
            blobs = dict(con.execute(f"SELECT id, data FROM segments WHERE id IN ({_marks(len(ids))})", ids))
            con.execute(f"DELETE FROM segments WHERE id IN ({_marks(len(ids))})", ids)
            con.execute("INSERT INTO segments(term, n, data) VALUES (?, ?, ?)",
                        (term, size, b"".join(blobs[i] for i in ids)))


def _bm25(query: Sequence[set[str]], found: dict[str, tuple[int, list[bytes]]], st: Stats,
          total: np.ndarray, best: np.ndarray) -> np.ndarray:
    """Add to `total` (zeros) the score of every chunk rowid: per query word, its best variant's idf x tf
    weight, summed over words; `best` (zeros, left zeroed) is scratch space.

    The arithmetic is the in-memory `BM25`'s, operation for operation, so the scores are the same floats."""
    avg = (st.total_len / st.chunks) or 1.0
    for variants in query:
        hits = []
        for v in sorted(variants):
            if v in found:
                df, blobs = found[v]
                p = np.frombuffer(b"".join(blobs), _POSTING)
                tf, dl = p["tf"].astype(np.float64), p["dl"].astype(np.float64)
                norm = K1 * (1 - B + B * dl / avg)
                hits.append((p["row"], idf(st.chunks, df) * (tf * (K1 + 1) / (tf + norm))))
        if len(hits) == 1:
            rows, weight = hits[0]
            total[rows] += weight
        elif hits:
            for rows, weight in hits:
                best[rows] = np.maximum(best[rows], weight)
            total += best  # untouched chunks add 0.0: their sums are unchanged
            best.fill(0.0)
    return total


def _top(scores: np.ndarray, k: int) -> list[int]:
    """Rowids of the k best positive scores, ties by rowid (insertion order)."""
    rows = np.flatnonzero(scores > 0)
    if len(rows) > k:
        kth = np.partition(scores[rows], len(rows) - k)[len(rows) - k]
        rows = rows[scores[rows] >= kth]
    order = np.lexsort((rows, -scores[rows]))[:k]
    return rows[order].tolist()


def open_lexical_index(path: Path) -> SqliteLexicalStore:
    """The lexical index stored at `path` (created when absent): the one place a backend is chosen."""
    return SqliteLexicalStore(path)
