"""The lexical index's protocol, the BM25 formula, and BM25 held in memory (the reference the store matches)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

K1, B = 1.4, 0.75


def idf(n: int, df: int) -> float:
    """Okapi BM25's inverse document frequency of a term found in `df` of `n` chunks (always positive)."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


class LexicalIndex(Protocol):
    """What retrieval and the relevance checks ask of a lexical index (SQLite here; OpenSearch could serve it)."""

    def search(self, query: Sequence[set[str]], k: int) -> list[tuple[str, float]]:
        """The k best (chunk id, BM25 score); each query word counts once, by its best-matching stem."""
        ...

    def term_idf(self, variants: Iterable[str]) -> float:
        """The rarest matching variant's IDF (0 when no variant occurs)."""
        ...

    def has_term_or_prefix(self, term: str, prefix: int = 5) -> bool:
        """Whether the term, or a term sharing its first `prefix` characters, occurs in the corpus."""
        ...


class BM25:
    """Okapi BM25 over pre-tokenised documents held in memory (a `LexicalIndex`; rebuilt, never updated)."""

    def __init__(self, docs: Sequence[Sequence[str]], ids: Sequence[str] | None = None,
                 k1: float = K1, b: float = B) -> None:
        self.k1, self.b = k1, b
        self.n = len(docs)
        self.ids = list(ids) if ids is not None else [str(i) for i in range(self.n)]
        lengths = [len(d) for d in docs]
        avg = (sum(lengths) / self.n) if self.n else 1.0
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, d in enumerate(docs):
            norm = k1 * (1 - b + b * lengths[i] / (avg or 1.0))
            for term, f in Counter(d).items():
                self.postings.setdefault(term, []).append((i, f * (k1 + 1) / (f + norm)))
        self._prefixes: set[str] | None = None
        self.idf = {t: idf(self.n, len(p)) for t, p in self.postings.items()}

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

    def scores(self, query: Sequence[set[str]]) -> list[float]:
        """BM25 score of every document; each query word counts once, by its best-matching stem."""
        out = [0.0] * self.n
        for variants in query:
            best: dict[int, float] = {}
            for term in variants:
                term_idf = self.idf.get(term)
                if term_idf is None:
                    continue
                for doc, weight in self.postings[term]:
                    best[doc] = max(best.get(doc, 0.0), term_idf * weight)
            for doc, value in best.items():
                out[doc] += value
        return out

    def search(self, query: Sequence[set[str]], k: int) -> list[tuple[str, float]]:
        """The k best (id, score), ties in insertion order."""
        s = self.scores(query)
        best = sorted((i for i, x in enumerate(s) if x > 0), key=lambda i: s[i], reverse=True)[:k]
        return [(self.ids[i], s[i]) for i in best]
