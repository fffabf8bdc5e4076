"""Numbers as facts: parse "10 000 milliards", "10 trillion", "zehn Billionen", "16,5 %" to values."""

from __future__ import annotations

import re

_WORD_NUMBERS = {
    # en
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100, "thousand": 1000,
    # fr
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "vingt": 20, "cent": 100, "mille": 1000,
    # de
    "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "hundert": 100, "tausend": 1000,
}
_SCALES = {
    "thousand": 1e3, "mille": 1e3, "tausend": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "millionen": 1e6, "mio": 1e6,
    "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliards": 1e9, "milliarde": 1e9,
    "milliarden": 1e9, "mrd": 1e9, "bn": 1e9,
    "trillion": 1e12, "trillions": 1e12, "billionen": 1e12, "billion_de": 1e12,
}
_NUM = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?)"
    r"(?:\s*(%|pour ?cent|prozent|percent))?"
    r"(?:\s+(?:de\s+)?([A-Za-zéèäöüß]+))?",
    re.IGNORECASE,
)
_WORD_NUM = re.compile(r"\b(" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\b(?:\s+([A-Za-zäöü]+))?",
                       re.IGNORECASE)
_SMALL_WORDS = {"un", "une", "ein", "eine", "one"}  # too ambiguous as articles unless a scale follows


def _to_float(raw: str) -> float:
    raw = re.sub(r"[ \u00a0\u202f]", "", raw)
    if re.fullmatch(r"\d{1,3}(,\d{3})+", raw):
        return float(raw.replace(",", ""))
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    return float(raw.replace(",", ""))


def _scale(word: str | None, lang_hint: str) -> float:
    if not word:
        return 1.0
    w = word.lower()
    if w == "billion" and lang_hint == "de":
        return 1e12
    if w == "billionen":
        return 1e12
    return _SCALES.get(w, 1.0)


def values(text: str, lang_hint: str = "") -> set[float]:
    """Every numeric value the text states, both raw and scaled by a following scale word."""
    out: set[float] = set()
    for m in _NUM.finditer(text):
        try:
            base = _to_float(m.group(1))
        except ValueError:
            continue
        out.add(base)
        scaled = base * _scale(m.group(3), lang_hint)
        out.add(round(scaled, 6))
    for m in _WORD_NUM.finditer(text):
        word = m.group(1).lower()
        scale = _scale(m.group(2), lang_hint)
        if word in _SMALL_WORDS and scale == 1.0:
            continue
        out.add(float(_WORD_NUMBERS[word]))
        out.add(round(_WORD_NUMBERS[word] * scale, 6))
    return out


def stated_numbers(text: str) -> list[float]:
    """The digit-written numbers an answer states (what verification must find in its quotes)."""
    out = []
    for m in _NUM.finditer(text):
        try:
            out.append(_to_float(m.group(1)))
        except ValueError:
            continue
    return out


def supported(number: float, text: str, lang_hint: str = "") -> bool:
    """True when `text` states `number`, directly or at another scale (10 trillion = 10 000 milliards)."""
    found = values(text, lang_hint)
    if any(_close(number, v) for v in found):
        return True
    return any(
        _close(number * scale, v) or _close(v * scale, number) for v in found for scale in (1e3, 1e6, 1e9, 1e12)
    )


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


_FRACTIONS = re.compile(r"\b(tiers|third|drittel|moitié|half|hälfte|quart|quarter|viertel)\b", re.IGNORECASE)


def has_number(text: str) -> bool:
    """Whether the text states any number or fraction, in digits or words."""
    return bool(values(text)) or bool(_FRACTIONS.search(text))
