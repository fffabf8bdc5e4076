"""Test documents made in the tests: PDFs printed from HTML by headless Chromium (slow, browser tests), PDFs
written byte by byte with a standard font (fast tests), DOCX written by python-docx, and hand-built PDFs for the
broken cases (encrypted, image only)."""

from __future__ import annotations

import base64
import html
import zlib
from pathlib import Path

from tests.browser import chromium_available, make_driver

PAGE_BREAK = "<div style='break-after: page'></div>"

# Two pages of French and German prose (a heading, then paragraphs); the facts asked about are on page 2.
REPORT_LINES = [
    ["Rapport sur l'innovation à Tianjin",
     "Le port de Tianjin a inauguré un nouveau terminal automatisé au printemps.",
     "La municipalité soutient les jeunes entreprises du secteur numérique."],
    ["Laboratoires",
     "En 2025, la ville de Tianjin a ouvert 37 laboratoires de robotique marine.",
     "Die Stadt Tianjin hat außerdem 12 Testfelder für autonome Schiffe eingerichtet."],
]
REPORT_PAGES = [
    "".join(f"<h1>{html.escape(t)}</h1>" if i == 0 else f"<p>{html.escape(t)}</p>" for i, t in enumerate(page))
    for page in REPORT_LINES
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


def _string(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding (Latin-1 covers the test texts)."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(pages: list[list[str]], footer: bool = True) -> bytes:
    """A text PDF (A4-ish 595x842 pages, Helvetica): one line per entry from the top, a page number at the foot."""
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, lines in enumerate(pages):
        ops = [b"BT /F1 14 Tf 56 780 Td 22 TL"]
        ops += [_string(line) + b" Tj T*" for line in lines]
        ops.append(b"ET")
        if footer:
            ops.append(b"BT /F1 10 Tf 290 40 Td " + _string(f"- {i + 1} -") + b" Tj ET")
        stream = b"\n".join(ops)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _pdf(objects)


def image_pdf() -> bytes:
    """A page that is only an image, as a scanner makes it: no text layer."""
    pixels = bytes(range(0, 256, 4)) * 64  # a 64x64 grey gradient
    image = (b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8"
             b" /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")
    content = b"q 500 0 0 700 47 70 cm /Im1 Do Q"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >>"
                 b" /Contents 5 0 R >>", image,
                 b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"])


def blank_pdf() -> bytes:
    """A valid one-page PDF with no text on it (what a scan without OCR looks like to a text extractor)."""
    return _pdf(_PAGE_OBJECTS)


def deflate_bomb_pdf(megabytes: int) -> bytes:
    """A one-page PDF whose compressed content stream inflates to `megabytes` MB (a decompression bomb)."""
    stream = zlib.compress(b" " * (megabytes * 2**20) + b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET", 9)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
                 b" /Contents 5 0 R >>", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])
