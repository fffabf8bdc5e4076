"""The regression gate: compare a run with the committed baseline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from evals.scoring import QuestionResult

# Quality metrics gated, with the absolute drop tolerated (`--tolerance` raises them all, e.g. for a small subset).
TOLERANCES = {
    "answer_accuracy": 0.05,
    "citation_precision_passage": 0.05,
    "citation_recall_passage": 0.05,
    "retrieval_recall_at_k": 0.05,
    "abstention_recall": 0.10,
    "abstention_precision": 0.10,
    "language_match": 0.05,
}
# Metrics where lower is better, with the absolute rise tolerated. A wrong answer shown is the worst outcome.
RISE_TOLERANCES = {
    "wrong_answers_shown": 0.02,
}


def compare(
    baseline_path: Path, metrics: dict, results: Sequence[QuestionResult], min_tolerance: float = 0.0
) -> tuple[bool, list[str]]:
    """(passed, messages): which metrics dropped beyond tolerance and which questions regressed."""
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))
    base_metrics = baseline["metrics"]
    base_correct = baseline.get("correct", {})
    messages: list[str] = []
    passed = True
    if baseline.get("meta", {}).get("subset") not in (None, meta_subset(results, baseline)):
        messages.append("warning: the baseline was made on another subset; compare like with like")
    for name, tol in TOLERANCES.items():
        old, new = base_metrics.get(name), metrics.get(name)
        if old is None or new is None:
            continue
        tol = max(tol, min_tolerance)
        if new < old - tol:
            passed = False
            messages.append(f"REGRESSION {name}: {new:.3f} < baseline {old:.3f} - {tol:.2f}")
        else:
            messages.append(f"ok {name}: {new:.3f} (baseline {old:.3f})")
    for name, tol in RISE_TOLERANCES.items():
        old, new = base_metrics.get(name), metrics.get(name)
        if old is None or new is None:
            continue
        tol = max(tol, min_tolerance)  # a small subset needs the slack of one flipped answer
        if new > old + tol:
            passed = False
            messages.append(f"REGRESSION {name}: {new:.3f} > baseline {old:.3f} + {tol:.2f}")
        else:
            messages.append(f"ok {name}: {new:.3f} (baseline {old:.3f})")
    for r in results:
        if base_correct.get(r.id) and not r.correct:
            messages.append(f"regressed question {r.id}: {r.answer[:100]!r}")
    return passed, messages


def meta_subset(results: Sequence[QuestionResult], baseline: dict) -> str | None:
    """The baseline's subset name if this run asked exactly its questions."""
    ids = {r.id for r in results}
    return baseline["meta"].get("subset") if ids == set(baseline.get("correct", {})) else None


def baseline_payload(metrics: dict, results: Sequence[QuestionResult], meta: dict) -> dict:
    """What `--write-baseline` stores: metrics and per-question correctness."""
    return {"meta": meta, "metrics": metrics, "correct": {r.id: r.correct for r in results}}
