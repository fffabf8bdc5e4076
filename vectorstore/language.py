"""Tiny, deterministic language identification for English, French and German."""

from __future__ import annotations

import re

from vectorstore.text import STOPWORDS

LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German"}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HINTS = {"fr": set("éèêàçùœ"), "de": set("äöüß")}


def detect_language(text: str, default: str = "en") -> str:
    """Return "en", "fr" or "de" by stop-word and character evidence; `default` when there is none."""
    return _best([w.lower() for w in _WORD.findall(text)], text, default)


# An apostrophe ends a word only after an elided article or pronoun ("l'article", "d'études", "qu'il"); inside a name
# it does not ("Xiong’an" is no English "an").
_QUESTION_WORD = re.compile(r"(?:(?<![^\W\d_])(?:[ldjmnstc]|qu)['’])|[^\W\d_]+(?:['’][^\W\d_]+)*", re.IGNORECASE)
_LEAD = 2  # the first words that ask ("Welche", "Quel", "Which") ...
_LEAD_WEIGHT = 3.0  # ... weigh as much as three stopwords elsewhere


def detect_question_language(text: str, default: str = "en") -> str:
    """The language a question is asked in: its opening words weigh more, because a question may quote a title or a
    name in another language ("Welche zwei Arten … laut dem Artikel des Département de recherche, d'études
    stratégiques et de relations internationales …" is German)."""
    return _best([t.lower().rstrip("'’") for t in _QUESTION_WORD.findall(text)], text, default, lead=_LEAD)


def _best(tokens: list[str], text: str, default: str, lead: int = 0) -> str:
    """The language whose stopwords and accented letters the text holds most; among the first `lead` tokens, a
    stopword of one language only weighs `_LEAD_WEIGHT`."""
    scores = {lang: 0.0 for lang in STOPWORDS}
    for i, w in enumerate(tokens):
        langs = [lang for lang, stop in STOPWORDS.items() if w in stop]
        weight = _LEAD_WEIGHT if i < lead and len(langs) == 1 else 1.0
        for lang in langs:
            scores[lang] += weight
    lowered = text.lower()
    for lang, chars in _HINTS.items():
        scores[lang] += 0.5 * sum(lowered.count(c) for c in chars)
    best = max(scores, key=lambda k: scores[k])
    return default if scores[best] == 0 else best
