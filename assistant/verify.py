"""Step 5, verify: the generated answer's citations must exist and its claims must be in the cited quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.citations import locate_quote, strip_markers
from assistant.generate import MARKER
from assistant.models import Evidence, GeneratedAnswer
from assistant.numbers import stated_numbers, supported
from vectorstore.text import STOPWORDS, fold

_QUOTED = re.compile(r"[\"«“„]\s*([^\"«»“”„]{25,}?)\s*[\"»”“]")
_NAME = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ][\w'’-]{2,})")
_COMMON = {w.capitalize() for ws in STOPWORDS.values() for w in ws} | {
    "According", "Selon", "Laut", "Gemäß", "Yes", "No", "Oui", "Non", "Ja", "Nein", "The", "This", "These",
}


@dataclass
class Verification:
    """The outcome of checking a generated answer: the evidence it cites and what failed."""

    cited: list[int]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


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
    answer = MARKER.sub(" ", answer)
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


def verify(gen: GeneratedAnswer, evidence: list[Evidence], question: str, lang: str) -> Verification:
    """Check a (found) generated answer against the evidence it cites."""
    by_number = {e.number: e for e in evidence}
    cited = [n for n in gen.cited if n in by_number]
    if not cited:
        # No valid marker: attribute each stated number to the evidence that states it.
        for number in stated_numbers(gen.text):
            cited += [n for n, e in by_number.items() if supported(number, e.quote) and n not in cited]
    quotes = [by_number[n].quote for n in cited]
    problems = ["no valid citation"] if not cited else unsupported_claims(gen.text, quotes, question, lang)
    if cited and not quoted_passages_ok(gen.text, quotes):
        problems.append("quotation not found in the cited evidence")
    if len(strip_markers(gen.text).split()) < 2:
        problems.append("no answer text besides citation markers")
    return Verification(cited, problems)
