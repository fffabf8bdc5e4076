"""Shared helpers of the verifier: names, clauses, sentences and windows around a position in a quote."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.models import Evidence
from assistant.numbers import Quantity
from assistant.questions import NAME_RUN
from assistant.roles import DEPUTY, is_deputy, names_role, role_of
from assistant.terms import Term, TermMatcher, clause_at, clauses
from vectorstore.text import STOPWORDS, fold, split_sentences

NAME = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ][\w'’-]{2,})")
COMMON = {w.capitalize() for ws in STOPWORDS.values() for w in ws} | {
    "According", "Selon", "Laut", "Gemäß", "Yes", "No", "Oui", "Non", "Ja", "Nein", "The", "This", "These",
    "Ltd", "Co", "Inc", "Corp", "GmbH", "AG", "SA", "SAS", "Mr", "Mrs", "Dr", "Prof",
}
# Exonyms: the same place under the names the three languages use.
_ALIASES = [{"beijing", "pekin", "peking"}, {"china", "chine", "chinois", "chinoise", "chinese", "chinesisch"},
            {"germany", "allemagne", "deutschland"}, {"france", "frankreich"}]
ELISION = re.compile(r"^(?:[LlDdJjQq]u?|[Qq]u)['’]")
_SLACK = 0.1  # a claim's clause may cover the key terms this much less than the best clause
LETTERS = re.compile(r"[^\W\d_]+")


def names_in(text: str, initial: bool = False) -> list[str]:
    """Capitalised words that are not common words (nor sentence-initial, unless `initial`): the names stated."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?:])\s+|\n", text):
        for i, m in enumerate(NAME.finditer(sentence)):
            word = ELISION.sub("", m.group(1))
            if (i == 0 and m.start() == 0 and not initial) or word in COMMON or word in out or len(word) < 2:
                continue
            out.append(word)
    return out


def exonyms(word: str) -> set[str]:
    """The names of the place a folded word names, in the three languages, read through a genitive ("pekings",
    "peking's" -> beijing, pekin, peking); empty for a word that names none of them."""
    bare = re.sub(r"['’]s$", "", word)
    return next((a for a in _ALIASES if bare in a or bare.removesuffix("s") in a), set())


def with_exonyms(folded: set[str]) -> set[str]:
    """The words with the other names of the places among them ("pekings" brings "beijing")."""
    return folded.union(*(exonyms(w) for w in folded))


def name_in(name: str, text: str) -> tuple[int, int] | None:
    """Where `name` (or a cognate: same first four letters; or an exonym: Pékin ~ Beijing) first stands in `text`."""
    return next(names_at(name, text), None)


def names_at(name: str, text: str) -> Iterator[tuple[int, int]]:
    """Every place where `name` (or a cognate, or an exonym) stands in `text`."""
    target = fold(ELISION.sub("", name))
    same = exonyms(target) or {target}
    for m in re.finditer(r"[\w'’-]+", text):
        # The hyphenated word, then its parts: "Pékin-Tianjin-Hebei" names Beijing, Tianjin and Hebei.
        parts = [m, *re.finditer(r"[\w'’]+", m.group())] if "-" in m.group() else [m]
        for k, part in enumerate(parts):
            w = fold(ELISION.sub("", part.group()))
            # A genitive is read only for an exonym: "Dan" is not "dans".
            if (w in same or (len(same) > 1 and bool(exonyms(w) & same))
                    or (len(target) >= 4 and len(w) >= 4 and w[:4] == target[:4])):
                yield part.span() if k == 0 else (m.start() + part.start(), m.start() + part.end())
                break


def window(quote: str, pos: int, reach: int = 1) -> str:
    """The clause at `pos` with `reach` neighbours on each side ("a déclaré Yin Yong, maire de Pékin")."""
    spans = clauses(quote)
    i = next((k for k, (a, b) in enumerate(spans) if a <= pos < b), 0)
    return quote[spans[max(0, i - reach)][0]:spans[min(len(spans) - 1, i + reach)][1]]


def best_window_ok(quote: str, pos: int, terms: list[Term], rivals: list[int], m: TermMatcher,
                   role: bool = False, reach: int = 1) -> bool:
    """The words around `pos` speak of what is asked, about as much as those around any rival. With `role`
    (a "who" question), a word of what is asked besides the question's own names must stand near it:
    "Xi Jinping" next to "Beijing" is not "the mayor of Beijing"."""
    asked = [t for t in terms if not t.name]
    named = [(t.word, r) for t in asked if (r := role_of(t.word))] if role else []

    def covered(text: str) -> float:
        # A role named in any language counts as the question's role word: "Écrit par" is the "Verfasser".
        return m.coverage(terms, " ".join([text, *(w for w, r in named if names_role(r, text))]))

    own = covered(window(quote, pos, reach))
    best = max((covered(window(quote, r, reach)) for r in rivals), default=0.0)
    if role and asked:
        near = window(quote, pos, reach=2)
        roles = [r for _, r in named]
        # A role the question names must be named next to the name (the role list matches it in all three
        # languages: "Écrit par" for "Verfasser"); without one, some other word of what is asked, maybe translated.
        if (roles and not any(names_role(r, near) for r in roles)) or (not roles and m.coverage(asked, near) == 0):
            return False
        # "Tian Jinchang, directeur général adjoint" is not the director asked about (dev
        # f10-news-en-na-xiongan-committee-head): a deputy answers only a question that asks for one.
        asks_deputy = DEPUTY in roles or is_deputy(" ".join(t.word for t in asked))
        if roles and not asks_deputy and is_deputy(_apposition(quote, pos)):
            return False
    return own > 0 and own >= best - _SLACK


def _sentence_span(quote: str, pos: int) -> tuple[int, int] | None:
    """Where the sentence of the quote that holds offset `pos` starts and ends."""
    return next(((x.start, x.end) for x in split_sentences(quote) if x.start <= pos < x.end), None)


def own_clause(quote: str, pos: int) -> str:
    """The clause at `pos`, within its sentence ("La valeur par défaut est 4", not the range before it)."""
    a, b = clause_at(quote, pos)
    start, end = _sentence_span(quote, pos) or (a, b)
    return quote[max(a, start):min(b, end)]


def _apposition(quote: str, pos: int) -> str:
    """The words said of the name at `pos`: two words before it, and up to six after it until a conjunction or a
    full stop ("Tian Jinchang, directeur général adjoint du comité"; not "Li Wei et son adjoint Zhang San")."""
    run = NAME_RUN.match(quote, pos)
    end = run.end() if run else pos
    after = re.split(r"\s(?:et|and|und|ou|or|oder)\s|[.;:!?]", quote[end:end + 120], maxsplit=1)[0]
    before = quote[max(0, pos - 60):pos].split()[-2:]
    return " ".join([*before, *after.split()[:6]])


def is_year(q: Quantity) -> bool:
    return not q.percent and q.value.is_integer() and 1900 <= q.value <= 2100


def sentence_before(ev: Evidence) -> str:
    """The sentence of the quote's chunk just before the quote (empty at the chunk's start)."""
    head = ev.chunk.text[:max(0, ev.start - ev.chunk.start)]
    spans = split_sentences(head)
    return head[spans[-1].start:spans[-1].end] if spans else ""


def sentence_at(quote: str, pos: int) -> str:
    """The sentence of the quote that holds offset `pos`."""
    span = _sentence_span(quote, pos)
    return quote[span[0]:span[1]] if span else ""
