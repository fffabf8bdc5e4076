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
    r"\b(it|its|they|them|their|that|this|those|there|he|she|his|her|instead(?!\s+of)|il|elle|ils|elles|cela|ça|"
    r"celle|celui|ceux|y|son|sa|ses|leur|leurs|es|sie|dort|das|dies|diese|davon|dafür|er|seine|seinem|seinen|"
    r"seiner|ihr|ihre|ihren|ihrer|dessen|deren|stattdessen)\b",
    re.IGNORECASE,
)
# A question that opens with "and" continues the one before ("Et sa part du PIB ?", "Und pro 10 000 Einwohner?").
_CONTINUES = re.compile(r"^\W*(?:and|et|und|also|what about|how about)\b", re.IGNORECASE)
_WORD = re.compile(r"\w[\w'’-]*")  # "d'entreprises" is one word


def looks_like_follow_up(question: str) -> bool:
    """A pronoun or possessive that points back, an opening "and", or a question too short to stand alone (the
    question mark is no word)."""
    return (bool(_ANAPHORA.search(question)) or bool(_CONTINUES.match(question))
            or len(_WORD.findall(question)) <= 5)


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
