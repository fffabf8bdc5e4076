"""The OpenAI chat-completions wire format, typed: the requests we accept and the replies we send."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import InputError
from assistant.messages import message
from assistant.models import Answer, Citation

MODEL_ID = "corpus-assistant"
_SOURCES_HEADINGS = "|".join(re.escape(message("sources", lang)) for lang in ("en", "fr", "de"))
# The source list we append to answers, as it comes back to us in the history of a conversation.
_SOURCES_BLOCK = re.compile(rf"\n\n(?:{_SOURCES_HEADINGS})\n\[1\] .*\Z", re.DOTALL)


class ContentPart(BaseModel):
    """One part of a message's content; only text parts are read."""

    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    """A message of the conversation, as OpenAI clients send it."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    @property
    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text for p in self.content if p.type == "text" and p.text)
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """A chat-completions request. Sampling options (temperature, max_tokens, ...) are accepted and ignored: the
    assistant's own settings decide how answers are made and checked."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False

    def question_and_history(self) -> tuple[str, list[dict[str, str]]]:
        """The last user message is the question; earlier user and assistant messages are the history."""
        *earlier, last = self.messages
        if last.role != "user":
            raise InputError("The last message must be the user's question (role 'user').")
        history = [{"role": m.role, "content": strip_sources(m.text) if m.role == "assistant" else m.text}
                   for m in earlier if m.role in ("user", "assistant") and m.text.strip()]
        return last.text, history


class ApiCitation(BaseModel):
    """A citation in the reply's extra `citations` field: `quote == file_text[start:end]` of `source`."""

    number: int
    source: str
    page: int | None = None
    start: int
    end: int
    quote: str
    title: str = ""
    date: str = ""

    @classmethod
    def of(cls, c: Citation) -> ApiCitation:
        return cls(number=c.number, source=c.source, page=c.page, start=c.start, end=c.end, quote=c.quote,
                   title=c.title, date=c.date)


class AnswerInfo(BaseModel):
    """How the answer was made (the extra `assistant` field)."""

    abstained: bool
    mode: str
    grounded: bool
    language: str
    standalone_question: str
    note: str = ""

    @classmethod
    def of(cls, a: Answer) -> AnswerInfo:
        return cls(abstained=a.abstained, mode=a.mode, grounded=a.grounded, language=a.language,
                   standalone_question=a.standalone_question, note=a.note)


class ResponseMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: ResponseMessage
    finish_reason: Literal["stop"] = "stop"


class ChatCompletion(BaseModel):
    """A whole reply, with the citations and the answer's provenance as extra fields."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str = MODEL_ID
    choices: list[Choice]
    citations: list[ApiCitation]
    assistant: AnswerInfo


class Delta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: Delta
    finish_reason: Literal["stop"] | None = None


class ChatCompletionChunk(BaseModel):
    """One streamed piece; the last one carries the citations and provenance."""

    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str = MODEL_ID
    choices: list[ChunkChoice]
    citations: list[ApiCitation] | None = None
    assistant: AnswerInfo | None = None


class ModelCard(BaseModel):
    id: str = MODEL_ID
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "corpus-assistant"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


def error_body(text: str, kind: str, code: str | None = None) -> dict[str, Any]:
    """An OpenAI-style error object."""
    return {"error": {"message": text, "type": kind, "param": None, "code": code}}


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def now() -> int:
    return int(time.time())


def sources_block(answer: Answer) -> str:
    """The numbered source list appended to the text, for clients that ignore the `citations` field."""
    if not answer.citations:
        return ""
    lines = [f"\n\n{message('sources', answer.language)}"]
    for c in answer.citations:
        page = f", p. {c.page}" if c.page is not None else ""
        about = ", ".join(x for x in (c.title[:70], c.date) if x)
        lines.append(f"[{c.number}] {c.source}{page}{f' ({about})' if about else ''}, chars {c.start}-{c.end}: "
                     f"«{c.quote}»")
    return "\n".join(lines)


def strip_sources(text: str) -> str:
    """An earlier reply without the source list we appended to it."""
    return _SOURCES_BLOCK.sub("", text)


def completion(answer: Answer, cid: str, created: int) -> ChatCompletion:
    """The whole reply for an Answer (abstentions included: they are answers that say so)."""
    return ChatCompletion(
        id=cid, created=created,
        choices=[Choice(message=ResponseMessage(content=answer.answer + sources_block(answer)))],
        citations=[ApiCitation.of(c) for c in answer.citations], assistant=AnswerInfo.of(answer),
    )
