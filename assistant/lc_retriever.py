"""The hybrid retrieval as a LangChain retriever: Documents carrying source, exact span, title, date and scores."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import Field, field_validator

from assistant.errors import InputError, translated
from assistant.inputs import check_top_k, clean_question
from assistant.models import RetrievedChunk

SEARCH_KWARGS = frozenset({"k"})


def to_document(chunk: RetrievedChunk) -> Document:
    """A retrieved chunk as a LangChain Document; `page_content == file_text[start:end]` of `source`."""
    metadata: dict[str, Any] = {
        "source": chunk.source, "start": chunk.start, "end": chunk.end, "title": chunk.title, "byline": chunk.byline,
        "date": chunk.date, "language": chunk.language, "score": chunk.score,
    }
    # Only keys with a value: vector stores a user may copy these into reject None metadata.
    optional = {"page": chunk.page, "dense_score": chunk.dense, "lexical_score": chunk.lexical}
    metadata.update({key: value for key, value in optional.items() if value is not None})
    return Document(id=chunk.id, page_content=chunk.text, metadata=metadata)


class AssistantRetriever(BaseRetriever):
    """Dense + BM25 retrieval over the assistant's index, fused by reciprocal rank (as the answering pipeline does)."""

    assistant: Any = Field(exclude=True)  # the Assistant (typed loosely: answer.py imports this module lazily)
    search_kwargs: dict[str, Any] = Field(default_factory=dict)

    @field_validator("search_kwargs")
    @classmethod
    def _known_kwargs(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = set(value) - SEARCH_KWARGS
        if unknown:
            raise InputError(f"Unknown search_kwargs {sorted(unknown)}; supported: {sorted(SEARCH_KWARGS)}.")
        check_top_k(value.get("k"))
        return value

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        settings = self.assistant.settings
        question = clean_question(query, settings.max_question_chars)
        with translated():
            retrieval = self.assistant.retriever.search(question, self.search_kwargs.get("k") or settings.top_k)
        return [to_document(chunk) for chunk in retrieval.chunks]
