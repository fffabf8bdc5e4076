"""Read an untrusted PDF or Word file in a child process, under a memory cap and a time limit.

A small file can inflate to gigabytes (a compressed content stream, a zip bomb): in the child, running out of
its address-space cap ends the child, not the application. Run as `python -m vectorstore.isolated`.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

from vectorstore.docx_text import read_docx
from vectorstore.pdf_text import PdfLimits, is_pdf, read_pdf

ISOLATED_SUFFIXES = (".pdf", ".docx")


def check_isolated(path: Path, pdf_limits: PdfLimits, max_memory_mb: int) -> str | None:
    """None if the file reads within the limits; else the reason it cannot be ingested."""
    suffix = path.suffix.lower()
    if suffix not in ISOLATED_SUFFIXES:
        return None
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if (suffix == ".pdf" and not is_pdf(head)) or (suffix == ".docx" and not zipfile.is_zipfile(path)):
        return None  # not even the right kind of file: the loader says so without a child process
    cmd = [sys.executable, "-m", "vectorstore.isolated", str(path), str(max_memory_mb), str(pdf_limits.max_pages),
           str(pdf_limits.max_seconds)]
    budget = pdf_limits.max_seconds + 30  # the child's own check runs between pages; this one ends it regardless
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=budget)
    except subprocess.TimeoutExpired:
        return f"reading the file took more than {budget:g} s"
    if out.returncode != 0:
        return (f"reading the file needed more than {max_memory_mb} MB of memory or stopped the reader "
                "(a decompression bomb?) (ASSISTANT_MAX_FILE_MEMORY_MB)")
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])["reason"]
    except (ValueError, IndexError, KeyError, TypeError):
        return "the file could not be read"


def _child(path: str, max_memory_mb: int, max_pages: int, max_seconds: float) -> str | None:
    cap = max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        if path.lower().endswith(".pdf"):
            read_pdf(path, PdfLimits(max_pages=max_pages, max_seconds=max_seconds))
        else:
            read_docx(path)
    except ValueError as exc:
        return str(exc)
    return None


if __name__ == "__main__":
    reason = _child(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
    print(json.dumps({"reason": reason}))
