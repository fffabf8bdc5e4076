"""The answer policy, where abstention is decided: abstain, quote the evidence, state a verified fact, or
show the verified answer. A wrong answer shown is worse than an abstention, so every path but abstention
needs a check that passed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.calibration import Calibration
from assistant.citations import renumber, to_citation
from assistant.evidence import Selection
from assistant.messages import message
from assistant.models import Answer, Citation, GeneratedAnswer
from assistant.numbers import quantities
from assistant.questions import asks_count, asks_share, matches_type
from assistant.terms import TermMatcher
from assistant.verify import Verification, about_the_names, relevant


@dataclass(frozen=True)
class Thresholds:
    """Evidence scores that decide abstention; tuned on the dev split (see evals/)."""

    abstain_below: float = 0.83  # best evidence weaker than this: the documents do not answer
    quote_relevance: float = 0.34  # evidence must hold this share of the question's key terms to be shown


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


def extractive(base: dict[str, Any], selection: Selection, timings: dict[str, float], note: str,
               m: TermMatcher | None = None, t: Thresholds | None = None, prefix: str = "") -> Answer:
    """Answer with quoted evidence, labelled as such: only sentences of the kind asked for that speak of it."""
    t, m = t or Thresholds(), m or TermMatcher()
    question = base["standalone_question"] or base["question"]
    fitting = [e for e in selection.evidence if matches_type(selection.wants, e.support)
               and relevant(e.support, question, m, t.quote_relevance)
               and about_the_names(question, base["language"], e)]
    if not fitting:
        reason = f"no evidence sentence states a {selection.wants or 'fact'} about the question's key terms"
        return abstain(base, timings, f"{note}; {reason}" if note else reason)
    chosen = [e for e in fitting if e.score >= fitting[0].score - 0.03][:2]
    citations = [to_citation(e, i + 1) for i, e in enumerate(chosen)]
    body = " ".join(f"«{c.quote}» [{c.number}]" for c in citations)
    label = prefix or message("extractive", base["language"])
    return Answer(**base, answer=f"{label} {body}", abstained=False, citations=citations, mode="extractive",
                  timings=timings, note=note)


def _asked_fact(verification: Verification, wants: str | None, question: str, lang: str):
    """The verified fact that answers the question's kind (a number for "how many", not an amount of money unless
    money is asked; a percentage or a fraction for "what share"; a name for "who")."""
    share, count = asks_share(question), asks_count(question)
    for fact in verification.facts:
        has_digit = any(c.isdigit() for c in fact.text)
        stated = quantities(fact.text, lang) if share or count else []
        if (share and not any(q.percent for q in stated)) or (count and stated and all(q.money for q in stated)):
            continue
        if (wants in ("number", "date") and has_digit) or (wants == "person" and not has_digit):
            return fact
    return None


def verified_fact(base: dict[str, Any], selection: Selection, verification: Verification,
                  timings: dict[str, float], note: str) -> Answer | None:
    """The one claim that passed, stated next to the quote it comes from (None when no claim of the kind asked
    for passed: a stray number is no answer to "what does X do")."""
    question = base.get("standalone_question") or base.get("question", "")
    fact = _asked_fact(verification, selection.wants, question, base.get("language", "en"))
    if fact is None:
        return None
    ev = next(e for e in selection.evidence if e.number == fact.evidence)
    citation = to_citation(ev, 1)
    return Answer(**base, answer=f"{fact.text} — «{citation.quote}» [1]", abstained=False, citations=[citation],
                  mode="fact", timings=timings, note=note)


def decide(
    gen: GeneratedAnswer,
    verification: Verification | None,
    base: dict[str, Any],
    selection: Selection,
    timings: dict[str, float],
    calibration: Calibration | None = None,
    show_unchecked: bool = False,
) -> Answer:
    """The final answer once the model has replied (`verification` is None when it found nothing).

    Measured on the dev split: quoting evidence after the model found nothing, or after its answer failed,
    showed more wrong answers (off-topic quotes) than right ones, so both now abstain; the one exception is
    a verified fact of the kind asked for.
    """
    if verification is None:
        return abstain(base, timings, "the model found no answer in the evidence")
    answer = _decide_checked(gen, verification, base, selection, timings, calibration, show_unchecked)
    return answer if answer.mode == "generated" else _withholding(answer, gen, selection)


def _withholding(answer: Answer, gen: GeneratedAnswer, selection: Selection) -> Answer:
    """The answer with the generated text it did not show and the quotes that text cites (for the eval's replay)."""
    evidence = {e.number: e for e in selection.evidence}
    cited = [to_citation(evidence[n], n) for n in dict.fromkeys(gen.cited) if n in evidence]
    return answer.model_copy(update={"withheld": gen.text, "withheld_citations": cited})


def _decide_checked(
    gen: GeneratedAnswer,
    verification: Verification,
    base: dict[str, Any],
    selection: Selection,
    timings: dict[str, float],
    calibration: Calibration | None,
    show_unchecked: bool,
) -> Answer:
    """The answer to show once the model's answer was checked: the answer, a verified fact, or an abstention."""
    unsure = calibration.too_unsure(base.get("signals", {})) if calibration else None
    if unsure is not None:  # checked, but answers like this one were more often wrong than right on dev
        checks = "passed" if verification.ok else f"failed ({'; '.join(verification.problems)})"
        return abstain(base, timings, f"confidence {unsure[0]:.2f} is below the calibrated threshold "
                                      f"{unsure[1]:.2f}; verification {checks}")
    if not verification.ok:
        note = f"generated answer failed verification: {'; '.join(verification.problems)}"
        return verified_fact(base, selection, verification, timings, note) or abstain(base, timings, note)
    if not show_unchecked and base.get("signals", {}).get("cross_lingual") and not verification.facts:
        # Nothing was checked: over quotes in another language only signs are compared, and this answer states
        # no number, name or option. On dev about half of such answers were wrong; they are not shown as verified.
        return abstain(base, timings, "the answer states no number, name or option that could be checked, and "
                                      "its quotes are in another language")
    evidence = {e.number: e for e in selection.evidence}
    mapping = {n: i + 1 for i, n in enumerate(verification.cited)}
    citations: list[Citation] = [to_citation(evidence[n], mapping[n]) for n in verification.cited]
    text = renumber(gen.text, mapping)
    if not re.search(r"\[\d+\]", text):
        text = f"{text} " + "".join(f"[{c.number}]" for c in citations)
    return Answer(**base, answer=text, abstained=False, citations=citations, mode="generated", timings=timings)
