"""Serving: the FastAPI app (document viewer at /doc, the chat at /) and process start-up."""

from __future__ import annotations

import logging
import os
import threading

from assistant.answer import Assistant
from assistant.deps import load_limits
from assistant.errors import AssistantError
from assistant.library import Library
from assistant.settings import Settings
from assistant.ui.doc_routes import add_doc_routes
from assistant.ui.documents_api import add_document_routes
from assistant.ui.layout import build_blocks
from assistant.ui.render import CSS, render_document

log = logging.getLogger(__name__)


def build_app(bot: Assistant):
    """FastAPI app: the document viewer at /doc (and /doc/page.png, /doc/file), /api/documents, the
    OpenAI-compatible API at /v1 and the chat at /."""
    import gradio as gr
    from fastapi import FastAPI, HTTPException, Query
    from fastapi.responses import HTMLResponse

    from assistant.api.routes import openai_router

    app = FastAPI(title="corpus-assistant")
    app.include_router(openai_router(bot))

    @app.get("/doc", response_class=HTMLResponse)
    def document(source: str = Query(...), start: int = Query(0, ge=0), end: int = Query(0, ge=0),
                 page: int | None = Query(None, ge=1)) -> str:
        html = render_document(bot.settings.corpus_dir, source, start, end, page, load_limits(bot.settings))
        if html is None:
            raise HTTPException(status_code=404, detail="No such document in the corpus.")
        return html

    add_doc_routes(app, bot.settings, load_limits(bot.settings).pdf)
    library = Library(bot)
    add_document_routes(app, library)
    theme = gr.themes.Soft(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return gr.mount_gradio_app(app, build_blocks(bot, library), path="/", theme=theme, css=CSS, footer_links=[])


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
    print(f"Chat ready at http://{host}:{port} (OpenAI-compatible API at http://{host}:{port}/v1)", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        bot.close()
