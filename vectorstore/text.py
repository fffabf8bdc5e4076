"""Shared text utilities of the lower layer: stop words, folding, content words, sentences, whitespace."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is are was were what which who whom how many much when where why does did do "
        "has have had with for on by from this that these those it its be been an as at or not there "
        "their they than more most about into"
        .split()
    ),
    "fr": frozenset(
        "le la les des du de un une et est sont était quel quelle quels quelles qui que quoi combien "
        "quand où pourquoi comment dans pour par sur avec au aux ce cette ces il elle ils elles se sa son "
        "ses leur leurs plus ont été a à ne pas y en l d qu c s n"
        .split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einer eines und ist sind war waren wie viele viel wann wo warum "
        "was wer welche welcher welches hat haben mit für auf von im in zu zum zur bei aus nicht es sie "
        "er auch als mehr über durch dass sich wurde wurden wird werden"
        .split()
    ),
}

_TOKEN = re.compile(r"\w+", re.UNICODE)
_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f'’.](?=\d{3}(?!\d))")


def fold(text: str) -> str:
    """Lowercase, strip accents, join digit groups ("10 000" -> "10000")."""
    text = _DIGIT_GROUP.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


FOLDED_STOPWORDS = frozenset(fold(w) for ws in STOPWORDS.values() for w in ws)


def words(text: str) -> list[str]:
    """Folded content words (stop words removed)."""
    return [w for w in _TOKEN.findall(fold(text)) if w not in FOLDED_STOPWORDS and (len(w) > 1 or w.isdigit())]


def normalize(text: str) -> str:
    """NFKC and collapsed whitespace (what embedders see)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


# A sentence ends at . ! ? … (possibly repeated), followed by closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[\"'»”“’)\]])*(?=\s|$)")
_ABBREV = {
    "z", "b", "d", "h", "u", "a", "s", "o", "dr", "mr", "mrs", "ms", "st", "m", "mm", "mme", "mlle", "etc",
    "vgl", "bzw", "ca", "nr", "inkl", "usw", "p", "pp", "vol", "no", "fig", "cf", "env", "av", "j.-c", "prof",
}


@dataclass(frozen=True)
class Span:
    """A half-open character range of the document text and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int = 0


def _is_abbreviation(line: str, dot_at: int) -> bool:
    if line[dot_at] != ".":
        return False
    m = re.search(r"([^\W\d_][\w.-]*)$", line[:dot_at])
    if not m:
        return False
    word = m.group(1).lower()
    return word in _ABBREV or (len(word) == 1 and line[m.start(1)].isupper())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Span]:
    """Sentence spans, never crossing a line break; each line (paragraph) gets its own number."""
    spans: list[Span] = []
    paragraph = 0
    previous_end = 0
    for line_match in re.finditer(r"[^\n]+", text):
        base, line = line_match.start(), line_match.group()
        if not line.strip():
            continue
        if spans and "\n" in text[previous_end:base]:
            paragraph += 1
        previous_end = line_match.end()
        start = 0
        for m in _END.finditer(line):
            after = line[m.end():].lstrip()
            if _is_abbreviation(line, m.start()) or (after[:1].islower()):
                continue
            s, e = _strip(text, base + start, base + m.end())
            if e > s:
                spans.append(Span(s, e, paragraph))
            start = m.end()
        s, e = _strip(text, base + start, base + len(line))
        if e > s:
            spans.append(Span(s, e, paragraph))
    return spans
