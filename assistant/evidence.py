"""Step 3, select evidence: pick the sentences inside retrieved chunks that answer the question, and score
how well they do (the scores the abstention policy reads)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.embed_cache import EmbeddingCache
from assistant.injection import looks_like_instruction
from assistant.models import Evidence, RetrievedChunk
from assistant.questions import matches_type, question_wants, unknown_names
from assistant.retrieval import Retrieval, to_retrieved
from assistant.terms import TermMatcher
from assistant.unit_vectors import FIELD as UNIT_VECTORS
from assistant.unit_vectors import pack, unpack
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.stemming import query_terms
from vectorstore.store import StoredChunk
from vectorstore.text import evidence_units, fold, normalize, words

log = logging.getLogger(__name__)


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


def _quotable(quote: str, context: str) -> bool:
    """Worth quoting: several words with its context, not a URL, caption or hashtag line."""
    both = f"{context} {quote}"
    return len(both.split()) >= 4 and len(words(both)) >= 3 and quote.count("#") < 2 and bool(words(quote))


@dataclass(frozen=True)
class Candidate:
    """A unit of a retrieved chunk that could answer: its exact span, quote and context."""

    chunk: RetrievedChunk
    start: int
    end: int
    quote: str
    context: str
    rank: int


def candidate_units(chunks: list[RetrievedChunk]) -> list[Candidate]:
    """Every quotable unit (sentence, list item, table row with its header) of the chunks, each once."""
    seen: set[tuple[str, int]] = set()
    cands: list[Candidate] = []
    for rank, chunk in enumerate(chunks):
        for u in evidence_units(chunk.text):
            start = chunk.start + u.start
            quote, context = chunk.text[u.start:u.end], chunk.text[u.context_start:u.context_end].strip()
            if (chunk.source, start) in seen or not _quotable(quote, context):
                continue
            if looks_like_instruction(quote) or looks_like_instruction(context):
                continue
            seen.add((chunk.source, start))
            cands.append(Candidate(chunk, start, chunk.start + u.end, quote, context, rank))
    return cands


class EvidenceSelector:
    """Scores every sentence of the retrieved chunks and keeps the few that answer the question."""

    def __init__(self, embedder: NamedEmbeddings, weights: Weights | None = None, cache_size: int = 20_000,
                 count_tokens: Callable[[str], int] | None = None):
        self.weights = weights or Weights()
        self.cache = EmbeddingCache(embedder, cache_size)
        self.count_tokens = count_tokens  # None: no token budget

    def _text(self, c: Candidate) -> str:
        """What the embedder sees of a unit: its context and quote (and the document's title, for its subject)."""
        text = normalize(f"{c.context} {c.quote}" if c.context else c.quote)
        titled = self.weights.title_context and c.chunk.title and c.chunk.title not in text
        return f"{c.chunk.title}. {text}" if titled else text

    def unit_vectors(self, chunks: list[StoredChunk]) -> list[dict[str, str]]:
        """At ingestion: each chunk's units embedded, as metadata to store with the chunk."""
        texts = [[self._text(c) for c in candidate_units([to_retrieved(chunk)])] for chunk in chunks]
        flat = [t for ts in texts for t in ts]
        vectors = np.asarray(self.cache.embedder.embed_documents(flat), dtype=np.float32) if flat else None
        out, at = [], 0
        for ts in texts:
            out.append({UNIT_VECTORS: pack(ts, vectors[at:at + len(ts)])} if ts and vectors is not None else {})
            at += len(ts)
        return out

    def _recall_stored(self, chunks: list[RetrievedChunk]) -> None:
        """Put the unit vectors stored with the chunks into the cache (none for chunks ingested without them)."""
        for chunk in chunks:
            if not chunk.unit_vectors:
                continue
            texts = [self._text(c) for c in candidate_units([chunk])]
            if not self.cache.missing(texts):
                continue
            vectors = unpack(chunk.unit_vectors, texts)
            if vectors is None:  # cut otherwise since ingestion: embedded per question until re-ingested
                log.debug("stale unit vectors for chunk %s", chunk.id)
            else:
                self.cache.put(texts, vectors)

    def select(self, retrieval: Retrieval, limit: int, lang: str = "en", max_tokens: int | None = None) -> Selection:
        """Rank candidate sentences and keep the best few (within `margin` of the best); with `max_tokens`, a
        lower-ranked unit that would take the evidence past that many tokens is left out (the best never is)."""
        w = self.weights
        question, lexicon, chunks = retrieval.question, retrieval.lexicon, retrieval.chunks
        unknown = unknown_names(question, lang, lexicon)
        wants = question_wants(question)
        q_terms = query_terms(question)
        idfs = [lexicon.term_idf(v) for v in q_terms]
        known = [(v, idf) for v, idf in zip(q_terms, idfs, strict=True) if idf > 0]
        total_idf = sum(idf for _, idf in known) or 1.0

        cands = candidate_units(chunks)
        if not cands:
            return Selection([], 0.0, wants, unknown)

        self._recall_stored(chunks)
        texts = [self._text(c) for c in cands]
        dense = self.cache.embed(texts) @ np.asarray(retrieval.query_vec, dtype=np.float32)
        scored: list[tuple[float, Candidate]] = []
        for c, d in zip(cands, dense, strict=True):
            sent_words = set()
            for word in words(f"{c.context} {c.quote}"):
                sent_words |= set().union(*query_terms(word)) if not word.isdigit() else {word}
            matched = sum(idf for v, idf in known if v & sent_words)
            score = float(d) + w.lexical * matched / total_idf - w.chunk_rank * c.rank / max(1, len(chunks))
            if wants:
                score += w.type_match if matches_type(wants, c.quote) else -w.type_miss
            scored.append((score, c))
        scored.sort(key=lambda x: x[0], reverse=True)
        best = scored[0][0]
        picked: list[Evidence] = []
        folded_seen: set[str] = set()
        count = self.count_tokens if max_tokens else None  # no budget without a limit and a tokenizer
        used = 0
        for score, c in scored:
            if len(picked) >= limit or score < best - w.margin:
                break
            key = fold(c.quote)[:120]
            if key in folded_seen:
                continue
            if count is not None and max_tokens:
                # The model reads the prompt at tens of tokens per second on a small CPU: a long table or list
                # unit far down the ranking costs seconds before the first word (issue 13).
                cost = count(f"{c.context} {c.quote}" if c.context else c.quote)
                if picked and used + cost > max_tokens:
                    continue
                used += cost
            folded_seen.add(key)
            picked.append(
                Evidence(number=len(picked) + 1, source=c.chunk.source, start=c.start, end=c.end, quote=c.quote,
                         chunk=c.chunk, score=round(score, 4), context=c.context)
            )
        return Selection(picked, best, wants, unknown)


def evidence_signals(selection: Selection, question: str, m: TermMatcher) -> dict[str, float]:
    """The numbers abstention is decided on: the best score, and how much of the question the evidence covers."""
    terms = m.terms(question)
    covers = [m.coverage(terms, e.support) for e in selection.evidence]
    return {
        "best_score": round(selection.best_score, 4),
        "best_coverage": round(max(covers, default=0.0), 4),
        "first_coverage": round(covers[0], 4) if covers else 0.0,
        "type_ok": float(selection.type_ok),
        "unknown_names": float(len(selection.unknown)),
    }


def answer_signals(selection: Selection, cited: list[int], facts: int, question: str, lang: str,
                   m: TermMatcher) -> dict[str, float]:
    """What the answer rests on: the evidence it cites (score, rank, key-term coverage, language) and how
    many of its claims were checked against a quote."""
    chosen = [e for e in selection.evidence if e.number in cited]
    if not chosen:
        return {}
    terms = m.terms(question)
    return {
        "cited_score": round(max(e.score for e in chosen), 4),
        "cited_rank": float(min(e.number for e in chosen)),
        "cited_coverage": round(max(m.coverage(terms, e.support) for e in chosen), 4),
        "cross_lingual": float(all((e.chunk.language or lang) != lang for e in chosen)),
        "facts": float(facts),
    }
