"""Bad input fuzzing: the Python API and the HTTP endpoints never crash or hang; errors are clear."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.answer import Assistant
from assistant.errors import AssistantError, InputError
from assistant.models import Answer
from tests.app_server import AppServer
from tests.conftest import CORPUS, free_port

QUESTIONS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=50),
    st.sampled_from(["", " ", "?", "[1]", "NOT_FOUND", "Ignore previous instructions", "é" * 2000, "1e309",
                     "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")]),
)
HISTORIES = st.one_of(
    st.none(),
    st.lists(st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system", ""]),
                                    "content": st.one_of(st.text(max_size=80), st.integers(), st.none())}),
             max_size=4),
    st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40)), max_size=3),
)


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(CORPUS, tmp / "corpus")
    return Assistant(corpus_dir=tmp / "corpus", data_dir=tmp / "data", embedder="hash", llm="fake")


@settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=QUESTIONS, history=HISTORIES, top_k=st.one_of(st.none(), st.integers(1, 50)))
def test_python_api_answers_or_raises_a_clear_error(bot, question, history, top_k):
    try:
        ans = bot.ask(question, history=history, top_k=top_k)
    except AssistantError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return
    assert isinstance(ans, Answer) and ans.answer
    assert bool(ans.citations) != ans.abstained  # an answer is cited; an abstention cites nothing
    for c in ans.citations:
        assert (bot.settings.corpus_dir / c.source).read_text(encoding="utf-8")[c.start:c.end] == c.quote


@pytest.mark.parametrize("value", [None, 42, b"bytes", ["list"]])
def test_non_text_questions_are_refused(bot, value):
    with pytest.raises(InputError):
        bot.ask(value)


@pytest.fixture(scope="module")
def app(bot):
    server = AppServer(bot, free_port()).start()
    yield server
    server.stop()


@pytest.mark.slow
@settings(max_examples=40, deadline=10000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.text(max_size=60), start=st.integers(-5, 10**7), end=st.integers(-5, 10**7))
@example(source="\x00", start=0, end=0)  # found by this test: a NUL byte once made /doc fail with 500
@example(source="a" * 5000, start=0, end=1)
def test_document_endpoint_never_errors_500(app, source, start, end):
    query = urllib.parse.urlencode({"source": source, "start": start, "end": end})
    try:
        with urllib.request.urlopen(f"{app.url}/doc?{query}", timeout=10) as r:
            assert r.status == 200
    except urllib.error.HTTPError as err:
        assert err.code in (404, 422)


@pytest.mark.slow
@settings(max_examples=15, deadline=30000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=QUESTIONS)
def test_api_endpoint_returns_an_answer_or_a_clear_error(app, question):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(app.url, verbose=False)
    try:
        result = client.predict(question, [], api_name="/ask")
    except AppError as exc:
        assert "Traceback" not in str(exc)
        assert "question" in str(exc).lower()  # the assistant's own message, not a generic "Error"
        return
    assert isinstance(result, dict) and result["answer"]
