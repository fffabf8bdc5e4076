"""Input cleaning: the question, the conversation history and top-k, checked before any work is done."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.errors import InputError
from assistant.models import Turn

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
MAX_TURNS = 8


def clean_question(question: Any, limit: int) -> str:
    """Strip control characters; refuse empty or over-long questions with a clear message."""
    if not isinstance(question, str):
        raise InputError("The question must be text.")
    text = _CONTROL.sub(" ", question)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise InputError("The question is empty. Type a question about the documents.")
    if len(text) > limit:
        raise InputError(f"The question is {len(text)} characters long; the limit is {limit}. Please shorten it.")
    return text


@dataclass(frozen=True)
class HistoryLimits:
    """How much history a request may send (an error past these) and how many of its last messages are used."""

    max_messages: int = 200
    max_chars: int = 50_000
    keep: int = MAX_TURNS

    @classmethod
    def of(cls, settings: Any) -> HistoryLimits:
        return cls(settings.max_history_messages, settings.max_history_chars, settings.max_history_turns)


def normalize_history(history: Sequence[Any] | None, limits: HistoryLimits | None = None) -> list[Turn]:
    """Accept Turn objects, {"role","content"} dicts or (user, assistant) pairs; keep the last turns.

    A history longer than the limits (messages, or characters in all) is refused with a clear message."""
    limits = limits or HistoryLimits()
    if history is not None and not isinstance(history, Sequence) or isinstance(history, str | bytes):
        raise InputError("The history must be a list of messages.")
    if len(history or []) > limits.max_messages:
        raise InputError(f"The history has {len(history or [])} messages; the limit is {limits.max_messages}. "
                         "Start a new chat.")
    turns: list[Turn] = []
    for item in history or []:
        if isinstance(item, Turn):
            turns.append(item)
        elif isinstance(item, dict) and item.get("role") in ("user", "assistant"):
            content = item.get("content")
            if isinstance(content, str):
                turns.append(Turn(role=item["role"], content=content))
        elif isinstance(item, list | tuple) and len(item) == 2:
            user, bot = item
            if isinstance(user, str):
                turns.append(Turn(role="user", content=user))
            if isinstance(bot, str):
                turns.append(Turn(role="assistant", content=bot))
        else:
            raise InputError("History items must be {'role', 'content'} messages or (question, answer) pairs.")
    size = sum(len(t.content) for t in turns)
    if size > limits.max_chars:
        raise InputError(f"The history is {size} characters long; the limit is {limits.max_chars}. "
                         "Start a new chat.")
    return turns[-limits.keep:] if limits.keep else []


def check_top_k(top_k: Any) -> int | None:
    """None (use the setting) or a whole number from 1 to 50."""
    if top_k is not None and not (isinstance(top_k, int) and 1 <= top_k <= 50):
        raise InputError(f"top_k must be a whole number between 1 and 50; got {top_k!r}.")
    return top_k
