"""Errors of the storage layer; each carries a message fit to show a person (`str(err)`)."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of the storage layer's errors."""


class BackendConfigError(StoreError):
    """A backend name or parameter is invalid (e.g. an unknown embedder)."""


class IndexUnavailableError(StoreError):
    """The vector store cannot be reached."""


class EmbeddingsUnavailableError(StoreError):
    """The embeddings server cannot be reached or failed."""


class IngestError(StoreError):
    """The corpus folder or a corpus file cannot be read."""
