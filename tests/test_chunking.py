"""Chunks are token-bounded, split on sentence boundaries, and keep exact character spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vectorstore.chunking import _split_long, chunk_text
from vectorstore.text import Span, split_sentences
from vectorstore.tokens import get_encoding

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def enc(tmp_path_factory):
    return get_encoding("cl100k_base", tmp_path_factory.mktemp("tiktoken"))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize("size,overlap", [(120, 20), (60, 10), (400, 0)])
def test_spans_are_exact_for_every_chunk_of_the_corpus(enc, path, size, overlap):
    text = path.read_text(encoding="utf-8")
    chunks = chunk_text(text, enc, size, overlap)
    assert chunks
    for c in chunks:
        assert text[c.start:c.end] == c.text
        assert c.n_tokens <= size + 8  # a chunk joins whole sentences: only the joining whitespace adds tokens
    # nothing is lost: every non-space character of the file lies in some chunk
    covered = [False] * len(text)
    for c in chunks:
        covered[c.start:c.end] = [True] * (c.end - c.start)
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


def test_overlap_repeats_the_last_sentences(enc):
    text = " ".join(f"Phrase numéro {i} avec quelques mots de plus pour compter." for i in range(60))
    chunks = chunk_text(text, enc, 60, 20)
    assert len(chunks) > 3
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert b.start < a.end, "consecutive chunks overlap"
        assert b.start > a.start, "chunking always progresses"


def test_sentence_split_handles_french_and_german_punctuation_and_abbreviations():
    text = (
        "Il a dit : « Nous avançons. » Puis il est parti ! M. Dupont, z. B. ein Beispiel, reste.\n"
        "„Das ist gut.“ Sagte sie. Wie viele? Drei… Ende"
    )
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences == [
        "Il a dit : « Nous avançons. »",
        "Puis il est parti !",
        "M. Dupont, z. B. ein Beispiel, reste.",
        "„Das ist gut.“",
        "Sagte sie.",
        "Wie viele?",
        "Drei…",
        "Ende",
    ]


def test_a_sentence_longer_than_the_chunk_is_cut_at_word_boundaries(enc):
    text = "Mot " * 500 + "fin."
    chunks = chunk_text(text, enc, 50, 10)
    assert len(chunks) > 5
    for c in chunks:
        assert text[c.start:c.end] == c.text
        assert not c.text.startswith(" ") and not c.text.endswith(" ")


def test_a_long_sentence_is_cut_at_a_clause_end_so_each_piece_keeps_who_did_what(enc):
    # 121 tokens in the shipped article; cut between words, its second piece began "œuvre un programme pilote
    # … et le district de Shunyi …", and the model named Shunyi as the e-CNY pilot district.
    text = (CORPUS / "003_407135a6eafe66ad.txt").read_text(encoding="utf-8")
    sentence = next(text[s.start:s.end] for s in split_sentences(text) if "Shijingshan" in text[s.start:s.end])
    assert len(enc.encode(sentence)) > 120
    pieces = [c.text for c in chunk_text(sentence, enc, 120, 20)]
    assert len(pieces) == 2
    assert pieces[0].endswith("international ;")
    assert pieces[1].startswith("le district de Shijingshan met en œuvre un programme pilote")


def test_a_long_sentence_prefers_a_semicolon_to_a_later_comma_and_skips_an_early_one(enc):
    text = "Un, " + "mot " * 30 + "; " + "autre " * 5 + ", " + "fin " * 150 + "."
    pieces = [text[p.start:p.end] for p in _split_long(text, Span(0, len(text), 0), enc, 100)]
    assert pieces[0].endswith(";"), pieces[0]
    assert "," not in pieces[0][3:]


def test_overlap_must_be_smaller_than_size(enc):
    with pytest.raises(ValueError):
        chunk_text("Une phrase.", enc, 20, 20)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcé ÄÖ.!?\n«»„“’' 0123456789")), max_size=600))
def test_spans_hold_for_arbitrary_text(text):
    enc = get_encoding("cl100k_base", Path("/tmp/corpus-assistant-test-tiktoken"))
    for c in chunk_text(text, enc, 30, 5):
        assert text[c.start:c.end] == c.text
        assert c.text.strip() == c.text and c.text
