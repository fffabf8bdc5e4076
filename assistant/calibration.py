"""Calibrated confidence: a small logistic model, fitted on the dev split only, that turns an answer's
signals into the probability that it is right. The policy abstains below the fitted threshold. Stages chain
(`then`): each further stage was fitted on the answers the ones before it let through, and applies after them.

The model and its threshold are data (`calibration.json`, package data) written by `python -m evals.calibrate`
from dev eval results; the held-out test split is only ever scored with it, never fitted on.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from assistant.errors import ConfigError

# Signals that belong to one chat model (its token probabilities), not to the embedder's scores.
MODEL_SIGNALS = frozenset({"answer_logprob", "claim_logprob"})


class Calibration(BaseModel):
    """Logistic weights over standardised signals, and the probability below which the policy abstains."""

    version: int = 1
    features: list[str]
    means: list[float]
    scales: list[float]
    weights: list[float]
    bias: float
    threshold: float = Field(ge=0.0, le=1.0)
    # Evidence scores live in one embedder's vector space: a calibration applies to that embedder only.
    embedder: str = ""  # empty: any
    # The answer's token log-probabilities are one chat model's: a calibration that reads them applies to it only.
    model: str = ""  # empty: any
    fitted_on: list[str] = Field(default_factory=list)  # the dev results it was fitted on
    note: str = ""
    then: Calibration | None = None  # a further stage, fitted on the answers this one lets through

    @model_validator(mode="after")
    def _same_lengths(self) -> Calibration:
        if not len(self.features) == len(self.means) == len(self.scales) == len(self.weights):
            raise ValueError("features, means, scales and weights must have the same length")
        return self

    def p_correct(self, signals: dict[str, float]) -> float:
        """The probability that an answer with these signals is right (a missing signal counts as its mean)."""
        z = self.bias
        for name, mean, scale, w in zip(self.features, self.means, self.scales, self.weights, strict=True):
            z += w * ((signals.get(name, mean) - mean) / (scale or 1.0))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def applies_to(self, embedder: str, model: str = "") -> bool:
        """Whether it was fitted on scores of this embedder (and answers of this chat model, when it names one)."""
        return (not self.embedder or self.embedder == embedder) and (not self.model or self.model == model)

    def stages(self) -> list[Calibration]:
        """This stage and the ones chained after it, in order."""
        return [self, *(self.then.stages() if self.then else [])]

    def too_unsure(self, signals: dict[str, float]) -> tuple[float, float] | None:
        """(probability, threshold) of the first stage that rates the answer below its threshold (the policy then
        abstains), else None."""
        for stage in self.stages():
            p = stage.p_correct(signals)
            if p < stage.threshold:
                return p, stage.threshold
        return None

    def applying_to(self, embedder: str, model: str) -> Calibration | None:
        """The stages fitted for this embedder and chat model, chained again (None when none is)."""
        return chained([s for s in self.stages() if s.applies_to(embedder, model)])


def chained(stages: list[Calibration]) -> Calibration | None:
    """The stages as one chain, in this order (None for no stage)."""
    chain = None
    for stage in reversed(stages):
        chain = stage.model_copy(update={"then": chain})
    return chain


def load_calibration(path: Path | None = None) -> Calibration:
    """The calibration at `path`, or the one shipped with the package."""
    try:
        text = path.read_text(encoding="utf-8") if path else (
            resources.files("assistant").joinpath("calibration.json").read_text(encoding="utf-8"))
        return Calibration.model_validate_json(text)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"Cannot read the calibration file {path or 'assistant/calibration.json'}: {exc}") from exc
