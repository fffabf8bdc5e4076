"""The chunk index: vectors and texts in Chroma (embedded, or a `chroma run` server by URL), mirrored into the
lexical index on every write."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from vectorstore.errors import IndexUnavailableError
from vectorstore.lexical_store import SqliteLexicalStore

_PAGE = 1000
_ID_PAGE = 10_000  # ids alone: 100,000 ids take 5.3 s to list by pages of 1,000 (offset paging), 0.8 s by 10,000


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as stored: its text and metadata (source, start, end, title, date, language, ...)."""

    id: str
    text: str
    metadata: dict[str, Any]

    @property
    def source(self) -> str:
        return str(self.metadata["source"])

    @property
    def start(self) -> int:
        return int(self.metadata["start"])

    @property
    def end(self) -> int:
        return int(self.metadata["end"])


def make_client(url: str | None, path: Path) -> Any:
    """A Chroma client: HttpClient when `url` is set, else a PersistentClient stored at `path`."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if url:
            parsed = urlparse(url if "://" in url else f"http://{url}")
            return chromadb.HttpClient(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=chroma_settings,
            )
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises bare ValueError/ConnectionError variants
        where = url or path
        raise IndexUnavailableError(f"Cannot open the Chroma index at {where}: {exc}") from exc


def collection_name(base: str, embedder_name: str) -> str:
    """One collection per embedding space, so switching embedders never mixes vectors."""
    name = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{base}-{embedder_name}").strip("-._")
    return name[:120]


def lexical_file(collection: str, url: str | None) -> str:
    """The lexical index's file name: one per collection and per Chroma store it mirrors."""
    if not url:
        return f"{collection}.sqlite3"
    where = re.sub(r"[^a-zA-Z0-9.-]+", "-", url.split("://", 1)[-1]).strip("-.")
    return f"{collection}@{where}.sqlite3"


class ChunkIndex:
    """Chunks with their embeddings in one Chroma collection, and their terms in its lexical index.

    Every write goes to Chroma first, then to the lexical index, with the same ids; `reconcile` repairs a
    crash between the two. Never lets Chroma embed anything."""

    def __init__(self, client: Any, name: str, lexical: SqliteLexicalStore) -> None:
        self.client = client
        self.name = name
        self.lexical = lexical
        self._collection = self._open()

    @staticmethod
    def _call(fn):
        try:
            return fn()
        except IndexUnavailableError:
            raise
        except Exception as exc:
            if _is_connection_error(exc):
                raise IndexUnavailableError(
                    "The Chroma server is not reachable. Start it (chroma run) or unset ASSISTANT_CHROMA_URL."
                ) from exc
            raise

    def _open(self) -> Any:
        return self._call(
            lambda: self.client.get_or_create_collection(
                self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        )

    def reset(self) -> None:
        """Drop every chunk (the collection is recreated in place: holders of this index stay valid)."""
        try:
            self._call(lambda: self.client.delete_collection(self.name))
        except IndexUnavailableError:
            raise
        except Exception:  # absent collection: nothing to drop
            pass
        self._collection = self._open()
        self.lexical.reset()

    def count(self) -> int:
        """Chunks in Chroma (it counts them one by one: 12 ms at 100,000 chunks; `size` is the cheap one)."""
        return self._call(self._collection.count)

    def size(self) -> int:
        """Chunks indexed, from the lexical index's counter (equal to `count` once `reconcile` has run)."""
        return self.lexical.count()

    def catalogue(self) -> list[tuple[str, str, int]]:
        """(chunk id, source, the source's number of chunks) of every chunk, from the lexical index's table:
        what ingestion compares the corpus folder with (reading Chroma's metadata takes a minute at 100,000)."""
        return self.lexical.catalogue()

    def source_counts(self) -> dict[str, int]:
        """Chunks per source file (from the lexical index's table)."""
        return self.lexical.source_counts()

    def upsert(self, chunks: Sequence[StoredChunk], embeddings: Sequence[Sequence[float]]) -> None:
        if not chunks:
            return
        self._call(
            lambda: self._collection.upsert(
                ids=[c.id for c in chunks],
                documents=[c.text for c in chunks],
                metadatas=[c.metadata for c in chunks],
                embeddings=[list(e) for e in embeddings],
            )
        )
        self.lexical.add(chunks)

    def delete(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), _PAGE):
            batch = list(ids[i:i + _PAGE])
            self._call(lambda b=batch: self._collection.delete(ids=b))
            self.lexical.delete(batch)

    def delete_source(self, source: str) -> int:
        """Delete every chunk of one file; the number deleted."""
        ids = self._call(lambda: self._collection.get(where={"source": source}, include=[]))["ids"]
        self.delete(ids)
        return len(ids)

    def ids(self) -> Iterator[str]:
        """Every stored chunk id, paged."""
        offset = 0
        while True:
            page = self._call(lambda o=offset: self._collection.get(include=[], limit=_ID_PAGE, offset=o))
            yield from page["ids"]
            if len(page["ids"]) < _ID_PAGE:
                return
            offset += _ID_PAGE

    def get(self, ids: Sequence[str]) -> list[StoredChunk]:
        """The chunks with these ids, in that order (ids not stored are left out)."""
        found: dict[str, StoredChunk] = {}
        for i in range(0, len(ids), _PAGE):
            batch = list(ids[i:i + _PAGE])
            page = self._call(lambda b=batch: self._collection.get(ids=b, include=["documents", "metadatas"]))
            found.update((cid, StoredChunk(cid, d, m))
                         for cid, d, m in zip(page["ids"], page["documents"], page["metadatas"], strict=True))
        return [found[cid] for cid in ids if cid in found]

    def reconcile(self) -> int:
        """Make the lexical index hold exactly Chroma's chunks; the number of chunks it added or removed.

        Cheap when both hold as many chunks (the usual case: writes are sequential, so a crash between a Chroma
        write and its mirror always leaves the counts apart); otherwise compares the ids and indexes only
        what is missing (everything, the first time an existing Chroma index is opened)."""
        if self.count() == self.lexical.count():
            return 0
        in_chroma = list(self.ids())
        in_lexical = set(self.lexical.ids())
        extra = sorted(in_lexical.difference(in_chroma))
        missing = [i for i in in_chroma if i not in in_lexical]
        self.lexical.delete(extra)
        for i in range(0, len(missing), _PAGE):
            self.lexical.add(self.get(missing[i:i + _PAGE]))
        return len(extra) + len(missing)

    def iter_metadata(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, metadata) for every stored chunk, paged (a full scan of Chroma: for tests, never at start-up)."""
        offset = 0
        while True:
            page = self._call(lambda o=offset: self._collection.get(include=["metadatas"], limit=_PAGE, offset=o))
            yield from zip(page["ids"], page["metadatas"], strict=True)
            if len(page["ids"]) < _PAGE:
                return
            offset += _PAGE

    def all_chunks(self) -> list[StoredChunk]:
        """Every stored chunk with its text (a full scan: for tests and benchmarks, never on a query's path)."""
        out: list[StoredChunk] = []
        offset = 0
        while True:
            page = self._call(
                lambda o=offset: self._collection.get(include=["documents", "metadatas"], limit=_PAGE, offset=o)
            )
            out.extend(
                StoredChunk(i, d, m) for i, d, m in zip(page["ids"], page["documents"], page["metadatas"], strict=True)
            )
            if len(page["ids"]) < _PAGE:
                return out
            offset += _PAGE

    def nearest(self, embedding: Sequence[float], k: int) -> list[tuple[str, float]]:
        """The ids of the k nearest chunks with cosine similarity (fewer when the collection holds fewer).

        Ids only: reading 24 chunks' texts and metadata tripled the query's time at 20,000 chunks, and only
        the few that win the fusion are needed (`get`)."""
        res = self._call(
            lambda: self._collection.query(query_embeddings=[list(embedding)], n_results=k, include=["distances"])
        )
        return [(cid, 1.0 - float(dist)) for cid, dist in zip(res["ids"][0], res["distances"][0], strict=True)]


def _is_connection_error(exc: Exception) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return any(w in text for w in ("connect", "connection", "refused", "timed out", "unreachable"))
