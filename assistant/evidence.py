"""Evidence first: pick the sentences inside retrieved chunks that answer the question, and decide
whether the documents answer it at all."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

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
_PERSON_Q = re.compile(r"^\s*(who|whom|qui|wer|wem|wen)\b|\b(who is|qui est|wer ist)\b", re.IGNORECASE)
# Two or three capitalised words not starting the sentence: "Yin Yong", "Liu Chuncheng" (Chinese names).
_PERSON = re.compile(r"(?<=[\s,(])[A-Z][a-z]{1,9} [A-Z][a-z]{2,12}\b")
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
    """"number", "date", "person" or None: what kind of fact the question asks for."""
    if _NUMBER_Q.search(question):
        return "number"
    if _DATE_Q.search(question):
        return "date"
    if _PERSON_Q.search(question):
        return "person"
    return None


_NAME_RUN = re.compile(r"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]+)*)")


def unknown_names(question: str, lang: str, bm25: BM25 | None) -> list[str]:
    """Proper names in the question that occur nowhere in the corpus (a strong sign it cannot answer).

    A name is a run of capitalised words ("Huairou Science City"); it is unknown only when none of its
    words occurs in the corpus. Short acronyms (GDP, AI, CEO) are skipped: they translate (PIB, IA, PDG).
    """
    if bm25 is None:
        return []
    out = []
    for m in _NAME_RUN.finditer(question):
        if not question[: m.start()].strip():
            continue  # sentence-initial word
        name = m.group(1)
        parts = [p for p in re.split(r"[ -]", name) if p]
        if lang == "de":
            parts = [p for p in parts if p.isupper() and len(p) > 3]  # German capitalises every noun
        parts = [p for p in parts if not (p.isupper() and len(p) <= 3)]
        if not parts:
            continue
        known = any(bm25.has_term_or_prefix(v) for p in parts for vs in query_terms(p) for v in vs)
        if not known:
            out.append(name)
    return out


def _is_prose(sentence: str) -> bool:
    """A sentence worth quoting: several words, not a URL, caption or hashtag line."""
    tokens = sentence.split()
    return len(tokens) >= 4 and len(words(sentence)) >= 3 and sentence.count("#") < 2


def matches_type(wants: str | None, sentence: str) -> bool:
    """Whether a sentence can answer that kind of question (a number for "how many", ...)."""
    if wants == "number":
        return has_number(sentence)
    if wants == "date":
        return bool(_YEAR_OR_MONTH.search(sentence))
    if wants == "person":
        return bool(_PERSON.search(sentence))
    return True


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
    abstain_below: float = 0.83
    strong_evidence: float = 0.95
    title_context: bool = False


@dataclass
class Selection:
    """Selected evidence and the scores that decided abstention."""

    evidence: list[Evidence]
    best_score: float
    answerable: bool
    wants: str | None
    unknown: list[str] = field(default_factory=list)

    @property
    def type_ok(self) -> bool:
        """Some evidence is of the kind the question asks for (else quoting it cannot answer)."""
        return any(matches_type(self.wants, e.quote) for e in self.evidence)


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
        self,
        question: str,
        query_vec: list[float],
        chunks: list[RetrievedChunk],
        bm25: BM25 | None,
        limit: int,
        lang: str = "en",
    ) -> Selection:
        """Rank candidate sentences; abstain when the best is too weak or the question names the unknown."""
        w = self.weights
        unknown = unknown_names(question, lang, bm25)
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
                if (chunk.source, start) in seen or not _is_prose(quote) or looks_like_instruction(quote):
                    continue
                seen.add((chunk.source, start))
                cands.append((chunk, start, end, quote, rank))
        if not cands:
            return Selection([], 0.0, False, wants, unknown)

        texts = [
            normalize(f"{c.title}. {q}" if w.title_context and c.title and c.title not in q else q)
            for c, _, _, q, _ in cands
        ]
        dense = self._embed(texts) @ np.asarray(query_vec, dtype=np.float32)
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
        return Selection(picked, best, best >= w.abstain_below and not unknown, wants, unknown)
