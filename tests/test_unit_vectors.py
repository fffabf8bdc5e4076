"""Evidence units embedded at ingestion are stored with their chunk and used at question time instead of embedding."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer import Assistant
from assistant.evidence import EvidenceSelector, candidate_units
from assistant.retrieval import to_retrieved
from assistant.unit_vectors import FIELD, pack, unpack
from vectorstore.embeddings import HashEmbeddings


class CountingEmbeddings(HashEmbeddings):
    """The hash embedder, remembering every document text it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return super().embed_documents(texts)


def test_packed_vectors_come_back_only_for_the_texts_they_were_made_for():
    texts = ["Le parc compte 42 laboratoires.", "Es gibt 300 Produzenten."]
    vectors = np.random.default_rng(0).normal(size=(2, 16)).astype(np.float32)
    packed = pack(texts, vectors)
    assert np.allclose(unpack(packed, texts), vectors, atol=1e-2)
    assert unpack(packed, [texts[0], "Es gibt 301 Produzenten."]) is None  # cut or worded otherwise: stale
    assert unpack(packed, texts[:1]) is None
    assert unpack("not packed", texts) is None
    assert unpack(packed[:-8], texts) is None  # damaged


QUESTIONS = ["Combien de licornes sont nées à Zhongguancun ?",
             "Wie viele Produzenten sind in die Lieferkette integriert?"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_stored_unit_vectors_spare_embedding_at_question_time_and_select_the_same_evidence(fake_settings, question):
    emb = CountingEmbeddings()
    bot = Assistant(fake_settings, embeddings=emb)
    chunks = bot.components.index.all_chunks()
    with_units = [c for c in chunks if candidate_units([to_retrieved(c)])]  # not a caption-only chunk
    assert len(with_units) > 20 and all(FIELD in c.metadata for c in with_units)
    retrieval = bot.retriever.search(question, 8)
    emb.embedded.clear()
    stored = bot.selector.select(retrieval, 4, "fr")
    assert emb.embedded == [] and stored.evidence

    # Without them (chunks ingested before they existed, or with the setting off) the units are embedded per
    # question.
    bare = [c.model_copy(update={"unit_vectors": ""}) for c in retrieval.chunks]
    computed = EvidenceSelector(emb).select(type(retrieval)(question, retrieval.query_vec, bare, retrieval.lexicon),
                                            4, "fr")
    assert len(emb.embedded) == len(candidate_units(bare))
    assert [e.quote for e in stored.evidence] == [e.quote for e in computed.evidence]
    assert [e.score for e in stored.evidence] == pytest.approx([e.score for e in computed.evidence], abs=2e-3)


def test_the_setting_off_stores_no_unit_vectors(fake_settings):
    bot = Assistant(fake_settings.model_copy(update={"unit_vectors": False}), embeddings=CountingEmbeddings())
    assert not any(FIELD in c.metadata for c in bot.components.index.all_chunks())


def test_unit_vectors_are_not_part_of_what_the_api_returns(fake_settings):
    bot = Assistant(fake_settings, embeddings=CountingEmbeddings())
    evidence = bot.selector.select(bot.retriever.search(QUESTIONS[0], 8), 4, "fr").evidence
    assert evidence and evidence[0].chunk.unit_vectors
    assert all("unit_vectors" not in e.model_dump_json() and "unit_vectors" not in repr(e) for e in evidence)
