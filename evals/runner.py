"""Run the assistant over the gold set and score every answer."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tqdm import tqdm

from assistant.errors import AssistantError
from evals.schema import GoldQuestion, GoldSet
from evals.scoring import QuestionResult, aggregate, score


def select(gold: GoldSet, subset: str | None, subsets: dict[str, list[str]]) -> list[GoldQuestion]:
    """Questions matching a subset: a named subset, or comma-separated ids, kinds (kind:x) or languages (lang:x)."""
    if not subset:
        return list(gold.questions)
    chosen: list[GoldQuestion] = []
    for token in (t.strip() for t in subset.split(",") if t.strip()):
        if token in subsets:
            ids = set(subsets[token])
            match = [q for q in gold.questions if q.id in ids]
        elif token.startswith("kind:"):
            match = [q for q in gold.questions if q.kind == token[5:]]
        elif token.startswith("lang:"):
            match = [q for q in gold.questions if q.language == token[5:]]
        else:
            match = [q for q in gold.questions if q.id == token]
        if not match:
            valid = ", ".join(sorted(subsets)) or "none"
            raise ValueError(f"subset {token!r} matches no question (named subsets: {valid}; or kind:, lang:, ids)")
        chosen.extend(q for q in match if q not in chosen)
    return chosen


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
