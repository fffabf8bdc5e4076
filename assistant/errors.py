"""Errors the assistant raises; each carries a message fit to show a person.

The storage layer (`vectorstore`) has its own errors; `translated()` turns them into these at the
boundary, so callers of the assistant catch `AssistantError` alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from vectorstore import errors as store


class AssistantError(Exception):
    """Base class: `str(err)` is a clear, user-facing message."""


class ConfigError(AssistantError):
    """A setting is invalid or names an unknown backend."""


class InputError(AssistantError):
    """The question or request is invalid (empty, too long, ...)."""


class IndexEmptyError(AssistantError):
    """Nothing has been ingested yet."""


class IndexUnavailableError(AssistantError):
    """The vector store cannot be reached."""


class ModelUnavailableError(AssistantError):
    """The chat or embeddings model server cannot be reached or did not answer in time."""


class RequestTimeoutError(AssistantError):
    """A question took longer than the time allowed per request (`max_request_seconds`); retrying may work."""


class IngestError(AssistantError):
    """A corpus file could not be read or parsed."""


_FROM_STORE: dict[type[store.StoreError], type[AssistantError]] = {
    store.BackendConfigError: ConfigError,
    store.IndexUnavailableError: IndexUnavailableError,
    store.EmbeddingsUnavailableError: ModelUnavailableError,
    store.IngestError: IngestError,
}


def translate(exc: store.StoreError) -> AssistantError:
    """The assistant error for a storage-layer error (same message)."""
    for kind in type(exc).__mro__:
        if kind in _FROM_STORE:
            return _FROM_STORE[kind](str(exc))
    return AssistantError(str(exc))


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Raise storage-layer errors inside this block as assistant errors."""
    try:
        yield
    except store.StoreError as exc:
        raise translate(exc) from exc
