"""An ASGI guard in front of the HTTP routes: request bodies within their limits, and a login on the routes that
read or change the corpus (/doc, /api, /v1) when users are configured.

A request passes the login with HTTP Basic credentials of a configured user, with the chat page's session
cookie (after the Gradio login), or with `Authorization: Bearer <ASSISTANT_API_KEY>`. The page itself and
Gradio's own routes are behind Gradio's login.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie

from assistant.auth import Users

PROTECTED = ("/doc", "/api/", "/v1", "/openapi.json", "/redoc")  # "/doc" also covers FastAPI's /docs


@dataclass(frozen=True)
class BodyLimits:
    """The largest request body accepted: uploads (POST /api/documents, the page's Gradio upload) and every other
    request."""

    default_bytes: int
    upload_bytes: int

    def for_path(self, method: str, path: str) -> int:
        upload = path.rstrip("/") in ("/api/documents", "/gradio_api/upload")
        return self.upload_bytes if method == "POST" and upload else self.default_bytes


class _TooLarge(Exception):
    pass


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


class Guard:
    """ASGI middleware: 413 for an over-long body (declared or streamed), 401 without a login when one is needed."""

    def __init__(self, app, users: Users | None, api_key: str | None, limits: BodyLimits,
                 session_user: Callable[[dict[str, str]], str | None] | None = None) -> None:
        self.app, self.users, self.api_key, self.limits = app, users, api_key, limits
        self.session_user = session_user

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path, method = scope.get("path", ""), scope.get("method", "GET")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.users and path.startswith(PROTECTED):
            user = self._user(headers)
            if user is None:
                return await _reply(send, 401, "Log in first: this server needs a user name and password (HTTP "
                                    "Basic) or the API key.", {"www-authenticate": 'Basic realm="corpus-assistant"'})
            scope.setdefault("state", {})["user"] = user
        limit = self.limits.for_path(method, path)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return await _reply(send, 413, f"The request body is {_mb(int(declared))}; the limit is {_mb(limit)}.")
        received, state = 0, {"started": False, "over": False}
        too_large = f"The request body is larger than the limit of {_mb(limit)}."

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    state["over"] = True
                    raise _TooLarge
            return message

        async def guarded_send(message):
            # A body read past the limit may surface as the app's own error (e.g. FastAPI's 400 "error parsing
            # the body"): the client gets the 413 that explains it instead.
            if state["over"]:
                if message["type"] == "http.response.start" and not state["started"]:
                    state["started"] = True
                    await _reply(send, 413, too_large)
                return
            state["started"] = state["started"] or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except _TooLarge:
            if not state["started"]:
                state["started"] = True
                await _reply(send, 413, too_large)

    def _user(self, headers: dict[str, str]) -> str | None:
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "basic" and self.users is not None:
            try:
                name, _, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return None
            return name if self.users.check(name, password) else None
        if scheme.lower() == "bearer" and self.api_key:
            return "api-key" if hmac.compare_digest(value.strip().encode(), self.api_key.encode()) else None
        if self.session_user is not None and "cookie" in headers:
            jar = SimpleCookie()
            try:
                jar.load(headers["cookie"])
            except Exception:  # a malformed cookie header is no login
                return None
            return self.session_user({k: m.value for k, m in jar.items()})
        return None


async def _reply(send, status: int, text: str, extra: dict[str, str] | None = None) -> None:
    """A JSON error readable by FastAPI clients (`detail`) and OpenAI clients (`error.message`)."""
    body = json.dumps({"detail": text, "error": {"message": text, "type": "invalid_request_error",
                                                 "param": None, "code": None}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
