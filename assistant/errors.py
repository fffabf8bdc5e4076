"""Errors the assistant raises; each carries a message fit to show a person."""

from __future__ import annotations


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
    """The chat model server cannot be reached or did not answer in time."""


class IngestError(AssistantError):
    """A corpus file could not be read or parsed."""
