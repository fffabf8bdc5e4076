"""The question's key terms, found again in a sentence of any of the three languages, and clauses.

A question term matches a sentence word when they share a stem in English, French or German, or are
cognates: the same first five letters ("programme" ~ "program") or one containing the other
("habitants" ~ "inhabitants"); with a `Translations` matcher, also when the multilingual embeddings of the
two words are close ("researchers" ~ "chercheurs", "GDP" ~ "PIB"). Coverage weighs terms by their rarity in
the corpus when an index is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.embed_cache import EmbeddingCache
from vectorstore.language import detect_language, detect_question_language
from vectorstore.lexical import LexicalIndex
from vectorstore.stemming import query_terms
from vectorstore.text import fold, words

# Words that ask rather than say what is asked about.
_ASKING = frozenset(fold(w) for w in (
    "how many much what which who whom when where why does did number total amount value level give name "
    "tell list combien quel quelle quels quelles quand où comment nombre total montant valeur niveau "
    "wie viele viel welche welcher welches welchen wann wo warum anzahl gesamt betrag wert "
    # words about the documents themselves, not about what is asked ("the mayor mentioned in the articles")
    "mentioned mention article articles document documents according mentionne mentionnes mentionnee selon "
    "texte textes erwahnt erwahnte erwahnten artikel artikeln dokument dokumente dokumenten laut").split())
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]*")
# A comma between two digits is a decimal or a thousands mark ("40,5 %", "1,450"), no clause break.
_CLAUSE_BREAK = re.compile(
    r"(?<!\d),|,(?!\d)|[;:()\[\]]|\s[–—-]\s|"
    r"\b(?:soit|dont|tandis que|alors que|while|whereas|während|wobei|davon|darunter)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Term:
    """A content word of the question with its stems in the three languages."""

    word: str
    stems: frozenset[str]
    weight: float = 1.0
    name: bool = False  # a proper name of the question ("Beijing"), not a word of what is asked ("mayor")
    lang: str = ""  # the question's language: translations are looked for only in text of another language


def _name_words(question: str) -> set[str]:
    """Folded words of the question's proper names: capitalised, not sentence-initial; none in German, which
    capitalises every noun."""
    if detect_question_language(question) == "de":
        return set()
    return {w for m in _CAPITALISED.finditer(question) if question[:m.start()].strip() for w in words(m.group())}


def key_terms(question: str, lexicon: LexicalIndex | None = None) -> list[Term]:
    """The question's content words (numbers included), weighted by rarity in the corpus."""
    out: list[Term] = []
    names, lang = _name_words(question), detect_question_language(question)
    for word, stems in zip(words(question), query_terms(question), strict=True):
        if word in _ASKING or any(t.word == word for t in out):
            continue
        weight = lexicon.term_idf(stems) if lexicon is not None else 1.0
        out.append(Term(word, frozenset(stems), weight or 0.5, word in names, lang))  # unseen terms count a little
    return out


def stems_of(text: str) -> set[str]:
    """The stems of a text's words, in the three languages."""
    return set().union(*query_terms(text))


def cognate(a: str, b: str) -> bool:
    """Same first five letters ("programme" ~ "program"), or one word inside the other (six letters up)."""
    if a.isdigit() or b.isdigit():
        return a == b
    if len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 6 and short in long_


class Translations:
    """Finds a word's translation among other words by multilingual embeddings (single words, cached)."""

    SIMILAR = 0.885  # measured on word pairs: translations 0.89-0.97, unrelated words of a corpus <= 0.88

    def __init__(self, cache: EmbeddingCache) -> None:
        self.cache = cache

    def any_similar(self, word: str, candidates: set[str]) -> bool:
        """Whether one of the candidate words translates `word`."""
        pool = sorted(w for w in candidates if len(w) >= 3 and not w.isdigit())
        if len(word) < 3 or word.isdigit() or not pool:
            return False
        vecs = self.cache.embed([word, *pool])
        return bool(np.max(vecs[1:] @ vecs[0]) >= self.SIMILAR)


def matches(term: Term, text_words: set[str], text_stems: set[str], translations: Translations | None = None) -> bool:
    """Whether the term occurs among the words of a text (by stem, as a cognate, or translated)."""
    if term.stems & text_stems or term.word in text_words:
        return True
    if any(cognate(term.word, w) for w in text_words):
        return True
    return translations is not None and translations.any_similar(term.word, text_words)


def coverage(terms: list[Term], text: str, translations: Translations | None = None,
             text_lang: str | None = None) -> float:
    """The weighted share of the terms that the text contains (0 when there are no terms); `text_lang`, when
    known, saves guessing the language of a short text (a single word is often guessed wrong).

    Embedding translations are tried only across languages: within one language a word is there or not
    (measured on dev: single short words such as "fera" or "temps" sit close to unrelated words of the
    same language, so same-language "translations" made off-topic sentences look relevant)."""
    total = sum(t.weight for t in terms)
    if not total:
        return 0.0
    text_words = set(words(text))
    text_stems = stems_of(text) if text_words else set()
    if text_lang is None:
        text_lang = detect_language(text, default="") if translations is not None else ""
    return sum(t.weight for t in terms
               if matches(t, text_words, text_stems, translations if t.lang != text_lang else None)) / total


def clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the sentence's clauses: split at commas, semicolons, brackets and "soit"/"while"..."""
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if sentence[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if sentence[start:].strip():
        spans.append((start, len(sentence)))
    return spans or [(0, len(sentence))]


def clause_at(sentence: str, pos: int) -> tuple[int, int]:
    """The clause that holds character `pos`."""
    spans = clauses(sentence)
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return min(spans, key=lambda s: min(abs(pos - s[0]), abs(pos - s[1])))


@dataclass(frozen=True)
class TermMatcher:
    """Key terms weighted by a corpus index, matched across languages (what relevance checks need)."""

    lexicon: LexicalIndex | None = None
    translations: Translations | None = None

    def terms(self, question: str) -> list[Term]:
        return key_terms(question, self.lexicon)

    def coverage(self, terms: list[Term], text: str, lang: str | None = None) -> float:
        return coverage(terms, text, self.translations, lang)
