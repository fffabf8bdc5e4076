"""Step 6, cite: locate each quote exactly in its passage, turn evidence into numbered citations."""

from __future__ import annotations

import re
import unicodedata

from assistant.generate import MARKER, marker_numbers
from assistant.models import Citation, Evidence
from vectorstore.pdf_text import PAGE_BREAK

_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def _canon(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text)


def locate_quote(quote: str, passage: str) -> tuple[int, int] | None:
    """Offsets of `quote` in `passage`, tolerant of whitespace, quote marks and Unicode forms."""
    idx = passage.find(quote)
    if idx >= 0:
        return idx, idx + len(quote)
    # Map canonical characters back to passage offsets so the span is exact in the original.
    canon_chars: list[str] = []
    offsets: list[int] = []
    prev_space = False
    for i, ch in enumerate(passage):
        c = _canon(ch)
        if c.isspace():
            if prev_space:
                continue
            c, prev_space = " ", True
        else:
            prev_space = False
        for piece in c:
            canon_chars.append(piece)
            offsets.append(i)
    target = _canon(quote).strip()
    if not target:
        return None
    j = "".join(canon_chars).find(target)
    if j < 0:
        return None
    return offsets[j], offsets[j + len(target) - 1] + 1


def to_citation(ev: Evidence, number: int) -> Citation:
    """A citation from a piece of evidence, checking that the quote lies in its passage."""
    chunk = ev.chunk
    span = locate_quote(ev.quote, chunk.text)
    if span is None:
        raise ValueError(f"evidence quote not found in its passage ({ev.source})")
    start, end = chunk.start + span[0], chunk.start + span[1]
    # A PDF's pages are joined by a form feed (vectorstore.pdf_text): count the page breaks before the quote.
    page = chunk.page + chunk.text.count(PAGE_BREAK, 0, span[0]) if chunk.page else None
    return Citation(
        source=ev.source, start=start, end=end, quote=chunk.text[span[0]:span[1]], passage=chunk.text,
        number=number, title=chunk.title, date=chunk.date, passage_start=chunk.start, passage_end=chunk.end,
        page=page,
    )


def strip_markers(text: str) -> str:
    """The answer text without [n] markers (for display where citations are shown separately)."""
    return re.sub(r"\s*" + MARKER.pattern, "", text).strip()


def renumber(text: str, mapping: dict[int, int]) -> str:
    """Rewrite [n] markers with the final citation numbers; drop markers that were invalid."""

    def repl(m: re.Match) -> str:
        nums = [mapping[n] for n in marker_numbers(m.group(2)) if n in mapping]
        # A dropped marker takes the space before it along ("est 0 [2]." -> "est 0.").
        return m.group(1) + "".join(f"[{n}]" for n in dict.fromkeys(nums)) if nums else ""

    return re.sub(r"(\s*)" + MARKER.pattern, repl, text)
