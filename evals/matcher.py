"""Strict, unit-aware fact matching for the eval; stdlib only, independent of `assistant/` and `vectorstore/`.

A fact (list of alternatives) is present when any alternative is stated. "=N": a quantity equal to N (relative 1e-9)
after its scale word, of any kind; "=N%": a percentage (%, percent, per cent, pour cent, Prozent). Other strings: a
folded substring (case, accents, quotes, spaces, digit groups ignored) on word boundaries ("informati*": a prefix).
Digits: space/apostrophe groups join; "," or "." + exactly 3 digits after 1-3 digits (no leading 0) is a thousands
mark ("1,500" = "1.500" = 1500), except in a percentage; else a decimal mark ("1,5" = "1.5"); of two marks the last is
decimal. Scale words follow the number (after "de"/"d'" too); "billion"/"trillion" are 1e9/1e12 in English, 1e12/1e18
in French/German ("billions de" is French); the language is given or detected from function words outside quotes
(English by default). Number words count in en/fr/de; articles (a, one, un, ein) only before a scale word. "[1]"
markers are dropped, digits glued to letters ("5G") ignored, and an ascending range ("5 to 7 million") shares its unit.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_CITATION = re.compile(r"\[\d+(?:\s*[,;\u2013-]\s*\d+)*\]")
_PUNCT = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SUPERSCRIPT = re.compile("[\u00b2\u00b3\u00b9\u2070-\u209f]")
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ ',]\d{3})+(?!\d)")


def _normalise(text: str) -> str:
    """Lowercase, accents stripped (NFKD), ß -> ss, quotes, dashes and whitespace normalised."""
    text = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text).lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("ß", "ss").translate(_PUNCT)
    return re.sub(r"\s+", " ", text)


def fold(text: str) -> str:
    """The text as compared with string alternatives: normalised, digit groups joined ("10 000" -> "10000")."""
    return _DIGIT_GROUPS.sub(lambda m: re.sub(r"[ ',]", "", m.group()), _normalise(text))


# --- language --------------------------------------------------------------------------------------------------

_FUNCTION_WORDS = {
    "fr": frozenset("le la les du de est et une dans pour qui que sur au aux avec sont ont cette ces il elle ils par "
                    "pas plus selon l d qu".split()),
    "de": frozenset("der die das und ist ein eine einen mit von den dem zu im auf fur nicht sich wurde wurden sind "
                    "auch es als bei nach uber zum zur wird hat haben dass".split()),
    "en": frozenset("the and is of to was were are with that for by on it has have this from which be been its "
                    "as".split()),
}


def _detect(text: str) -> tuple[str, bool]:
    """(language, whether any function word supported it): most frequent of fr/de/en outside quotes, English on ties."""
    norm = _normalise(text)
    for scope in (re.sub(r'"[^"]*"', " ", norm), norm):  # quotes may be in the source's language
        counts = dict.fromkeys(_FUNCTION_WORDS, 0)
        for word in re.findall(r"[a-z]+", scope):
            for lang, words in _FUNCTION_WORDS.items():
                counts[lang] += word in words
        best = max(counts.values())
        if best:
            return ("en" if counts["en"] == best else "fr" if counts["fr"] == best else "de"), True
    return "en", False


def detect_language(text: str) -> str:
    """"fr", "de" or "en": the language whose function words are most frequent (English on ties or none)."""
    return _detect(text)[0]


# --- scales ----------------------------------------------------------------------------------------------------

_SCALES = {
    "hundred": 1e2, "hundert": 1e2,
    "thousand": 1e3, "thousands": 1e3, "mille": 1e3, "tausend": 1e3,
    "million": 1e6, "millions": 1e6, "millionen": 1e6, "mio": 1e6,
    "milliard": 1e9, "milliards": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "mrds": 1e9, "mds": 1e9,
    "bn": 1e9, "billionen": 1e12, "trillionen": 1e18,
}
_LONG_SCALE = {"billion": 1e12, "billions": 1e12, "trillion": 1e18, "trillions": 1e18}
_SHORT_SCALE = {"billion": 1e9, "billions": 1e9, "trillion": 1e12, "trillions": 1e12}
_ATTACHED_SCALES = {"k": 1e3, "bn": 1e9, "mio": 1e6, "mrd": 1e9}
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "e", "er", "ere", "re", "eme", "ieme", "nde"})
_UNIT_SUFFIXES = frozenset({"km", "cm", "mm", "kg", "mg", "kw", "kwh", "mw", "mwh", "gw", "gwh", "twh", "gb", "tb",
                            "mb", "ha", "ms", "nm", "x", "h", "min"})
_FRENCH_OF = re.compile(r" ?(?:de |d')")


def _scale(word: str, following: str, lang: str) -> float | None:
    """Value of a scale word in the given language; None when the word is not one."""
    if word in _LONG_SCALE:
        french = _FRENCH_OF.match(following) is not None
        return (_LONG_SCALE if lang in ("fr", "de") or french else _SHORT_SCALE)[word]
    return _SCALES.get(word)


# --- quantities ------------------------------------------------------------------------------------------------


@dataclass
class _Quantity:
    start: int
    end: int
    value: float
    scale: float = 1.0
    percent: bool = False

    @property
    def bare(self) -> bool:
        """Neither scaled nor a percentage (so a range can lend it its unit)."""
        return self.scale == 1.0 and not self.percent


_RUN = re.compile(r"(?<!\w)\d+(?:[ ',.]\d+)*")
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2,4})")
_PERCENT = re.compile(r" ?(?:%|(?:pour ?cent|prozent|percent|per ?cent)(?!\w))")
_SCALE_TAIL = re.compile(r" (?:de |d')?([a-z]+)")
_RANGE_GAP = re.compile(r" ?(?:-|to|a|au|bis) ?")


def _split_run(run: str) -> list[tuple[int, int, float, float]] | None:
    """Numbers in a run of digit groups as (start, end, value, value if "1,500"/"1.500" were decimal); None if bad."""
    date = _DATE.fullmatch(run)
    if date:  # "30.08.2025": day, month, year
        return [(date.start(k), date.end(k), float(date.group(k)), float(date.group(k))) for k in (1, 2, 3)]
    parts = re.split(r"([ ',.])", run)
    digits, seps = parts[0::2], parts[1::2]
    starts = [0]
    for k in range(1, len(digits)):
        starts.append(starts[-1] + len(digits[k - 1]) + 1)
    out: list[tuple[int, int, float, float]] = []
    i = 0
    while i < len(digits):
        integer, j, thousands = digits[i], i, None
        if len(digits[i]) <= 3 and not digits[i].startswith("0"):
            while j + 1 < len(digits) and len(digits[j + 1]) == 3 and thousands in (None, seps[j]):
                thousands = seps[j]
                integer += digits[j + 1]
                j += 1
        fraction = ""
        if j + 1 < len(digits) and seps[j] in ",." and seps[j] != thousands:
            fraction = digits[j + 1]
            j += 1
        if j + 1 < len(digits) and seps[j] != " ":
            return None  # versions, lists without spaces, "1'5": not quantities
        value = float(f"{integer}.{fraction or 0}")
        decimal = float(f"{digits[i]}.{digits[j]}") if j == i + 1 and thousands in (",", ".") else value
        out.append((starts[i], starts[j] + len(digits[j]), value, decimal))
        i = j + 1
    return out


def _digit_quantities(text: str, lang: str) -> list[_Quantity]:
    """Quantities written with digits, with their percent sign or scale word."""
    found: list[_Quantity] = []
    for run in _RUN.finditer(text):
        numbers = _split_run(run.group())
        if not numbers:
            continue
        for n, (start, end, value, decimal) in enumerate(numbers):
            q = _Quantity(run.start() + start, run.start() + end, value)
            if n == len(numbers) - 1:
                glued = re.match(r"[a-z]+", text[q.end:])
                if glued:
                    suffix = glued.group()
                    if text[q.end + len(suffix):q.end + len(suffix) + 1].isdigit():
                        continue  # "1e9", "3d2": an identifier
                    if suffix in _ATTACHED_SCALES:
                        q.scale = _ATTACHED_SCALES[suffix]
                        q.value *= q.scale
                    elif suffix not in _ORDINAL_SUFFIXES and suffix not in _UNIT_SUFFIXES:
                        continue  # "5G", "3D": an identifier, not a quantity
                    q.end += len(suffix)
                _tail(text, q, lang)
                if q.percent:  # "4.125 %": in a percentage "," or "." + three digits is a decimal mark
                    q.value = decimal * q.scale
            found.append(q)
    return found


def _tail(text: str, q: _Quantity, lang: str) -> None:
    """Apply the percent sign or scale words ("mille milliards") following a quantity; its end moves past them."""
    pct = _PERCENT.match(text, q.end)
    if pct:
        q.percent, q.end = True, pct.end()
        return
    while True:
        word = _SCALE_TAIL.match(text, q.end)
        scale = _scale(word.group(1), text[word.end():], lang) if word else None
        if word is None or scale is None or scale <= q.scale:
            return
        q.value, q.scale, q.end = q.value * scale, q.scale * scale, word.end()


# --- number words ----------------------------------------------------------------------------------------------

_ARTICLES = frozenset({"a", "an", "one", "un", "une", "ein", "eine", "einen", "einem", "einer", "eines"})
_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
    "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "octante": 80, "huitante": 80, "nonante": 90,
}
_DE_UNITS = {"ein": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8,
             "neun": 9}
_DE_SMALL = {**{k: v for k, v in _DE_UNITS.items() if k != "ein"}, "eins": 1, "zehn": 10, "elf": 11, "zwolf": 12,
             "dreizehn": 13, "vierzehn": 14, "funfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
             "neunzehn": 19}
_DE_TENS = {"zwanzig": 20, "dreissig": 30, "vierzig": 40, "funfzig": 50, "sechzig": 60, "siebzig": 70,
            "achtzig": 80, "neunzig": 90}
_HUNDREDS = frozenset({"hundred", "cent", "cents", "hundert"})
_THOUSANDS = frozenset({"thousand", "mille", "tausend"})
_NEED_NUMBER = frozenset({"hundred", "thousand"})  # English multipliers need "a", "one" or a number before them
_NOT_ENGLISH = frozenset({"cent", "cents", "sept", "elf"})  # in English text: money, September, fairy tales


def _german(word: str) -> int | None:
    """Value of a German number word, compounds included ("neunundzwanzig", "zweihundertfunf"); None otherwise."""
    if word in _DE_SMALL or word in _DE_TENS:
        return _DE_SMALL.get(word) or _DE_TENS[word]
    for sep, mult in (("tausend", 1000), ("hundert", 100)):
        if sep in word:
            left, _, right = word.partition(sep)
            lv = 1 if left in ("", "ein") else _german(left)
            rv = 0 if right == "" else _german(right)
            if lv is None or rv is None or lv >= (1000 if mult == 1000 else 10) or rv >= mult:
                return None
            return lv * mult + rv
    left, und, right = word.partition("und")
    if und and left in _DE_UNITS and right in _DE_TENS:
        return _DE_UNITS[left] + _DE_TENS[right]
    return None


def _kind(word: str, following: str, lang: str) -> tuple[str, float] | None:
    """("art"|"num"|"hundred"|"thousand"|"scale", value) of a number word, or None."""
    if word in _ARTICLES:
        return "art", 1
    if word in _HUNDREDS:
        return "hundred", 100
    if word in _THOUSANDS:
        return "thousand", 1000
    scale = _scale(word, following, lang)
    if scale is not None and scale >= 1e6:
        return "scale", scale
    if word in _SMALL:
        return "num", _SMALL[word]
    value = _german(word)
    return ("num", value) if value is not None else None


def _add_ok(current: float, value: float) -> bool:
    """Whether a number word can extend the current sub-thousand amount ("vingt" + "neuf", not "five" + "six")."""
    if current == 0:
        return True
    if value >= 100:
        return False
    rest = current % 100
    return rest == 0 or (rest % 10 == 0 and value < 10) or (rest in (60, 80) and value < 20)


_WORD = re.compile(r"[a-z]+")
_JOINER = re.compile(r"[ -]+")


@dataclass
class _Token:
    word: str
    start: int
    end: int
    role: str | None  # "art", "num", "hundred", "thousand", "scale" or None (not a number word)
    value: float
    joined: bool  # separated from the previous token by spaces or hyphens only


def _tokens(text: str, lang: str, taken: list[tuple[int, int]], english: bool) -> list[_Token]:
    """Words outside the spans taken by digit quantities, with their number-word roles (no false friends if English)."""
    out: list[_Token] = []
    for m in _WORD.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        kind = None if english and m.group() in _NOT_ENGLISH else _kind(m.group(), text[m.end():m.end() + 4], lang)
        joined = bool(out) and _JOINER.fullmatch(text[out[-1].end:m.start()]) is not None
        if m.group() in ("cent", "cents") and joined and out[-1].word in ("pour", "per"):
            kind = None  # "pour cent", "per cent": a percent sign, not a hundred
        out.append(_Token(m.group(), m.start(), m.end(), kind[0] if kind else None, kind[1] if kind else 0, joined))
    return out


def _startable(tokens: list[_Token], i: int) -> bool:
    """Whether a number can start at token i (articles only before a multiplier: "un milliard", "a hundred")."""
    t = tokens[i]
    if t.role is None or t.role == "scale" or t.word in _NEED_NUMBER:
        return False
    if t.role != "art":
        return True
    return i + 1 < len(tokens) and tokens[i + 1].joined and tokens[i + 1].role in ("hundred", "thousand", "scale")


def _connects(tokens: list[_Token], k: int, current: float, above: float) -> bool:
    """Whether "and"/"et" at token k joins two parts of one number ("hundred and five", "vingt et un")."""
    if k + 1 >= len(tokens) or not (tokens[k].joined and tokens[k + 1].joined):
        return False
    nxt = tokens[k + 1]
    if nxt.role not in ("num", "art"):
        return False
    if tokens[k].word == "and":
        return (current > 0 and current % 100 == 0) or (current == 0 and above > 0)
    return tokens[k].word == "et" and nxt.value in (1, 11) and current % 10 == 0 and 20 <= current % 100 <= 60


def _parse_words(tokens: list[_Token], i: int) -> tuple[float, float, int]:
    """(value, largest scale word or 1, index of the last token) of the number words starting at token i."""
    big, thousands, current, last_big, last, k = 0.0, 0.0, 0.0, math.inf, i, i
    while k < len(tokens) and tokens[k].role is not None and (k == i or tokens[k].joined):
        t = tokens[k]
        if t.role in ("art", "num"):
            if k > i and t.word in ("vingt", "vingts") and tokens[k - 1].word == "quatre" and current % 100 == 4:
                current += 76  # quatre-vingt(s) = 80
            elif _add_ok(current, t.value):
                current += t.value
            else:
                break
        elif t.role == "hundred":
            if current >= 100:
                break
            current = (current or 1) * 100
        elif t.role == "thousand":
            if thousands:
                break
            thousands, current = (current or 1) * 1000, 0.0
        else:
            amount = thousands + current
            if amount == 0 or t.value >= last_big:
                break
            big, thousands, current, last_big = big + amount * t.value, 0.0, 0.0, t.value
        last, k = k, k + 1
        if k < len(tokens) and tokens[k].word in ("and", "et") and _connects(tokens, k, current, big + thousands):
            k += 1
    return big + thousands + current, (1.0 if last_big == math.inf else last_big), last


def _word_quantities(text: str, lang: str, taken: list[tuple[int, int]], english: bool) -> list[_Quantity]:
    """Quantities written in words ("vingt-neuf", "zehn Billionen", "un milliard"), outside the spans taken."""
    tokens = _tokens(text, lang, taken, english)
    found: list[_Quantity] = []
    i = 0
    while i < len(tokens):
        if not _startable(tokens, i):
            i += 1
            continue
        value, scale, last = _parse_words(tokens, i)
        q = _Quantity(tokens[i].start, tokens[last].end, value, scale)
        _tail(text, q, lang)
        found.append(q)
        i = last + 1
    return found


# --- public API ------------------------------------------------------------------------------------------------


def _quantities(text: str, lang: str | None) -> list[_Quantity]:
    """Every quantity the text states, in order; an ascending range ("5 to 7 million", "10-15 %") shares its unit."""
    raw = _CITATION.sub(" ", text)
    lang, evidence = (lang, True) if lang else _detect(raw)
    english_words = lang == "en" and evidence
    norm = _normalise(_SUPERSCRIPT.sub("", raw))
    digits = _digit_quantities(norm, lang)
    words = _word_quantities(norm, lang, [(q.start, q.end) for q in digits], english_words)
    found = sorted(digits + words, key=lambda q: q.start)
    for a, b in zip(found, found[1:], strict=False):
        if a.bare and not b.bare and a.value <= b.value / b.scale and _RANGE_GAP.fullmatch(norm[a.end:b.start]):
            a.value, a.scale, a.percent = a.value * b.scale, b.scale, b.percent
    return found


def quantities(text: str, lang: str | None = None) -> list[tuple[float, bool]]:
    """(value, is_percent) of every quantity stated in the text, in order; lang "en"|"fr"|"de" or detected."""
    return [(q.value, q.percent) for q in _quantities(text, lang)]


def parse_number_fact(alternative: str) -> tuple[float, bool]:
    """(N, percent only) of a "=N" or "=N%" alternative."""
    body = alternative[1:].strip()
    percent = body.endswith("%")
    try:
        return float(body.rstrip("%").strip()), percent
    except ValueError:
        raise ValueError(f"bad numeric fact alternative {alternative!r}") from None


def _phrase_present(alternative: str, folded_text: str) -> bool:
    """Whether the folded alternative is in the folded text, on word boundaries at word-character ends not starred."""
    needle = fold(alternative).strip()
    prefix, suffix = needle.endswith("*"), needle.startswith("*")  # "integr*" a word start, "*bahn" a word end
    needle = needle.strip("*")
    if not needle:
        return False
    left = r"(?<!\w)" if re.match(r"\w", needle[0]) and not suffix else ""
    right = r"(?!\w)" if re.match(r"\w", needle[-1]) and not prefix else ""
    return re.search(left + re.escape(needle) + right, folded_text) is not None


def fact_present(alternatives: Sequence[str], text: str, lang: str | None = None) -> bool:
    """Whether any alternative of a gold fact is stated in the text."""
    found: list[tuple[float, bool]] | None = None
    folded: str | None = None
    for alt in alternatives:
        if alt.startswith("="):
            target, percent_only = parse_number_fact(alt)
            if found is None:
                found = quantities(text, lang)
            if any(math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-12) and (is_pct or not percent_only)
                   for value, is_pct in found):
                return True
        else:
            if folded is None:
                folded = fold(_CITATION.sub(" ", text))
            if _phrase_present(alt, folded):
                return True
    return False
