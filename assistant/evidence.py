"""Evidence first: pick the sentences inside retrieved chunks that answer the question, and decide
whether the documents answer it at all."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from assistant.lexical import BM25, fold, query_terms, words
from assistant.models import Evidence, RetrievedChunk
from assistant.numbers import has_number
from vectorstore.chunking import split_sentences
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.loaders import normalize

_NUMBER_Q = re.compile(
    r"\b(how many|how much|what percentage|what share|what proportion|how large|how big|how high|"
    r"what number|what amount|combien|quel pourcentage|quelle part|quel montant|quelle proportion|"
    r"quel nombre|quelle valeur|quel niveau|wie viele|wie viel|wieviel|welcher anteil|wie hoch|wie gro(?:ß|ss))\b",
    re.IGNORECASE,
)
_DATE_Q = re.compile(
    r"\b(when|what year|which year|what date|quand|quelle ann[ée]e|quelle date|wann|welche[mns]? jahr|"
    r"welche[mns]? datum|seit wann)\b",
    re.IGNORECASE,
)
_YEAR_OR_MONTH = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|january|february|march|april|june|july|august|september|october|november|"
    r"december|januar|februar|märz|juni|juli|oktober|dezember)\b",
    re.IGNORECASE,
)
# Text that addresses a language model is data to quote at most, never evidence to act on.
_INSTRUCTION = re.compile(
    r"(ignore|disregard|forget)\s+(all\s+|any\s+|the\s+)?(previous|prior|above|earlier)\s+(instructions|prompts?)"
    r"|ignorez\s+(toutes\s+)?les\s+instructions|ignoriere\s+(alle\s+)?(vorherigen\s+)?anweisungen"
    r"|\b(system prompt|you are now|as an ai|assistant:|réponds?\s+uniquement|antworte\s+nur)\b"
    r"|\b(answer|respond|reply)\s+(only\s+)?with\b",
    re.IGNORECASE,
)


def question_wants(question: str) -> str | None:
    """"number", "date" or None: what kind of fact the question asks for."""
    if _NUMBER_Q.search(question):
        return "number"
    if _DATE_Q.search(question):
        return "date"
    return None


def looks_like_instruction(sentence: str) -> bool:
    """Whether a corpus sentence tries to instruct the model (prompt injection)."""
    return bool(_INSTRUCTION.search(sentence))


@dataclass(frozen=True)
class Weights:
    """How sentence features combine; tuned on the eval set (see evals/)."""

    lexical: float = 0.12
    type_match: float = 0.03
    type_miss: float = 0.04
    chunk_rank: float = 0.01
    margin: float = 0.06
    abstain_below: float = 0.815


@dataclass
class Selection:
    """Selected evidence and the scores that decided abstention."""

    evidence: list[Evidence]
    best_score: float
    answerable: bool
    wants: str | None


class EvidenceSelector:
    """Scores every sentence of the retrieved chunks and keeps the few that answer the question."""

    def __init__(self, embedder: NamedEmbeddings, weights: Weights | None = None, cache_size: int = 20_000):
        self.embedder = embedder
        self.weights = weights or Weights()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vecs = np.asarray(self.embedder.embed_documents(missing), dtype=np.float32)
            with self._lock:
                for t, v in zip(missing, vecs, strict=True):
                    self._cache[t] = v
                    if len(self._cache) > self._cache_size:
                        self._cache.popitem(last=False)
        with self._lock:
            return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 1), np.float32)

    def select(
        self, question: str, query_vec: list[float], chunks: list[RetrievedChunk], bm25: BM25 | None, limit: int
    ) -> Selection:
        """Rank candidate sentences; abstain when the best is too weak."""
        w = self.weights
        wants = question_wants(question)
        q_terms = query_terms(question)
        idfs = [bm25.term_idf(v) if bm25 else 1.0 for v in q_terms]
        known = [(v, idf) for v, idf in zip(q_terms, idfs, strict=True) if idf > 0]
        total_idf = sum(idf for _, idf in known) or 1.0

        seen: set[tuple[str, int]] = set()
        cands: list[tuple[RetrievedChunk, int, int, str, int]] = []
        for rank, chunk in enumerate(chunks):
            for s in split_sentences(chunk.text):
                start, end = chunk.start + s.start, chunk.start + s.end
                quote = chunk.text[s.start:s.end]
                if (chunk.source, start) in seen or len(words(quote)) < 3 or looks_like_instruction(quote):
                    continue
                seen.add((chunk.source, start))
                cands.append((chunk, start, end, quote, rank))
        if not cands:
            return Selection([], 0.0, False, wants)

        texts = [normalize(f"{c.title}. {q}" if c.title and c.title not in q else q) for c, _, _, q, _ in cands]
        dense = self._embed(texts) @ np.asarray(query_vec, dtype=np.float32)
        scored = []
        for (chunk, start, end, quote, rank), d in zip(cands, dense, strict=True):
            sent_words = set()
            for word in words(quote):
                sent_words |= set().union(*query_terms(word)) if not word.isdigit() else {word}
            matched = sum(idf for v, idf in known if v & sent_words)
            score = float(d) + w.lexical * matched / total_idf - w.chunk_rank * rank / max(1, len(chunks))
            if wants == "number":
                score += w.type_match if has_number(quote) else -w.type_miss
            elif wants == "date":
                score += w.type_match if _YEAR_OR_MONTH.search(quote) else -w.type_miss
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
        return Selection(picked, best, best >= w.abstain_below, wants)
