"""Test documents made in the tests: PDFs printed from HTML by headless Chromium, DOCX written by python-docx,
and hand-built PDFs for the broken cases (encrypted, damaged)."""

from __future__ import annotations

import base64
from pathlib import Path

from tests.browser import chromium_available, make_driver

PAGE_BREAK = "<div style='break-after: page'></div>"

# Two pages of French and German prose; the facts asked about are on page 2.
REPORT_PAGES = [
    "<h1>Rapport sur l'innovation à Tianjin</h1>"
    "<p>Le port de Tianjin a inauguré un nouveau terminal automatisé au printemps.</p>"
    "<p>La municipalité soutient les jeunes entreprises du secteur numérique.</p>",
    "<h2>Laboratoires</h2>"
    "<p>En 2025, la ville de Tianjin a ouvert 37 laboratoires de robotique marine.</p>"
    "<p>Die Stadt Tianjin hat außerdem 12 Testfelder für autonome Schiffe eingerichtet.</p>",
]


def html_page(pages: list[str]) -> str:
    """One HTML document whose printed form has one page per entry."""
    body = PAGE_BREAK.join(f"<section>{p}</section>" for p in pages)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>body{font-family:sans-serif;font-size:14pt}"
        f"</style></head><body>{body}</body></html>"
    )


def print_pdfs(htmls: dict[str, str], out_dir: Path, profile_dir: Path) -> dict[str, Path]:
    """Print each HTML document to `out_dir/<name>` with headless Chromium (one browser for all)."""
    from selenium.webdriver.common.print_page_options import PrintOptions

    if not chromium_available():
        raise RuntimeError("chromium and chromedriver are not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    driver = make_driver(str(profile_dir))
    try:
        paths = {}
        for name, html in htmls.items():
            src = out_dir / f"{name}.html"
            src.write_text(html, encoding="utf-8")
            driver.get(src.as_uri())
            opts = PrintOptions()
            opts.background = True
            paths[name] = out_dir / name
            paths[name].write_bytes(base64.b64decode(driver.print_page(opts)))
            src.unlink()
        return paths
    finally:
        driver.quit()


def write_docx(path: Path, blocks: list[str | list[list[str]]]) -> Path:
    """A .docx with paragraphs (str) and tables (list of rows) in this order."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    document.save(str(path))
    return path


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra
    return out + b">>\nstartxref\n%d\n%%%%EOF\n" % xref


_PAGE_OBJECTS = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
]


def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose user password is not empty."""
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"
    ident = b"<" + b"33" * 16 + b">"
    return _pdf([*_PAGE_OBJECTS, encrypt], b"/Encrypt 4 0 R /ID [" + ident + ident + b"] ")


def blank_pdf() -> bytes:
    """A valid one-page PDF with no text on it (what a scan without OCR looks like to a text extractor)."""
    return _pdf(_PAGE_OBJECTS)
