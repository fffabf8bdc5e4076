"""Fit the answer-confidence model on dev eval results only: `python -m evals.calibrate DIR... --out FILE`.

Each shown answer of a dev run is an example (right or wrong, judged by the eval's own matcher); its
`signals` are the features. A logistic model is fitted with numpy (L2-regularised, standardised features);
the threshold is the one that minimises the dev cost of the policy, where showing a wrong answer costs
`--wrong-cost` (default 3) abstentions: a wrong answer shown is worse than an abstention.

`--after FILE` fits a further stage: the runs must have been made with FILE's calibration, so that their shown
answers are the ones it lets through; the output is FILE's stages followed by the new one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from assistant.calibration import MODEL_SIGNALS, Calibration, chained, load_calibration

SIGNALS = ["best_score", "best_coverage", "first_coverage", "type_ok", "cited_score", "cited_rank",
           "cited_coverage", "cross_lingual", "facts", "answer_logprob", "claim_logprob"]
# Chosen on dev by leave-one-out cost (docs/decisions.md): the cited evidence's score alone held back as
# many wrong answers as any larger set, and fewer right ones.
FEATURES = ["cited_score"]


def examples(results: list[dict], features: list[str]) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """(features, right?, rows) of the answers a run showed."""
    # An answer without one of the signals (no log-probabilities from the server, an extractive answer) is no
    # example: reading the missing value as 0 would teach the model a confidence it never saw.
    shown = [r for r in results if not r["abstained"] and not r.get("error")
             and all(f in r["signals"] for f in features)]
    x = np.array([[float(r["signals"][f]) for f in features] for r in shown], dtype=float)
    y = np.array([1.0 if r["correct"] else 0.0 for r in shown])
    return x.reshape(len(shown), len(features)), y, shown


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 5000) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression on standardised features (gradient descent)."""
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        w -= 0.1 * ((x.T @ (p - y)) / len(y) + l2 * w / len(y))
        b -= 0.1 * float(np.mean(p - y))
    return w, b


def best_threshold(p: np.ndarray, y: np.ndarray, wrong_cost: float) -> float:
    """The abstention threshold with the lowest cost on these examples (ties: the lowest threshold)."""
    candidates = sorted({0.0, *np.round(p, 4).tolist()})
    def cost(t: float) -> float:
        shown = p >= t
        return wrong_cost * float(np.sum(shown & (y == 0))) + float(np.sum(~shown & (y == 1)))
    return min(candidates, key=lambda t: (cost(t), t))


def _fit_arrays(x: np.ndarray, y: np.ndarray, wrong_cost: float, l2: float):
    """(means, scales, weights, bias, threshold) fitted on these examples."""
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    z = (x - means) / scales
    w, b = fit_logistic(z, y, l2)
    p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
    threshold = best_threshold(p, y, wrong_cost)
    # Half-way to the next lower probability, so that the fitted threshold is not the edge of one example.
    lower = p[p < threshold]
    if len(lower):
        threshold = (threshold + float(lower.max())) / 2
    return means, scales, w, b, threshold


def leave_one_out(x: np.ndarray, y: np.ndarray, wrong_cost: float, l2: float) -> tuple[int, int]:
    """(wrong answers still shown, right answers held back) when each example is judged by a model fitted
    on the others: an honest estimate of what the fit does on answers it has not seen."""
    wrong_kept = right_held = 0
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        means, scales, w, b, t = _fit_arrays(x[keep], y[keep], wrong_cost, l2)
        p = 1.0 / (1.0 + np.exp(-(((x[i] - means) / scales) @ w + b)))
        wrong_kept += int(p >= t and y[i] == 0)
        right_held += int(p < t and y[i] == 1)
    return wrong_kept, right_held


def fit(runs: dict[str, list[dict]], wrong_cost: float = 3.0, l2: float = 1.0,
        features: list[str] | None = None) -> Calibration:
    """The calibration for these dev runs (name → results)."""
    features = features or FEATURES
    parts = [examples(r, features) for r in runs.values()]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    if len(set(y.tolist())) < 2:
        raise SystemExit("calibration needs both right and wrong shown answers in the dev results")
    means, scales, w, b, threshold = _fit_arrays(x, y, wrong_cost, l2)
    wrong_kept, right_held = leave_one_out(x, y, wrong_cost, l2)
    return Calibration(features=features, means=means.round(6).tolist(), scales=scales.round(6).tolist(),
                       weights=w.round(6).tolist(), bias=round(b, 6), threshold=round(threshold, 4),
                       fitted_on=sorted(runs),
                       note=f"logistic, l2={l2}, wrong answer shown costs {wrong_cost} abstentions; "
                            f"{len(y)} shown dev answers, {int(len(y) - y.sum())} wrong; leave-one-out: "
                            f"{wrong_kept} wrong still shown, {right_held} right held back")


def load_runs(folders: list[Path]) -> tuple[dict[str, list[dict]], str, str]:
    """(results of every run under the folders, their embedder, their chat model); refuses anything but the dev
    split, and runs of different embedders or models (their scores are not comparable)."""
    runs: dict[str, list[dict]] = {}
    embedders: set[str] = set()
    models: set[str] = set()
    for path in (p for f in folders for p in sorted(f.rglob("results.json"))):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["meta"].get("split") != "dev":
            raise SystemExit(f"{path}: split {data['meta'].get('split')!r}; calibration is fitted on dev only")
        key = data["meta"]["gold"]
        if key in runs:  # the same gold file in another run folder: its answers are examples too, not a replacement
            key = f"{key} ({path.parent.parent.name})"
        runs[key] = data["results"]
        embedders.add(data["meta"].get("embedder", ""))
        models.add(data["meta"].get("model", ""))
    if not runs:
        raise SystemExit("no results.json found under " + ", ".join(map(str, folders)))
    if len(embedders) > 1:
        raise SystemExit(f"runs of different embedders ({', '.join(sorted(embedders))}) cannot be fitted together")
    if len(models) > 1:
        raise SystemExit(f"runs of different chat models ({', '.join(sorted(models))}) cannot be fitted together")
    return runs, embedders.pop(), models.pop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="eval output folders of dev runs")
    parser.add_argument("--out", type=Path, default=Path("assistant/calibration.json"))
    parser.add_argument("--wrong-cost", type=float, default=3.0)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--after", type=Path, help="a calibration the runs were made with: fit a stage after it")
    parser.add_argument("--features", default=",".join(FEATURES),
                        help=f"comma-separated signals among {', '.join(SIGNALS)}")
    a = parser.parse_args(argv)
    runs, embedder, model = load_runs(a.folders)
    features = [f for f in a.features.split(",") if f]
    cal = fit(runs, a.wrong_cost, a.l2, features)
    # Scores are always the embedder's; only a calibration that reads log-probabilities is tied to the model.
    cal = cal.model_copy(update={"embedder": embedder, "model": model if MODEL_SIGNALS & set(features) else ""})
    chain = chained([*load_calibration(a.after).stages(), cal]) if a.after else cal
    a.out.write_text(chain.model_dump_json(indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out} ({len(chain.stages())} stage(s)); the new one: threshold {cal.threshold}; {cal.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
