"""Incremental, idempotent ingestion of corpus/ into the chunk index.

The index itself is the record: chunk ids are derived from the file's name, its content hash and the
chunking settings, so an unchanged file is skipped, a changed file gets new ids (the old ones are
deleted), and an ingestion killed halfway is completed by the next run without re-embedding what
was already written. What is stored is read from the lexical index's chunk table (after `reconcile` has
made it Chroma's), not from Chroma's metadata, which takes a minute to read at 100,000 chunks.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tiktoken
from tqdm import tqdm

from vectorstore.chunking import chunk_text
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.errors import IngestError
from vectorstore.loaders import Document, LoadLimits, SkippedFile, load_corpus
from vectorstore.store import ChunkIndex, StoredChunk
from vectorstore.text import normalize

# 2: sentences cross wrapped lines; option, list, table and code blocks (text.py); 3: long sentences cut at clause ends;
# 4: each chunk stores its document's byline (loaders.find_byline)
CHUNKER_VERSION = "4"
BATCH = 32


@dataclass
class IngestReport:
    """What one ingestion run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    chunks_written: int = 0
    chunks_deleted: int = 0
    chunks_total: int = 0
    lexical_repaired: int = 0  # chunks the lexical index was missing or had too many before this run
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.chunks_written or self.chunks_deleted)

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.deleted)} deleted",
            f"{len(self.skipped)} skipped",
        ]
        repaired = f" Lexical index: {self.lexical_repaired} chunks repaired." if self.lexical_repaired else ""
        return (
            f"Files: {', '.join(parts)}. Chunks: {self.chunks_written} written, "
            f"{self.chunks_deleted} deleted, {self.chunks_total} in the index ({self.seconds:.1f} s).{repaired}"
        )


def fingerprint(encoding: str, chunk_tokens: int, chunk_overlap: int) -> str:
    """Identifies the chunking configuration; changing it re-chunks every file."""
    raw = f"{CHUNKER_VERSION}|{encoding}|{chunk_tokens}|{chunk_overlap}"
    return hashlib.sha1(raw.encode()).hexdigest()[:8]


def build_chunks(doc: Document, enc: tiktoken.Encoding, size: int, overlap: int, fp: str) -> list[StoredChunk]:
    """Chunk one document into records ready for the index."""
    spans = chunk_text(doc.text, enc, size, overlap)
    return [
        StoredChunk(
            id=f"{doc.source}#{doc.sha256[:16]}-{fp}#{s.index}",
            text=s.text,
            metadata=_pages(doc, s.start, s.end) | {
                "source": doc.source,
                "start": s.start,
                "end": s.end,
                "chunk_index": s.index,
                "n_chunks": len(spans),
                "sha256": doc.sha256,
                "fingerprint": fp,
                "title": doc.title,
                "byline": doc.byline,
                "date": doc.date or "",
                "language": doc.language,
                "n_tokens": s.n_tokens,
            },
        )
        for s in spans
    ]


def _pages(doc: Document, start: int, end: int) -> dict[str, int]:
    """`page` and `page_end` (1-based) of a chunk of a paged document (PDF); nothing for other files."""
    if not doc.page_starts:
        return {}
    return {"page": doc.page_of(start) or 1, "page_end": doc.page_of(max(start, end - 1)) or 1}


def embedding_text(chunk: StoredChunk) -> str:
    """What the embedder sees: the title for context, then the chunk, whitespace-normalised."""
    title = chunk.metadata.get("title", "")
    body = normalize(chunk.text)
    return body if chunk.metadata.get("chunk_index") == 0 or not title else f"{normalize(title)}. {body}"


@contextlib.contextmanager
def ingest_lock(data_dir: Path, wait: bool = True) -> Iterator[bool]:
    """One ingestion at a time per data directory; with `wait=False`, yields whether the lock was free."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "ingest.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ingest(
    corpus_dir: Path,
    index: ChunkIndex,
    embedder: NamedEmbeddings,
    encoding: Callable[[], tiktoken.Encoding],
    *,
    chunk_tokens: int,
    chunk_overlap: int,
    encoding_name: str,
    progress: bool = True,
    limits: LoadLimits | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    annotate: Callable[[list[StoredChunk]], list[dict[str, Any]]] | None = None,
) -> IngestReport:
    """Bring the index in line with the corpus folder; safe to re-run and to interrupt.

    `encoding()` gives the tokenizer, asked for only when a file needs chunking; `on_progress(done, total)`
    is called as chunks are embedded (for progress bars other than the console's); `annotate(chunks)` gives
    metadata to store with each chunk of a batch (what the layer above computes from chunks, e.g. its units'
    vectors), written in the same upsert.
    """
    started = time.perf_counter()
    if not corpus_dir.is_dir():
        raise IngestError(
            f"Corpus folder {corpus_dir} does not exist. Create it and add .txt, .md, .html, .pdf or .docx files."
        )
    fp = fingerprint(encoding_name, chunk_tokens, chunk_overlap)
    repaired = index.reconcile()  # the lexical index's catalogue must be Chroma's before it is compared
    stored: dict[str, set[str]] = defaultdict(set)
    n_chunks: dict[str, set[int]] = defaultdict(set)
    for chunk_id, source, n in index.catalogue():
        stored[source].add(chunk_id)
        n_chunks[source].add(n)

    def known(source: str, sha256: str) -> bool:
        """Every chunk of this content, with these chunking settings, is already stored."""
        ids, prefix = stored.get(source, set()), f"{source}#{sha256[:16]}-{fp}#"
        return bool(ids) and n_chunks[source] == {len(ids)} and all(i.startswith(prefix) for i in ids)

    loaded = load_corpus(corpus_dir, limits or LoadLimits(), known)
    report = IngestReport(skipped=loaded.skipped, unchanged=list(loaded.known), lexical_repaired=repaired)

    to_write: list[StoredChunk] = []
    to_delete: list[str] = []
    for doc in loaded.documents:
        chunks = build_chunks(doc, encoding(), chunk_tokens, chunk_overlap, fp)
        wanted = {c.id for c in chunks}
        have = stored.get(doc.source, set())
        if have == wanted:
            report.unchanged.append(doc.source)
            continue
        (report.updated if have else report.added).append(doc.source)
        to_write.extend(c for c in chunks if c.id not in have)
        to_delete.extend(sorted(have - wanted))

    present = {d.source for d in loaded.documents} | {s.source for s in loaded.skipped} | set(loaded.known)
    for source, ids in sorted(stored.items()):
        if source not in present:
            report.deleted.append(source)
            to_delete.extend(sorted(ids))

    # Write new chunks before deleting old ones: an interrupted run never leaves a file with no chunks.
    bar = tqdm(total=len(to_write), unit="chunk", desc="Embedding", disable=not progress or not to_write)
    if on_progress:
        on_progress(0, len(to_write))
    for i in range(0, len(to_write), BATCH):
        batch = to_write[i:i + BATCH]
        vectors = embedder.embed_documents([embedding_text(c) for c in batch])
        if annotate:
            batch = [StoredChunk(c.id, c.text, c.metadata | extra) for c, extra in zip(batch, annotate(batch),
                                                                                      strict=True)]
        index.upsert(batch, vectors)
        report.chunks_written += len(batch)
        bar.update(len(batch))
        if on_progress:
            on_progress(report.chunks_written, len(to_write))
    bar.close()
    index.delete(to_delete)
    report.chunks_deleted = len(to_delete)
    report.chunks_total = index.size()  # Chroma's count, kept by the lexical index (Chroma counts one by one)
    report.seconds = time.perf_counter() - started
    return report
