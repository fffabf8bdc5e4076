"""Step 3, select evidence: pick the sentences inside retrieved chunks that answer the question, and score
how well they do (the scores the abstention policy reads)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from assistant.embed_cache import EmbeddingCache
from assistant.injection import looks_like_instruction
from assistant.lexical import query_terms
from assistant.models import Evidence, RetrievedChunk
from assistant.questions import matches_type, question_wants, unknown_names
from assistant.retrieval import Retrieval
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.text import fold, normalize, split_sentences, words


@dataclass(frozen=True)
class Weights:
    """How sentence features combine; tuned on the dev split (see evals/)."""

    lexical: float = 0.12
    type_match: float = 0.03
    type_miss: float = 0.04
    chunk_rank: float = 0.01
    margin: float = 0.06
    title_context: bool = False


@dataclass
class Selection:
    """Selected evidence and the signals the abstention policy reads."""

    evidence: list[Evidence]
    best_score: float
    wants: str | None
    unknown: list[str] = field(default_factory=list)

    @property
    def type_ok(self) -> bool:
        """Some evidence is of the kind the question asks for (else quoting it cannot answer)."""
        return any(matches_type(self.wants, e.quote) for e in self.evidence)


def _is_prose(sentence: str) -> bool:
    """A sentence worth quoting: several words, not a URL, caption or hashtag line."""
    tokens = sentence.split()
    return len(tokens) >= 4 and len(words(sentence)) >= 3 and sentence.count("#") < 2


def candidate_sentences(chunks: list[RetrievedChunk]) -> list[tuple[RetrievedChunk, int, int, str, int]]:
    """(chunk, start, end, quote, chunk rank) for every quotable sentence, each once."""
    seen: set[tuple[str, int]] = set()
    cands: list[tuple[RetrievedChunk, int, int, str, int]] = []
    for rank, chunk in enumerate(chunks):
        for s in split_sentences(chunk.text):
            start, end = chunk.start + s.start, chunk.start + s.end
            quote = chunk.text[s.start:s.end]
            if (chunk.source, start) in seen or not _is_prose(quote) or looks_like_instruction(quote):
                continue
            seen.add((chunk.source, start))
            cands.append((chunk, start, end, quote, rank))
    return cands


class EvidenceSelector:
    """Scores every sentence of the retrieved chunks and keeps the few that answer the question."""

    def __init__(self, embedder: NamedEmbeddings, weights: Weights | None = None, cache_size: int = 20_000):
        self.weights = weights or Weights()
        self.cache = EmbeddingCache(embedder, cache_size)

    def select(self, retrieval: Retrieval, limit: int, lang: str = "en") -> Selection:
        """Rank candidate sentences and keep the best few (within `margin` of the best)."""
        w = self.weights
        question, bm25, chunks = retrieval.question, retrieval.lexicon, retrieval.chunks
        unknown = unknown_names(question, lang, bm25)
        wants = question_wants(question)
        q_terms = query_terms(question)
        idfs = [bm25.term_idf(v) for v in q_terms]
        known = [(v, idf) for v, idf in zip(q_terms, idfs, strict=True) if idf > 0]
        total_idf = sum(idf for _, idf in known) or 1.0

        cands = candidate_sentences(chunks)
        if not cands:
            return Selection([], 0.0, wants, unknown)

        texts = [
            normalize(f"{c.title}. {q}" if w.title_context and c.title and c.title not in q else q)
            for c, _, _, q, _ in cands
        ]
        dense = self.cache.embed(texts) @ np.asarray(retrieval.query_vec, dtype=np.float32)
        scored = []
        for (chunk, start, end, quote, rank), d in zip(cands, dense, strict=True):
            sent_words = set()
            for word in words(quote):
                sent_words |= set().union(*query_terms(word)) if not word.isdigit() else {word}
            matched = sum(idf for v, idf in known if v & sent_words)
            score = float(d) + w.lexical * matched / total_idf - w.chunk_rank * rank / max(1, len(chunks))
            if wants:
                score += w.type_match if matches_type(wants, quote) else -w.type_miss
            scored.append((score, chunk, start, end, quote))
        scored.sort(key=lambda x: x[0], reverse=True)
        best = scored[0][0]
        picked: list[Evidence] = []
        folded_seen: set[str] = set()
        for score, chunk, start, end, quote in scored:
            if len(picked) >= limit or score < best - w.margin:
                break
            key = fold(quote)[:120]
            if key in folded_seen:
                continue
            folded_seen.add(key)
            picked.append(
                Evidence(number=len(picked) + 1, source=chunk.source, start=start, end=end, quote=quote,
                         chunk=chunk, score=round(score, 4))
            )
        return Selection(picked, best, wants, unknown)
