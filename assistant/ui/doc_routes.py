"""The viewer's file routes: a PDF page as an image with the cited span highlighted, and the original file.

No `from __future__ import annotations` here: FastAPI reads the route annotations at run time."""

from pathlib import Path

from assistant.settings import Settings
from assistant.ui.pdf_view import render_page
from assistant.ui.render import corpus_file
from vectorstore.pdf_text import PdfLimits


def add_doc_routes(app, settings: Settings, pdf_limits: PdfLimits) -> None:
    """GET /doc/page.png?source=&page=&start=&end= and GET /doc/file?source= (corpus files only)."""
    from fastapi import HTTPException, Query
    from fastapi.responses import FileResponse, Response

    def corpus_path(source: str) -> Path:
        path = corpus_file(settings.corpus_dir, source)
        if path is None:
            raise HTTPException(status_code=404, detail="No such document in the corpus.")
        return path

    @app.get("/doc/page.png")
    def page_image(source: str = Query(...), page: int = Query(1, ge=1), start: int = Query(0, ge=0),
                   end: int = Query(0, ge=0)) -> Response:
        path = corpus_path(source)
        if path.suffix.lower() != ".pdf":
            raise HTTPException(status_code=404, detail="Only PDF pages are rendered as images.")
        try:
            image = render_page(path, page, start, end, pdf_limits)
        except IndexError:
            raise HTTPException(status_code=404, detail=f"The document has no page {page}.") from None
        except (ValueError, OSError) as exc:  # an unreadable PDF: a clear line, never a traceback
            raise HTTPException(status_code=422, detail=f"Cannot render this PDF: {exc}") from None
        return Response(image.png, media_type="image/png", headers={"Cache-Control": "no-store"})

    @app.get("/doc/file")
    def original_file(source: str = Query(...)) -> FileResponse:
        path = corpus_path(source)
        return FileResponse(path, filename=path.name)
