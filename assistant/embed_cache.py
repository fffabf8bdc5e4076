"""A bounded, thread-safe cache of sentence embeddings (evidence sentences recur across questions)."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from vectorstore.embeddings import NamedEmbeddings


class EmbeddingCache:
    """Embeds texts once; least recently added entries are dropped past `size`."""

    def __init__(self, embedder: NamedEmbeddings, size: int = 20_000) -> None:
        self.embedder = embedder
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def put(self, texts: list[str], vectors: np.ndarray) -> None:
        """Remember vectors computed elsewhere (stored at ingestion)."""
        with self._lock:
            for t, v in zip(texts, vectors, strict=True):
                if t not in self._cache:
                    self._cache[t] = v
                    if len(self._cache) > self._size:
                        self._cache.popitem(last=False)

    def missing(self, texts: list[str]) -> list[str]:
        """The texts not cached, each once."""
        with self._lock:
            return [t for t in dict.fromkeys(texts) if t not in self._cache]

    def embed(self, texts: list[str]) -> np.ndarray:
        """One row per text."""
        missing = self.missing(texts)
        if missing:
            self.put(missing, np.asarray(self.embedder.embed_documents(missing), dtype=np.float32))
        with self._lock:
            return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 1), np.float32)
