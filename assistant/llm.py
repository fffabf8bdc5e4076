"""Chat models behind one small protocol; the real one speaks the OpenAI API to any compatible server."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Protocol

from assistant.errors import ConfigError, ModelUnavailableError
from assistant.settings import Settings


class Piece(str):
    """A piece of streamed text with the summed log-probability of its tokens, when the server sends them."""

    logprob: float = 0.0
    tokens: int = 0

    @classmethod
    def scored(cls, text: str, logprobs: list[float]) -> Piece:
        """The piece with its tokens' log-probabilities."""
        piece = cls(text)
        piece.logprob, piece.tokens = sum(logprobs), len(logprobs)
        return piece


class ChatModel(Protocol):
    """Streams the text of a chat completion."""

    name: str

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]: ...


class StructuredChatModel(ChatModel, Protocol):
    """A chat model that can also be held to a JSON schema (constrained decoding)."""

    def stream_json(self, messages: list[dict[str, str]], max_tokens: int, schema: dict) -> Iterator[str]: ...


class OpenAIChatModel:
    """Any OpenAI-compatible endpoint: OpenAI, vLLM, llama.cpp, Ollama, or the embedded local server."""

    def __init__(
        self,
        model: str,
        base_url: str | None,
        api_key: str | None,
        timeout: float,
        retries: int,
        before_call: Callable[[], None] | None = None,
        logprobs: bool = True,
    ) -> None:
        from openai import OpenAI

        self.name = model
        self.base_url = base_url
        self._before_call = before_call
        self._logprobs = logprobs
        self._client = OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout,
                              max_retries=retries)

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        return self._stream(messages, max_tokens, None)

    def stream_json(self, messages: list[dict[str, str]], max_tokens: int, schema: dict) -> Iterator[str]:
        """The reply as JSON text that follows `schema` (OpenAI's json_schema response format); its pieces carry
        their tokens' log-probabilities when the server gives them (the answer's confidence signal)."""
        fmt = {"type": "json_schema", "json_schema": {"name": "reply", "schema": schema, "strict": True}}
        return self._stream(messages, max_tokens, fmt)

    def _stream(self, messages: list[dict[str, str]], max_tokens: int, response_format: dict | None) -> Iterator[str]:
        import openai

        if self._before_call:
            self._before_call()
        where = self.base_url or "the OpenAI API"
        extra: dict = {"response_format": response_format} if response_format else {}
        if response_format and self._logprobs:
            extra["logprobs"] = True
        try:
            response = self._client.chat.completions.create(
                model=self.name, messages=messages, max_tokens=max_tokens, temperature=0.0, stream=True, **extra
            )
            for event in response:
                choice = event.choices[0] if event.choices else None
                if choice and choice.delta and choice.delta.content:
                    scores = choice.logprobs.content if choice.logprobs and choice.logprobs.content else None
                    yield (Piece.scored(choice.delta.content, [s.logprob for s in scores]) if scores
                           else choice.delta.content)
        except openai.APITimeoutError as exc:
            raise ModelUnavailableError(f"The model server at {where} did not answer in time.") from exc
        except openai.AuthenticationError as exc:
            raise ConfigError(f"The model server at {where} rejected the API key (OPENAI_API_KEY).") from exc
        except openai.NotFoundError as exc:
            raise ConfigError(f"The model {self.name!r} is not served at {where} (ASSISTANT_MODEL).") from exc
        except (openai.APIConnectionError, openai.InternalServerError) as exc:
            raise ModelUnavailableError(f"The model server at {where} is not reachable: {exc}") from exc
        except openai.APIError as exc:
            raise ModelUnavailableError(f"The model server at {where} failed: {exc}") from exc
        except Exception as exc:  # a connection cut mid-stream surfaces as an httpx error
            if "httpx" in type(exc).__module__ or "connection" in str(exc).lower():
                raise ModelUnavailableError(f"The model server at {where} stopped mid-answer.") from exc
            raise


class FakeChatModel:
    """Deterministic stand-in for tests: answers with the first evidence sentence it was given."""

    name = "fake"

    def __init__(self, reply: str | None = None) -> None:
        self.reply = reply
        self.calls: list[list[dict[str, str]]] = []

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        self.calls.append(messages)
        text = self.reply
        if text is None:
            m = re.search(r"^\[1\] (?:\([^)]*\) )?(.+)$", messages[-1]["content"], re.MULTILINE)
            text = f"{m.group(1)} [1]" if m else "NOT_FOUND"
        yield from re.findall(r"\S+\s*", text)

    def stream_json(self, messages: list[dict[str, str]], max_tokens: int, schema: dict) -> Iterator[str]:
        """The same reply as JSON: {"found", "answer", "evidence"} (markers moved to "evidence")."""
        text = "".join(self.stream(messages, max_tokens))
        found = "NOT_FOUND" not in text
        cited = [int(n) for n in re.findall(r"\[(\d+)\]", text)] if found else []
        answer = re.sub(r"\s*\[\d+\]", "", text).strip() if found else ""
        yield from re.findall(r".{1,8}", json.dumps({"found": found, "answer": answer, "evidence": cited}))


def make_chat_model(settings: Settings, ensure_local: Callable[[], str] | None = None) -> ChatModel | None:
    """The chat model the settings name (None for "none": extractive answers only)."""
    choice = settings.llm
    if choice == "local":
        base = f"http://{settings.llm_host}:{settings.llm_port}/v1"
        return OpenAIChatModel("local", base, "not-needed", settings.llm_timeout, settings.llm_retries,
                               before_call=ensure_local, logprobs=settings.llm_logprobs)
    if choice == "openai":
        model = settings.model if settings.model != "local" or settings.openai_base_url else "gpt-4o-mini"
        return OpenAIChatModel(model, settings.openai_base_url, settings.openai_api_key, settings.llm_timeout,
                               settings.llm_retries, logprobs=settings.llm_logprobs)
    if choice == "fake":
        return FakeChatModel()
    if choice == "none":
        return None
    raise ConfigError(f"Unknown llm {choice!r}. Valid options: fake, local, none, openai.")
