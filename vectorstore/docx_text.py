"""The text of a Word (.docx) file: paragraphs and tables in reading order (python-docx).

The document text is the body's blocks in order, separated by a blank line: a paragraph is its text (line breaks
inside it kept as "\\n"); a table is one line per row, the cells' texts joined by " | " (a cell's own line
breaks become spaces, a merged cell is written once). Empty paragraphs are left out.
"""

from __future__ import annotations

import zipfile

BLOCK_SEPARATOR = "\n\n"
CELL_SEPARATOR = " | "
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # a zip bomb is refused before python-docx inflates it


class DocxError(ValueError):
    """A .docx file that cannot be read; the message is the user-facing reason."""


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated by python-docx
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return lines


def read_docx(path: str) -> str:
    """The document text of a .docx file; raise DocxError when it is not a readable Word file."""
    if not zipfile.is_zipfile(path):
        raise DocxError("not a Word .docx file (not a zip archive); old .doc files are not supported")
    with zipfile.ZipFile(path) as zf:
        if sum(info.file_size for info in zf.infolist()) > MAX_UNZIPPED_BYTES:
            raise DocxError(f"Word file unpacks to more than {MAX_UNZIPPED_BYTES // 2**20} MB (a zip bomb?)")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(path)
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… for a damaged package
        raise DocxError(f"damaged Word file that cannot be read ({type(exc).__name__})") from None
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.replace("\r", "\n").strip()
            if text:
                blocks.append(text)
        elif isinstance(item, Table):
            lines = _table_lines(item)
            if lines:
                blocks.append("\n".join(lines))
    return BLOCK_SEPARATOR.join(blocks)
