"""Tiny, deterministic language identification for English, French and German."""

from __future__ import annotations

import re

from vectorstore.text import STOPWORDS

LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German"}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HINTS = {"fr": set("éèêàçùœ"), "de": set("äöüß")}


def detect_language(text: str, default: str = "en") -> str:
    """Return "en", "fr" or "de" by stop-word and character evidence; `default` when there is none."""
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {lang: 0.0 for lang in STOPWORDS}
    for w in words:
        for lang, stop in STOPWORDS.items():
            if w in stop:
                scores[lang] += 1.0
    lowered = text.lower()
    for lang, chars in _HINTS.items():
        scores[lang] += 0.5 * sum(lowered.count(c) for c in chars)
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return default
    return best
