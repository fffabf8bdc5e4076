"""`assistant serve`: the OpenAI-compatible endpoint alone (no chat page), on 127.0.0.1 by default."""

from __future__ import annotations

from assistant.answer import Assistant
from assistant.api.guard import BodyLimits, Guard
from assistant.api.schema import MODEL_ID
from assistant.auth import Users, check_bind, load_users
from assistant.settings import Settings


def build_api_app(bot: Assistant, users: Users | None = None):
    """A FastAPI app with only the /v1 routes (with `users`: HTTP Basic or the API key needed)."""
    from fastapi import FastAPI

    from assistant.api.routes import openai_router

    s = bot.settings
    app = FastAPI(title="corpus-assistant API", docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(openai_router(bot))
    app.add_middleware(Guard, users=users, api_key=s.api_key,
                       limits=BodyLimits(s.max_request_kb * 1024, s.max_request_kb * 1024))
    return app


def serve(settings: Settings, host: str | None = None, port: int | None = None, insecure: bool = False) -> None:
    """Build the index if needed, then serve /v1 until interrupted (beyond loopback: a login or `insecure`)."""
    import uvicorn

    host, port = host or settings.api_host, port or settings.api_port
    users = load_users(settings.ui_users, settings.ui_users_file)
    check_bind(host, users is not None or bool(settings.api_key), insecure, "the API")

    print("Preparing the index (first start embeds the corpus)…", flush=True)
    bot = Assistant(settings, progress=True)
    bot.warm_up()  # the model server and word lists load now, so that the first request does not wait for them
    auth = " or ".join(x for x in ("bearer token (ASSISTANT_API_KEY)" if settings.api_key else "",
                                   "HTTP Basic login (ASSISTANT_UI_USERS)" if users else "") if x)
    auth = f"{auth} required" if auth else "no API key"
    print(f"OpenAI-compatible API ready at http://{host}:{port}/v1 (model {MODEL_ID!r}, {auth})", flush=True)
    try:
        uvicorn.run(build_api_app(bot, users), host=host, port=port, log_level="warning")
    finally:
        bot.close()
