"""The pipeline's events from a worker thread, with ticks while nothing happens and a deadline per request."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

from assistant.errors import RequestTimeoutError
from assistant.models import Answer


def events_in_thread(bot: Any, question: str, history: Any, top_k: int | None = None, tick: float = 5.0,
                     deadline_s: float | None = None) -> Iterator[object | None]:
    """`bot.stream_events(...)` run in a thread: its events, None every `tick` seconds without one, and
    RequestTimeoutError once `deadline_s` have passed. A late worker is told to stop at its next event (a call
    to the model in progress ends by its own timeout)."""
    events: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()

    def produce() -> None:
        try:
            for event in bot.stream_events(question, history, top_k=top_k):
                if stop.is_set():  # the client went away or the deadline passed
                    return
                events.put(("event", event))
        except BaseException as exc:
            events.put(("error", exc))
        finally:
            events.put(("done", None))

    threading.Thread(target=produce, daemon=True, name="answer").start()
    end = time.monotonic() + deadline_s if deadline_s else None
    try:
        while True:
            wait = tick if end is None else max(0.0, min(tick, end - time.monotonic()))
            try:
                kind, value = events.get(timeout=wait)
            except queue.Empty:
                if end is not None and time.monotonic() >= end:
                    raise RequestTimeoutError(
                        f"The answer took longer than the limit of {deadline_s:g} s per question; try again, "
                        "or ask a shorter question.") from None
                yield None
                continue
            if kind == "error":
                raise value  # type: ignore[misc]
            if kind == "done":
                return
            yield value
    finally:
        stop.set()


def answer_within(bot: Any, question: str, history: Any, deadline_s: float) -> Any:
    """The final Answer of `bot.stream_events`, or RequestTimeoutError past `deadline_s`."""
    answer = None
    for event in events_in_thread(bot, question, history, deadline_s=deadline_s):
        if isinstance(event, Answer):
            answer = event
    assert answer is not None  # the pipeline always ends with its Answer
    return answer
