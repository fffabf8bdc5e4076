"""Serving: the FastAPI app (document viewer at /doc, the chat at /) and process start-up."""

from __future__ import annotations

import os

from assistant.answer import Assistant
from assistant.api.guard import BodyLimits, Guard
from assistant.auth import Users, check_bind, load_users
from assistant.deps import load_limits
from assistant.library import Library
from assistant.settings import Settings
from assistant.ui.doc_routes import add_doc_routes
from assistant.ui.documents_api import add_document_routes
from assistant.ui.layout import build_blocks
from assistant.ui.render import CSS, render_document


def build_app(bot: Assistant, users: Users | None = None):
    """FastAPI app: the document viewer at /doc (and /doc/page.png, /doc/file), /api/documents, the
    OpenAI-compatible API at /v1 and the chat at /; with `users`, every one of them needs a login."""
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
    s = bot.settings
    app = gr.mount_gradio_app(app, build_blocks(bot, library), path="/", theme=theme, css=CSS, footer_links=[],
                              auth=users.check if users else None, auth_message="Log in to the corpus assistant.",
                              max_file_size=int(s.max_file_mb * 1024 * 1024))
    app.add_middleware(Guard, users=users, api_key=s.api_key, limits=body_limits(s),
                       session_user=_gradio_session(app))
    return app


def body_limits(s: Settings) -> BodyLimits:
    """Request body limits from the settings: uploads, and everything else."""
    return BodyLimits(default_bytes=s.max_request_kb * 1024, upload_bytes=int(s.max_upload_mb * 1024 * 1024))


def _gradio_session(app):
    """The user of the chat page's login cookie, so that the viewer's links work once logged in."""
    gradio_app = next(r.app for r in app.routes if hasattr(getattr(r, "app", None), "tokens"))

    def user(cookies: dict[str, str]) -> str | None:
        for name in (f"access-token-{gradio_app.cookie_id}", f"access-token-unsecure-{gradio_app.cookie_id}"):
            if cookies.get(name) in gradio_app.tokens:
                return gradio_app.tokens[cookies[name]]
        return None

    return user


def launch(settings: Settings, host: str | None = None, port: int | None = None, insecure: bool = False) -> None:
    """Build the index if needed, then serve the chat (127.0.0.1 by default) until interrupted.

    Beyond loopback it needs users to log in (ASSISTANT_UI_USERS), unless `insecure`."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import uvicorn

    host, port = host or settings.ui_host, port or settings.ui_port
    users = load_users(settings.ui_users, settings.ui_users_file)
    check_bind(host, users is not None, insecure, "the chat")  # before any slow start-up work

    print("Preparing the index (first start embeds the corpus)…", flush=True)
    bot = Assistant(settings, progress=True)
    print(bot.last_ingest.summary() if bot.last_ingest else "", flush=True)
    bot.warm_up()  # the model server and word lists load now, so that the first question does not wait for them
    app = build_app(bot, users)
    login = f"login required ({len(users.hashes)} users)" if users else "no login"
    print(f"Chat ready at http://{host}:{port} (OpenAI-compatible API at http://{host}:{port}/v1; {login})",
          flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        bot.close()
