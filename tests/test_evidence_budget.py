"""The evidence's token budget: lower-ranked units past it stay out of the prompt, the best one never does."""

from __future__ import annotations

from assistant.abstention import Thresholds
from assistant.answer import Assistant
from assistant.evidence import EvidenceSelector, Weights

QUESTION = "Combien de licornes et de grands modèles d'IA compte Beijing ?"


def _units(bot: Assistant, max_tokens: int | None):
    count = lambda text: len(bot.components.encoding.encode(text))  # noqa: E731
    # A wide margin: four units whatever the hash embedder's scores, so that the budget has something to cut.
    selector = EvidenceSelector(bot.components.embedder, Weights(margin=10.0), count_tokens=count)
    selection = selector.select(bot.retriever.search(QUESTION, 8), 4, "fr", max_tokens)
    cost = [count(f"{e.context} {e.quote}" if e.context else e.quote) for e in selection.evidence]
    return selection.evidence, cost


def test_units_past_the_budget_are_left_out_and_the_rest_renumbered(fake_settings):
    bot = Assistant(fake_settings)
    free, cost = _units(bot, None)
    assert len(free) == 4 and max(cost[1:]) > min(cost[1:])  # units of several sizes
    budget = cost[0] + min(cost[1:])  # room for the best unit and the smallest other one
    kept, kept_cost = _units(bot, budget)
    assert kept[0].quote == free[0].quote and sum(kept_cost) <= budget
    assert len(kept) == 2 and kept_cost[1] == min(cost[1:])  # a smaller, lower-ranked unit still fits
    assert [e.number for e in kept] == list(range(1, len(kept) + 1))  # the prompt numbers what it shows
    assert [e.quote for e in kept] == [e.quote for e in free if e.quote in {k.quote for k in kept}]  # ranking kept


def test_the_best_unit_is_kept_even_alone_past_the_budget(fake_settings):
    bot = Assistant(fake_settings)
    free, cost = _units(bot, None)
    kept, _ = _units(bot, 1)
    assert [e.quote for e in kept] == [free[0].quote] and cost[0] > 1


def test_the_setting_reaches_the_prompt(fake_settings):
    wide = Assistant(fake_settings, max_evidence_tokens=0)  # 0: no budget
    tight = Assistant(fake_settings, max_evidence_tokens=1)
    for bot in (wide, tight):
        bot.pipeline.thresholds = Thresholds(abstain_below=-1.0, quote_relevance=0.0)  # hash scores mean nothing
        bot.ask(QUESTION)
    evidence_lines = lambda bot: [line for line in bot.llm.calls[-1][-1]["content"].splitlines()  # noqa: E731
                                  if line.startswith("[")]
    assert len(evidence_lines(tight)) == 1 < len(evidence_lines(wide))
