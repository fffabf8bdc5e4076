"""The chat controller: turns a question into streamed UI updates; holds no per-user state itself."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from assistant.answer import Assistant
from assistant.errors import AssistantError
from assistant.models import Answer, EvidenceEvent, TokenEvent
from assistant.streaming import events_in_thread
from assistant.ui.render import chat_text, format_answer, render_citations, render_details, render_evidence

log = logging.getLogger(__name__)


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
        chat = [*chat, {"role": "user", "content": chat_text(message)}, {"role": "assistant", "content": "Searching…"}]
        sources = ""
        yield chat, sources, turns, ""
        written = ""
        final: Answer | None = None
        try:
            deadline = self.bot.settings.max_request_seconds
            for event in events_in_thread(self.bot, message, turns, int(top_k), tick=1.0, deadline_s=deadline):
                if event is None:  # a tick while the pipeline works
                    continue
                if isinstance(event, EvidenceEvent):
                    sources = render_evidence(event.evidence)
                    chat[-1] = {"role": "assistant", "content": "Writing the answer…"}
                elif isinstance(event, TokenEvent):
                    written += event.text
                    chat[-1] = {"role": "assistant", "content": chat_text(written)}  # a draft is model text too
                else:
                    final = event
                    chat[-1] = {"role": "assistant", "content": format_answer(event)}
                    sources = render_citations(event.citations) + render_details(event)
                yield chat, sources, turns, ""
        except AssistantError as exc:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {chat_text(str(exc))}"}
            yield chat, sources, turns, ""
            return
        except Exception as exc:  # the page must never show a traceback
            log.exception("chat failed")
            chat[-1] = {"role": "assistant", "content": f"⚠️ Something went wrong ({type(exc).__name__}). Try again."}
            yield chat, sources, turns, ""
            return
        if final is not None:
            turns = [*turns, {"role": "user", "content": message}, {"role": "assistant", "content": final.answer}]
            turns = turns[-2 * max(1, self.bot.settings.max_history_turns):]  # only the last ones are ever used
        yield chat, sources, turns, ""
