"""The documents of the corpus folder as the chat page manages them: add (upload), list, remove.

An upload is checked (type, size, readable by its loader) before it lands in the corpus folder under a sanitised
name, then the folder is ingested incrementally, so the CLI, the API and the index agree. A removed file is moved
out of the corpus folder to `<data_dir>/removed/` and its chunks are deleted.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer import Assistant
from assistant.deps import load_limits
from assistant.errors import translated
from vectorstore.ingest import IngestReport, ingest_lock
from vectorstore.isolated import check_isolated
from vectorstore.loaders import SUPPORTED_SUFFIXES, file_sha256, iter_corpus_files, load_document

MAX_NAME = 120
Progress = Callable[[float, str], None]


@dataclass
class Rejected:
    """An uploaded file that was not added, and why."""

    name: str
    reason: str


@dataclass
class AddReport:
    """What one upload did: files saved (under their corpus names), files rejected, the ingestion."""

    saved: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # original name -> corpus name, when they differ
    unchanged: list[str] = field(default_factory=list)  # already in the corpus with the same content
    rejected: list[Rejected] = field(default_factory=list)
    ingest: IngestReport | None = None

    def summary(self) -> str:
        """One line per outcome, for the page."""
        lines = [f"Added {n}" + (f" (renamed from {o})" if (o := self._original(n)) else "") for n in self.saved]
        lines += [f"{n}: already in the corpus, unchanged" for n in self.unchanged]
        lines += [f"Not added: {r.name}: {r.reason}" for r in self.rejected]
        if self.ingest is not None:
            lines.append(self.ingest.summary())
        return "\n".join(lines) or "No files."

    def _original(self, name: str) -> str | None:
        return next((o for o, n in self.renamed.items() if n == name), None)


@dataclass(frozen=True)
class DocumentRow:
    """One file of the corpus folder in the documents list."""

    source: str
    chunks: int
    state: str


def sanitize_name(name: str) -> str:
    """A safe file name: the last path part only, no leading dots, only letters, digits and ' ._-()'."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^\w .()-]+", "_", stem).strip(" ._") or "document"
    suffix = re.sub(r"[^\w]+", "", suffix).lower()
    stem = stem[: MAX_NAME - len(suffix) - 1]
    return f"{stem}.{suffix}" if suffix else stem


class Library:
    """Adds, lists and removes the documents of one assistant's corpus folder."""

    def __init__(self, bot: Assistant) -> None:
        self.bot = bot
        self.settings = bot.settings
        self._lock = threading.Lock()  # one upload or removal at a time in this process (ingest_lock: across them)
        self._pending: set[str] = set()

    @property
    def corpus_dir(self) -> Path:
        return self.settings.corpus_dir

    def allowed(self) -> tuple[str, ...]:
        """The file types an upload may have."""
        return SUPPORTED_SUFFIXES

    # -- add ------------------------------------------------------------------------------------------------
    def add(self, files: Iterable[tuple[Path, str]], progress: Progress | None = None) -> AddReport:
        """Check and copy (temporary path, original name) files into the corpus folder, then ingest.

        Bad files are rejected with a reason; the others are added; nothing already indexed is lost.
        """
        report = AddReport()
        files = list(files)
        with self._lock:
            for i, (src, original) in enumerate(files):
                if progress:
                    progress(i / max(len(files), 1) * 0.2, f"Checking {original}")
                self._add_one(Path(src), original, report)
            if not report.saved:
                return report
            self._pending |= set(report.saved)
            def embedded(done: int, total: int) -> None:
                if progress:
                    progress(0.2 + 0.8 * done / max(total, 1), f"Embedding chunks {done}/{total}")

            try:
                report.ingest = self.bot.ingest(progress=False, on_progress=embedded)
            finally:
                self._pending -= set(report.saved)
        return report

    def _add_one(self, src: Path, original: str, report: AddReport) -> None:
        name = sanitize_name(original)
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            report.rejected.append(Rejected(original, f"file type {suffix or '(none)'} is not supported "
                                                      f"(allowed: {', '.join(SUPPORTED_SUFFIXES)})"))
            return
        try:
            size = src.stat().st_size
        except OSError as exc:
            report.rejected.append(Rejected(original, f"cannot read the upload ({exc.strerror})"))
            return
        limits = load_limits(self.settings)
        if size == 0:
            report.rejected.append(Rejected(original, "empty file"))
            return
        if size > limits.max_bytes:
            report.rejected.append(Rejected(original, f"file of {size / 2**20:.1f} MB is larger than the limit of "
                                                      f"{self.settings.max_file_mb:g} MB (ASSISTANT_MAX_FILE_MB)"))
            return
        self.corpus_dir.mkdir(parents=True, exist_ok=True)
        # A hidden staging copy inside the corpus folder: ingestion ignores it, and the final rename is atomic.
        staging = self.corpus_dir / f".upload-{uuid.uuid4().hex}{suffix}"
        try:
            try:
                shutil.copyfile(src, staging)
            except OSError as exc:
                report.rejected.append(Rejected(original, f"cannot store the upload ({exc.strerror or exc})"))
                return
            try:
                # A PDF or Word file is first read in a child process with capped memory (decompression bombs),
                # then by the loader itself (a PDF that is one, has text, stays under the limits; UTF-8 text).
                reason = check_isolated(staging, limits.pdf, limits.max_memory_mb)
                if reason is None:
                    load_document(staging, name, limits)
            except (ValueError, OSError) as exc:
                reason = str(exc)
            if reason is not None:
                report.rejected.append(Rejected(original, reason))
                return
            try:
                target = self._place(staging, name, file_sha256(staging))
            except OSError as exc:
                report.rejected.append(Rejected(original, f"cannot store the upload ({exc.strerror or exc})"))
                return
            if target is None:
                report.unchanged.append(name)
                return
            report.saved.append(target)
            if target != original:
                report.renamed[original] = target
        finally:
            staging.unlink(missing_ok=True)

    def _place(self, staging: Path, name: str, digest: str) -> str | None:
        """Give the staged file its corpus name without ever replacing a file; None if the content is there."""
        for _ in range(5):
            target = self._free_name(name, digest)
            if target is None:
                return None
            try:
                os.link(staging, self.corpus_dir / target)  # refuses an existing name: no silent overwrite
                return target
            except FileExistsError:  # taken meanwhile (another process): look again
                continue
            except OSError:  # no hard links on this file system: exclusive create and copy
                try:
                    with open(self.corpus_dir / target, "xb") as out, open(staging, "rb") as src:
                        shutil.copyfileobj(src, out)
                    return target
                except FileExistsError:
                    continue
        raise OSError(f"could not find a free name for {name}")

    def _free_name(self, name: str, digest: str) -> str | None:
        """`name`, or `name (2)`… if a different file has it; None if the same content is already there."""
        stem, suffix = Path(name).stem, Path(name).suffix
        for n in range(1, 1000):
            candidate = name if n == 1 else f"{stem} ({n}){suffix}"
            path = self.corpus_dir / candidate
            if not path.exists():
                return candidate
            if path.is_file() and file_sha256(path) == digest:
                return None
        raise OSError(f"too many files named like {name}")

    # -- list -----------------------------------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        """Every file of the corpus folder with its chunk count and state."""
        with translated():
            counts = self.bot.components.index.source_counts()
        last = self.bot.last_ingest
        skipped = {s.source: s.reason for s in (last.skipped if last else [])}
        rows = []
        files = [rel for _, rel in iter_corpus_files(self.corpus_dir)] if self.corpus_dir.is_dir() else []
        for rel in files:
            if rel in self._pending:
                state = "ingesting…"
            elif rel in skipped:
                state = f"skipped: {skipped[rel]}"
            elif counts.get(rel):
                state = "indexed"
            else:
                state = "not indexed yet (run an ingestion)"
            rows.append(DocumentRow(rel, counts.get(rel, 0), state))
        return rows

    # -- remove ---------------------------------------------------------------------------------------------
    def remove(self, source: str) -> str:
        """Move `source` out of the corpus folder (to `<data_dir>/removed/`) and delete its chunks."""
        root = self.corpus_dir.resolve()
        try:
            path = (root / source).resolve()
            inside = root in path.parents and path.is_file()
        except (OSError, ValueError):
            inside = False
        if not source or not inside:
            return f"{source or '(none)'} is not a file of the corpus."
        removed = self.settings.data_dir / "removed"
        with self._lock, translated(), ingest_lock(self.settings.data_dir):
            removed.mkdir(parents=True, exist_ok=True)
            dest = removed / path.name
            if dest.exists():
                dest = removed / f"{path.stem}.{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}{path.suffix}"
            shutil.move(str(path), dest)
            deleted = self.bot.components.index.delete_source(source)
        return f"Removed {source}: {deleted} chunks deleted; the file was moved to {dest}."
