"""Step 4, generate: the model phrases an answer from the numbered evidence; its output is parsed, not trusted."""

from __future__ import annotations

import re
from collections.abc import Callable, Generator

from assistant.llm import ChatModel
from assistant.models import Evidence, GeneratedAnswer, TokenEvent
from assistant.prompts import Prompt
from vectorstore.language import LANGUAGE_NAMES

MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_NOT_FOUND = re.compile(r"NOT[_ ]FOUND|NOT[_ ]IN[_ ]DOCUMENTS", re.IGNORECASE)
_HOLD = 12  # characters held back so that a NOT_FOUND reply is never shown as an answer


def parse_generation(text: str) -> GeneratedAnswer:
    """Parse the model's raw text into typed form: cited evidence numbers and the not-found flag."""
    cited: list[int] = []
    for m in MARKER.finditer(text):
        for n in re.split(r"\s*[,;]\s*", m.group(1)):
            if int(n) not in cited:
                cited.append(int(n))
    return GeneratedAnswer(text=text, cited=cited, not_found=bool(_NOT_FOUND.search(text)))


def format_evidence(evidence: list[Evidence]) -> str:
    """The numbered evidence block of the prompt."""
    return "\n".join(f"[{e.number}] ({e.chunk.title[:60] or e.source}) {e.quote}" for e in evidence)


def answer_messages(prompt: Prompt, evidence: list[Evidence], question: str, lang: str) -> list[dict[str, str]]:
    """The chat messages asking for an answer in `lang` from this evidence."""
    return prompt.render(
        language=LANGUAGE_NAMES.get(lang, "English"),
        evidence=format_evidence(evidence),
        question=question,
        history="",
    )


def generate(
    llm: ChatModel, messages: list[dict[str, str]], max_tokens: int, on_first_token: Callable[[], None]
) -> Generator[TokenEvent, None, GeneratedAnswer]:
    """Stream visible answer text as TokenEvents; return the whole reply, parsed."""
    pieces: list[str] = []
    held = ""
    for piece in llm.stream(messages, max_tokens):
        if not pieces:
            on_first_token()
        pieces.append(piece)
        held += piece
        if len(held) >= _HOLD and not held.lstrip().upper().startswith("NOT"):
            yield TokenEvent(held)
            held = ""
    if held and not held.lstrip().upper().startswith("NOT"):
        yield TokenEvent(held)
    return parse_generation("".join(pieces))
