"""The OpenAI-compatible routes: POST /v1/chat/completions (streamed or not) and GET /v1/models.

Errors are OpenAI-style JSON (400 for a bad request, 401 without the API key, 503 when a backend is down),
never a traceback. A streamed reply carries only verified text: draft tokens are not sent, because a draft
that fails verification cannot be taken back once a client has shown it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ValidationError

from assistant.answer import Assistant
from assistant.api.schema import (
    AnswerInfo,
    ApiCitation,
    ChatCompletionChunk,
    ChatCompletionRequest,
    ChunkChoice,
    Delta,
    ModelCard,
    ModelList,
    completion,
    completion_id,
    error_body,
    now,
    sources_block,
)
from assistant.errors import (
    AssistantError,
    IndexEmptyError,
    IndexUnavailableError,
    InputError,
    ModelUnavailableError,
    RequestTimeoutError,
)
from assistant.inputs import HistoryLimits, clean_question, normalize_history
from assistant.models import Answer, EvidenceEvent
from assistant.streaming import events_in_thread

log = logging.getLogger(__name__)
KEEP_ALIVE_S = 5.0  # an SSE comment this often while the answer is made, so clients' read timeouts do not fire


def status_of(exc: AssistantError) -> tuple[int, str]:
    """The HTTP status and OpenAI error type for an assistant error."""
    if isinstance(exc, InputError):
        return 400, "invalid_request_error"
    if isinstance(exc, RequestTimeoutError):
        return 504, "server_error"
    if isinstance(exc, IndexEmptyError | IndexUnavailableError | ModelUnavailableError):
        return 503, "server_error"
    return 500, "server_error"


def _error(status: int, text: str, kind: str, code: str | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(text, kind, code), status_code=status, headers=headers)


def _sse(payload: BaseModel | dict[str, Any]) -> str:
    data = payload.model_dump_json(exclude_none=True) if isinstance(payload, BaseModel) else json.dumps(payload)
    return f"data: {data}\n\n"


def stream_reply(bot: Assistant, question: str, history: list[dict[str, str]]) -> Iterator[str]:
    """Server-sent events: the role at once, then the verified answer and its sources, then [DONE]."""
    cid, created = completion_id(), now()

    def chunk(delta: Delta, **extra: Any) -> str:
        return _sse(ChatCompletionChunk(id=cid, created=created, choices=[ChunkChoice(delta=delta, **extra)]))

    yield chunk(Delta(role="assistant", content=""))
    answer: Answer | None = None
    try:
        for event in _with_keep_alive(bot, question, history):
            if isinstance(event, Answer):
                answer = event
            elif isinstance(event, EvidenceEvent):
                yield ": evidence selected, writing the answer\n\n"  # an SSE comment: clients skip it
            elif event is None:
                yield ": still working\n\n"
    except AssistantError as exc:
        _, kind = status_of(exc)
        yield _sse(error_body(str(exc), kind))
    except Exception:
        log.exception("chat completion failed")
        yield _sse(error_body("The assistant failed on this request; see the server log.", "server_error"))
    else:
        assert answer is not None  # the pipeline always ends with an Answer
        yield chunk(Delta(content=answer.answer))
        if answer.citations:
            yield chunk(Delta(content=sources_block(answer)))
        yield _sse(ChatCompletionChunk(
            id=cid, created=created, choices=[ChunkChoice(delta=Delta(), finish_reason="stop")],
            citations=[ApiCitation.of(c) for c in answer.citations], assistant=AnswerInfo.of(answer),
        ))
    yield "data: [DONE]\n\n"


def _with_keep_alive(bot: Assistant, question: str, history: list[dict[str, str]]) -> Iterator[object | None]:
    """The pipeline's events, run in a thread, with None whenever KEEP_ALIVE_S pass without one."""
    return events_in_thread(bot, question, history, tick=KEEP_ALIVE_S, deadline_s=bot.settings.max_request_seconds)


def openai_router(bot: Assistant) -> APIRouter:
    """The /v1 routes answering with `bot`; protected by a bearer token when `ASSISTANT_API_KEY` is set."""
    router = APIRouter(prefix="/v1")
    key = bot.settings.api_key

    def denied(request: Request) -> JSONResponse | None:
        if not key or getattr(request.state, "user", None):  # no key, or logged in past the guard
            return None
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), key.encode()):
            return None
        return _error(401, "Missing or wrong API key: send 'Authorization: Bearer <ASSISTANT_API_KEY>'.",
                      "invalid_request_error", "invalid_api_key")

    @router.get("/models")
    def models(request: Request) -> Any:
        return denied(request) or JSONResponse(ModelList(data=[ModelCard()]).model_dump())

    @router.post("/chat/completions")
    async def chat_completions(request: Request) -> Any:
        if refusal := denied(request):
            return refusal
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "The request body must be JSON.", "invalid_request_error")
        try:
            req = ChatCompletionRequest.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            return _error(400, f"Invalid request: {where}: {first['msg']}", "invalid_request_error")
        try:
            question, history = req.question_and_history()
            clean_question(question, bot.settings.max_question_chars)  # refuse before a stream has started
            normalize_history(history, HistoryLimits.of(bot.settings))
        except InputError as exc:
            return _error(400, str(exc), "invalid_request_error")

        if req.stream:
            return StreamingResponse(stream_reply(bot, question, history), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache"})
        try:
            limit = bot.settings.max_request_seconds
            answer = await asyncio.wait_for(run_in_threadpool(bot.ask, question, history), limit)
        except asyncio.TimeoutError:
            return _error(504, f"The answer took longer than the limit of {limit:g} s per question; try again.",
                          "server_error")
        except AssistantError as exc:
            status, kind = status_of(exc)
            return _error(status, str(exc), kind)
        except Exception:
            log.exception("chat completion failed")
            return _error(500, "The assistant failed on this request; see the server log.", "server_error")
        return JSONResponse(completion(answer, completion_id(), now()).model_dump(mode="json"))

    return router
