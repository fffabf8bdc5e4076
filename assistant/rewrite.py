"""Step 1, rewrite: turn a follow-up question into a standalone one."""

from __future__ import annotations

import re

from assistant.errors import ModelUnavailableError
from assistant.generate import parse_generation
from assistant.llm import ChatModel
from assistant.models import Turn
from assistant.prompts import Prompt
from vectorstore.language import LANGUAGE_NAMES

_ANAPHORA = re.compile(
    r"\b(it|its|they|them|that|this|those|there|he|she|il|elle|ils|elles|cela|ça|celle|celui|ceux|y|"
    r"es|sie|dort|das|dies|diese|davon|dafür|er)\b",
    re.IGNORECASE,
)


def looks_like_follow_up(question: str) -> bool:
    """A pronoun that points back, or a question too short to stand alone."""
    return bool(_ANAPHORA.search(question)) or len(question.split()) <= 5


def standalone_question(
    question: str, turns: list[Turn], lang: str, llm: ChatModel | None, prompt: Prompt
) -> str:
    """The question as it can be understood without the conversation (the previous question kept as context)."""
    previous = [t.content for t in turns if t.role == "user"]
    if not previous or not looks_like_follow_up(question):
        return question
    fallback = f"{previous[-1]} {question}"
    if llm is None:
        return fallback
    history = "\n".join(f"{t.role}: {t.content[:400]}" for t in turns[-4:])
    messages = prompt.render(history=history, question=question, language=LANGUAGE_NAMES.get(lang, "English"))
    try:
        text = "".join(llm.stream(messages, 60)).strip().strip('"').splitlines()
    except ModelUnavailableError:
        return fallback
    rewritten = text[0].strip() if text else ""
    if not rewritten or parse_generation(rewritten).not_found or len(rewritten) > 3 * len(fallback) + 40:
        return fallback
    return rewritten
