"""The answering pipeline as a LangChain Runnable: a question in, the verified Answer out, steps as child runs.

The pipeline itself stays plain typed functions (`assistant.pipeline`); this is only its public LangChain face.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManager, CallbackManagerForChainRun
from langchain_core.runnables import RunnableConfig, RunnableSerializable
from langchain_core.runnables.config import ensure_config, get_callback_manager_for_config
from pydantic import BaseModel, Field
from typing_extensions import NotRequired, TypedDict  # pydantic needs this TypedDict before Python 3.12

from assistant.errors import InputError
from assistant.lc_retriever import to_document
from assistant.models import Answer, TokenEvent


class QuestionInput(TypedDict):
    """A question with its conversation (messages or (question, answer) pairs) and, optionally, top-k."""

    question: str
    history: NotRequired[list[Any]]
    top_k: NotRequired[int]


AssistantInput = str | QuestionInput
STEPS = ("rewrite", "retrieve", "select_evidence", "generate", "verify")
_INPUT_KEYS = set(QuestionInput.__annotations__)


def parse_input(value: Any) -> tuple[str, Sequence[Any], int | None]:
    """A question string, or {"question", "history"?, "top_k"?}, as (question, history, top_k)."""
    if isinstance(value, str):
        return value, [], None
    if isinstance(value, dict):
        unknown = set(value) - _INPUT_KEYS
        if unknown or "question" not in value:
            raise InputError(f"The input must be a question or a dict with 'question' (and optionally 'history', "
                             f"'top_k'); got keys {sorted(value)}.")
        history = value.get("history") or []
        if not isinstance(history, list | tuple):
            raise InputError("'history' must be a list of {'role', 'content'} messages or (question, answer) pairs.")
        return value["question"], history, value.get("top_k")
    raise InputError(f"The input must be a question string or a dict, not {type(value).__name__}.")


def _plain(value: Any) -> Any:
    """Step inputs and outputs as JSON-like data for callback handlers and tracers."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class CallbackObserver:
    """Reports each pipeline step to LangChain callbacks as a named child run of the chain run."""

    def __init__(self, run_manager: CallbackManagerForChainRun) -> None:
        self._children: CallbackManager = run_manager.get_child()
        self._open: dict[str, Any] = {}

    def start(self, step: str, inputs: dict[str, Any]) -> None:
        if step == "retrieve":  # a retriever run, so tracers show the Documents
            run = self._children.on_retriever_start(None, inputs["query"], name=step)
        else:
            run = self._children.on_chain_start(None, _plain(inputs), name=step)
        self._open[step] = run

    def end(self, step: str, outputs: dict[str, Any]) -> None:
        run = self._open.pop(step)
        if step == "retrieve":
            run.on_retriever_end([to_document(c) for c in outputs["chunks"]])
        else:
            run.on_chain_end(_plain(outputs))

    def fail(self, error: BaseException) -> None:
        """End the steps still open with the error that stopped the pipeline."""
        for step, run in self._open.items():
            (run.on_retriever_error if step == "retrieve" else run.on_chain_error)(error)
        self._open.clear()


class AssistantRunnable(RunnableSerializable[AssistantInput, Answer]):
    """Question (or {"question", "history"}) → verified `Answer`; `stream` gives text pieces, then the Answer."""

    assistant: Any = Field(exclude=True)  # the Assistant (typed loosely: answer.py imports this module lazily)
    name: str | None = "corpus-assistant"

    def invoke(self, input: AssistantInput, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        final: Answer | None = None
        for piece in self.stream(input, config, **kwargs):
            if isinstance(piece, Answer):
                final = piece
        assert final is not None  # the pipeline always ends with an Answer
        return final

    def stream(
        self, input: AssistantInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[str | Answer]:  # type: ignore[override]  (text pieces, then the Answer)
        config = ensure_config(config)
        run_manager = get_callback_manager_for_config(config).on_chain_start(
            None, input if isinstance(input, dict) else {"question": input},
            name=config.get("run_name") or self.get_name(), run_id=config.pop("run_id", None),
        )
        observer = CallbackObserver(run_manager)
        answer: Answer | None = None
        try:
            question, history, top_k = parse_input(input)
            for event in self.assistant.stream_events(question, history, top_k, observer=observer):
                if isinstance(event, TokenEvent):
                    yield event.text
                elif isinstance(event, Answer):
                    answer = event
        except BaseException as exc:  # includes the consumer closing the stream early (GeneratorExit)
            observer.fail(exc)
            run_manager.on_chain_error(exc)
            raise
        run_manager.on_chain_end(answer)  # before the Answer is handed out: the consumer may stop right there
        yield answer

    async def astream(
        self, input: AssistantInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> AsyncIterator[str | Answer]:  # type: ignore[override]
        # The pipeline is synchronous (CPU-bound steps, a blocking HTTP stream): run it in a worker thread and
        # hand its pieces to the event loop as they come.
        config = ensure_config(config)  # here, where the caller's context (a parent run) is visible
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        stop = threading.Event()

        def produce() -> None:
            stream = self.stream(input, config, **kwargs)
            try:
                for piece in stream:
                    if stop.is_set():
                        break
                    loop.call_soon_threadsafe(queue.put_nowait, ("piece", piece))
            except BaseException as exc:
                loop.call_soon_threadsafe(queue.put_nowait, ("error", exc))
            finally:
                stream.close()
                loop.call_soon_threadsafe(queue.put_nowait, ("done", None))

        worker = loop.run_in_executor(None, produce)
        try:
            while True:
                kind, value = await queue.get()
                if kind == "piece":
                    yield value
                elif kind == "error":
                    raise value
                else:
                    break
        finally:
            stop.set()
            await worker

    async def ainvoke(self, input: AssistantInput, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        final: Answer | None = None
        async for piece in self.astream(input, config, **kwargs):
            if isinstance(piece, Answer):
                final = piece
        assert final is not None
        return final
