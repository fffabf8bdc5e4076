"""Step 2, retrieve: dense (multilingual embeddings in Chroma) + lexical BM25 (the persisted lexical index),
fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.models import RetrievedChunk
from assistant.questions import names_file, technical_terms
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.ingest import neighbour_id
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
        date=str(m.get("date", "")),
        language=str(m.get("language", "")),
        page=int(m["page"]) if m.get("page") else None,
        **scores,
    )


@dataclass(frozen=True)
class Retrieval:
    """What retrieval produced: the chunks, the query vector and the lexical index they were ranked with."""

    question: str
    query_vec: list[float]
    chunks: list[RetrievedChunk]
    lexicon: LexicalIndex
    # Each chunk with the text of its neighbours in its document (same order as `chunks`): evidence units are cut
    # from these, so that a chunk boundary never cuts a sentence, an option from its description or a row from
    # its header. Empty: the chunks alone.
    windows: list[RetrievedChunk] = field(default_factory=list)


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

    def named(self, question: str, query_vec: list[float]) -> list[list[tuple[str, float]]]:
        """For a question naming options, paths or files ("--sort", "/etc/hosts"): the nearest chunks that
        mention them word for word, and the nearest chunks of the documents named after them ("de-hosts.5.txt").
        Stemming folds "--sort" into "sortie" and embeddings barely see it across languages, yet the verifier
        only accepts evidence that speaks of what the question names; these lists bring that evidence in."""
        tokens = technical_terms(question)
        if not tokens:
            return []
        lists = [self.index.nearest(query_vec, self.candidates, mentioning=tokens)]
        named = [s for s in self.index.source_counts() if any(names_file(t, s) for t in tokens)]
        if named:
            lists.append(self.index.nearest(query_vec, self.candidates, sources=named))
        return lists

    def lexical(self, question: str, k: int) -> list[tuple[str, float]]:
        """The best chunk ids by BM25, with their scores."""
        return self.lexicon.search(query_terms(question), k)

    def retrieve(self, question: str, k: int, query_vec: list[float] | None = None) -> list[RetrievedChunk]:
        """Top-k chunks by fused rank of dense similarity and BM25."""
        return self.search(question, k, query_vec).chunks

    def search(self, question: str, k: int, query_vec: list[float] | None = None) -> Retrieval:
        """Top-k chunks with what ranked them (query vector, lexical index)."""
        query_vec = query_vec if query_vec is not None else self.embedder.embed_query(question)
        lex_hits = self.lexical(question, self.candidates)

        fused: dict[str, float] = {}
        dense_by_id: dict[str, float] = {}
        for hits in [self.dense(query_vec, self.candidates), *self.named(question, query_vec)]:
            for rank, (cid, sim) in enumerate(hits):
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
        return Retrieval(question, list(query_vec), chunks, self.lexicon, self.windows(chunks))

    def windows(self, chunks: list[RetrievedChunk]) -> list[RetrievedChunk]:
        """Each chunk joined with the chunks before and after it in its document (one read for all)."""
        around = {c.id: (neighbour_id(c.id, -1), neighbour_id(c.id, 1)) for c in chunks}
        found = {n.id: n for n in self.index.get(sorted({n for pair in around.values() for n in pair if n}))}
        out = []
        for c in chunks:
            before, after = (found.get(n) if n else None for n in around[c.id])
            start, text, page = c.start, c.text, c.page
            if before is not None and before.start < start <= before.end:
                joined = _join(before.start, before.text, start, text)
                if joined is not None:
                    start, text, page = before.start, joined, to_retrieved(before).page
            if after is not None and after.start <= start + len(text) <= after.end:
                text = _join(start, text, after.start, after.text) or text
            out.append(c.model_copy(update={"start": start, "end": start + len(text), "text": text, "page": page})
                       if start != c.start or text != c.text else c)
        return out


def _join(a_start: int, a_text: str, b_start: int, b_text: str) -> str | None:
    """Two overlapping spans of one text (a before b) as one, if their overlap agrees (else None)."""
    overlap = a_start + len(a_text) - b_start
    if overlap < 0 or a_text[b_start - a_start:] != b_text[:overlap]:
        return None
    return a_text + b_text[overlap:]
