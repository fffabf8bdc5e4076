"""Step 2, retrieve: dense (multilingual embeddings in Chroma) + lexical BM25 (the persisted lexical index),
fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.models import RetrievedChunk
from assistant.unit_vectors import FIELD as UNIT_VECTORS
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.lexical import LexicalIndex
from vectorstore.stemming import query_terms
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
        byline=str(m.get("byline", "")),
        date=str(m.get("date", "")),
        language=str(m.get("language", "")),
        page=int(m["page"]) if m.get("page") else None,
        unit_vectors=str(m.get(UNIT_VECTORS, "")),
        **scores,
    )


@dataclass(frozen=True)
class Retrieval:
    """What retrieval produced: the chunks, the query vector and the lexical index they were ranked with."""

    question: str
    query_vec: list[float]
    chunks: list[RetrievedChunk]
    lexicon: LexicalIndex


class Retriever:
    """Finds the chunks most likely to answer a question, across languages."""

    def __init__(
        self, index: ChunkIndex, embedder: NamedEmbeddings, candidates: int = 24, lexical_weight: float = 1.0
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.lexical_weight = lexical_weight

    @property
    def lexicon(self) -> LexicalIndex:
        """The lexical index (persisted and updated with ingestion: nothing to rebuild here)."""
        return self.index.lexical

    def dense(self, query_vec: list[float], k: int) -> list[tuple[str, float]]:
        """The nearest chunk ids by embedding, with cosine similarity."""
        return self.index.nearest(query_vec, k)

    def lexical(self, question: str, k: int) -> list[tuple[str, float]]:
        """The best chunk ids by BM25, with their scores."""
        return self.lexicon.search(query_terms(question), k)

    def retrieve(self, question: str, k: int, query_vec: list[float] | None = None) -> list[RetrievedChunk]:
        """Top-k chunks by fused rank of dense similarity and BM25."""
        return self.search(question, k, query_vec).chunks

    def search(self, question: str, k: int, query_vec: list[float] | None = None) -> Retrieval:
        """Top-k chunks with what ranked them (query vector, lexical index)."""
        query_vec = query_vec if query_vec is not None else self.embedder.embed_query(question)
        dense_hits = self.dense(query_vec, self.candidates)
        lex_hits = self.lexical(question, self.candidates)

        fused: dict[str, float] = {}
        dense_by_id: dict[str, float] = {}
        for rank, (cid, sim) in enumerate(dense_hits):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
            dense_by_id[cid] = sim
        lex_by_id: dict[str, float] = {}
        for rank, (cid, score) in enumerate(lex_hits):
            fused[cid] = fused.get(cid, 0.0) + self.lexical_weight / (RRF_K + rank + 1)
            lex_by_id[cid] = score
        best = sorted(fused, key=lambda cid: fused[cid], reverse=True)[:k]
        # Only the winners' texts are read, in one call (a chunk deleted meanwhile is left out).
        chunks = [
            to_retrieved(c, score=fused[c.id], dense=dense_by_id.get(c.id), lexical=lex_by_id.get(c.id))
            for c in self.index.get(best)
        ]
        return Retrieval(question, list(query_vec), chunks, self.lexicon)
