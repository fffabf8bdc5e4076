"""The eval pipeline: load the gold files, run the assistant over each corpus, report, store baselines, gate."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.answer import Assistant
from assistant.settings import Settings
from evals import GOLD_DIR, gate, report
from evals.runner import run, select_across
from evals.schema import GoldSet, load_gold
from evals.scoring import QuestionResult


@dataclass
class FileRun:
    """One gold file's run: its questions' results and metrics."""

    path: Path
    gold: GoldSet
    results: list[QuestionResult]
    metrics: dict
    meta: dict

    @property
    def name(self) -> str:
        return self.path.name.removesuffix(".yaml")


def gold_files(split: str = "all", gold_dir: Path = GOLD_DIR) -> list[Path]:
    """The gold files of a split ("dev", "test" or "all"), every corpus."""
    pattern = "*.yaml" if split == "all" else f"*.{split}.yaml"
    files = sorted(gold_dir.glob(pattern))
    if not files:
        raise ValueError(f"no gold files for split {split!r} in {gold_dir}")
    return files


def corpus_settings(settings: Settings, gold: GoldSet) -> Settings:
    """The settings for a gold file's corpus: its folder, and a collection of its own."""
    corpus = gold.corpus_dir
    collection = settings.collection if corpus.name == "corpus" else f"{settings.collection}-{corpus.name}"
    return settings.model_copy(update={"corpus_dir": corpus, "collection": collection})


def baseline_path(folder: Path, run_: FileRun) -> Path:
    """Where the baseline of this gold file and subset lives."""
    return folder / f"{run_.name}.{run_.meta['subset']}.json"


def run_files(settings: Settings, paths: list[Path], subset: str | None, quiet: bool) -> list[FileRun]:
    """Answer every gold file's questions with one model server and one embedder."""
    runs: list[FileRun] = []
    first: Assistant | None = None
    try:
        golds = [load_gold(path) for path in paths]
        for path, gold, questions in zip(paths, golds, select_across(golds, subset), strict=True):
            if not questions:
                continue  # the subset's ids are all in the other files
            s = corpus_settings(settings, gold)
            if first is None:
                bot = first = Assistant(s)
            else:  # share the model server and the embedder across corpora
                bot = Assistant(s, embeddings=first.components.embedder, chat_model=first.llm)
            if not quiet:
                print(f"== {path.name}: {len(questions)} questions on {gold.corpus} ({gold.split})", flush=True)
            results, metrics = run(bot, questions, s.corpus_dir, progress=not quiet)
            meta = {"gold": path.name, "corpus": gold.corpus, "split": gold.split, "subset": subset or "all",
                    "questions": len(questions), "model": bot.model_name, "embedder": bot.components.embedder.name,
                    "prompt": bot.prompt_id}
            runs.append(FileRun(path, gold, results, metrics, meta))
    finally:
        if first is not None:
            first.close()
    return runs


def run_suite(
    settings: Settings,
    gold_paths: list[Path],
    *,
    subset: str | None = None,
    out: Path = Path("evals/reports/latest"),
    baseline: Path | None = None,
    tolerance: float = 0.0,
    write_baseline: Path | None = None,
    quiet: bool = False,
) -> int:
    """Run the gold files; print a report per file and a summary; 0 when every gate passes, else 1."""
    runs = run_files(settings, gold_paths, subset, quiet)
    passed = True
    for r in runs:
        print(f"\n=== {r.path.name} ({r.meta['corpus']}, {r.meta['split']} split, subset {r.meta['subset']})")
        print(report.terminal(r.metrics, r.results))
        json_path, html_path = report.write(out / r.name, r.metrics, r.results, r.meta)
        print(f"Report: {json_path} and {html_path}")
        if write_baseline:
            write_baseline.mkdir(parents=True, exist_ok=True)
            target = baseline_path(write_baseline, r)
            target.write_text(json.dumps(gate.baseline_payload(r.metrics, r.results, r.meta), indent=2,
                                         ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"Baseline written to {target}")
        if baseline:
            source = baseline_path(baseline, r)
            if not source.is_file():
                print(f"GATE FAILED: no baseline {source} (write one with --write-baseline {baseline})")
                passed = False
                continue
            ok, messages = gate.compare(source, r.metrics, r.results, tolerance)
            print("\n".join(messages))
            print("GATE PASSED" if ok else "GATE FAILED: a metric moved beyond its tolerance")
            passed = passed and ok
    summary = report.summary(runs)
    print("\n" + summary)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.md").write_text(summary + "\n", encoding="utf-8")
    if baseline:
        print("ALL GATES PASSED" if passed else "A GATE FAILED")
    return 0 if passed else 1
