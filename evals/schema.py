"""The gold set's schema; loading validates every question and that each passage is in its file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, model_validator

from assistant.citations import locate_quote
from assistant.models import Turn
from evals import GOLD_PATH


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
                    float(alt[1:])
            if not {p.source for p in self.passages} <= set(self.sources):
                raise ValueError(f"{self.id}: every passage's source must be listed in sources")
        elif self.facts or self.sources or self.passages:
            raise ValueError(f"{self.id}: an unanswerable question has no facts, sources or passages")
        if self.kind == "follow-up" and not self.history:
            raise ValueError(f"{self.id}: a follow-up question needs history")
        return self


class GoldSet(BaseModel):
    """The whole gold set."""

    version: int
    subsets: dict[str, list[str]] = Field(default_factory=dict)
    questions: list[GoldQuestion]

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
    """Load and validate the gold set; with `corpus_dir`, check every passage against its file."""
    gold = GoldSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    if corpus_dir is not None:
        problems = []
        for q in gold.questions:
            for src in q.sources:
                if not (corpus_dir / src).is_file():
                    problems.append(f"{q.id}: source {src} not in {corpus_dir}")
            for p in q.passages:
                f = corpus_dir / p.source
                if f.is_file() and locate_quote(p.text, f.read_text(encoding="utf-8")) is None:
                    problems.append(f"{q.id}: passage not found in {p.source}: {p.text[:60]!r}")
        if problems:
            raise ValueError("gold set does not match the corpus:\n" + "\n".join(problems))
    return gold
