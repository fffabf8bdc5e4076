"""Run the assistant over the gold set and score every answer."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tqdm import tqdm

from assistant.errors import AssistantError, InputError
from evals.schema import GoldQuestion, GoldSet
from evals.scoring import QuestionResult, aggregate, score


def _tokens(subset: str) -> list[str]:
    return [t.strip() for t in subset.split(",") if t.strip()]


def _matching(gold: GoldSet, token: str, subsets: dict[str, list[str]]) -> list[GoldQuestion]:
    if token in subsets:
        ids = set(subsets[token])
        return [q for q in gold.questions if q.id in ids]
    if token.startswith("kind:"):
        return [q for q in gold.questions if q.kind == token[5:]]
    if token.startswith("lang:"):
        return [q for q in gold.questions if q.language == token[5:]]
    return [q for q in gold.questions if q.id == token]


def select(gold: GoldSet, subset: str | None, subsets: dict[str, list[str]], strict: bool = True) -> list[GoldQuestion]:
    """Questions matching a subset: a named subset, or comma-separated ids, kinds (kind:x) or languages (lang:x).
    `strict`: a part of the subset that matches no question of this file is an error (else it is skipped)."""
    if not subset:
        return list(gold.questions)
    chosen: list[GoldQuestion] = []
    for token in _tokens(subset):
        match = _matching(gold, token, subsets)
        if not match and strict:
            raise InputError(f"subset {token!r} matches no question (named subsets: {_named(subsets)}; "
                             "or kind:, lang:, ids)")
        chosen.extend(q for q in match if q not in chosen)
    return chosen


def select_across(golds: Sequence[GoldSet], subset: str | None) -> list[list[GoldQuestion]]:
    """Each gold file's questions in the subset; an id needs to be in one file only ("--split dev --subset
    fu-en-mayor-2,md-en-fu-tar-zstd" spans both corpora), but each part must match a question somewhere."""
    if subset:
        for token in _tokens(subset):
            if not any(_matching(g, token, g.subsets) for g in golds):
                named = _named({k: v for g in golds for k, v in g.subsets.items()})
                raise InputError(f"subset {token!r} matches no question in the chosen gold files (named subsets: "
                                 f"{named}; or kind:, lang:, ids)")
    return [select(g, subset, g.subsets, strict=False) for g in golds]


def _named(subsets: dict[str, list[str]]) -> str:
    return ", ".join(sorted(subsets)) or "none"


def run(
    assistant,
    questions: Sequence[GoldQuestion],
    corpus_dir: Path,
    progress: bool = True,
    on_result: Callable[[QuestionResult], None] | None = None,
) -> tuple[list[QuestionResult], dict]:
    """Answer and score each question; errors are recorded, not raised."""
    file_texts = {p.name: p.read_text(encoding="utf-8") for p in corpus_dir.glob("*") if p.is_file()
                  and p.suffix in (".txt", ".md")}
    results: list[QuestionResult] = []
    started = time.perf_counter()
    for q in tqdm(questions, desc="Evaluating", unit="q", disable=not progress):
        t = time.perf_counter()
        try:
            answer = assistant.ask(q.question, history=[t.model_dump() for t in q.history])
            latency = (time.perf_counter() - t) * 1000
            k = assistant.settings.top_k
            retrieved = assistant.retriever.retrieve(answer.standalone_question or q.question, k)
            result = score(q, answer, retrieved, file_texts, latency)
        except AssistantError as exc:
            result = score(q, None, [], file_texts, (time.perf_counter() - t) * 1000, error=str(exc))
        results.append(result)
        if on_result:
            on_result(result)
    metrics = aggregate(results)
    metrics["wall_time_s"] = round(time.perf_counter() - started, 1)
    return results, metrics
