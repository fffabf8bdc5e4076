"""Index and query terms: folded words (`vectorstore.text`) stemmed in French, German and English."""

from __future__ import annotations

import threading
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
