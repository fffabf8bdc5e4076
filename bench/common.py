"""Shared helpers: results files, peak memory, percentiles, synthetic corpora."""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (MiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def proc_status_mb(pid: int, field: str) -> float | None:
    """A memory field of a process's /proc status (Linux: "VmHWM" peak, "VmRSS" current), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def process_peak_mb(pid: int) -> float | None:
    """Peak resident memory of another process (Linux VmHWM), e.g. the model server."""
    return proc_status_mb(pid, "VmHWM")


def in_fresh_process(module: str, embedder: str, corpus: Path, data: Path) -> dict:
    """Run `python -m <module> --case CORPUS DATA` in a new process (so its peak memory is its own);
    return the JSON object it prints last."""
    out = subprocess.run([sys.executable, "-m", module, "--embedder", embedder, "--case", str(corpus), str(data)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{module} case failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, int(round(q / 100 * len(ordered))) - 1))], 2)


def median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 2) if values else float("nan")


def table(rows: list[dict]) -> str:
    """A markdown table of homogeneous rows."""
    if not rows:
        return ""
    cols = list(rows[0])
    out = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    out += ["| " + " | ".join(str(r.get(c, "")) for c in cols) + " |" for r in rows]
    return "\n".join(out)


def write(name: str, rows: list[dict], extra: dict | None = None) -> Path:
    """Write bench/results/<name>.json and .md; print the table."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": platform.machine(),
            "python": platform.python_version(), "cpus": os.cpu_count()}
    payload = {"meta": meta, "rows": rows, **(extra or {})}
    (RESULTS / f"{name}.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md = f"# {name}\n\n{table(rows)}\n"
    (RESULTS / f"{name}.md").write_text(md, encoding="utf-8")
    print(md, flush=True)
    return RESULTS / f"{name}.json"


def paragraphs() -> list[str]:
    """Every paragraph of the shipped corpus (lines with some prose)."""
    out = []
    for f in sorted(CORPUS.glob("*.txt")):
        out += [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 8]
    return out


def synthetic_corpus(target: Path, docs: int, paragraphs_per_doc: int = 3, seed: int = 7) -> Path:
    """Write `docs` files, each recombining paragraphs of the real articles (deterministic)."""
    rng = random.Random(seed)
    paras = paragraphs()
    target.mkdir(parents=True, exist_ok=True)
    for i in range(docs):
        picked = rng.sample(paras, k=min(paragraphs_per_doc, len(paras)))
        title = f"Document synthétique {i}"
        (target / f"synthetic_{i:05d}.txt").write_text(title + "\n\n" + "\n".join(picked) + "\n", encoding="utf-8")
    return target


def gold_corpora(split: str, embedder: str) -> Iterator[tuple[Path, Any, Any, dict[str, str]]]:
    """(gold file, gold set, an extractive Assistant indexing its corpus in a temporary folder, the corpus files'
    texts) for every gold file of a split, one embedder shared by all; each assistant is closed after use."""
    import tempfile

    from assistant.answer import Assistant
    from assistant.settings import Settings
    from evals.schema import load_gold
    from evals.suite import corpus_settings, gold_files

    shared = None
    with tempfile.TemporaryDirectory() as tmp:
        for path in gold_files(split):
            gold = load_gold(path)
            settings = corpus_settings(Settings(data_dir=Path(tmp), embedder=embedder, llm="none"), gold)
            bot = Assistant(settings, embeddings=shared, progress=False)
            shared = bot.components.embedder
            files = {p.name: p.read_text(encoding="utf-8") for p in settings.corpus_dir.iterdir() if p.is_file()
                     and p.suffix in (".txt", ".md")}
            try:
                yield path, gold, bot, files
            finally:
                bot.close()
