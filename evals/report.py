"""Eval reports: a terminal table, a JSON file and an HTML page."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path

from evals.scoring import QuestionResult


def _fmt(v) -> str:
    return "-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def terminal(metrics: dict, results: Sequence[QuestionResult], failures_limit: int = 40) -> str:
    """Per-metric scores and per-question failures as plain text."""
    width = max(len(k) for k in metrics)
    lines = ["Metric".ljust(width) + "  Score", "-" * (width + 9)]
    lines += [f"{k.ljust(width)}  {_fmt(v)}" for k, v in metrics.items()]
    failed = [r for r in results if not r.correct or r.error]
    lines.append("")
    lines.append(f"Failures: {len(failed)} of {len(results)}")
    for r in failed[:failures_limit]:
        why = r.error or ("abstained" if r.abstained else
                          "WRONG ANSWER SHOWN: answered an unanswerable question" if not r.answerable else
                          f"WRONG ANSWER SHOWN: facts found {r.facts_found}")
        lines.append(f"  {r.id:32s} {why} | {r.answer[:90]!r}")
    return "\n".join(lines)


def write(out_dir: Path, metrics: dict, results: Sequence[QuestionResult], meta: dict) -> tuple[Path, Path]:
    """Write results.json and report.html into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {"meta": meta, "metrics": metrics, "results": [r.model_dump() for r in results]}
    json_path = out_dir / "results.json"
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    html_path = out_dir / "report.html"
    html_path.write_text(_html(metrics, results, meta), encoding="utf-8")
    return json_path, html_path


def _html(metrics: dict, results: Sequence[QuestionResult], meta: dict) -> str:
    e = html.escape
    rows = "".join(f"<tr><td>{e(k)}</td><td>{e(_fmt(v))}</td></tr>" for k, v in metrics.items())
    items = []
    for r in results:
        status = "ok" if r.correct and not r.error else "fail"
        note = f"<p><i>{e(r.note)}</i></p>" if r.note else ""
        cites = "".join(
            f"<li><b>[{c.get('number')}] {e(c['source'])}</b> {c['start']}–{c['end']}: {e(c['quote'])}</li>"
            for c in r.citations
        )
        items.append(
            f"<details class='{status}' {'open' if status == 'fail' else ''}><summary>{e(r.id)} — {status}"
            f" ({e(r.kind)}, {e(r.language)})</summary><p><b>Question:</b> {e(r.question)}</p>"
            f"<p><b>Answer ({e(r.mode)}):</b> {e(r.answer)}</p>{note}<p>facts: {r.facts_found} · language ok:"
            f" {r.language_ok} · retrieval hit: {r.retrieval_hit} · {r.latency_ms:.0f} ms"
            f"{' · error: ' + e(r.error) if r.error else ''}</p><ul>{cites}</ul></details>"
        )
    return (
        "<!doctype html><meta charset='utf-8'><title>corpus-assistant eval</title><style>"
        "body{font-family:sans-serif;max-width:60rem;margin:2rem auto}table{border-collapse:collapse}"
        "td{border:1px solid #ccc;padding:.2rem .6rem}.fail summary{color:#b00}.ok summary{color:#070}"
        f"</style><h1>Eval report</h1><p>{e(json.dumps(meta, ensure_ascii=False))}</p><table>{rows}</table>"
        f"<h2>Questions</h2>{''.join(items)}"
    )


def summary(runs) -> str:
    """One markdown row per gold file (corpus and split): the headline numbers side by side."""
    head = ("| gold file | split | questions | answer accuracy | wrong answers shown | abstention recall "
            "| abstention precision | cites a gold source | latency p50 |")
    lines = [head, "|" + "---|" * 9]
    for r in runs:
        m = r.metrics
        shown = f"{int(m['wrong_answers_shown_count'])} ({_fmt(m['wrong_answers_shown'])})"
        p50 = f"{m['latency_p50_ms'] / 1000:.1f} s" if m.get("latency_p50_ms") is not None else "-"
        lines.append(f"| {r.name} | {r.meta['split']} | {int(m['questions'])} | {_fmt(m['answer_accuracy'])} | "
                     f"{shown} | {_fmt(m['abstention_recall'])} | {_fmt(m['abstention_precision'])} | "
                     f"{_fmt(m['citation_recall_file'])} | {p50} |")
    return "\n".join(lines)
