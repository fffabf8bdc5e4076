"""What an answer claims, and the outcome of checking it: facts, problems, verification."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.generate import MARKER
from assistant.numbers import Quantity, quantities
from assistant.verify.text import names_in


@dataclass(frozen=True)
class Fact:
    """A claim of the answer that a cited quote supports: its text in the answer and the evidence number."""

    text: str
    evidence: int
    also: tuple[int, ...] = ()  # every cited quote that supports it, `evidence` first

    @property
    def quotes(self) -> tuple[int, ...]:
        """Every cited quote that supports it, `evidence` first (`evidence` alone when `also` was not given)."""
        return self.also or (self.evidence,)


@dataclass
class Verification:
    """The outcome of checking a generated answer: the evidence it cites, what failed and what held."""

    cited: list[int]
    problems: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Claims:
    """What an answer states: its quantities and names, with the text that holds them."""

    text: str
    quantities: list[Quantity]
    names: list[str]


def claims_of(answer: str, lang: str, names_asked: bool = False) -> Claims:
    """The claims of an answer (citation markers removed); when a name is asked, a sentence may start with it."""
    text = MARKER.sub(" ", answer)
    return Claims(text, quantities(text, lang), names_in(text, initial=names_asked))


def settle(claim: str, where: list[int], problem: str, facts: list[Fact], problems: list[str]) -> None:
    """A claim backed by quotes becomes a fact (its first quote as the evidence); one backed by none, a problem."""
    if where:
        facts.append(Fact(claim, where[0], tuple(where)))
    else:
        problems.append(problem)
