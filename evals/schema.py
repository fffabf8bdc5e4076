"""The gold sets' schema; loading validates every question and that each passage is in its file.

A gold file belongs to one corpus (`corpus`, a folder relative to the repository root) and one split:
`dev` questions may be used for tuning, `test` questions are only reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, model_validator

from evals import GOLD_PATH, ROOT
from evals.matcher import parse_number_fact

_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def locate_passage(passage: str, text: str) -> tuple[int, int] | None:
    """Offsets of the passage in the text, up to whitespace and quote marks (the eval's own check)."""
    tokens = passage.translate(_QUOTES).split()
    if not tokens:
        return None
    quote_class = {'"': "[\"«»“”„]", "'": "['‘’‚]"}
    parts = ["".join(quote_class.get(ch, re.escape(ch)) for ch in tok) for tok in tokens]
    m = re.search(r"\s+".join(parts), text)
    return (m.start(), m.end()) if m else None


class Turn(BaseModel):
    """One earlier message of a follow-up question's conversation."""

    role: Literal["user", "assistant"]
    content: str


class GoldPassage(BaseModel):
    """Text of a source file that supports the answer (verbatim up to whitespace and quote marks)."""

    source: str
    text: str = Field(min_length=5)


class GoldQuestion(BaseModel):
    """One question with the facts a correct answer states."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    question: str = Field(min_length=3)
    language: Literal["en", "fr", "de"]
    kind: Literal["single", "multi", "cross", "follow-up", "unanswerable"]
    answerable: bool = True
    tags: list[str] = Field(default_factory=list)
    history: list[Turn] = Field(default_factory=list)
    facts: list[list[str]] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    passages: list[GoldPassage] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> GoldQuestion:
        if self.answerable:
            if not self.facts or not all(self.facts) or not self.sources or not self.passages:
                raise ValueError(f"{self.id}: an answerable question needs facts, sources and passages")
            for alt in (a for fact in self.facts for a in fact):
                if alt.startswith("="):
                    parse_number_fact(alt)  # "=N" or "=N%"; raises ValueError otherwise
                elif "*" in alt.strip("*"):  # the matcher reads "*" only at a word's start or end
                    raise ValueError(f"{self.id}: {alt!r} has a '*' inside; it would be matched literally")
            if not {p.source for p in self.passages} <= set(self.sources):
                raise ValueError(f"{self.id}: every passage's source must be listed in sources")
        elif self.facts or self.sources or self.passages:
            raise ValueError(f"{self.id}: an unanswerable question has no facts, sources or passages")
        if self.kind == "follow-up" and not self.history:
            raise ValueError(f"{self.id}: a follow-up question needs history")
        return self


class GoldSet(BaseModel):
    """One gold file: questions about one corpus, in one split."""

    version: int
    corpus: str = "corpus"
    split: Literal["dev", "test"] = "dev"
    subsets: dict[str, list[str]] = Field(default_factory=dict)
    questions: list[GoldQuestion]

    @property
    def corpus_dir(self) -> Path:
        return ROOT / self.corpus

    @model_validator(mode="after")
    def _unique_ids(self) -> GoldSet:
        ids = [q.id for q in self.questions]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"duplicate question ids: {sorted(dupes)}")
        for name, members in self.subsets.items():
            unknown = set(members) - set(ids)
            if unknown:
                raise ValueError(f"subset {name} names unknown questions: {sorted(unknown)}")
        return self


def load_gold(path: Path = GOLD_PATH, corpus_dir: Path | None = None) -> GoldSet:
    """Load and validate a gold file; check every passage against its file (in `corpus_dir` or the file's corpus)."""
    gold = GoldSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    corpus_dir = corpus_dir or gold.corpus_dir
    problems = []
    for q in gold.questions:
        for src in q.sources:
            if not (corpus_dir / src).is_file():
                problems.append(f"{q.id}: source {src} not in {corpus_dir}")
        for p in q.passages:
            f = corpus_dir / p.source
            if f.is_file() and locate_passage(p.text, f.read_text(encoding="utf-8")) is None:
                problems.append(f"{q.id}: passage not found in {p.source}: {p.text[:60]!r}")
    if problems:
        raise ValueError(f"{path.name} does not match its corpus:\n" + "\n".join(problems))
    return gold
