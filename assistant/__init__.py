"""corpus-assistant: grounded, cited answers about a folder of documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.answer import Assistant
    from assistant.models import Answer, Citation

__all__ = ["Answer", "Assistant", "Citation"]


def __getattr__(name: str):
    # Lazy so that `import assistant` does no work (no model loads, no clients).
    if name == "Assistant":
        from assistant.answer import Assistant

        return Assistant
    if name in ("Answer", "Citation"):
        from assistant import models

        return getattr(models, name)
    raise AttributeError(name)
