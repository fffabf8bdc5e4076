"""The verifier replay on stored answers (`evals/replay.py`): real index, real embedder, no chat model."""

from __future__ import annotations

import pytest

from evals.replay import replay
from evals.schema import load_gold
from tests.conftest import CORPUS


@pytest.mark.slow
def test_replay_maps_displayed_markers_to_the_evidence_and_rejects_a_wrong_number(extractive_assistant):
    gold = load_gold(corpus_dir=CORPUS)
    question = next(q for q in gold.questions if q.id == "fr-unicorns")
    p = extractive_assistant.pipeline
    selection = p.selector.select(p.retriever.search(question.question, p.settings.top_k), p.settings.max_evidence,
                                  "fr")
    # The evidence that states the 90 unicorns, shown to the user as citation [1] whatever its evidence number.
    quote = next(e for e in selection.evidence if "90" in e.quote)

    def stored(answer: str, correct: bool) -> dict:
        return {"id": question.id, "question": question.question, "language": "fr", "abstained": False,
                "mode": "generated", "answerable": True, "correct": correct, "answer": answer,
                "citations": [{"number": 1, "source": quote.source, "quote": quote.quote}]}

    gone = dict(stored("Plus de 90 licornes [1]", True), citations=[{"number": 1, "source": quote.source,
                                                                       "quote": "Une phrase qui n'est plus là."}])
    done, unmapped = replay(extractive_assistant, gold, [stored("Plus de 90 licornes [1]", True),
                                                         stored("Plus de 42 licornes [1]", False), gone])
    assert [(x.wrong, x.passes) for x in done] == [(False, True), (True, False)]
    assert any("42" in problem for problem in done[1].problems)
    assert unmapped == [question.id]

    def withheld(text: str, correct: bool, note: str) -> dict:
        return {"id": question.id, "question": question.question, "language": "fr", "abstained": True,
                "mode": "abstained", "answerable": True, "correct": False, "answer": "Les documents…", "note": note,
                "withheld": text, "withheld_correct": correct,
                "withheld_citations": [{"number": 3, "source": quote.source, "quote": quote.quote}]}

    failed = "generated answer failed verification: number '90' is not what the cited quotes state"
    unsure = "confidence 0.40 is below the calibrated threshold 0.56; verification passed"
    done, unmapped = replay(extractive_assistant, gold, [withheld("Plus de 90 licornes [3]", True, failed),
                                                         withheld("Plus de 42 licornes [3]", False, failed),
                                                         withheld("Plus de 90 licornes [3]", True, unsure)])
    # Withheld answers the verifier rejected are checked again (a right one now passes, a wrong one does not);
    # one withheld by the confidence model alone is not, since the verifier cannot show it.
    assert [(x.wrong, x.passes, x.withheld) for x in done] == [(False, True, True), (True, False, True)]
    assert unmapped == []
