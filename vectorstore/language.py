"""Tiny, deterministic language identification for English, French and German."""

from __future__ import annotations

import re

LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German"}

_STOPWORDS = {
    "en": set(
        "the of and to in is are was were what which who whom how many much when where why does did do "
        "has have had with for on by from this that these those it its be been an as at or not there "
        "their they than more most about into"
        .split()
    ),
    "fr": set(
        "le la les des du de un une et est sont était quel quelle quels quelles qui que quoi combien "
        "quand où pourquoi comment dans pour par sur avec au aux ce cette ces il elle ils elles se sa son "
        "ses leur leurs plus ont été a à ne pas y en l d qu c s n"
        .split()
    ),
    "de": set(
        "der die das den dem des ein eine einer eines und ist sind war waren wie viele viel wann wo warum "
        "was wer welche welcher welches hat haben mit für auf von im in zu zum zur bei aus nicht es sie "
        "er auch als mehr über durch dass sich wurde wurden wird werden"
        .split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HINTS = {"fr": set("éèêàçùœ"), "de": set("äöüß")}


def detect_language(text: str, default: str = "en") -> str:
    """Return "en", "fr" or "de" by stop-word and character evidence; `default` when there is none."""
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {lang: 0.0 for lang in _STOPWORDS}
    for w in words:
        for lang, stop in _STOPWORDS.items():
            if w in stop:
                scores[lang] += 1.0
    lowered = text.lower()
    for lang, chars in _HINTS.items():
        scores[lang] += 0.5 * sum(lowered.count(c) for c in chars)
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return default
    return best
