"""The text of a PDF, page by page (pypdfium2), with the map from text offsets back to PDF characters.

The document text of a PDF is its pages' texts joined by `PAGE_SEPARATOR` ("\\n\\f\\n"). A page's text is what
PDFium extracts for it, with "\\r\\n" line ends turned into "\\n", control characters (PDFium's soft-hyphen and
generated markers, form feeds) removed and surrounding whitespace stripped. So a form feed occurs in the
document text only between pages, and the page of an offset is one plus the number of form feeds before it.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass

import pypdfium2 as pdfium

PAGE_BREAK = "\f"
PAGE_SEPARATOR = "\n" + PAGE_BREAK + "\n"


@dataclass(frozen=True)
class PdfLimits:
    """What one PDF may cost: pages and seconds of text extraction."""

    max_pages: int = 2000
    max_seconds: float = 60.0


@dataclass(frozen=True)
class PageText:
    """One page's text; `chars[k]` is the PDFium character index of `text[k]`."""

    text: str
    chars: tuple[int, ...]


@dataclass(frozen=True)
class PdfText:
    """A PDF's document text and where each page starts in it."""

    text: str
    page_starts: tuple[int, ...]

    def page_of(self, offset: int) -> int:
        """The 1-based page holding text offset `offset`."""
        return page_of(self.page_starts, offset)


class PdfError(ValueError):
    """A PDF that cannot be read; the message is the user-facing reason."""


def page_of(page_starts: tuple[int, ...] | list[int], offset: int) -> int:
    """The 1-based page of `offset` given the start offsets of the pages."""
    return max(1, bisect.bisect_right(page_starts, offset))


def is_pdf(raw_head: bytes) -> bool:
    """Whether the bytes start like a PDF (the header may follow up to 1 KiB of junk)."""
    return b"%PDF-" in raw_head[:1024]


def open_pdf(path: str) -> pdfium.PdfDocument:
    """Open a PDF or raise PdfError with the reason (not a PDF, encrypted, damaged)."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head:
        raise PdfError("empty file")
    if not is_pdf(head):
        raise PdfError("not a PDF file (no %PDF header)")
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfError("encrypted PDF (password protected); remove the password and add it again") from None
        raise PdfError(f"damaged PDF that cannot be read ({exc})") from None


def _keep(ch: str) -> bool:
    return ch in "\n\t" or (ch >= " " and ch not in "\ufffe\uffff\x7f")


def page_text(textpage: pdfium.PdfTextPage) -> PageText:
    """The normalised text of one page with its character map."""
    n = textpage.count_chars()
    raw = textpage.get_text_range() if n > 0 else ""
    if len(raw) == n:
        pieces = list(enumerate(raw))
    else:  # characters outside UCS-2 break the one-to-one map: read them one by one
        pieces = [(i, c) for i in range(n) for c in textpage.get_text_range(i, 1)[:1]]
    kept: list[tuple[int, str]] = []
    for k, (i, c) in enumerate(pieces):
        if c == "\r":  # "\r\n" -> "\n", a lone "\r" -> "\n"
            if k + 1 < len(pieces) and pieces[k + 1][1] == "\n":
                continue
            c = "\n"
        kept.append((i, c))
    kept = [(i, c) for i, c in kept if _keep(c)]
    # Strip surrounding whitespace, keeping the map aligned.
    a, b = 0, len(kept)
    while a < b and kept[a][1].isspace():
        a += 1
    while b > a and kept[b - 1][1].isspace():
        b -= 1
    kept = kept[a:b]
    return PageText("".join(c for _, c in kept), tuple(i for i, _ in kept))


def read_pdf(path: str, limits: PdfLimits = PdfLimits()) -> PdfText:
    """The document text of a PDF; raise PdfError for an unreadable, over-limit or text-less (scanned) PDF."""
    started = time.monotonic()
    pdf = open_pdf(path)
    try:
        n = len(pdf)
        if n == 0:
            raise PdfError("PDF has no pages")
        if n > limits.max_pages:
            raise PdfError(f"PDF has {n} pages, more than the limit of {limits.max_pages} (ASSISTANT_MAX_PDF_PAGES)")
        texts: list[str] = []
        for i in range(n):
            if time.monotonic() - started > limits.max_seconds:
                raise PdfError(
                    f"reading the PDF took more than {limits.max_seconds:g} s (ASSISTANT_MAX_FILE_SECONDS); "
                    f"stopped at page {i + 1} of {n}"
                )
            texts.append(read_page(pdf, i).text)
    except pdfium.PdfiumError as exc:
        raise PdfError(f"damaged PDF that cannot be read ({exc})") from None
    finally:
        pdf.close()
    if not any(t.strip() for t in texts):
        raise PdfError("no text layer (a scanned PDF?); OCR is not supported")
    starts, offset = [], 0
    for t in texts:
        starts.append(offset)
        offset += len(t) + len(PAGE_SEPARATOR)
    return PdfText(PAGE_SEPARATOR.join(texts), tuple(starts))


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageText:
    """The text of page `index` (0-based) of an open PDF."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return page_text(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
