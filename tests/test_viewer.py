"""The document viewer on PDFs: the cited page rendered with the quote highlighted, the text, the original file."""

from __future__ import annotations

import io
import shutil
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from PIL import Image

from assistant.ui.pdf_view import render_page
from assistant.ui.render import render_document
from tests.docgen import write_docx
from vectorstore.loaders import document_text

QUOTE_P2 = "En 2025, la ville de Tianjin a ouvert 37 laboratoires de robotique marine."


@pytest.fixture
def corpus(tmp_path, pdfs):
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(pdfs["report.pdf"], root / "report.pdf")
    write_docx(root / "note.docx", ["Une note: Qingdao a reçu 4 grues."])
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    return root


def _span(path, quote):
    start = document_text(path).index(quote)
    return start, start + len(quote)


def test_the_cited_page_is_rendered_with_the_quote_highlighted(corpus):
    import pypdfium2 as pdfium

    path = corpus / "report.pdf"
    start, end = _span(path, QUOTE_P2)
    img = render_page(path, 2, start, end)
    assert (img.page, img.pages) == (2, 2)
    picture = Image.open(io.BytesIO(img.png))
    assert picture.format == "PNG" and picture.size == (img.width, img.height) and img.width >= 900
    assert img.boxes
    for left, top, right, bottom in img.boxes:  # inside the page, and not degenerate
        assert 0 <= left < right <= img.width and 0 <= top < bottom <= img.height
    # The quote is one line near the top of page 2: boxes on one band in the upper half.
    assert max(b[3] for b in img.boxes) < img.height / 2

    # The right page: away from the highlight, the pixels are those of page 2 rendered plainly.
    pdf = pdfium.PdfDocument(str(path))
    scale = img.width / pdf[1].get_width()
    plain = [pdf[i].render(scale=scale).to_pil().convert("RGB") for i in (0, 1)]
    pdf.close()
    rgb = picture.convert("RGB")
    below = (0, int(max(b[3] for b in img.boxes)) + 10, img.width, img.height)
    assert rgb.crop(below).tobytes() == plain[1].crop(below).tobytes()
    assert rgb.crop(below).tobytes() != plain[0].crop(below).tobytes()
    # The one-line quote is one box, tinted yellow: most of its pixels are paper turned yellow.
    assert len(img.boxes) == 1
    inside = rgb.crop(tuple(int(v) for v in img.boxes[0]))
    px = np.asarray(inside).reshape(-1, 3)
    yellow = ((px[:, 0] > 230) & (px[:, 1] > 200) & (px[:, 2] < 120)).mean()
    assert yellow > 0.5
    assert plain[1].crop(tuple(int(v) for v in img.boxes[0])).getextrema()[2][0] < 120  # there is ink under it

    elsewhere = render_page(path, 1, start, end)  # the quote is not on page 1: nothing highlighted there
    assert elsewhere.boxes == () and elsewhere.page == 1
    with pytest.raises(IndexError):
        render_page(path, 3, start, end)


def test_viewer_page_for_a_pdf_shows_the_page_image_the_text_and_a_download_link(corpus):
    path = corpus / "report.pdf"
    start, end = _span(path, QUOTE_P2)
    html = render_document(corpus, "report.pdf", start, end)
    assert "Page 2 of 2" in html and f"<mark id='cite'>{QUOTE_P2}</mark>" in html
    assert "<hr class='page-break'>" in html and "\f" not in html
    img_src = html.split("id='page-image' src='")[1].split("'")[0].replace("&amp;", "&")
    assert urlparse(img_src).path == "/doc/page.png"
    assert parse_qs(urlparse(img_src).query) == {"source": ["report.pdf"], "page": ["2"], "start": [str(start)],
                                                  "end": [str(end)]}
    assert "href='/doc/file?source=report.pdf'" in html
    note = render_document(corpus, "note.docx", 0, 4)
    assert "<mark id='cite'>Une </mark>" in note and "page-image" not in note and "/doc/file?source=note.docx" in note


def test_viewer_routes_serve_pages_and_originals_of_corpus_files_only(corpus, tmp_path):
    from fastapi.testclient import TestClient

    from assistant.answer import Assistant
    from assistant.ui.server import build_app

    bot = Assistant(corpus_dir=corpus, data_dir=tmp_path / "data", embedder="hash", llm="none")
    client = TestClient(build_app(bot))
    start, end = _span(corpus / "report.pdf", QUOTE_P2)
    r = client.get("/doc", params={"source": "report.pdf", "start": start, "end": end, "page": 2})
    assert r.status_code == 200 and "Page 2 of 2" in r.text
    r = client.get("/doc/page.png", params={"source": "report.pdf", "page": 2, "start": start, "end": end})
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(r.content)).size[0] >= 900
    r = client.get("/doc/file", params={"source": "report.pdf"})
    assert r.status_code == 200 and r.content == (corpus / "report.pdf").read_bytes()
    assert "report.pdf" in r.headers["content-disposition"]
    for route, params in (("/doc/file", {"source": "../data/ingest.lock"}), ("/doc/file", {"source": "/etc/passwd"}),
                          ("/doc/page.png", {"source": "note.docx"}), ("/doc/page.png", {"source": "../x.pdf"}),
                          ("/doc/page.png", {"source": "report.pdf", "page": 3})):
        assert client.get(route, params=params).status_code == 404, (route, params)
    r = client.get("/doc/page.png", params={"source": "broken.pdf", "page": 1})
    assert r.status_code == 422 and "damaged PDF" in r.json()["detail"]


@pytest.mark.parametrize("rotation", [90, 270])
def test_the_highlight_follows_a_rotated_page(corpus, rotation):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(corpus / "report.pdf"))
    pdf[1].set_rotation(rotation)
    rotated = corpus / f"rotated{rotation}.pdf"
    pdf.save(str(rotated))
    pdf.close()
    quote = "Tianjin a ouvert 37 laboratoires"
    start, end = _span(rotated, quote)
    img = render_page(rotated, 2, start, end)
    assert img.width > img.height  # a portrait page turned sideways
    (box,) = img.boxes  # one line of text, running down (90) or up (270) the image
    left, top, right, bottom = box
    assert bottom - top > 5 * (right - left)
    assert (left > img.width / 2) == (rotation == 90)  # the top of the page is on the right after turning it 90°
    px = np.asarray(Image.open(io.BytesIO(img.png)).convert("RGB").crop(tuple(int(v) for v in box))).reshape(-1, 3)
    assert ((px[:, 0] > 230) & (px[:, 1] > 200) & (px[:, 2] < 120)).mean() > 0.4  # yellow paper
    assert (px.max(axis=1) < 100).mean() > 0.03  # and the ink of the quote under it


def test_a_pdf_citation_card_names_its_page_and_opens_the_viewer_on_it():
    from assistant.models import Citation
    from assistant.ui.render import render_citations

    passage = "Fin de la page un.\n\f\nEn 2025, 37 laboratoires."
    start = passage.index("37")
    c = Citation(source="r.pdf", start=100 + start, end=100 + start + 16, quote="37 laboratoires.", passage=passage,
                 number=1, title="Rapport", passage_start=100, passage_end=100 + len(passage), page=2)
    html = render_citations([c])
    assert "Rapport · page 2" in html and "<mark class='quote'>37 laboratoires.</mark>" in html
    assert "<hr class='page-break'>" in html and "\f" not in html
    assert f"/doc?source=r.pdf&amp;start={100 + start}&amp;end={116 + start}&amp;page=2#page-image" in html
    text = render_citations([c.model_copy(update={"source": "r.txt", "page": None})])
    assert "page 2" not in text and "#cite" in text
