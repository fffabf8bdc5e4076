"""The answer policy, where abstention is decided: abstain, quote the evidence, or show the verified answer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.citations import renumber, to_citation
from assistant.evidence import Selection
from assistant.messages import message
from assistant.models import Answer, Citation, GeneratedAnswer
from assistant.questions import matches_type
from assistant.verify import Verification


@dataclass(frozen=True)
class Thresholds:
    """Evidence scores that decide abstention; tuned on the dev split (see evals/)."""

    abstain_below: float = 0.83  # best evidence weaker than this: the documents do not answer
    strong_evidence: float = 0.95  # evidence this strong is quoted when the model's answer fails


def reason_to_abstain(selection: Selection, t: Thresholds) -> str | None:
    """Why the documents cannot answer, before any generation (None: go on)."""
    if selection.unknown:
        return f"the documents never mention {', '.join(selection.unknown)}"
    if not selection.evidence or selection.best_score < t.abstain_below:
        return f"best evidence score {selection.best_score:.3f} is below the threshold"
    return None


def abstain(base: dict[str, Any], timings: dict[str, float], note: str) -> Answer:
    """The documents do not contain the answer (said in the user's language)."""
    return Answer(**base, answer=message("abstain", base["language"]), abstained=True, mode="abstained",
                  timings=timings, note=note)


def extractive(base: dict[str, Any], selection: Selection, timings: dict[str, float], note: str) -> Answer:
    """Answer with the quoted evidence itself, labelled as such (if it is of the kind asked for)."""
    if not selection.type_ok:
        reason = f"no evidence states a {selection.wants}"
        return abstain(base, timings, f"{note}; {reason}" if note else reason)
    best = selection.evidence[0].score
    typed = [e for e in selection.evidence if matches_type(selection.wants, e.quote)]
    chosen = [e for e in typed if e.score >= typed[0].score - 0.03][:2] if typed[0].score >= best - 0.03 \
        else [typed[0]]
    citations = [to_citation(e, i + 1) for i, e in enumerate(chosen)]
    body = " ".join(f"«{c.quote}» [{c.number}]" for c in citations)
    return Answer(**base, answer=f"{message('extractive', base['language'])} {body}", abstained=False,
                  citations=citations, mode="extractive", timings=timings, note=note)


def decide(
    gen: GeneratedAnswer,
    verification: Verification | None,
    base: dict[str, Any],
    selection: Selection,
    timings: dict[str, float],
    t: Thresholds,
) -> Answer:
    """The final answer once the model has replied (`verification` is None when it found nothing)."""
    lang = base["language"]
    strong = selection.best_score >= t.strong_evidence
    if verification is None:
        # The model found nothing: trust it unless the evidence is strong, then quote the evidence.
        note = "the model found no answer in the evidence"
        return extractive(base, selection, timings, note) if strong else abstain(base, timings, note)
    if not verification.ok:
        # An unsupported answer over weak evidence usually means the documents lack the answer.
        problems = ", ".join(verification.problems)
        if not strong:
            return abstain(base, timings, f"generated answer unsupported: {problems}")
        return extractive(base, selection, timings, f"{message('unverified', lang)} ({problems})")
    evidence = {e.number: e for e in selection.evidence}
    mapping = {n: i + 1 for i, n in enumerate(verification.cited)}
    citations: list[Citation] = [to_citation(evidence[n], mapping[n]) for n in verification.cited]
    text = renumber(gen.text, mapping)
    if not re.search(r"\[\d+\]", text):
        text = f"{text} " + "".join(f"[{c.number}]" for c in citations)
    return Answer(**base, answer=text, abstained=False, citations=citations, mode="generated", timings=timings)
