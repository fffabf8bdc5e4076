"""The chat page: rendering, the document viewer, the API endpoint and concurrent sessions."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.answer import Assistant
from assistant.llm import FakeChatModel
from assistant.models import Citation
from assistant.ui.controller import ChatSession
from assistant.ui.render import render_citations, render_document
from tests.app_server import AppServer
from tests.conftest import CORPUS, free_port


def test_sources_panel_highlights_the_quote_and_escapes_html():
    c = Citation(source="a<b>.txt", start=25, end=35, quote="le <quote>", passage="Voici du texte le <quote> fin",
                 number=1, title="T & co", date="2025-01-02", passage_start=10, passage_end=39)
    html = render_citations([c])
    assert "<mark class='quote'>le &lt;quote&gt;</mark>" in html
    assert "a&lt;b&gt;.txt" in html and "T &amp; co" in html and "2025-01-02" in html
    assert "/doc?source=a%3Cb%3E.txt&amp;start=25&amp;end=35#cite" in html


def test_document_viewer_highlights_and_refuses_paths_outside_the_corpus():
    page = render_document(CORPUS, "001_8caf9aabd0e974c3.txt", 0, 12)
    assert "<mark id='cite'>Zhongguancun</mark>" in page
    assert render_document(CORPUS, "../pyproject.toml", 0, 1) is None
    assert render_document(CORPUS, "missing.txt", 0, 1) is None
    assert render_document(CORPUS, "bad\x00name.txt", 0, 1) is None


@pytest.fixture(scope="module")
def fake_app(real_embedder, real_data_dir):
    bot = Assistant(corpus_dir=CORPUS, data_dir=real_data_dir, embeddings=real_embedder, chat_model=FakeChatModel())
    server = AppServer(bot, free_port()).start()
    yield server
    server.stop()


@pytest.mark.slow
def test_gradio_client_gets_a_structured_answer(fake_app):
    from gradio_client import Client

    client = Client(fake_app.url, verbose=False)
    result = client.predict("Combien de stations de base 5G Beijing compte-t-elle ?", [], api_name="/ask")
    assert set(result) >= {"answer", "abstained", "citations", "language", "timings"}
    assert result["language"] == "fr" and not result["abstained"]
    for c in result["citations"]:
        text = (CORPUS / c["source"]).read_text(encoding="utf-8")
        assert text[c["start"]:c["end"]] == c["quote"]
        assert c["quote"] in c["passage"]


@pytest.mark.slow
def test_doc_route_serves_corpus_files_only(fake_app):
    with urllib.request.urlopen(fake_app.url + "/doc?source=004_600c196880a8075b.txt&start=0&end=7") as r:
        assert "<mark id='cite'>Beijing</mark>" in r.read().decode()
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(fake_app.url + "/doc?source=../README.md&start=0&end=1")
    assert err.value.code == 404


@pytest.mark.slow
def test_concurrent_sessions_do_not_mix_histories(fake_app):
    from gradio_client import Client

    sessions = {
        "a": ([{"role": "user", "content": "Combien de licornes à Zhongguancun ?"},
               {"role": "assistant", "content": "Plus de 90 [1]."}], "Et les grands modèles ?"),
        "b": ([{"role": "user", "content": "Wie viele 5G-Basisstationen gibt es in Beijing?"},
               {"role": "assistant", "content": "153 400 [1]."}], "Und pro Einwohner?"),
        "c": ([], "Qui est le maire de Pékin ?"),
        "d": ([], "How many national key laboratories has Beijing built?"),
    }

    def run(item):
        name, (history, question) = item
        client = Client(fake_app.url, verbose=False)
        return name, client.predict(question, history, api_name="/ask")

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(pool.map(run, sessions.items()))
    for name, (history, question) in sessions.items():
        res = results[name]
        assert res["question"] == question
        standalone = res["standalone_question"]
        if history:  # the rewrite saw this session's history and no other
            assert history[0]["content"].split()[0] in standalone
            others = [h[0]["content"] for n, (h, _) in sessions.items() if h and n != name]
            assert all(o not in standalone for o in others)


def test_respond_streams_and_never_shows_a_traceback(real_embedder, real_data_dir):
    class Broken(FakeChatModel):
        def stream(self, messages, max_tokens):
            raise RuntimeError("boom")
            yield  # pragma: no cover

    bot = Assistant(corpus_dir=CORPUS, data_dir=real_data_dir, embeddings=real_embedder, chat_model=Broken())
    updates = list(ChatSession(bot).respond("Combien de licornes à Zhongguancun ?", [], [], 8))
    chat = updates[-1][0]
    assert chat[-1]["content"].startswith("⚠️ Something went wrong (RuntimeError)")
    assert "Traceback" not in chat[-1]["content"]
    empty = list(ChatSession(bot).respond("   ", [], [], 8))
    assert empty[-1][0] == []


def test_diagnostics_stay_out_of_the_answer_and_go_to_the_details_view():
    from assistant.models import Answer
    from assistant.ui.render import format_answer, render_details

    ans = Answer(question="Q?", answer="70 — «soit 70 pour 10 000 habitants» [1]", abstained=False, mode="fact",
                 note="generated answer failed verification: name 'China' is not in the cited quotes")
    assert format_answer(ans) == "70 — «soit 70 pour 10 000 habitants» \\[1\\]"  # inert Markdown: shows as written
    details = render_details(ans)
    assert "name &#x27;China&#x27;" in details and "<details" in details
