"""Replay the current verifier on a stored dev run's shown answers: `python -m evals.replay RUN_DIR... [--split dev]`.

A verifier change can be measured without the model: each answer a run showed is checked again by today's
`verify`, against the evidence today's retrieval and selection give for its question. The answer's citation
markers are the displayed numbers, so each is mapped back to the evidence whose quote it showed; an answer whose
quotes are no longer selected is counted as unmapped, not replayed. It reports the wrong answers the verifier
now rejects and, the number that matters, the right answers it now rejects. Runs that stored the generated answers
they withheld (`withheld`, since the twentieth pass) are replayed both ways: a check loosened for recall shows the
right withheld answers it lets through and, what matters more, the wrong ones. Test runs are refused: tune on dev.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer import Assistant
from assistant.generate import MARKER, marker_numbers, parse_generation
from assistant.verify import Verification
from evals.schema import GoldSet


@dataclass
class Replayed:
    """One stored answer checked again: was it wrong, does it pass now, and why not."""

    id: str
    wrong: bool
    passes: bool
    problems: list[str] = field(default_factory=list)
    withheld: bool = False  # a generated answer the run did not show (its checks failed)


def _recheck(bot: Assistant, r: dict, text: str, citations: list[dict]) -> Verification | None:
    """Today's verdict on a stored answer text over today's evidence (None: its cited quotes are not selected)."""
    p = bot.pipeline
    retrieval = p.retriever.search(r["question"], p.settings.top_k)
    selection, matcher = p.select_evidence(retrieval, r["language"])
    shown = {}
    for c in citations:
        n = next((e.number for e in selection.evidence if e.source == c["source"] and e.quote.strip() ==
                  c["quote"].strip()), None)
        if n is not None:
            shown[c["number"]] = n
    if len(shown) < len(citations):
        return None
    # The generator's own marker pattern, so a grouped marker ("[1, 3]") is mapped number by number.
    text = MARKER.sub(lambda m: "[" + ", ".join(str(shown.get(n, 0)) for n in marker_numbers(m.group(1))) + "]",
                      text)
    gen = parse_generation(text)
    # A structured answer cites by its evidence list, not by markers in its text: its citations are what it cited.
    gen = gen.model_copy(update={"cited": list(dict.fromkeys([*gen.cited, *shown.values()]))})
    return p.check(gen, selection, r["question"], r["language"], matcher)


def replay(bot: Assistant, gold: GoldSet, results: list[dict]) -> tuple[list[Replayed], list[str]]:
    """(replayed answers, ids of answers whose cited quotes are no longer selected).

    Shown answers are replayed, and so are the generated answers a run withheld because the verifier rejected them.
    """
    asked = {q.id: q for q in gold.questions}
    out: list[Replayed] = []
    unmapped: list[str] = []
    for r in results:
        q = asked.get(r["id"])
        if q is None or q.history:
            continue  # a follow-up's standalone question came from the model's rewrite
        if not r["abstained"] and r.get("mode") == "generated":
            text, citations, withheld = r["answer"], r["citations"], False
            wrong = not r["answerable"] or not r["correct"]
        elif r.get("withheld") and r.get("note", "").startswith(_FAILED_CHECKS):
            text, citations, withheld = r["withheld"], r.get("withheld_citations", []), True
            wrong = not r["answerable"] or not r.get("withheld_correct")
        else:
            continue
        v = _recheck(bot, r, text, citations)
        if v is None:
            unmapped.append(r["id"])
        else:
            out.append(Replayed(r["id"], wrong, v.ok, v.problems, withheld))
    return out, unmapped


# The note of an answer withheld because the verifier rejected it (abstention.decide); those withheld by the
# confidence model, or as an unchecked cross-lingual answer, would stay withheld whatever the verifier says.
_FAILED_CHECKS = "generated answer failed verification"


def main(argv: list[str] | None = None) -> int:
    from assistant.settings import Settings
    from evals.schema import load_gold
    from evals.suite import corpus_settings, gold_files

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="eval output folders (with <gold>/results.json)")
    parser.add_argument("--split", default="dev", choices=["dev"], help="only dev runs are replayed")
    a = parser.parse_args(argv)
    rows: list[tuple[str, Replayed]] = []
    unmapped = 0
    for path in gold_files(a.split):
        gold = load_gold(path)
        stored = [run / path.name.removesuffix(".yaml") / "results.json" for run in a.runs]
        stored = [f for f in stored if f.exists()]
        if not stored:
            continue
        bot = Assistant(corpus_settings(Settings(), gold), auto_ingest=False)
        for f in stored:
            done, missed = replay(bot, gold, json.loads(f.read_text(encoding="utf-8"))["results"])
            rows += [(str(f.parent.parent.name), x) for x in done]
            unmapped += len(missed)
    shown = [(run, x) for run, x in rows if not x.withheld]
    wrong_rejected = [(run, x) for run, x in shown if x.wrong and not x.passes]
    right_rejected = [(run, x) for run, x in shown if not x.wrong and not x.passes]
    print(f"replayed {len(shown)} shown answers ({sum(x.wrong for _, x in shown)} wrong); {unmapped} answers not "
          f"replayed (their quotes are no longer selected)")
    print(f"wrong answers now rejected: {len(wrong_rejected)}")
    for run, x in wrong_rejected:
        print(f"  {run} {x.id}: {'; '.join(x.problems)}")
    still = [(run, x) for run, x in shown if x.wrong and x.passes]
    print(f"wrong answers still shown: {len(still)}")
    for run, x in still:
        print(f"  {run} {x.id}")
    print(f"RIGHT answers now rejected: {len(right_rejected)}")
    for run, x in right_rejected:
        print(f"  {run} {x.id}: {'; '.join(x.problems)}")
    withheld = [(run, x) for run, x in rows if x.withheld]
    if withheld:
        # A check that lets more right answers through is measured here; one that lets a wrong one through too
        # shows it in the first list.
        print(f"withheld answers replayed: {len(withheld)} ({sum(not x.wrong for _, x in withheld)} right)")
        for label, wrong in (("WRONG withheld answers that now pass", True), ("right withheld answers that now pass",
                                                                              False)):
            passing = [(run, x) for run, x in withheld if x.wrong == wrong and x.passes]
            print(f"{label}: {len(passing)}")
            for run, x in passing:
                print(f"  {run} {x.id}")
        print("right withheld answers still rejected:")
        for run, x in withheld:
            if not x.wrong and not x.passes:
                print(f"  {run} {x.id}: {'; '.join(x.problems)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
