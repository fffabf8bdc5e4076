"""The eval pipeline: load the gold set, run the assistant over it, report, store a baseline, gate."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.answer import Assistant
from assistant.settings import Settings
from evals import gate, report
from evals.runner import run, select
from evals.schema import load_gold


def run_suite(
    settings: Settings,
    gold_path: Path,
    *,
    subset: str | None = None,
    out: Path = Path("evals/reports/latest"),
    baseline: Path | None = None,
    tolerance: float = 0.0,
    write_baseline: Path | None = None,
    quiet: bool = False,
) -> int:
    """Run one gold file; print the report; 0 when the gate passes (or there is none), else 1."""
    gold = load_gold(gold_path, settings.corpus_dir)
    questions = select(gold, subset, gold.subsets)
    bot = Assistant(settings)
    try:
        results, metrics = run(bot, questions, settings.corpus_dir, progress=not quiet)
    finally:
        bot.close()
    meta = {"subset": subset or "all", "questions": len(questions), "model": bot.model_name,
            "embedder": bot.components.embedder.name, "prompt": bot.answer_prompt.id, "gold": gold_path.name}
    print(report.terminal(metrics, results))
    json_path, html_path = report.write(out, metrics, results, meta)
    print(f"\nReport: {json_path} and {html_path}")
    if write_baseline:
        write_baseline.write_text(
            json.dumps(gate.baseline_payload(metrics, results, meta), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        print(f"Baseline written to {write_baseline}")
    if baseline:
        passed, messages = gate.compare(baseline, metrics, results, tolerance)
        print("\n".join(messages))
        print("GATE PASSED" if passed else "GATE FAILED: a metric dropped beyond its tolerance")
        return 0 if passed else 1
    return 0
