"""Step 4, generate: the structured reply's answer and the model's own confidence in it (token log-probabilities)."""

from __future__ import annotations

import pytest

from assistant.abstention import Thresholds
from assistant.answer import Assistant
from assistant.calibration import Calibration
from assistant.generate import answer_logprob, answer_scores, claim_logprob, generate_structured
from assistant.llm import FakeChatModel, Piece
from assistant.models import GeneratedAnswer


def _pieces(parts: list[tuple[str, float | None]]) -> tuple[str, list[tuple[int, str]]]:
    raw, out = "", []
    for text, lp in parts:
        out.append((len(raw), Piece.scored(text, [lp]) if lp is not None else text))
        raw += text
    return raw, out


def test_the_confidence_is_the_mean_log_probability_of_the_answer_tokens_only():
    raw, pieces = _pieces([('{"found": true, "answer": "', -0.5), ("Karel", -0.1), (" Zak", -0.3), ('", ', -2.0),
                           ('"evidence": [1]}', -1.0)])
    assert answer_logprob(raw, pieces) == pytest.approx(-0.2)  # neither the JSON around it nor the evidence
    # A piece that closes the string and writes its last character counts: it chose that character.
    raw, pieces = _pieces([('{"found": true, "answer": "', 0.0), ("90", -0.4), ('.", ', -0.2), ('"evidence": []}', 0)])
    assert answer_logprob(raw, pieces) == pytest.approx(-0.3)


def test_no_confidence_without_log_probabilities_or_without_an_answer():
    raw, pieces = _pieces([('{"found": true, "answer": "', None), ("Karel", -0.1), (" Zak", None), ('"}', None)])
    assert answer_logprob(raw, pieces) is None  # one answer piece unscored: no partial mean
    raw, pieces = _pieces([('{"found": false, ', -0.1), ('"evidence": []}', -0.1)])
    assert answer_logprob(raw, pieces) is None


def test_the_claim_confidence_reads_only_the_tokens_that_write_the_claim():
    raw, pieces = _pieces([('{"found": true, "answer": " ', -0.5), ("More than", -1.5), (" 90", -0.1),
                           (" unicorns", -0.7), (" in Shijing", -0.2), ("shan.", -0.6), ('", "evidence": [1]}', -1.0)])
    reply = GeneratedAnswer(text="More than 90 unicorns in Shijingshan.", scores=answer_scores(raw, pieces))
    assert reply.text[reply.scores[1][0]:reply.scores[1][1]] == " 90"  # offsets in the stripped answer text
    assert claim_logprob(reply, ["90"]) == pytest.approx(-0.1)  # not the hesitation over "More than"
    assert claim_logprob(reply, ["Shijingshan"]) == pytest.approx(-0.4)  # the two pieces that write the name
    assert claim_logprob(reply, ["90", "Shijingshan"]) == pytest.approx(-0.4)  # the least sure claim
    assert claim_logprob(reply, []) is None and claim_logprob(reply, ["Tianjin"]) is None


def test_claim_offsets_hold_across_escapes_and_unscored_pieces_give_none():
    raw, pieces = _pieces([('{"found": true, "answer": "', 0.0), ('Le \\"mus\\u00', -0.1), ('e9e\\" a ', -0.2),
                           ("42", -0.3), (" salles", -0.05), ('", "evidence": [1]}', 0)])
    reply = GeneratedAnswer(text='Le "musée" a 42 salles', scores=answer_scores(raw, pieces))
    assert [reply.text[s:e] for s, e, _, _ in reply.scores] == ['Le "mus', 'ée" a ', "42", " salles"]
    assert claim_logprob(reply, ["42"]) == pytest.approx(-0.3)
    raw, pieces = _pieces([('{"found": true, "answer": "', 0.0), ("90", None), ('", "evidence": []}', 0)])
    assert answer_scores(raw, pieces) == []  # an unscored piece inside the answer: no claim confidence
    assert claim_logprob(GeneratedAnswer(text="90"), ["90"]) is None


class ScriptedModel(FakeChatModel):
    """Streams a fixed raw reply in fixed pieces."""

    def __init__(self, pieces: list[str]) -> None:
        super().__init__()
        self.pieces = pieces

    def stream_json(self, messages, max_tokens, schema):
        yield from self.pieces


def _drain(gen):
    shown = []
    try:
        while True:
            shown.append(next(gen).text)
    except StopIteration as done:
        return "".join(shown), done.value


@pytest.mark.parametrize("pieces", [
    ['{"found": true, "answer": "', "C:", "\\\\", '", "evidence": [1]}'],  # ends with an escaped backslash
    ['{"found": true, "answer": "', "C:", "\\", "\\", '", "evidence": [1]}'],  # the escape split in two
    ['{"found": true, "answer": "', 'Le \\"', "mus\\u00", 'e9e\\" ', 'ouvre", "evidence": [1]}'],
])
def test_the_streamed_draft_is_exactly_the_parsed_answer(pieces):
    shown, reply = _drain(generate_structured(ScriptedModel(pieces), [], 64, lambda: None))
    assert shown == reply.text and reply.text in ("C:\\", 'Le "musée" ouvre')


class ScoredModel(FakeChatModel):
    """The fake's structured reply, every piece carrying the same log-probability per token."""

    name = "scored"

    def __init__(self, logprob: float) -> None:
        super().__init__()
        self.logprob = logprob

    def stream_json(self, messages, max_tokens, schema):
        for piece in super().stream_json(messages, max_tokens, schema):
            yield Piece.scored(piece, [self.logprob])


def test_the_structured_reply_carries_its_confidence():
    messages = [{"role": "user", "content": "Evidence:\n[1] Plus de 90 licornes sont nées.\nQuestion: combien ?"}]
    gen = generate_structured(ScoredModel(-0.25), messages, 64, lambda: None)
    try:
        while True:
            next(gen)
    except StopIteration as done:
        reply = done.value
    assert reply.text.startswith("Plus de 90") and reply.logprob == pytest.approx(-0.25)


DOC = "Le musée Arlequin\n2025-01-01\n\nLe musée Arlequin compte 42 salles et un jardin ouvert depuis 1998.\n"
QUESTION = "Combien de salles compte le musée Arlequin ?"


def _ask(tmp_path, logprob: float):
    """The answer to QUESTION from the scored fake, under a calibration fitted for this embedder and model."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "musee.txt").write_text(DOC, encoding="utf-8")
    probe = Assistant(corpus_dir=corpus, data_dir=tmp_path / "data", embedder="hash", llm="none")
    cal = Calibration(features=["answer_logprob"], means=[-0.15], scales=[0.1], weights=[1.2], bias=0.8,
                      threshold=0.66, embedder=probe.components.embedder.name, model="scored")
    probe.close()
    (tmp_path / "cal.json").write_text(cal.model_dump_json())
    bot = Assistant(corpus_dir=corpus, data_dir=tmp_path / "data", embedder="hash", chat_model=ScoredModel(logprob),
                    calibration_file=tmp_path / "cal.json")
    try:
        assert bot.calibration is not None  # same embedder, same model
        bot.pipeline.thresholds = Thresholds(abstain_below=-1.0, quote_relevance=0.0)  # hash scores mean nothing
        return bot.ask(QUESTION)
    finally:
        bot.close()


def test_a_checked_answer_the_model_wrote_sure_of_is_shown(tmp_path):
    ans = _ask(tmp_path, -0.02)
    assert not ans.abstained and "42" in ans.answer and ans.citations
    assert ans.signals["answer_logprob"] == pytest.approx(-0.02)
    assert ans.signals["claim_logprob"] == pytest.approx(-0.02)  # the verified "42", from its own pieces


def test_a_checked_answer_the_model_wrote_unsure_of_is_held_back_by_the_calibration(tmp_path):
    ans = _ask(tmp_path, -0.6)
    assert ans.abstained and not ans.citations
    assert "calibrated threshold" in ans.note and "verification passed" in ans.note
    assert ans.signals["answer_logprob"] == pytest.approx(-0.6)
