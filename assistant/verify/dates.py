"""Years and dates: whether a figure is the one of the year asked, and a year the one of what is asked."""

from __future__ import annotations

import re

from assistant.models import Evidence
from assistant.numbers import Quantity, quantities, same_quantity
from assistant.qualifiers import contradicts
from assistant.questions import MONTHS
from assistant.terms import Term, TermMatcher, clause_at
from assistant.verify.text import LETTERS, best_window_ok, is_year, own_clause, sentence_at, sentence_before
from vectorstore.loaders import find_date

_BOUND = re.compile(r"\s*(?:[^\W\d]+\s+){0,2}")  # at most two words, no punctuation, no number
# Words that name a document ("this manual page", "l'article", "der Bericht"; not "par rapport à", a comparison).
DOCUMENT = re.compile(r"\b(?:articles?|artikel[sn]?|(?:handbuch|hilfe|man)seiten?|man-?pages?|pages?\s+de\s+manuel|"
                      r"manual(?:\s+pages?)?|handbuch|documents?|dokument(?:e|s|en)?|(?<!par\s)rapports?|reports?|"
                      r"bericht(?:e|s|en)?)\b", re.IGNORECASE)
# A date written out: "24 décembre 2025", "5. Februar 2026", "December 24, 2025" (next to a day, "may" is a month).
_MONTH = rf"(?:{MONTHS}|may)"
_WORD_DATE = re.compile(rf"\b\d{{1,2}}(?:er|\.)?\s+{_MONTH}\s+\d{{4}}\b|\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b",
                        re.IGNORECASE)
# The words that ask for a date: a sentence that has them only ("im Jahr 2000") speaks of nothing asked.
_DATE_WORDS = {"year", "years", "date", "when", "which", "what", "jahr", "jahre", "datum", "wann", "welchem", "welches",
               "welcher", "annee", "quand", "quelle", "quel"}
# Words that make a year a baseline ("par rapport à 2022", "seit 2015"), not the time of a figure.
_BASELINE_WORDS = r"par rapport à|depuis|since|compared (?:with|to)|than|gegenüber|seit|vs\.?"
_BASELINE = re.compile(rf"(?:{_BASELINE_WORDS})\s*$", re.IGNORECASE)


def _dating_years(text: str, lang: str) -> list[Quantity]:
    """The years of a text that date something: not a baseline ("par rapport à 2022", "seit 2015")."""
    return [q for q in quantities(text, lang) if is_year(q) and not _BASELINE.search(text[:q.start])]


def figure_of_the_year(claim: Quantity, quote: str, quote_lang: str, years: list[Quantity]) -> bool:
    """When the question names a year, the claimed figure is the one the quote dates to it: the nearest
    year of its clause is that year, or else (no year in its clause) the quote names that year. A 2025
    figure does not answer for 2023; a quote that names no year gets the benefit of the doubt."""
    dated = _dating_years(quote, quote_lang)
    if not years or not dated:
        return True
    for q in (r for r in quantities(quote, quote_lang) if same_quantity(r, claim)):
        a, b = clause_at(quote, q.start)
        own = [y for y in dated if a <= y.start < b and y.start != q.start]
        if own:
            def gap(y: Quantity, q: Quantity = q) -> int:
                return max(y.start - q.end, q.start - y.end)

            # "de 40 % en 2021 à 70 % en 2024": a year just after the figure ("en", "im Jahr") dates it; else
            # the clause's nearest year does ("En 2025, Beijing a produit 699 000 véhicules").
            bound = [y for y in own if y.start >= q.end and _BOUND.fullmatch(quote[q.end:y.start])]
            near = bound[:1] or [y for y in own if gap(y) == min(map(gap, own))]
            if any(same_quantity(y, w) for y in near for w in years):
                return True
        elif any(same_quantity(y, w) for y in dated for w in years):
            return True
    return False


# "l'année dernière", "last year", "im vergangenen Jahr": the quote dates itself from the time it was written.
_RELATIVE_YEAR = re.compile(r"\b(?:l['’]ann[ée]e\s+(?:derni[èe]re|pass[ée]e|précédente)|l['’]an\s+(?:dernier|passé)|"
                            r"last\s+year|(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+Jahr)\b", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"\b(?:1[89]|20)\d\d\s*(?:[-–/]|à|bis|to|et|and|und)\s*(?:1[89]|20)\d\d\b")


# "in 2025 alone", "au cours de la seule année 2025", "allein im Jahr 2025": a count of one year, not a total.
ONE_YEAR = re.compile(r"\b(?:(?:19|20)\d\d\s+alone|alone\s+in\s+(?:19|20)\d\d|only\s+in\s+(?:19|20)\d\d|"
                      r"seule\s+année\s+(?:19|20)\d\d|(?:19|20)\d\d\s+seulement|"
                      r"allein\s+(?:im\s+Jahr\s+)?(?:19|20)\d\d|(?:19|20)\d\d\s+allein)\b", re.IGNORECASE)


def dated_itself(claim: Quantity, quote: str, quote_lang: str, years: list[Quantity]) -> bool:
    """For a count asked of one year alone: the sentence that states the figure names that year ("Plus de 90
    entreprises licornes sont nées ici" is a total, not 2025's, dev f17-news-fr-na-unicorns-2025)."""
    return any(same_quantity(y, w) for q in quantities(quote, quote_lang) if same_quantity(q, claim)
               for y in _dating_years(sentence_at(quote, q.start) or quote, quote_lang) for w in years)


# A year the question names as a baseline ("depuis 2014", "since 2014", "compared with 2023"): no time of its figure.
_BASELINE_Q = re.compile(rf"\b(?:{_BASELINE_WORDS}|ab|from)\s+(?:[\w'’-]+\s+){{0,2}}$", re.IGNORECASE)
# Words that put a year in time: "en 2024", "Ende 2024", "in late 2024", "as of December 2024", "au 31 décembre 2024".
_TIMED = re.compile(rf"\b(?:en|in|im|fin|ende|end\s+of|à\s+la\s+fin\s+de|au\s+cours\s+de|during|for|pour|by|until|bis|"
                    rf"jusqu['’]en|d['’]ici|as\s+of|at\s+the\s+(?:end|close|start)\s+of|au|zum|stand|année|year|"
                    rf"jahr(?:es)?|jahresende|anfang|mitte|début|mi|early|mid|late)[\s-]+(?:(?:{MONTHS}|early|mid|late|"
                    rf"début|fin|mi|anfang|mitte|ende|\d{{1,2}}(?:er|\.)?)[\s-]+){{0,3}}$", re.IGNORECASE)
# A year inside a name ("les Jeux olympiques d'hiver de 2022", "l'Indice des centres d'innovation 2024"): a
# capitalised word (not a genitive, not the question's first) a few lower-case words before it.
_IN_A_NAME = re.compile(r"(?<=\s)[A-ZÀ-Ý][\w’'-]*(?<!['’]s)\s+(?:[a-zà-ÿ][\w'’-]*\s+){0,4}$")


def timed_years(question: str, years: list[Quantity], lang: str) -> list[Quantity]:
    """The years a question asks as the time of its figure: not a baseline ("depuis 2014"), nor a year in a name ("les
    Jeux … de 2022"); in German, where every noun is capitalised, only baselines are told apart."""
    out = []
    for y in years:
        before = question[:y.start]
        if _BASELINE_Q.search(before):
            continue
        if _TIMED.search(before) or lang == "de" or not _IN_A_NAME.search(before):
            out.append(y)
    return out


def dated_by_context(ev: Evidence, lang: str, years: list[Quantity], timed: list[Quantity] | None = None) -> bool:
    """A quote that names no year takes the year the sentence before it names, or else the one its document's title
    names: "La puissance de calcul agrégée a dépassé 60 000 pétaflops", in an article titled "… en 2025", is no figure
    for the end of 2024 (dev f17-news-de-na-computing-2024). Only a later year than every one asked rejects it (an
    earlier one is often another event: "lancé en 2019"); a date line, a span of years ("2021-2025") and a quote that
    dates itself ("l'année dernière") are no context. With none of these, the figure is taken at its document's
    date: "Mehr als 200 selbstproduzierte Großmodelle wurden hier geschaffen", in an article of December 2025, is no
    count for the end of 2024 (dev f19-news-de-na-models-2024); a year asked before the document's year rejects it
    (a known cost: an undated figure in an article of early 2026 is not taken for 2025); only the years the question
    asks as a time count there (`timed`: "Ende 2024", not "depuis 2014"). Only with no date at all does the benefit
    of the doubt stay."""
    if not years or _dating_years(ev.support, lang):
        return True
    before = sentence_before(ev)
    context = [] if find_date(before) else _dating_years(_YEAR_RANGE.sub(" ", before), lang)[-1:]
    if not context and not _RELATIVE_YEAR.search(ev.support):
        context = _dating_years(_YEAR_RANGE.sub(" ", ev.chunk.title), ev.chunk.language or lang)
    if not context and ev.chunk.date[:4].isdigit() and not _RELATIVE_YEAR.search(ev.support):
        return not timed or not all(int(ev.chunk.date[:4]) > w.value for w in timed)
    return not context or not all(y.value > w.value for y in context for w in years)


def qualified_alike(claim: Quantity, quote: str, quote_lang: str, question: str) -> bool:
    """Some sentence of the quote that states the figure does not qualify it as the other side of a contrast the
    question draws (a total for "how many new", current prices for "at constant prices", growth for "what share")."""
    return any(not contradicts(question, own_clause(quote, q.start), sentence_at(quote, q.start), q.percent)
               for q in quantities(quote, quote_lang) if same_quantity(q, claim))


def year_in_relation(claim: Quantity, quote: str, quote_lang: str, terms: list[Term], m: TermMatcher,
                     source: frozenset[str] = frozenset(), published: bool = False,
                     document_date: bool = False) -> bool:
    """For "when" questions: the claimed year's sentence speaks of something the question asks, besides the words
    that ask for a date and those that name the document (`source`); and when the quote holds other years, the
    claimed one stands next to the words of what is asked as much as they do ("créé en décembre 2020" does not
    date the founding of another thing)."""
    years = [q for q in quantities(quote, quote_lang) if is_year(q)]
    # "In welchem Jahr wurde laut der hosts-Handbuchseite das DNS eingeführt?" is not answered by "zum Zeitpunkt der
    # Erstellung dieser Handbuchseite (circa 2000)" (dev f11-md-de-na-hosts-dns-year).
    # A bare date line ("2026-02-05") and a question about the document's own date ("when was the article
    # published") are exempt: the date heads the document itself.
    topic = [t for t in terms if t.word not in source and t.word not in _DATE_WORDS]
    sentences = [sentence_at(quote, q.start) or quote for q in years if same_quantity(q, claim)]
    if topic and not published and not any(len(LETTERS.findall(s)) < 2 or m.coverage(topic, s, quote_lang) > 0
                                           for s in sentences):
        return False
    # When the question asks when the document itself came out ("À quelle date l'article … a-t-il été publié ?"), its
    # date is the one a date line gives in full ("… 24-12-2025", "Published: December 24, 2025"), or one a sentence
    # about the document gives ("zum Zeitpunkt der Erstellung dieser Handbuchseite (circa 2000)"); any other year of
    # its prose dates something else ("Récemment publié, l'Indice … 2025", dev f9-news-fr-strategy-article-date).
    if document_date and not any(find_date(s) or _WORD_DATE.search(s) or DOCUMENT.search(s) for s in sentences):
        return False
    rivals = [q.start for q in years if not same_quantity(q, claim)]
    if not rivals:
        return True
    # The clause itself: two dated events are often two clauses of one sentence ("créé en 2020 ; inauguré en 2023").
    return any(best_window_ok(quote, q.start, terms, rivals, m, reach=0) for q in years if same_quantity(q, claim))
