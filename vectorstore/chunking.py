"""Token-aware chunking on sentence and paragraph boundaries, keeping exact character spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

import tiktoken

# A sentence ends at . ! ? … (possibly repeated), followed by closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[\"'»”“’)\]])*(?=\s|$)")
_ABBREV = {
    "z", "b", "d", "h", "u", "a", "s", "o", "dr", "mr", "mrs", "ms", "st", "m", "mm", "mme", "mlle", "etc",
    "vgl", "bzw", "ca", "nr", "inkl", "usw", "p", "pp", "vol", "no", "fig", "cf", "env", "av", "j.-c", "prof",
}
_WS = re.compile(r"\s")


@dataclass(frozen=True)
class Span:
    """A half-open character range of the document text and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True)
class ChunkSpan:
    """One chunk: `text == document_text[start:end]`."""

    index: int
    start: int
    end: int
    text: str
    n_tokens: int


def _is_abbreviation(line: str, dot_at: int) -> bool:
    if line[dot_at] != ".":
        return False
    m = re.search(r"([^\W\d_][\w.-]*)$", line[:dot_at])
    if not m:
        return False
    word = m.group(1).lower()
    return word in _ABBREV or (len(word) == 1 and line[m.start(1)].isupper())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Span]:
    """Sentence spans, never crossing a line break; each line (paragraph) gets its own number."""
    spans: list[Span] = []
    paragraph = 0
    previous_end = 0
    for line_match in re.finditer(r"[^\n]+", text):
        base, line = line_match.start(), line_match.group()
        if not line.strip():
            continue
        if spans and "\n" in text[previous_end:base]:
            paragraph += 1
        previous_end = line_match.end()
        start = 0
        for m in _END.finditer(line):
            after = line[m.end():].lstrip()
            if _is_abbreviation(line, m.start()) or (after[:1].islower()):
                continue
            s, e = _strip(text, base + start, base + m.end())
            if e > s:
                spans.append(Span(s, e, paragraph))
            start = m.end()
        s, e = _strip(text, base + start, base + len(line))
        if e > s:
            spans.append(Span(s, e, paragraph))
    return spans


def _split_long(text: str, span: Span, enc: tiktoken.Encoding, size: int) -> list[Span]:
    """Cut a span longer than `size` tokens at word boundaries."""
    pieces: list[Span] = []
    words = [m.span() for m in re.finditer(r"\S+", text[span.start:span.end])]
    cur_start: int | None = None
    cur_tokens = 0
    last_end = span.start
    for ws, we in words:
        ws, we = ws + span.start, we + span.start
        n = len(enc.encode(text[ws:we])) + 1
        if cur_start is not None and cur_tokens + n > size:
            pieces.append(Span(cur_start, last_end, span.paragraph))
            cur_start, cur_tokens = None, 0
        if cur_start is None:
            cur_start = ws
        cur_tokens += n
        last_end = we
    if cur_start is not None:
        pieces.append(Span(cur_start, last_end, span.paragraph))
    return pieces


def chunk_text(text: str, enc: tiktoken.Encoding, size: int = 120, overlap: int = 20) -> list[ChunkSpan]:
    """Pack sentences into chunks of at most ~`size` tokens, `overlap` tokens of sentences repeated."""
    if overlap >= size:
        raise ValueError("overlap must be smaller than size")
    pieces: list[Span] = []
    for sent in split_sentences(text):
        n = len(enc.encode(text[sent.start:sent.end]))
        pieces.extend(_split_long(text, sent, enc, size) if n > size else [sent])
    tokens = [len(enc.encode(text[p.start:p.end])) for p in pieces]
    chunks: list[ChunkSpan] = []
    i = 0
    while i < len(pieces):
        j, total = i, 0
        while j < len(pieces) and (j == i or total + tokens[j] <= size):
            # Prefer to end a well-filled chunk at a paragraph boundary.
            if j > i and pieces[j].paragraph != pieces[j - 1].paragraph and total >= 0.6 * size:
                break
            total += tokens[j]
            j += 1
        start, end = pieces[i].start, pieces[j - 1].end
        body = text[start:end]
        chunks.append(ChunkSpan(len(chunks), start, end, body, len(enc.encode(body))))
        if j >= len(pieces):
            break
        k, back = j, 0
        while k - 1 > i and back + tokens[k - 1] <= overlap:
            k -= 1
            back += tokens[k]
        i = k
    return chunks
