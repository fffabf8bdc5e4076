"""HTML rendering for the chat page: citations, evidence, answers and the document viewer (all escaped)."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlencode

from assistant.models import Answer, Citation, Evidence
from vectorstore.loaders import decode

CSS = """
.source-card {border:1px solid #d0d7de;border-radius:8px;padding:.6rem .8rem;margin:.5rem 0;background:#fff}
.source-card .head {font-weight:600}
.source-card .meta {color:#57606a;font-size:.85em}
.source-card mark {background:#fff3a3;padding:0 .1em}
.source-card .passage {white-space:pre-wrap;font-size:.92em;margin:.4rem 0}
#status {font-size:.9em;color:#57606a}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def doc_link(source: str, start: int, end: int) -> str:
    """The viewer URL of a citation (the cited span scrolled into view)."""
    return "/doc?" + urlencode({"source": source, "start": start, "end": end}) + "#cite"


def render_citations(citations: list[Citation]) -> str:
    """The sources panel: one card per citation with the quote highlighted in its passage."""
    if not citations:
        return "<p class='empty-sources'>No sources for this answer.</p>"
    cards = []
    for c in citations:
        a, b = c.start - c.passage_start, c.end - c.passage_start
        passage = f"{_e(c.passage[:a])}<mark class='quote'>{_e(c.passage[a:b])}</mark>{_e(c.passage[b:])}"
        meta = " · ".join(x for x in (_e(c.title[:120]), _e(c.date)) if x)
        cards.append(
            f"<div class='source-card' data-source='{_e(c.source)}'><div class='head'>[{c.number}] {_e(c.source)}</div>"
            f"<div class='meta'>{meta}</div><div class='passage'>{passage}</div>"
            f"<a class='open-doc' href='{_e(doc_link(c.source, c.start, c.end))}' target='_blank'>"
            f"Open the whole document</a></div>"
        )
    return "".join(cards)


def render_evidence(evidence: list[Evidence]) -> str:
    """Evidence found, shown while the model writes."""
    items = "".join(f"<li><b>{_e(e.source)}</b>: {_e(e.quote)}</li>" for e in evidence)
    return f"<p>Evidence found, writing the answer…</p><ul>{items}</ul>"


def format_answer(answer: Answer) -> str:
    """The chat message for a final answer."""
    text = answer.answer
    if answer.note and not answer.abstained:
        text += f"\n\n_{answer.note}_"
    return text


def render_document(corpus_dir: Path, source: str, start: int, end: int) -> str | None:
    """A whole corpus file as HTML with the cited span highlighted (None if the file is not in the corpus)."""
    try:
        root = corpus_dir.resolve()
        path = (root / source).resolve()
        if root not in path.parents or not path.is_file():
            return None
    except (OSError, ValueError):  # NUL bytes, over-long names: not a corpus file either
        return None
    try:
        text = decode(path.read_bytes(), source)
    except ValueError:
        return None
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    body = f"{_e(text[:start])}<mark id='cite'>{_e(text[start:end])}</mark>{_e(text[end:])}"
    return (
        f"<!doctype html><meta charset='utf-8'><title>{_e(source)}</title><style>body{{font-family:system-ui,"
        "sans-serif;max-width:50rem;margin:2rem auto;white-space:pre-wrap;line-height:1.5}mark{background:#fff3a3}"
        f"</style><h1 style='white-space:normal'>{_e(source)}</h1><div>{body}</div>"
    )
