"""BM25 over chunks with French/German/English stemming (folding and stop words: `vectorstore.text`)."""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer

from vectorstore.text import words

_STEMMERS = {"en": "english", "fr": "french", "de": "german"}
# A snowball stemmer keeps per-word state and is not thread-safe: concurrent questions (the chat's sessions,
# a Runnable's batch) each get their own per thread.
_LOCAL = threading.local()


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str:
    stemmers = getattr(_LOCAL, "stemmers", None)
    if stemmers is None:
        stemmers = _LOCAL.stemmers = {code: snowballstemmer.stemmer(name) for code, name in _STEMMERS.items()}
    return stemmers[lang].stemWord(word)


def doc_terms(text: str, lang: str) -> list[str]:
    """Index terms of a passage, stemmed in its language."""
    stem_lang = lang if lang in _STEMMERS else "en"
    return [w if w.isdigit() else _stem(w, stem_lang) for w in words(text)]


def query_terms(text: str) -> list[set[str]]:
    """For each query word, its stems in every supported language (the question may be cross-lingual)."""
    return [{w} if w.isdigit() else {_stem(w, lang) for lang in _STEMMERS} for w in words(text)]


class BM25:
    """Okapi BM25 over pre-tokenised documents, with an inverted index."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.4, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.n = len(docs)
        lengths = [len(d) for d in docs]
        avg = (sum(lengths) / self.n) if self.n else 1.0
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, d in enumerate(docs):
            norm = k1 * (1 - b + b * lengths[i] / (avg or 1.0))
            for term, f in Counter(d).items():
                self.postings.setdefault(term, []).append((i, f * (k1 + 1) / (f + norm)))
        self._prefixes: set[str] | None = None
        self.idf = {
            t: math.log(1 + (self.n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
        }

    def has_term_or_prefix(self, term: str, prefix: int = 5) -> bool:
        """Whether the term, or a term sharing its first `prefix` characters, occurs in the corpus."""
        if term in self.idf:
            return True
        if len(term) < prefix:
            return False
        if self._prefixes is None:
            self._prefixes = {t[:prefix] for t in self.idf if len(t) >= prefix}
        return term[:prefix] in self._prefixes

    def term_idf(self, variants: Iterable[str]) -> float:
        """The rarest matching variant's IDF (0 when no variant occurs)."""
        return max((self.idf.get(v, 0.0) for v in variants), default=0.0)

    def scores(self, query: list[set[str]]) -> list[float]:
        """BM25 score of every document; each query word counts once, by its best-matching stem."""
        out = [0.0] * self.n
        for variants in query:
            best: dict[int, float] = {}
            for term in variants:
                idf = self.idf.get(term)
                if idf is None:
                    continue
                for doc, weight in self.postings[term]:
                    best[doc] = max(best.get(doc, 0.0), idf * weight)
            for doc, value in best.items():
                out[doc] += value
        return out
