"""The documents over HTTP (what the page's panel does, for scripts): list, upload, remove.

No `from __future__ import annotations` here: FastAPI reads the route annotations at run time."""

import tempfile
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.library import Library
from assistant.ui.render import corpus_file


def add_document_routes(app: Any, library: Library) -> None:
    """GET /api/documents, POST /api/documents (multipart `files`), DELETE /api/documents?source=…"""
    from fastapi import File, HTTPException, Query, UploadFile

    @app.get("/api/documents")
    def list_documents() -> list[dict[str, Any]]:
        try:
            return [{"source": d.source, "chunks": d.chunks, "state": d.state} for d in library.documents()]
        except AssistantError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None

    @app.post("/api/documents")
    def upload_documents(files: list[UploadFile] = File(...)) -> dict[str, Any]:  # noqa: B008 (FastAPI idiom)
        limit = int(library.settings.max_file_mb * 1024 * 1024)
        with tempfile.TemporaryDirectory(prefix="assistant-upload-") as tmp:
            staged = []
            for i, upload in enumerate(files):
                path = Path(tmp) / str(i)
                with open(path, "wb") as out:  # stop copying past the limit: the size check reports it
                    copied = 0
                    while copied <= limit and (block := upload.file.read(1 << 20)):
                        out.write(block)
                        copied += len(block)
                staged.append((path, upload.filename or ""))
            try:
                report = library.add(staged)
            except AssistantError as exc:
                raise HTTPException(status_code=503, detail=str(exc)) from None
        return {
            "added": report.saved, "renamed": report.renamed, "unchanged": report.unchanged,
            "rejected": [{"name": r.name, "reason": r.reason} for r in report.rejected],
            "summary": report.summary(),
        }

    @app.delete("/api/documents")
    def remove_document(source: str = Query(...)) -> dict[str, str]:
        if corpus_file(library.corpus_dir, source) is None:
            raise HTTPException(status_code=404, detail=f"{source} is not a file of the corpus.")
        try:
            return {"message": library.remove(source)}
        except AssistantError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None
