"""A PDF page as a PNG (pypdfium2) with the cited characters' boxes highlighted."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw

from vectorstore.pdf_text import PdfLimits, PdfText, open_pdf, read_page, read_pdf

TARGET_WIDTH = 1000  # pixels: readable in the viewer column
DEFAULT_LIMITS = PdfLimits()
MAX_SIDE = 3000  # pixels: a page with an absurd media box cannot make a huge bitmap
HIGHLIGHT = (255, 226, 64)  # multiplied into the page: the paper turns yellow, the ink stays dark
PAD = 2.0  # pixels around each highlighted line


@dataclass(frozen=True)
class PageImage:
    """A rendered page: PNG bytes, its size, and the highlight boxes in pixels (left, top, right, bottom)."""

    png: bytes
    width: int
    height: int
    page: int
    pages: int
    boxes: tuple[tuple[float, float, float, float], ...]


@functools.lru_cache(maxsize=32)
def _layout(path: str, mtime_ns: int, size: int, limits: PdfLimits) -> PdfText:
    return read_pdf(path, limits)


def pdf_layout(path: Path, limits: PdfLimits = DEFAULT_LIMITS) -> PdfText:
    """The PDF's document text and page starts (cached while the file is unchanged)."""
    st = path.stat()
    return _layout(str(path), st.st_mtime_ns, st.st_size, limits)


def render_page(path: Path, page: int, start: int, end: int, limits: PdfLimits = DEFAULT_LIMITS) -> PageImage:
    """Page `page` (1-based) of a PDF as a PNG, the part of `[start, end)` that lies on it highlighted.

    Raises ValueError (PdfError) for a PDF that cannot be read and IndexError for a page it does not have.
    """
    layout = pdf_layout(path, limits)
    if not 1 <= page <= len(layout.page_starts):
        raise IndexError(f"the document has no page {page}")
    pdf = open_pdf(str(path))
    try:
        text = read_page(pdf, page - 1)
        page_start = layout.page_starts[page - 1]
        a = max(start, page_start) - page_start
        b = min(end, page_start + len(text.text)) - page_start
        pg = pdf[page - 1]
        try:
            width, height = pg.get_size()  # as displayed: after the page's own rotation
            crop = pg.get_cropbox()
            rotation = pg.get_rotation() % 360
            scale = min(TARGET_WIDTH / max(width, 1.0), MAX_SIDE / max(width, height, 1.0))
            rects = _rects(pg, text.chars, a, b)
            image = pg.render(scale=scale, rotation=0).to_pil()
        finally:
            pg.close()
    finally:
        pdf.close()
    pixels = [to_pixels(r, crop, rotation, scale) for r in rects]
    boxes = tuple(
        (max(0.0, x0 - PAD), max(0.0, y0 - PAD), min(image.width, x1 + PAD), min(image.height, y1 + PAD))
        for x0, y0, x1, y1 in merge_lines(pixels, vertical=rotation in (90, 270))
    )
    tint = Image.new("RGB", image.size, (255, 255, 255))
    draw = ImageDraw.Draw(tint)
    for box in boxes:
        draw.rectangle(box, fill=HIGHLIGHT)
    out = io.BytesIO()
    ImageChops.multiply(image.convert("RGB"), tint).save(out, format="PNG", optimize=True)
    return PageImage(out.getvalue(), image.width, image.height, page, len(layout.page_starts), boxes)


def to_pixels(
    rect: tuple[float, float, float, float], crop: tuple[float, float, float, float], rotation: int, scale: float
) -> tuple[float, float, float, float]:
    """A rectangle in PDF units (origin bottom-left, before the page's /Rotate) as (left, top, right, bottom)
    pixels of the page as rendered (crop box, rotated clockwise by `rotation`, scaled)."""
    x0, y0, x1, y1 = rect
    left, bottom, right, top = crop
    w, h = right - left, top - bottom

    def point(x: float, y: float) -> tuple[float, float]:
        u, v = x - left, top - y  # unrotated, origin top-left
        if rotation == 90:
            u, v = h - v, u
        elif rotation == 180:
            u, v = w - u, h - v
        elif rotation == 270:
            u, v = v, w - u
        return u * scale, v * scale

    (ax, ay), (bx, by) = point(x0, y0), point(x1, y1)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def merge_lines(
    boxes: list[tuple[float, float, float, float]], vertical: bool = False
) -> list[tuple[float, float, float, float]]:
    """Join the boxes (left, top, right, bottom) of consecutive glyphs on the same line into one box per line
    (lines run down the image on a page rotated by 90 or 270 degrees: `vertical`)."""
    if vertical:  # swap the axes, merge, swap back
        swapped = merge_lines([(y0, x0, y1, x1) for x0, y0, x1, y1 in boxes])
        return [(x0, y0, x1, y1) for y0, x0, y1, x1 in swapped]
    merged: list[tuple[float, float, float, float]] = []
    for x0, y0, x1, y1 in boxes:
        if merged:
            a0, b0, a1, b1 = merged[-1]
            overlap = min(b1, y1) - max(b0, y0)  # across the line
            gap = max(a0, x0) - min(a1, x1)  # along it, in either direction
            if overlap > 0.2 * min(b1 - b0, y1 - y0) and gap < 3 * max(b1 - b0, y1 - y0):
                merged[-1] = (min(a0, x0), min(b0, y0), max(a1, x1), max(b1, y1))
                continue
        merged.append((x0, y0, x1, y1))
    return merged


def _rects(pg: pdfium.PdfPage, chars: tuple[int, ...], a: int, b: int) -> list[tuple[float, float, float, float]]:
    """Text rectangles (PDF units) covering the page characters behind text offsets [a, b)."""
    if b <= a:
        return []
    first, last = chars[a], chars[b - 1]
    textpage = pg.get_textpage()
    try:
        n = textpage.count_rects(first, last - first + 1)
        return [textpage.get_rect(i) for i in range(n)]
    finally:
        textpage.close()
