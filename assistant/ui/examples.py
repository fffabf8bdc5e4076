"""Example questions shown under the chat: per corpus, from a data file next to the documents."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from assistant.errors import ConfigError
from assistant.settings import Settings

EXAMPLES_FILE = ".examples.yaml"  # hidden, so ingestion never takes it for a document


def examples_path(settings: Settings) -> Path:
    """`ASSISTANT_EXAMPLES_FILE`, else `.examples.yaml` in the corpus folder."""
    return settings.examples_file or settings.corpus_dir / EXAMPLES_FILE


def load_examples(settings: Settings) -> list[str]:
    """The example questions (none when the file does not exist)."""
    path = examples_path(settings)
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return TypeAdapter(list[str]).validate_python(data or [])
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Examples file {path} must be a YAML list of questions: {exc}") from exc
