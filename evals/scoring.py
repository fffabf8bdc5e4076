"""Deterministic scorers: key facts, citations (file and passage level), retrieval, abstention, language.

Facts are judged by the eval's own strict matcher (`evals.matcher`); nothing here reuses the product's checks.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from pydantic import BaseModel, Field

from assistant.models import Answer, Citation, RetrievedChunk
from evals.matcher import fact_present as _fact_present
from evals.schema import GoldQuestion, locate_passage
from vectorstore.language import detect_language

Span = tuple[str, int, int]


class QuestionResult(BaseModel):
    """Scores of one answer against its gold question."""

    id: str
    kind: str
    language: str
    answerable: bool
    question: str
    answer: str = ""
    abstained: bool = False
    mode: str = ""
    note: str = ""
    citations: list[dict] = Field(default_factory=list)
    facts_found: list[bool] = Field(default_factory=list)
    correct: bool = False
    cite_file_precision: float | None = None
    cite_file_recall: float | None = None
    cite_passage_precision: float | None = None
    cite_passage_recall: float | None = None
    retrieval_hit: bool | None = None
    language_ok: bool = False
    latency_ms: float = 0.0
    error: str | None = None
    tags: list[str] = Field(default_factory=list)
    signals: dict[str, float] = Field(default_factory=dict)
    # The generated answer the product did not show, and whether it stated the gold facts (None: nothing withheld,
    # or a question the documents do not answer): what the replay needs to measure a check's recall.
    withheld: str = ""
    withheld_citations: list[dict] = Field(default_factory=list)
    withheld_correct: bool | None = None

    @property
    def wrong_shown(self) -> bool:
        """Shown as an answer, but wrong: a fact missing, or a question the documents do not answer."""
        return self.error is None and not self.abstained and not self.correct


def fact_present(alternatives: Sequence[str], text: str, lang: str | None = None) -> bool:
    """Whether any alternative of a fact is stated in the text (strict: same quantity at the same scale)."""
    return _fact_present(alternatives, text, lang)


def gold_spans(q: GoldQuestion, file_texts: dict[str, str]) -> list[Span]:
    """Character spans of the gold passages in their files."""
    spans = []
    for p in q.passages:
        text = file_texts.get(p.source, "")
        loc = locate_passage(p.text, text)
        if loc:
            spans.append((p.source, loc[0], loc[1]))
    return spans


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def answer_language_ok(answer: Answer, expected: str) -> bool:
    """The answer's own words (quotes removed) are in the question's language."""
    own = re.sub(r"«[^»]*»|\[\d+\]", " ", answer.answer)
    return detect_language(own, default="?") == expected


def _claims(answer: Answer) -> str:
    """What the answer states: its text without the diagnostics a user is shown apart (notes are not claims)."""
    return answer.answer


def _stored(citations: Sequence[Citation]) -> list[dict]:
    """What a result keeps of each citation: enough to find its quote again (the replay maps it back)."""
    return [c.model_dump(include={"number", "source", "start", "end", "quote"}) for c in citations]


def score(
    q: GoldQuestion,
    answer: Answer | None,
    retrieved: Sequence[RetrievedChunk],
    file_texts: dict[str, str],
    latency_ms: float,
    error: str | None = None,
) -> QuestionResult:
    """Score one answer."""
    r = QuestionResult(id=q.id, kind=q.kind, language=q.language, answerable=q.answerable, question=q.question,
                       latency_ms=latency_ms, error=error, tags=q.tags)
    if answer is None:
        return r
    r.answer, r.abstained, r.mode, r.note = answer.answer, answer.abstained, answer.mode, answer.note
    r.signals = dict(answer.signals)
    r.citations = _stored(answer.citations)
    r.language_ok = answer_language_ok(answer, q.language)
    r.withheld = answer.withheld
    r.withheld_citations = _stored(answer.withheld_citations)
    if answer.withheld and q.answerable:
        r.withheld_correct = all(fact_present(f, answer.withheld, q.language) for f in q.facts)
    if not q.answerable:
        r.correct = answer.abstained
        return r
    spans = gold_spans(q, file_texts)
    r.retrieval_hit = any(_overlaps((c.source, c.start, c.end), s) for c in retrieved for s in spans)
    r.facts_found = [fact_present(f, _claims(answer), q.language) for f in q.facts]
    r.correct = (not answer.abstained) and all(r.facts_found)
    if answer.abstained:
        r.cite_file_recall = r.cite_passage_recall = 0.0
        return r
    cits = answer.citations
    in_gold_file = [c.source in q.sources for c in cits]
    supports = [
        ok and (any(_overlaps((c.source, c.start, c.end), s) for s in spans) or any(fact_present(f, c.quote)
                                                                                    for f in q.facts))
        for c, ok in zip(cits, in_gold_file, strict=True)
    ]
    if cits:
        r.cite_file_precision = sum(in_gold_file) / len(cits)
        r.cite_passage_precision = sum(supports) / len(cits)
    r.cite_file_recall = 1.0 if any(in_gold_file) else 0.0
    supporting_quotes = [c.quote for c, ok in zip(cits, supports, strict=True) if ok]
    r.cite_passage_recall = (
        sum(any(fact_present(f, quote) for quote in supporting_quotes) for f in q.facts) / len(q.facts)
        if supporting_quotes else 0.0
    )
    return r


def _mean(values: Sequence[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def aggregate(results: Sequence[QuestionResult]) -> dict[str, float | None]:
    """Suite-level metrics."""
    answerable = [r for r in results if r.answerable and r.error is None]
    unanswerable = [r for r in results if not r.answerable and r.error is None]
    abstained = [r for r in results if r.abstained]
    true_abst = [r for r in abstained if not r.answerable]
    latencies = sorted(r.latency_ms for r in results if r.error is None)
    done = [r for r in results if r.error is None]
    return {
        "answer_accuracy": _mean([float(r.correct) for r in answerable]),
        "citation_precision_file": _mean([r.cite_file_precision for r in answerable]),
        "citation_recall_file": _mean([r.cite_file_recall for r in answerable]),
        "citation_precision_passage": _mean([r.cite_passage_precision for r in answerable]),
        "citation_recall_passage": _mean([r.cite_passage_recall for r in answerable]),
        "retrieval_recall_at_k": _mean([float(bool(r.retrieval_hit)) for r in answerable]),
        "wrong_answers_shown": round(sum(r.wrong_shown for r in results) / len(done), 4) if done else None,
        "wrong_answers_shown_count": float(sum(r.wrong_shown for r in results)),
        "abstention_precision": round(len(true_abst) / len(abstained), 4) if abstained else None,
        "abstention_recall": round(len(true_abst) / len(unanswerable), 4) if unanswerable else None,
        "language_match": _mean([float(r.language_ok) for r in results if r.error is None]),
        "latency_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "latency_p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1)
        if latencies else None,
        "errors": float(sum(r.error is not None for r in results)),
        "questions": float(len(results)),
    }
