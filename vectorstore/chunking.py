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


# Where a too-long sentence is best cut, strongest first: a clause cut keeps "who did what" in one piece.
_CLAUSE_ENDS = (";", ":", ",")


def _cut_at(words: list[tuple[int, int, int]], text: str, size: int) -> int:
    """How many of `words` (start, end, tokens) the next piece takes: up to its last clause end, else all."""
    total, best, best_rank = 0, len(words), len(_CLAUSE_ENDS)
    for k, (ws, we, n) in enumerate(words[:-1]):
        total += n
        if total < size // 3:  # a clause end this early would leave a scrap
            continue
        rank = next((r for r, p in enumerate(_CLAUSE_ENDS) if text[ws:we].endswith(p)), len(_CLAUSE_ENDS))
        if rank <= best_rank:
            best, best_rank = k + 1, rank
    return best


def _split_long(text: str, span: Span, enc: tiktoken.Encoding, size: int) -> list[Span]:
    """Cut a span longer than `size` tokens into pieces, at clause ends where it can, else between words."""
    pieces: list[Span] = []
    cur: list[tuple[int, int, int]] = []
    for m in re.finditer(r"\S+", text[span.start:span.end]):
        ws, we = m.start() + span.start, m.end() + span.start
        n = len(enc.encode(text[ws:we])) + 1
        while cur and sum(w[2] for w in cur) + n > size:
            k = _cut_at(cur, text, size)
            pieces.append(Span(cur[0][0], cur[k - 1][1], span.paragraph))
            cur = cur[k:]
        cur.append((ws, we, n))
    if cur:
        pieces.append(Span(cur[0][0], cur[-1][1], span.paragraph))
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
