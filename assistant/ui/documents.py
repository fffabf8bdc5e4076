"""The documents panel's handlers: upload files, list the corpus, remove a file (UI-neutral return values)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.library import Library, Progress

log = logging.getLogger(__name__)

HEADERS = ["File", "Chunks", "State"]


class DocumentsPanel:
    """Turns uploads and removals into (message, table rows, file choices) for the page; never raises."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def rows(self) -> list[list[Any]]:
        """The documents list: file, chunk count, state."""
        try:
            return [[d.source, d.chunks, d.state] for d in self.library.documents()]
        except AssistantError as exc:
            return [[f"Index unavailable: {exc}", 0, "error"]]

    def choices(self) -> list[str]:
        """The files that can be removed."""
        return [r[0] for r in self.rows() if r[2] != "error"]

    def upload(self, paths: Sequence[str | Path] | None, progress: Progress | None = None) -> str:
        """Add uploaded files (temporary paths named like the originals); a message for the page."""
        files = [(Path(p), Path(p).name) for p in (paths or [])]
        if not files:
            return "No files."
        try:
            return self.library.add(files, progress).summary()
        except AssistantError as exc:
            return f"Upload stopped: {exc}. Files already added stay in the corpus folder."
        except Exception as exc:  # the page must never show a traceback
            log.exception("upload failed")
            return f"Upload failed ({type(exc).__name__}). Files already indexed are unchanged."

    def remove(self, source: str | None) -> str:
        """Remove one file; a message for the page."""
        if not source:
            return "Choose a file to remove."
        try:
            return self.library.remove(source)
        except AssistantError as exc:
            return f"Could not remove {source}: {exc}"
        except Exception as exc:
            log.exception("removal failed")
            return f"Could not remove {source} ({type(exc).__name__})."


def build_documents_section(panel: DocumentsPanel, status: Any, status_fn: Any, demo: Any) -> None:
    """The documents accordion (inside the Gradio Blocks `demo`): upload, list, remove; refreshes `status`."""
    import gradio as gr

    with gr.Accordion("Documents", open=True, elem_id="documents-section"):
        upload = gr.File(label="Add documents (" + ", ".join(panel.library.allowed()) + ")", file_count="multiple",
                         file_types=list(panel.library.allowed()), height=140, elem_id="upload")
        message = gr.Textbox(label="Last change", interactive=False, lines=2, elem_id="library-message")
        table = gr.Dataframe(headers=HEADERS, value=panel.rows, interactive=False, elem_id="documents",
                             wrap=True)
        with gr.Row():
            choice = gr.Dropdown(choices=panel.choices(), value=None, label="Remove a document", scale=3,
                                 elem_id="remove-choice")
            remove = gr.Button("Remove", variant="stop", scale=1, elem_id="remove")

    def refreshed(msg: str):
        return msg, panel.rows(), gr.Dropdown(choices=panel.choices(), value=None), status_fn()

    def on_upload(paths: list[str] | None, progress=gr.Progress()):  # noqa: B008 (Gradio's progress idiom)
        msg = panel.upload(paths, lambda f, desc: progress(f, desc=desc))
        return (*refreshed(msg), None)

    def on_remove(source: str | None):
        return refreshed(panel.remove(source))

    outputs = [message, table, choice, status]
    # One ingestion at a time; questions keep their own queue and are answered from the index as it stands.
    upload.upload(on_upload, upload, [*outputs, upload], api_name=False, concurrency_limit=1,
                  concurrency_id="library", show_progress="full")
    remove.click(on_remove, choice, outputs, api_name=False, concurrency_limit=1, concurrency_id="library")
    # Files added elsewhere (another session, the CLI) show up when the page is opened.
    demo.load(lambda: (panel.rows(), gr.Dropdown(choices=panel.choices(), value=None)), None, [table, choice],
              api_name=False)
