"""Text that addresses a language model is data to quote at most, never evidence to act on."""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"(ignore|disregard|forget)\s+(all\s+|any\s+|the\s+)?(previous|prior|above|earlier)\s+(instructions|prompts?)"
    r"|ignorez\s+(toutes\s+)?les\s+instructions|ignoriere\s+(alle\s+)?(vorherigen\s+)?anweisungen"
    r"|\b(system prompt|you are now|as an ai|assistant:|réponds?\s+uniquement|antworte\s+nur)\b"
    r"|\b(answer|respond|reply)\s+(only\s+)?with\b",
    re.IGNORECASE,
)


def looks_like_instruction(sentence: str) -> bool:
    """Whether a corpus sentence tries to instruct the model (prompt injection); one signal among others."""
    return bool(_INSTRUCTION.search(sentence))
