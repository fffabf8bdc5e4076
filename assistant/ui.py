"""The Gradio chat: streaming answers, numbered citations, a sources panel and a document viewer."""

from __future__ import annotations

import html
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.answer import Assistant, EvidenceEvent, TokenEvent
from assistant.errors import AssistantError
from assistant.models import Answer, Citation, Evidence
from assistant.settings import Settings

log = logging.getLogger(__name__)

EXAMPLES = [
    "How many unicorn companies were born in Zhongguancun?",
    "Combien de stations de base 5G Beijing compte-t-elle ?",
    "Wie viele Großmodelle wurden in Zhongguancun geschaffen?",
    "Qui est le maire de Pékin ?",
]
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
    from urllib.parse import urlencode

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
    from vectorstore.loaders import decode

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


class ChatSession:
    """Turns a question into streamed UI updates; holds no per-user state itself."""

    def __init__(self, bot: Assistant) -> None:
        self.bot = bot

    def status(self) -> str:
        try:
            st = self.bot.status()
        except AssistantError as exc:
            return f"Index unavailable: {exc}"
        state = "ready" if st["chunks"] else "empty: add files to the corpus folder and run `assistant ingest`"
        skipped = f" · {len(st['skipped'])} file(s) skipped" if st["skipped"] else ""
        return (f"Corpus: {st['files']} files, {st['chunks']} chunks · Index: {state}{skipped} · "
                f"Model: {st['model']} · Embeddings: {st['embedder']}")

    def respond(
        self, message: str, chat: list[dict[str, Any]], turns: list[dict[str, str]], top_k: float
    ) -> Iterator[tuple[list[dict[str, Any]], str, list[dict[str, str]], str]]:
        """Stream (chat, sources, turns, textbox) updates for one question."""
        message = (message or "").strip()
        if not message:
            yield chat, "", turns, ""
            return
        chat = [*chat, {"role": "user", "content": message}, {"role": "assistant", "content": "Searching…"}]
        sources = ""
        yield chat, sources, turns, ""
        written = ""
        final: Answer | None = None
        try:
            for event in self.bot.stream_events(message, history=turns, top_k=int(top_k)):
                if isinstance(event, EvidenceEvent):
                    sources = render_evidence(event.evidence)
                    chat[-1] = {"role": "assistant", "content": "Writing the answer…"}
                elif isinstance(event, TokenEvent):
                    written += event.text
                    chat[-1] = {"role": "assistant", "content": written}
                else:
                    final = event
                    chat[-1] = {"role": "assistant", "content": format_answer(event)}
                    sources = render_citations(event.citations)
                yield chat, sources, turns, ""
        except AssistantError as exc:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {exc}"}
            yield chat, sources, turns, ""
            return
        except Exception as exc:  # the page must never show a traceback
            log.exception("chat failed")
            chat[-1] = {"role": "assistant", "content": f"⚠️ Something went wrong ({type(exc).__name__}). Try again."}
            yield chat, sources, turns, ""
            return
        if final is not None:
            turns = [*turns, {"role": "user", "content": message}, {"role": "assistant", "content": final.answer}]
        yield chat, sources, turns, ""


def build_blocks(bot: Assistant):
    """The Gradio page."""
    import gradio as gr

    session = ChatSession(bot)
    with gr.Blocks(title="Corpus assistant") as demo:
        gr.Markdown("## Corpus assistant\nAsk about the documents in English, French or German. "
                    "Every answer cites its sources.")
        status = gr.Markdown(session.status(), elem_id="status")
        turns = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Chat", height=480, elem_id="chat", feedback_options=None,
                                     buttons=["copy", "copy_all"])
                with gr.Row():
                    box = gr.Textbox(placeholder="Ask a question…", show_label=False, scale=5, elem_id="question",
                                     max_length=bot.settings.max_question_chars)
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                new_chat = gr.Button("New chat", elem_id="new-chat", size="sm")
                gr.Examples(EXAMPLES, inputs=box, label="Examples")
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources = gr.HTML(elem_id="sources")
                with gr.Accordion("Settings", open=False):
                    top_k = gr.Slider(1, 20, value=bot.settings.top_k, step=1, label="Passages retrieved (top-k)")
                    gr.Textbox(value=bot.model_name, label="Model in use", interactive=False)
        outputs = [chatbot, sources, turns, box]
        for trigger in (box.submit, send.click):
            trigger(session.respond, [box, chatbot, turns, top_k], outputs, api_name=False,
                    concurrency_limit=8).then(session.status, None, status, api_name=False)
        new_chat.click(lambda: ([], "", [], ""), None, outputs, api_name=False)

        def ask(question: str, history: list[dict[str, str]] | None = None) -> dict:
            """Answer one question (API): the Answer as a dict."""
            try:
                return bot.ask(question, history=history or []).model_dump()
            except AssistantError as exc:
                raise gr.Error(str(exc)) from None

        gr.api(ask, api_name="ask", concurrency_limit=8)
    demo.queue(default_concurrency_limit=8)
    return demo


def build_app(bot: Assistant):
    """FastAPI app: the document viewer at /doc and the chat at /."""
    import gradio as gr
    from fastapi import FastAPI, HTTPException, Query
    from fastapi.responses import HTMLResponse

    app = FastAPI(title="corpus-assistant")

    @app.get("/doc", response_class=HTMLResponse)
    def document(source: str = Query(...), start: int = Query(0, ge=0), end: int = Query(0, ge=0)) -> str:
        page = render_document(bot.settings.corpus_dir, source, start, end)
        if page is None:
            raise HTTPException(status_code=404, detail="No such document in the corpus.")
        return page

    theme = gr.themes.Soft(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return gr.mount_gradio_app(app, build_blocks(bot), path="/", theme=theme, css=CSS, footer_links=[])


def _warm_up(bot: Assistant) -> None:
    try:
        bot.local_server.ensure()
    except AssistantError as exc:  # reported again, clearly, on the first question
        log.warning("model server not started: %s", exc)


def launch(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Build the index if needed, then serve the chat on 127.0.0.1 until interrupted."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import uvicorn

    print("Preparing the index (first start embeds the corpus)…", flush=True)
    bot = Assistant(settings, progress=True)
    print(bot.last_ingest.summary() if bot.last_ingest else "", flush=True)
    if bot.local_server:  # start the model server now so that the first question does not wait for it
        threading.Thread(target=_warm_up, args=(bot,), daemon=True).start()
    app = build_app(bot)
    host, port = host or settings.ui_host, port or settings.ui_port
    print(f"Chat ready at http://{host}:{port}", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        bot.close()
