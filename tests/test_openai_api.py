"""The OpenAI-compatible endpoint, driven by the `openai` client over real HTTP (uvicorn on 127.0.0.1).

Fast tests serve an assistant with the hash embedder and the fake chat model; the `slow` ones start
`assistant serve` as a process, mount the API in the chat app, and answer with the real local model.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
import uvicorn

from assistant.abstention import Thresholds
from assistant.answer import Assistant
from assistant.api.schema import MODEL_ID, sources_block, strip_sources
from assistant.api.server import build_api_app
from assistant.llm import FakeChatModel
from assistant.messages import message
from assistant.models import Answer, Citation
from evals.scoring import fact_present
from tests.conftest import CORPUS, ROOT, free_port

LABS = "Combien de laboratoires clés nationaux Beijing a-t-elle construits ?"
KEY = "test-key-123"


class Served:
    """An ASGI app served by uvicorn on a loopback port in a background thread."""

    def __init__(self, app) -> None:
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


def fake_assistant(settings, **overrides) -> Assistant:
    bot = Assistant(settings, **overrides)
    # The hash embedder's scores are meaningless: let every question through to the (fake) model.
    bot.pipeline.thresholds = Thresholds(abstain_below=-1.0, quote_relevance=0.0)
    return bot


@pytest.fixture
def api(fake_settings) -> Iterator[tuple[Assistant, str]]:
    bot = fake_assistant(fake_settings)
    with Served(build_api_app(bot)) as served:
        yield bot, served.base_url


@pytest.fixture
def locked_api(fake_settings) -> Iterator[tuple[Assistant, str]]:
    bot = fake_assistant(fake_settings, api_key=KEY)
    with Served(build_api_app(bot)) as served:
        yield bot, served.base_url


def client(base_url: str, key: str = "anything", timeout: float = 60) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url, api_key=key, max_retries=0, timeout=timeout)


def assert_cited_exactly(citations: list[dict], corpus: Path) -> None:
    assert citations
    for c in citations:
        assert (corpus / c["source"]).read_text(encoding="utf-8")[c["start"]:c["end"]] == c["quote"]


def test_a_completion_carries_the_answer_its_numbered_sources_and_the_citations(api, fake_settings):
    bot, base_url = api
    reply = client(base_url).chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": LABS}])
    expected = bot.ask(LABS)
    content = reply.choices[0].message.content
    assert reply.model == MODEL_ID and reply.choices[0].finish_reason == "stop"
    assert content.startswith(expected.answer)
    sources = content[len(expected.answer):]
    assert sources.startswith("\n\nSources :\n[1] ") and expected.citations[0].quote in sources
    citations = reply.model_extra["citations"]
    assert [c["number"] for c in citations] == [c.number for c in expected.citations]
    assert_cited_exactly(citations, fake_settings.corpus_dir)
    assert reply.model_extra["assistant"]["abstained"] is False
    assert reply.model_extra["assistant"]["language"] == "fr"


def test_a_streamed_completion_sends_the_same_verified_text_then_the_citations(api, fake_settings):
    _, base_url = api
    oa = client(base_url)
    whole = oa.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": LABS}])
    chunks = list(oa.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": LABS}],
                                             stream=True))
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == whole.choices[0].message.content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"] == [
        {k: v for k, v in c.items() if v is not None} for c in whole.model_extra["citations"]]
    assert all("citations" not in c.model_extra for c in chunks[:-1])
    assert_cited_exactly(chunks[-1].model_extra["citations"], fake_settings.corpus_dir)


def test_a_slow_answer_keeps_the_stream_alive(api, monkeypatch):
    from assistant.api import routes

    bot, base_url = api
    select = bot.pipeline.selector.select

    def slow_select(*args, **kwargs):
        time.sleep(0.5)  # as the model or the embedder on a busy machine
        return select(*args, **kwargs)

    monkeypatch.setattr(routes, "KEEP_ALIVE_S", 0.1)
    monkeypatch.setattr(bot.pipeline.selector, "select", slow_select)
    body = {"model": MODEL_ID, "stream": True, "messages": [{"role": "user", "content": LABS}]}
    with httpx.stream("POST", f"{base_url}/chat/completions", json=body, timeout=30) as response:
        lines = [line for line in response.iter_lines() if line]
    assert lines[0].startswith("data: ") and '"role":"assistant"' in lines[0]
    alive = lines.index(": still working")
    assert 0 < alive < next(i for i, x in enumerate(lines) if '"content":"145' in x)
    assert lines[-1] == "data: [DONE]"


def test_the_history_comes_from_the_messages_without_our_source_lists(api):
    bot, base_url = api
    oa = client(base_url)
    first = "Combien d'entreprises licornes sont nées à Zhongguancun ?"
    earlier = oa.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": first}])
    earlier_text = earlier.choices[0].message.content
    assert "\n\nSources :\n[1] " in earlier_text
    messages = [{"role": "system", "content": "You are helpful."}, {"role": "user", "content": first},
                {"role": "assistant", "content": earlier_text}, {"role": "user", "content": "Et à Beijing ?"}]
    for stream in (False, True):
        fake: FakeChatModel = bot.llm
        fake.calls.clear()
        if stream:
            chunks = list(oa.chat.completions.create(model=MODEL_ID, messages=messages, stream=True))
            info = chunks[-1].model_extra["assistant"]
        else:
            info = oa.chat.completions.create(model=MODEL_ID, messages=messages).model_extra["assistant"]
        assert "licornes" in info["standalone_question"] and "Beijing" in info["standalone_question"]
        rewrite_prompt = fake.calls[0][-1]["content"]  # the first model call rewrites the follow-up
        assert first in rewrite_prompt and strip_sources(earlier_text)[:100] in rewrite_prompt
        assert "Sources :" not in rewrite_prompt


def test_an_abstention_is_a_normal_answer_that_says_so(api):
    _, base_url = api
    reply = client(base_url).chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": "What is the capital of Australia?"}])
    assert reply.choices[0].message.content == message("abstain", "en")
    assert reply.model_extra["citations"] == [] and reply.model_extra["assistant"]["abstained"] is True


def test_the_source_list_names_the_page_of_paged_files_and_is_stripped_from_history():
    cited = Answer(question="q", answer="Il y en a 90 [1].", abstained=False, language="fr", citations=[
        Citation(source="a.pdf", start=5, end=9, quote="90 x", passage="… 90 x …", number=1, title="T", page=4)])
    block = sources_block(cited)
    assert block == "\n\nSources :\n[1] a.pdf, p. 4 (T), chars 5-9: «90 x»"
    assert strip_sources(cited.answer + block) == cited.answer
    assert strip_sources("Sources: [1] in the text stays") == "Sources: [1] in the text stays"


def test_models_lists_the_assistant(api):
    _, base_url = api
    assert [m.id for m in client(base_url).models.list()] == [MODEL_ID]


def test_bad_requests_get_a_400_with_an_openai_error(api):
    _, base_url = api
    oa = client(base_url)
    with pytest.raises(openai.BadRequestError, match="last message must be the user"):
        oa.chat.completions.create(model=MODEL_ID, messages=[{"role": "assistant", "content": "hi"}])
    with pytest.raises(openai.BadRequestError, match="question is empty"):
        oa.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": "  "}], stream=True)
    with pytest.raises(openai.BadRequestError, match="messages"):
        oa.chat.completions.create(model=MODEL_ID, messages=[])
    raw = httpx.post(f"{base_url}/chat/completions", content=b"{not json", timeout=10)
    assert raw.status_code == 400 and raw.json()["error"]["message"] == "The request body must be JSON."
    raw = httpx.post(f"{base_url}/chat/completions", json={"messages": [{"role": "user", "content": 3}]}, timeout=10)
    assert raw.status_code == 400 and raw.json()["error"]["type"] == "invalid_request_error"
    assert "Traceback" not in raw.text


def test_an_empty_index_is_a_clear_error_streamed_or_not(tmp_path):
    (tmp_path / "corpus").mkdir()
    bot = Assistant(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data", embedder="hash", llm="fake")
    with Served(build_api_app(bot)) as served:
        oa = client(served.base_url)
        with pytest.raises(openai.InternalServerError, match="index is empty") as info:
            oa.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": LABS}])
        assert info.value.status_code == 503
        with pytest.raises(openai.APIError, match="index is empty"):
            list(oa.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": LABS}],
                                            stream=True))


def test_with_an_api_key_requests_without_it_get_a_401(locked_api):
    _, base_url = locked_api
    question = [{"role": "user", "content": LABS}]
    for key in ("wrong-key", KEY + "x", KEY[:-1]):
        with pytest.raises(openai.AuthenticationError) as info:
            client(base_url, key).chat.completions.create(model=MODEL_ID, messages=question)
        assert info.value.status_code == 401
        with pytest.raises(openai.AuthenticationError):
            client(base_url, key).models.list()
    assert httpx.get(f"{base_url}/models", timeout=10).status_code == 401  # no Authorization header at all
    with pytest.raises(openai.AuthenticationError):
        list(client(base_url, "wrong-key").chat.completions.create(model=MODEL_ID, messages=question, stream=True))
    good = client(base_url, KEY)
    assert not good.chat.completions.create(model=MODEL_ID, messages=question).model_extra["assistant"]["abstained"]
    assert "".join(c.choices[0].delta.content or ""
                   for c in good.chat.completions.create(model=MODEL_ID, messages=question, stream=True))


@pytest.mark.slow
def test_the_chat_app_serves_the_same_api(fake_settings):
    from assistant.ui.server import build_app

    bot = fake_assistant(fake_settings, api_key=KEY)
    with Served(build_app(bot)) as served:
        oa = client(served.base_url, KEY)
        reply = oa.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": LABS}])
        assert reply.choices[0].message.content.startswith(bot.ask(LABS).answer)
        with pytest.raises(openai.AuthenticationError):
            client(served.base_url).models.list()
        assert httpx.get(f"http://127.0.0.1:{served.port}/", timeout=30).status_code == 200  # the chat page too


@pytest.mark.slow
def test_assistant_serve_runs_the_api_on_loopback(corpus_copy, tmp_path):
    port = free_port()
    env = {**os.environ, "ASSISTANT_EMBEDDER": "hash", "ASSISTANT_API_KEY": KEY,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "--corpus", str(corpus_copy), "--data-dir", str(tmp_path / "data"),
         "--llm", "fake", "serve", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base_url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + 120
        while True:
            try:
                assert httpx.get(f"{base_url}/models", timeout=2).status_code == 401
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "assistant serve did not start"
                time.sleep(0.3)
        reply = client(base_url, KEY).chat.completions.create(
            model=MODEL_ID, messages=[{"role": "user", "content": "What is the capital of Australia?"}])
        assert reply.choices[0].message.content == message("abstain", "en")
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 404  # API only: no chat page
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/v1" in out and "Traceback" not in out


@pytest.mark.slow
@pytest.mark.llm
def test_the_openai_client_against_the_real_local_model(local_bot):
    with Served(build_api_app(local_bot)) as served:
        oa = client(served.base_url, timeout=600)  # a whole answer on two busy cores; streamed reads keep alive
        first = [{"role": "user", "content": "Combien d'entreprises licornes sont nées à Zhongguancun ?"}]
        reply = oa.chat.completions.create(model=MODEL_ID, messages=first)
        content = reply.choices[0].message.content
        assert fact_present(["=90"], content), content
        assert_cited_exactly(reply.model_extra["citations"], CORPUS)
        assert "\n\nSources :\n[1] " in content
        question = "Et combien de grands modèles y ont vu le jour ?"  # gold fu-fr-unicorns-2
        follow_up = [*first, {"role": "assistant", "content": content}, {"role": "user", "content": question}]
        chunks = list(oa.chat.completions.create(model=MODEL_ID, messages=follow_up, stream=True))
        text = "".join(c.choices[0].delta.content or "" for c in chunks)
        info = chunks[-1].model_extra["assistant"]
        # Without history a question is used as it is; with it, the model rewrote the follow-up.
        assert info["standalone_question"] != question and not info["abstained"], info
        assert fact_present(["=200"], text), text
        assert_cited_exactly(chunks[-1].model_extra["citations"], CORPUS)
