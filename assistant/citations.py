"""Citations are verified, not trusted: quotes are located in their passage, claims checked against them."""

from __future__ import annotations

import re
import unicodedata

from assistant.lexical import fold
from assistant.models import Citation, Evidence, GeneratedAnswer
from assistant.numbers import stated_numbers, supported
from vectorstore.language import _STOPWORDS

_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_NOT_FOUND = re.compile(r"NOT[_ ]FOUND|NOT[_ ]IN[_ ]DOCUMENTS", re.IGNORECASE)
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
_QUOTED = re.compile(r"[\"«“„]\s*([^\"«»“”„]{25,}?)\s*[\"»”“]")
_NAME = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ][\w'’-]{2,})")
_COMMON = {w.capitalize() for ws in _STOPWORDS.values() for w in ws} | {
    "According", "Selon", "Laut", "Gemäß", "Yes", "No", "Oui", "Non", "Ja", "Nein", "The", "This", "These",
}


def parse_generation(text: str) -> GeneratedAnswer:
    """Parse the model's raw text into typed form: cited evidence numbers and the not-found flag."""
    cited: list[int] = []
    for m in _MARKER.finditer(text):
        for n in re.split(r"\s*[,;]\s*", m.group(1)):
            if int(n) not in cited:
                cited.append(int(n))
    return GeneratedAnswer(text=text, cited=cited, not_found=bool(_NOT_FOUND.search(text)))


def _canon(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text)


def locate_quote(quote: str, passage: str) -> tuple[int, int] | None:
    """Offsets of `quote` in `passage`, tolerant of whitespace, quote marks and Unicode forms."""
    idx = passage.find(quote)
    if idx >= 0:
        return idx, idx + len(quote)
    # Map canonical characters back to passage offsets so the span is exact in the original.
    canon_chars: list[str] = []
    offsets: list[int] = []
    prev_space = False
    for i, ch in enumerate(passage):
        c = _canon(ch)
        if c.isspace():
            if prev_space:
                continue
            c, prev_space = " ", True
        else:
            prev_space = False
        for piece in c:
            canon_chars.append(piece)
            offsets.append(i)
    target = _canon(quote).strip()
    if not target:
        return None
    j = "".join(canon_chars).find(target)
    if j < 0:
        return None
    return offsets[j], offsets[j + len(target) - 1] + 1


def _names(text: str) -> set[str]:
    names = set()
    for sentence in re.split(r"(?<=[.!?:])\s+|\n", text):
        for i, m in enumerate(_NAME.finditer(sentence)):
            word = m.group(1)
            if (i == 0 and m.start() == 0) or word in _COMMON:
                continue
            names.add(word)
    return names


def unsupported_claims(answer: str, quotes: list[str], question: str, answer_lang: str) -> list[str]:
    """Numbers and names the answer states that no cited quote (nor the question) contains."""
    support = " ".join(quotes)
    answer = _MARKER.sub(" ", answer)
    problems = []
    for number in stated_numbers(answer):
        if not supported(number, support) and not supported(number, question):
            problems.append(f"number {number:g}")
    support_words = set(re.findall(r"\w+", fold(support + " " + question)))
    prefixes = {w[:4] for w in support_words if len(w) >= 4}
    for name in _names(answer):
        if answer_lang == "de" and not (name.isupper() or any(c.isdigit() for c in name)):
            continue  # German capitalises every noun; only acronyms are checked there
        f = fold(name)
        if f in support_words or f[:4] in prefixes:
            continue
        problems.append(f"name {name}")
    return problems


def quoted_passages_ok(answer: str, quotes: list[str]) -> bool:
    """Any long quotation the model wrote must occur (tolerantly) in one of its cited quotes."""
    return all(any(locate_quote(q, src) for src in quotes) for q in _QUOTED.findall(answer))


def to_citation(ev: Evidence, number: int) -> Citation:
    """A citation from a piece of evidence, checking that the quote lies in its passage."""
    chunk = ev.chunk
    span = locate_quote(ev.quote, chunk.text)
    if span is None:
        raise ValueError(f"evidence quote not found in its passage ({ev.source})")
    start, end = chunk.start + span[0], chunk.start + span[1]
    return Citation(
        source=ev.source, start=start, end=end, quote=chunk.text[span[0]:span[1]], passage=chunk.text,
        number=number, title=chunk.title, date=chunk.date, passage_start=chunk.start, passage_end=chunk.end,
    )


def strip_markers(text: str) -> str:
    """The answer text without [n] markers (for display where citations are shown separately)."""
    return re.sub(r"\s*" + _MARKER.pattern, "", text).strip()


def renumber(text: str, mapping: dict[int, int]) -> str:
    """Rewrite [n] markers with the final citation numbers; drop markers that were invalid."""

    def repl(m: re.Match) -> str:
        nums = [mapping[int(n)] for n in re.split(r"\s*[,;]\s*", m.group(1)) if int(n) in mapping]
        return "".join(f"[{n}]" for n in dict.fromkeys(nums))

    return _MARKER.sub(repl, text)
