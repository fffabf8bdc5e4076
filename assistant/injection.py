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


# Structure rather than phrasing: a line that opens a chat turn ("SYSTEM:", "[Assistant]", "### System",
# "<|im_start|>"), and a sentence that cites numbered evidence the way the answer prompt does ("[1] says",
# "selon la source [2]"), where a real footnote marker ends a sentence instead.
_ROLES = (r"(?:system|syst[eè]me|assistant|assistent|user|utilisateur|benutzer|nutzer|human|ai|ia|ki|model|"
          r"mod[eè]le|modell)")
_ROLE = re.compile(
    rf"^[ \t]*{_ROLES}[ \t]*[:>]"  # SYSTEM: …  Assistant : …
    rf"|^[ \t]*#{{1,6}}[ \t]*{_ROLES}[ \t]*$"  # ### System
    rf"|^[ \t]*[\[<]\|?[ \t]*{_ROLES}[ \t]*\|?[\]>]"  # [SYSTEM] …  <|system|>
    r"|<\|im_(?:start|end)\|>|\[/?INST\]|<</?SYS>>",
    re.IGNORECASE | re.MULTILINE,
)
_FAKE_CITATION = re.compile(
    r"(?<![\w\].,;:!?)\"'»”])\[[1-9]\d?\][ \t]+[^\W\d_]"  # not a footnote mark after a word or a full stop
    r"|\b(?:source|sources|quelle|quellen|selon|according\s+to|laut|gem[aä][sß]|d'apr[eè]s)"
    r"(?:\s+(?:la|le|les|der|die|the))?\s*\[[1-9]\d?\]",
    re.IGNORECASE,
)


def looks_like_instruction(sentence: str) -> bool:
    """Whether a corpus sentence tries to instruct the model (prompt injection); one signal among others."""
    return bool(_INSTRUCTION.search(sentence) or _ROLE.search(sentence) or _FAKE_CITATION.search(sentence))
