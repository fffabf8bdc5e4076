"""Step 2, retrieve: dense (multilingual embeddings in Chroma) + lexical BM25, fused by reciprocal rank."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from assistant.lexical import BM25, doc_terms, query_terms
from assistant.models import RetrievedChunk
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.store import ChunkIndex, StoredChunk

RRF_K = 60


def to_retrieved(chunk: StoredChunk, **scores: float | None) -> RetrievedChunk:
    """A stored chunk as a typed retrieval result."""
    m = chunk.metadata
    return RetrievedChunk(
        id=chunk.id,
        source=chunk.source,
        start=chunk.start,
        end=chunk.end,
        text=chunk.text,
        title=str(m.get("title", "")),
        date=str(m.get("date", "")),
        language=str(m.get("language", "")),
        page=int(m["page"]) if m.get("page") is not None else None,
        **scores,
    )


@dataclass(frozen=True)
class LexicalIndex:
    """BM25 over every chunk of the index, as of `count` chunks."""

    count: int
    chunks: list[StoredChunk]
    bm25: BM25


@dataclass(frozen=True)
class Retrieval:
    """What retrieval produced: the chunks, the query vector and the lexical index they were ranked with."""

    question: str
    query_vec: list[float]
    chunks: list[RetrievedChunk]
    lexicon: BM25


class Retriever:
    """Finds the chunks most likely to answer a question, across languages."""

    def __init__(
        self, index: ChunkIndex, embedder: NamedEmbeddings, candidates: int = 24, lexical_weight: float = 1.0
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.lexical_weight = lexical_weight
        self._lexical: LexicalIndex | None = None
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Forget the lexical index (call after ingestion)."""
        with self._lock:
            self._lexical = None

    def lexical_index(self) -> LexicalIndex:
        """The BM25 index over all chunks, rebuilt when the collection's size changes."""
        count = self.index.count()
        with self._lock:
            if self._lexical is None or self._lexical.count != count:
                chunks = self.index.all_chunks()
                bm25 = BM25([doc_terms(c.text, str(c.metadata.get("language", "en"))) for c in chunks])
                self._lexical = LexicalIndex(count, chunks, bm25)
            return self._lexical

    def dense(self, query_vec: list[float], k: int) -> list[tuple[StoredChunk, float]]:
        """The nearest chunks by embedding, with cosine similarity."""
        return self.index.query(query_vec, k)

    def retrieve(self, question: str, k: int, query_vec: list[float] | None = None) -> list[RetrievedChunk]:
        """Top-k chunks by fused rank of dense similarity and BM25."""
        return self.search(question, k, query_vec).chunks

    def search(self, question: str, k: int, query_vec: list[float] | None = None) -> Retrieval:
        """Top-k chunks with what ranked them (query vector, lexical index)."""
        query_vec = query_vec if query_vec is not None else self.embedder.embed_query(question)
        dense_hits = self.dense(query_vec, self.candidates)
        lex = self.lexical_index()
        lex_scores = lex.bm25.scores(query_terms(question))
        lex_ranked = sorted(
            (i for i, s in enumerate(lex_scores) if s > 0), key=lambda i: lex_scores[i], reverse=True
        )[: self.candidates]

        fused: dict[str, float] = {}
        dense_by_id: dict[str, float] = {}
        chunk_by_id: dict[str, StoredChunk] = {}
        for rank, (chunk, sim) in enumerate(dense_hits):
            fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            dense_by_id[chunk.id] = sim
            chunk_by_id[chunk.id] = chunk
        lex_by_id: dict[str, float] = {}
        for rank, i in enumerate(lex_ranked):
            chunk = lex.chunks[i]
            fused[chunk.id] = fused.get(chunk.id, 0.0) + self.lexical_weight / (RRF_K + rank + 1)
            lex_by_id[chunk.id] = lex_scores[i]
            chunk_by_id.setdefault(chunk.id, chunk)
        best = sorted(fused, key=lambda cid: fused[cid], reverse=True)[:k]
        chunks = [
            to_retrieved(
                chunk_by_id[cid], score=fused[cid], dense=dense_by_id.get(cid), lexical=lex_by_id.get(cid)
            )
            for cid in best
        ]
        return Retrieval(question, list(query_vec), chunks, lex.bm25)
