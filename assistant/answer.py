"""The Assistant: a thin façade that wires the pipeline's steps from one Settings object."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from assistant.abstention import Thresholds
from assistant.calibration import load_calibration
from assistant.deps import build_components, repair_index, run_ingest
from assistant.errors import translated
from assistant.evidence import EvidenceSelector
from assistant.llm import ChatModel, make_chat_model
from assistant.local_llm import LocalModelServer
from assistant.models import Answer, EvidenceEvent, TokenEvent
from assistant.pipeline import Event, Pipeline, StepObserver
from assistant.prompts import load_prompt
from assistant.questions import load_word_lists
from assistant.retrieval import Retriever
from assistant.settings import Settings
from assistant.status import index_status
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.ingest import IngestReport

if TYPE_CHECKING:
    from assistant.lc_retriever import AssistantRetriever
    from assistant.runnable import AssistantRunnable

__all__ = ["Assistant", "EvidenceEvent", "TokenEvent"]


class Assistant:
    """Grounded question answering over the corpus, with verified citations."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embeddings: NamedEmbeddings | None = None,
        chat_model: ChatModel | None = None,
        auto_ingest: bool = True,
        progress: bool = False,
        **overrides: Any,
    ) -> None:
        if settings is None:
            settings = Settings(**overrides)
        elif overrides:  # re-validate: an override is checked like any other setting
            settings = Settings(**{**settings.model_dump(exclude_unset=True), **overrides})
        self.settings = s = settings
        s.data_dir.mkdir(parents=True, exist_ok=True)
        self.components = build_components(s, embeddings)
        self.local_server = LocalModelServer(s) if s.llm == "local" and chat_model is None else None
        self.llm = chat_model if chat_model is not None else make_chat_model(
            s, ensure_local=self.local_server.ensure if self.local_server else None
        )
        self.retriever = Retriever(self.components.index, self.components.embedder)
        self.selector = EvidenceSelector(self.components.embedder,
                                         count_tokens=lambda text: len(self.components.encoding.encode(text)))
        self.answer_prompt = load_prompt(s.prompts_dir, s.answer_prompt)
        self.structured_prompt = load_prompt(s.prompts_dir, s.structured_prompt) if s.structured else None
        self.rewrite_prompt = load_prompt(s.prompts_dir, s.rewrite_prompt)
        calibration = load_calibration(s.calibration_file) if s.calibrated else None
        # Fitted on one embedder's scores and one model's answers; with others its threshold means nothing.
        self.calibration = (calibration.applying_to(self.components.embedder.name, self.model_name)
                            if calibration else None)
        self.pipeline = Pipeline(s, self.retriever, self.selector, self.llm, self.answer_prompt,
                                 self.structured_prompt, self.rewrite_prompt, Thresholds(), self.model_name,
                                 self.calibration)
        self.last_ingest: IngestReport | None = None
        if auto_ingest:
            self.ingest(progress=progress)
        else:
            repair_index(self.components)

    @property
    def prompt_id(self) -> str:
        """The answer prompt in use (the structured one when structured output is on)."""
        return (self.structured_prompt or self.answer_prompt).id

    @property
    def model_name(self) -> str:
        return self.llm.name if self.llm else "none (extractive)"

    def ingest(
        self, rebuild: bool = False, progress: bool = True, on_progress: Callable[[int, int], None] | None = None
    ) -> IngestReport:
        """Bring the index up to date with the corpus folder (`on_progress(done, total)` as chunks are embedded)."""
        self.last_ingest = run_ingest(self.components, rebuild=rebuild, progress=progress, on_progress=on_progress)
        return self.last_ingest

    def status(self) -> dict[str, Any]:
        """Corpus size and index state, for status lines."""
        with translated():
            return index_status(self.components, self.model_name, self.last_ingest)

    def close(self) -> None:
        """Stop the embedded model server if this assistant started it."""
        if self.local_server:
            self.local_server.stop()

    def warm_up(self) -> None:
        """Start in the background what the first question would wait for: the model server, word lists, tokenizer."""
        if self.local_server:
            self.local_server.warm_up()
        threading.Thread(target=load_word_lists, daemon=True).start()
        if self.settings.max_evidence_tokens:  # the tokenizer the evidence budget counts with
            threading.Thread(target=lambda: self.components.encoding, daemon=True).start()

    def ask(self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None) -> Answer:
        """Answer one question (history: earlier turns)."""
        final: Answer | None = None
        for event in self.stream_events(question, history, top_k):
            if isinstance(event, Answer):
                final = event
        assert final is not None
        return final

    def stream(
        self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None
    ) -> Iterator[str | Answer]:
        """Streamed answer text, then the final Answer."""
        for event in self.stream_events(question, history, top_k):
            if isinstance(event, TokenEvent):
                yield event.text
            elif isinstance(event, Answer):
                yield event

    def stream_events(
        self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None,
        observer: StepObserver | None = None,
    ) -> Iterator[Event]:
        """Evidence, then answer tokens, then the verified Answer (`observer` sees each step start and end)."""
        with translated():
            yield from self.pipeline.run(question, history, top_k, observer)

    def as_retriever(self, **search_kwargs: Any) -> AssistantRetriever:
        """The hybrid retrieval as a LangChain retriever (search_kwargs: `k`, the number of chunks)."""
        from assistant.lc_retriever import AssistantRetriever

        return AssistantRetriever(assistant=self, search_kwargs=search_kwargs)

    def as_runnable(self) -> AssistantRunnable:
        """The whole answering pipeline as a LangChain Runnable: question (or {"question", "history"}) → Answer."""
        from assistant.runnable import AssistantRunnable

        return AssistantRunnable(assistant=self)
