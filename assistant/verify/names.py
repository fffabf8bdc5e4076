"""Names: whether a cited quote names the answer's names where it speaks of what is asked."""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.citations import strip_markers
from assistant.models import Evidence
from assistant.questions import NAME_RUN, common_word, function_word
from assistant.terms import Term, TermMatcher, cognate
from assistant.verify.text import (
    COMMON,
    ELISION,
    LETTERS,
    NAME,
    best_window_ok,
    name_in,
    names_at,
    names_in,
    sentence_before,
)
from vectorstore.text import fold, words

# Words that name a language or a nationality: context in a question ("the German article"), not an entity.
_NATIONALITY = {"english", "french", "german", "chinese", "anglais", "francais", "allemand", "chinois", "englisch",
                "franzosisch", "deutsch", "deutschen", "chinesisch"}
_ENUMERATION = re.compile(r"(?<![\w-])[A-Z][\w-]*(?:(?:\s*,\s*(?:(?:et|and|und|ou|or|oder)\s+)?|"
                          r"\s+(?:et|and|und|ou|or|oder)\s+)[A-Z][\w-]*)+")  # "LANG, LC_ALL et LC_CTYPE"
_LIST_JOIN = re.compile(r"\s*,\s*|\s+(?:and|et|und|or|ou|oder)\s+")


def names_a_name_twice(text: str) -> bool:
    """One whole name given twice in a row of a list ("Liu et Liu"; not "Beijing and Beijing Municipality")."""
    runs = list(NAME_RUN.finditer(text))
    return any(a.group(1) == b.group(1) and _LIST_JOIN.fullmatch(text[a.end():b.start()])
               for a, b in pairwise(runs))


PLACE_KINDS = {"province": r"provinc\w*|provinz\w*", "district": r"district\w*|bezirk\w*|arrondissement\w*"}


# Words that put a place next to another, not in it: "south of Beijing, in Hebei province", "nahe Beijing".
_NOT_AN_ADJECTIVE = (r"(?!(?:in|im|dans|à|au|en|near|nahe|bei|von|of|south|north|east|west|sud|nord|est|ouest|südlich|"
                     r"nördlich|östlich|westlich|et|and|und|ou|or|oder)\b)")


def called_a(name: str, quote: str, kind: str) -> bool:
    """Whether the quote calls the place a province or a district by its name: the kind word right before it, maybe
    with an adjective ("province du Hebei", "province chinoise du Hebei", "Bezirk Shunyi"), or right after it, maybe
    after a comma and an article ("Hebei province", "Hebei-Provinz", "le Hebei, province voisine"); not "Hebei
    province near Beijing" for Beijing, nor "Shunyi et le district de Shijingshan" for Shunyi."""
    kinds = PLACE_KINDS[kind]
    adjective = rf"(?:{_NOT_AN_ADJECTIVE}[^\W\d]+\s+)?"
    before = re.compile(rf"\b(?:{kinds})\s+{adjective}(?:(?:de|du|of|der|des|de\s+la)\s+|d['’])?$", re.IGNORECASE)
    after = re.compile(rf"(?:[\s-]+|,\s+(?:(?:le|la|l['’]|the|a|an|une?|die|der|eine?)\s*)?{adjective})(?:{kinds})\b",
                       re.IGNORECASE)
    return any(before.search(quote, 0, a) or after.match(quote, b) or re.search(rf"-(?:{kinds})", quote[a:b], re.I)
               for a, b in names_at(name, quote))


def name_supported(name: str, quote: str, terms: list[Term], which: bool, m: TermMatcher, role: bool = False,
                   question: str = "", claimed: tuple[str, ...] = ()) -> bool:
    """The quote names it; for a "which/who" question, next to the words of what is asked. Rivals are the
    quote's other names, not the question's own names nor the rest of this name ("Yong" of "Yin Yong"), nor the
    names in `claimed` (the answer's others, for a question that asks two things)."""
    spans = list(names_at(name, quote))
    if not spans or not which:
        return bool(spans)
    # Any place that names it where the quote speaks of what is asked ("Hebei" of "l'aide du Centre du Hebei" and
    # of "l'Académie des sciences du Hebei" in one quote).
    for span in spans:
        run = next((r.span() for r in NAME_RUN.finditer(quote) if r.start() <= span[0] < r.end()), span)
        # The names of one enumeration stand in one relation: "les variables LANG, LC_ALL et LC_CTYPE" speaks of
        # LC_CTYPE as much as of LANG, and LANG is no rival of it.
        listed = next((e.span() for e in _ENUMERATION.finditer(quote) if e.start() <= span[0] < e.end()), run)
        rivals = [r.start(1) for r in NAME.finditer(quote)
                  if not listed[0] <= r.start(1) < listed[1] and not name_in(r.group(1), question)
                  and r.group(1) not in claimed]
        if any(best_window_ok(quote, pos, terms, rivals, m, role) for pos in dict.fromkeys((span[0], listed[0]))):
            return True
    return False


def question_names(question: str, lang: str) -> list[list[str]]:
    """The proper names a question is about, as runs of words ("Huairou Science City"), sentence start,
    acronyms and language words aside."""
    if lang == "de":
        return []  # German capitalises every noun: no reliable name signal without a lexicon
    runs = []
    for m in NAME_RUN.finditer(question):
        if not question[:m.start()].strip():
            continue
        parts = [re.sub(r"['’]s$", "", ELISION.sub("", p)) for p in re.split(r"[ -]", m.group(1))]
        parts = [p for p in parts if p not in COMMON and fold(p) not in _NATIONALITY and not (p.isupper() and
                                                                                             len(p) <= 3)]
        if parts:
            runs.append(parts)
    return runs


# "l'article du …", "the article by the …", "der Artikel von …": what follows names who wrote the document.
_AUTHOR_OF = re.compile(r"\b(?:articles?|artikel[sn]?|reports?|rapports?|berichte?s?|documents?|dokument\w*|"
                        r"pages?|seite)\s+(?:du|de\s+la|de\s+l['’]|des|de|by\s+the|by|of\s+the|of|von\s+der|vom|von|"
                        r"des|der)\s*$", re.IGNORECASE)


def _signed_by(question: str, run: list[str]) -> bool:
    """Whether the question names the run as its document's author: it follows "l'article du", "the article by"."""
    at = question.find(run[0])
    return at > 0 and bool(_AUTHOR_OF.search(question, 0, at))


def gives_byline(answer: str, question: str, bylines: list[str], lang: str) -> bool:
    """Whether the names the answer gives (those the question does not) are, for the most part, words of a cited
    document's byline, the same or cognates ("Department of … Strategic Studies" for "Département de recherche,
    d'études stratégiques …"): a body sentence's "Comité central du Parti" wrote nothing (dev
    f7-news-en-article-department)."""
    asked = set(words(question))
    named = [fold(w) for r in NAME_RUN.finditer(strip_markers(answer)) for w in LETTERS.findall(r.group(1))
             if len(w) >= 3 and name_word(w, lang) and fold(w) not in asked and not function_word(fold(w), lang)]
    if not named:
        return False
    for line in bylines:
        signed = {fold(w) for w in LETTERS.findall(line)}
        if 2 * sum(any(w == s or cognate(w, s) for s in signed) for w in named) >= len(named):
            return True
    return False


def about_the_names(question: str, lang: str, ev: Evidence) -> bool:
    """The evidence is about the names the question asks about: a number about Beijing does not answer a
    question about Tianjin. The quote, or else the sentence before it, must name them when it names
    something else; a quote and sentence that name nothing get the benefit of the doubt ("... sont nées ici")."""
    # The name a question gives as the author of its document ("Selon l'article du Département de recherche, …", dev
    # f12-news-fr-productive-forces) names the document, not its subject: when the quote's document is signed with
    # it (its byline holds the same words, not cognates), the quote need not repeat it.
    signed = {fold(w) for w in LETTERS.findall(ev.chunk.byline)}
    runs = [r for r in question_names(question, lang)
            if not (signed and _signed_by(question, r) and all(fold(w) in signed for w in r))]
    if not runs:
        return True
    for text in (ev.support, sentence_before(ev)):
        if all(any(name_in(w, text) for w in run) for run in runs):
            return True
        # It names something else (acronyms such as PIB or IA aside); naming only some of the question's names
        # is no sign of another subject ("Ses contrats avec Tianjin et Hebei" are Beijing's).
        if any(not (n.isupper() and len(n) <= 4) and not all(name_in(p, question) for p in n.split("-") if p)
               for n in names_in(text)):
            return False
    return True


def name_word(word: str, lang: str) -> bool:
    """A capitalised word that is a name: no sentence opener ("Les", "Yes"), and in German no common noun."""
    return word not in COMMON and not (lang == "de" and common_word(word, "de"))
