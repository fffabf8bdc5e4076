"""Run the chat app (FastAPI + Gradio) on a loopback port in a background thread."""

from __future__ import annotations

import threading
import time
import urllib.request

import uvicorn

from assistant.ui.server import build_app


class AppServer:
    """The real app for one Assistant, served by uvicorn on 127.0.0.1."""

    def __init__(self, bot, port: int, users=None) -> None:
        self.port = port
        self.login = users is not None  # behind a login the page answers 200 too (Gradio's login form)
        self.server = uvicorn.Server(uvicorn.Config(build_app(bot, users), host="127.0.0.1", port=port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("app did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
