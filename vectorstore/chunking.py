"""Token-aware chunking on sentence and paragraph boundaries, keeping exact character spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

import tiktoken

from vectorstore.text import Span, split_sentences


@dataclass(frozen=True)
class ChunkSpan:
    """One chunk: `text == document_text[start:end]`."""

    index: int
    start: int
    end: int
    text: str
    n_tokens: int


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
