"""Resource limits on every input: each one exceeded is a clear error, never a hang."""

from __future__ import annotations

import time

import httpx
import pytest

from assistant.api.server import build_api_app
from assistant.errors import InputError, RequestTimeoutError
from assistant.inputs import HistoryLimits, check_top_k, normalize_history
from assistant.llm import FakeChatModel
from assistant.streaming import events_in_thread
from tests.test_openai_api import LABS, Served, fake_assistant


def test_history_limits_refuse_too_many_or_too_long_messages_and_keep_the_last_turns():
    limits = HistoryLimits(max_messages=10, max_chars=100, keep=4)
    turns = [{"role": "user", "content": f"q{i}"} for i in range(10)]
    assert [t.content for t in normalize_history(turns, limits)] == ["q6", "q7", "q8", "q9"]
    with pytest.raises(InputError, match="11 messages; the limit is 10"):
        normalize_history([*turns, turns[0]], limits)
    with pytest.raises(InputError, match="101 characters long; the limit is 100"):
        normalize_history([{"role": "user", "content": "x" * 101}], limits)
    with pytest.raises(InputError, match="list of messages"):
        normalize_history("not a list", limits)


@pytest.mark.parametrize("bad", [0, 51, 2.5, "8", 100])
def test_top_k_outside_1_to_50_is_refused(bad):
    with pytest.raises(InputError, match="between 1 and 50"):
        check_top_k(bad)


def test_the_pipeline_applies_the_history_limits_of_the_settings(fake_settings):
    bot = fake_assistant(fake_settings, max_history_chars=200)
    with pytest.raises(InputError, match="the limit is 200"):
        bot.ask(LABS, history=[{"role": "user", "content": "y" * 300}])


class SlowModel(FakeChatModel):
    def stream(self, messages, max_tokens):
        time.sleep(3)
        yield from super().stream(messages, max_tokens)


def test_a_question_past_its_time_limit_is_a_clear_retryable_error(fake_settings):
    bot = fake_assistant(fake_settings, chat_model=SlowModel(), max_request_seconds=0.5)
    start = time.monotonic()
    with pytest.raises(RequestTimeoutError, match="limit of 0.5 s"):
        list(events_in_thread(bot, LABS, [], tick=0.1, deadline_s=0.5))
    assert time.monotonic() - start < 2.5  # not the model's 3 s


@pytest.fixture
def limited(fake_settings):
    bot = fake_assistant(fake_settings, chat_model=SlowModel(), max_request_kb=8, max_request_seconds=0.5,
                         max_history_messages=4)
    with Served(build_api_app(bot)) as served:
        yield served.base_url


def test_the_api_returns_clear_errors_for_each_limit(limited):
    url = f"{limited}/chat/completions"
    big = httpx.post(url, json={"messages": [{"role": "user", "content": "x" * 9000}]}, timeout=30)
    assert big.status_code == 413 and "limit is 8 KB" in big.json()["error"]["message"]
    history = [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}] * 3
    long = httpx.post(url, json={"messages": [*history, {"role": "user", "content": LABS}]}, timeout=30)
    assert long.status_code == 400 and "the limit is 4" in long.json()["error"]["message"]
    slow = httpx.post(url, json={"messages": [{"role": "user", "content": LABS}]}, timeout=30)
    assert slow.status_code == 504 and "0.5 s" in slow.json()["error"]["message"]
    body = {"stream": True, "messages": [{"role": "user", "content": LABS}]}
    with httpx.stream("POST", url, json=body, timeout=30) as response:
        lines = [line for line in response.iter_lines() if line]
    assert any('"error"' in x and "0.5 s" in x for x in lines) and lines[-1] == "data: [DONE]"


def test_a_chunked_body_past_the_limit_is_refused_too(limited):
    def chunks():
        for _ in range(20):
            yield b"x" * 1024

    r = httpx.post(f"{limited}/chat/completions", content=chunks(), timeout=30,
                   headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit of 8 KB" in r.json()["error"]["message"]


def test_the_gradio_ask_api_answers_within_the_time_limit(fake_settings):
    from assistant.streaming import answer_within

    bot = fake_assistant(fake_settings)
    assert answer_within(bot, LABS, [], 60).answer == bot.ask(LABS).answer
    slow = fake_assistant(fake_settings, chat_model=SlowModel())
    with pytest.raises(RequestTimeoutError):
        answer_within(slow, LABS, [], 0.3)
