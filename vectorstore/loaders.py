"""Read corpus files into documents with metadata; bad files are reported, never fatal."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from vectorstore.docx_text import read_docx
from vectorstore.language import detect_language
from vectorstore.pdf_text import PdfLimits, page_of, read_pdf

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

_DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"/(\d{4})-(\d{2})/(\d{2})/"), ("y", "m", "d")),
]


@dataclass(frozen=True)
class Document:
    """One corpus file: `text` is what spans index into (`document_text` of the file); `page_starts` gives where
    each page starts in it (PDFs only, empty otherwise)."""

    source: str
    text: str
    sha256: str
    title: str
    date: str | None
    language: str
    page_starts: tuple[int, ...] = ()
    byline: str = ""

    def page_of(self, offset: int) -> int | None:
        """The 1-based page of a text offset (None for files without pages)."""
        return page_of(self.page_starts, offset) if self.page_starts else None


@dataclass(frozen=True)
class LoadLimits:
    """What one file may cost to read: its size, and for PDFs pages and seconds."""

    max_bytes: int = 50 * 1024 * 1024
    pdf: PdfLimits = PdfLimits()
    max_memory_mb: int = 1024  # for untrusted files read in a child process (vectorstore.isolated)


@dataclass
class SkippedFile:
    """A file that was not ingested, and why."""

    source: str
    reason: str


@dataclass
class LoadResult:
    """Documents read from a corpus folder plus the files that were skipped."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  # files the caller already has (same content): not read


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("p", "br", "div", "h1", "h2", "h3", "h4", "li", "tr", "title"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def find_date(text: str) -> str | None:
    """The first date the text gives, as YYYY-MM-DD."""
    best: tuple[int, str] | None = None
    for pattern, order in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        y, mo, d = int(parts["y"]), int(parts["m"]), int(parts["d"])
        if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31 and (best is None or m.start() < best[0]):
            best = (m.start(), f"{y:04d}-{mo:02d}-{d:02d}")
    return best[1] if best else None


# "By Li Wei", "Par Jean Dupont", "Von Anna Schmidt", "Author: …" (not "Von der Festlegung …", a sentence).
_BYLINE_START = re.compile(r"(?i:by|par|von|author|auteur|autor)\s*:?\s+[A-ZÀ-ÖØ-Þ]")


def find_byline(text: str, head_lines: int = 8) -> str:
    """The line under the title that says who wrote the document, when one of its first lines does: a short line
    that starts with "By"/"Par"/"Von" and a name, or a dateline with words besides the date ("Département de
    recherche, … 24-12-2025"). Its names identify the document, not what its sentences speak of."""
    for line in [line.strip() for line in text[:2000].splitlines() if line.strip()][1:head_lines]:
        rest = line
        for pattern, _ in _DATE_PATTERNS:
            rest = pattern.sub(" ", rest)
        dated = rest != line
        # A sentence is no byline ("Von Januar bis März 2025 stieg der Umsatz …", "Le 05.02.2026, Tianjin a …").
        sentence = line.endswith((".", "…", "!", "?")) or bool(re.search(r"\w['’]s\b", line))
        if (len(line) <= 200 and not sentence and re.search(r"[^\W\d_]{3,}", rest)
                and (dated or (_BYLINE_START.match(line) and len(line) <= 80))):
            return line
    return ""


def find_title(text: str) -> str:
    """The first line that is not just a date, a number or a URL."""
    for line in text.splitlines():
        line = line.strip()
        if line and re.search(r"[^\W\d_]{3,}", line) and not line.startswith("http"):
            return line[:300]
    return ""


def decode(raw: bytes, source: str) -> str:
    """Decode file bytes as UTF-8; raise ValueError with a reason for binary or other encodings."""
    if b"\x00" in raw[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start}); re-save the file as UTF-8") from None
    text = text.removeprefix("\ufeff")
    if source.lower().endswith((".html", ".htm")):
        parser = _TextExtractor()
        parser.feed(text)
        text = re.sub(r"\n\s*\n+", "\n\n", "".join(parser.parts)).strip()
    return text


def read_text(path: Path, limits: LoadLimits = LoadLimits()) -> tuple[str, tuple[int, ...], bytes]:
    """(document text, page starts, raw bytes) of one file; ValueError with a user-facing reason if unreadable."""
    size = path.stat().st_size
    if size == 0:
        raise ValueError("empty file")
    if size > limits.max_bytes:
        raise ValueError(
            f"file of {size / 2**20:.1f} MB is larger than the limit of {limits.max_bytes / 2**20:g} MB "
            "(ASSISTANT_MAX_FILE_MB)"
        )
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        pdf = read_pdf(str(path), limits.pdf)
        return pdf.text, pdf.page_starts, raw
    if suffix == ".docx":
        return read_docx(str(path)), (), raw
    return decode(raw, path.name), (), raw


def document_text(path: Path | str, limits: LoadLimits = LoadLimits()) -> str:
    """The text that citation offsets index into: `document_text(file)[start:end] == quote`.

    `.txt`/`.md`: the file as UTF-8, a leading byte-order mark removed; `.html`: its extracted text; `.pdf`: the
    pages' texts joined by "\\n\\f\\n" (see `vectorstore.pdf_text`); `.docx`: paragraphs and table rows in
    reading order (see `vectorstore.docx_text`).
    """
    return read_text(Path(path), limits)[0]


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (what chunk ids are derived from)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_document(path: Path, source: str, limits: LoadLimits = LoadLimits()) -> Document:
    """Read one file; raise ValueError with a user-facing reason when it cannot be ingested."""
    text, page_starts, raw = read_text(path, limits)
    if not text.strip():
        raise ValueError("empty file")
    head = text[:3000]
    return Document(
        source=source,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=find_title(text),
        date=find_date(text),
        language=detect_language(head),
        byline=find_byline(text),
        page_starts=page_starts,
    )


def iter_corpus_files(corpus_dir: Path) -> list[tuple[Path, str]]:
    """Every regular file under the corpus folder (hidden files excluded), with its relative name."""
    files = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in rel.split("/")):
            files.append((path, rel))
    return files


def load_corpus(
    corpus_dir: Path, limits: LoadLimits = LoadLimits(), known: Callable[[str, str], bool] | None = None
) -> LoadResult:
    """Load every supported file; report unsupported, unreadable or over-limit ones as skipped.

    `known(source, sha256)` says whether the caller already has this content (then the file is only hashed,
    not parsed: re-reading an unchanged PDF is the slow part of a re-run).
    """
    result = LoadResult()
    for path, rel in iter_corpus_files(corpus_dir):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            result.skipped.append(SkippedFile(rel, f"unsupported file type {path.suffix or '(none)'}"))
            continue
        try:
            if known is not None and 0 < path.stat().st_size <= limits.max_bytes and known(rel, file_sha256(path)):
                result.known.append(rel)
                continue
            result.documents.append(load_document(path, rel, limits))
        except (ValueError, OSError) as exc:
            result.skipped.append(SkippedFile(rel, str(exc)))
    return result
