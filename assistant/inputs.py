"""Input cleaning: the question, the conversation history and top-k, checked before any work is done."""

from __future__ import annotations

import re
from collections.abc import Sequence
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


def normalize_history(history: Sequence[Any] | None) -> list[Turn]:
    """Accept Turn objects, {"role","content"} dicts or (user, assistant) pairs; keep the last turns."""
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
    return turns[-MAX_TURNS:]


def check_top_k(top_k: Any) -> int | None:
    """None (use the setting) or a whole number from 1 to 50."""
    if top_k is not None and not (isinstance(top_k, int) and 1 <= top_k <= 50):
        raise InputError("top_k must be a whole number between 1 and 50.")
    return top_k
