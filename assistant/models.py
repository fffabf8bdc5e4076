"""Typed inputs and outputs of every step: retrieval, evidence, generation, the final answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, field_validator


class Turn(BaseModel):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str


class RetrievedChunk(BaseModel):
    """A chunk found by retrieval, with the scores that ranked it."""

    id: str
    source: str
    start: int
    end: int
    text: str
    title: str = ""
    byline: str = ""  # the document's author line ("By …", a dateline with a name), when it has one
    date: str = ""
    language: str = ""
    page: int | None = None  # 1-based page where the chunk starts (PDFs only)
    score: float = 0.0
    dense: float | None = None
    lexical: float | None = None
    unit_vectors: str = Field(default="", exclude=True, repr=False)  # stored at ingestion (assistant.unit_vectors)


class Evidence(BaseModel):
    """A unit selected to answer the question: `quote == file_text[start:end]`; `context` is the text it needs
    to be understood (an option's name, a table's header, a list's lead-in), empty for prose."""

    number: int
    source: str
    start: int
    end: int
    quote: str
    chunk: RetrievedChunk
    score: float
    context: str = ""

    @property
    def support(self) -> str:
        """What the evidence states: its context and its quote."""
        return f"{self.context} {self.quote}" if self.context else self.quote


class Citation(BaseModel):
    """A verified citation: `quote` is verbatim `file_text[start:end]` of `source` (relative to corpus/)."""

    source: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    passage: str
    number: int = 0
    title: str = ""
    date: str = ""
    passage_start: int = 0
    passage_end: int = 0
    page: int | None = None  # 1-based page of the quote's start (PDFs only)


class GeneratedAnswer(BaseModel):
    """What the chat model wrote, parsed: text and the evidence numbers it cites."""

    text: str
    cited: list[int] = Field(default_factory=list)
    not_found: bool = False
    logprob: float | None = None  # mean log-probability per token of the answer text, when the server gives it
    # (start, end, summed log-probability, tokens) of each streamed piece of `text`, offsets in `text` (JSON escapes
    # decoded); empty when the server gave no log-probabilities for some piece of it
    scores: list[tuple[int, int, float, int]] = Field(default_factory=list)

    @field_validator("text")
    @classmethod
    def _strip(cls, v: str) -> str:
        return v.strip()


class Answer(BaseModel):
    """The assistant's reply to one question."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    language: str = "en"
    standalone_question: str = ""
    mode: Literal["generated", "fact", "extractive", "abstained"] = "generated"
    grounded: bool = True
    model: str = ""
    note: str = ""  # diagnostics (why it abstained, which check failed): for a details view, not the answer
    # The generated answer that was not shown (its checks failed, or answers like it were too often wrong on dev),
    # with the quotes its markers point at, numbered as in the text: diagnostics for the eval, never an answer.
    withheld: str = ""
    withheld_citations: list[Citation] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    signals: dict[str, float] = Field(default_factory=dict)  # evidence scores the policy read (for calibration)


@dataclass
class EvidenceEvent:
    """Stream event: the evidence is ready (shown before the model writes)."""

    evidence: list[Evidence]
    standalone_question: str


@dataclass
class TokenEvent:
    """Stream event: a piece of the generated answer."""

    text: str
