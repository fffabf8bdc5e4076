"""Adding documents from the chat page: checked uploads, safe names, incremental ingestion, removal, bad input."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.answer import Assistant
from assistant.library import Library, sanitize_name
from assistant.models import Answer
from assistant.ui.documents import DocumentsPanel
from tests.docgen import blank_pdf, encrypted_pdf, write_docx
from vectorstore.embeddings import HashEmbeddings


def _bot(tmp_path: Path, corpus: Path, **kw) -> Assistant:
    return Assistant(corpus_dir=corpus, data_dir=tmp_path / "data", embedder="hash", llm="none", **kw)


def _chunk_ids(bot: Assistant) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for cid, meta in bot.components.index.iter_metadata():
        out.setdefault(str(meta["source"]), set()).add(cid)
    return out


def _uploads(tmp_path: Path, files: dict[str, bytes]) -> list[tuple[Path, str]]:
    """Files as Gradio hands them over: a temporary path, and the name the user's file had."""
    out = []
    for i, (name, data) in enumerate(files.items()):
        tmp = tmp_path / "uploads" / str(i) / (Path(name.replace("\\", "/")).name or "noname")
        tmp.parent.mkdir(parents=True)
        tmp.write_bytes(data)
        out.append((tmp, name))
    return out


@pytest.mark.parametrize(("name", "safe"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\Windows\\report.DOCX", "report.docx"),
    (".hidden.txt", "hidden.txt"),
    ("dir/Bericht <final>: v2.pdf", "Bericht _final_ v2.pdf"),
    ("rapport d'été (2025).pdf", "rapport d_été (2025).pdf"),
    ("\x00evil.txt", "evil.txt"),
    ("..", "document"),
    ("", "document"),
    ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
])
def test_names_are_sanitised(name, safe):
    assert sanitize_name(name) == safe


def test_upload_adds_good_files_rejects_bad_ones_and_loses_nothing(tmp_path, corpus_copy, written_pdfs):
    bot = _bot(tmp_path, corpus_copy, max_file_mb=0.1)
    before = _chunk_ids(bot)
    docx_path = write_docx(tmp_path / "note.docx", ["Le port de Qingdao a reçu 4 nouvelles grues.",
                                                    [["Ville", "Grues"], ["Qingdao", "4"]]])
    report_pdf = written_pdfs["report.pdf"].read_bytes()
    files = {
        "../../report.pdf": report_pdf,
        "note.docx": docx_path.read_bytes(),
        "zero.pdf": b"",
        "fake.pdf": b"Just text pretending to be a PDF.",
        "locked.pdf": encrypted_pdf(),
        "blank.pdf": blank_pdf(),
        "old.docx": b"\xd0\xcf\x11\xe0 an OLE2 .doc renamed",
        "picture.png": b"\x89PNG\r\n",
        "big.txt": b"mot " * 40_000,
        "latin1.txt": "Café à Pékin".encode("latin-1"),
    }
    progress: list[tuple[float, str]] = []
    report = Library(bot).add(_uploads(tmp_path, files), lambda f, d: progress.append((f, d)))

    assert sorted(report.saved) == ["note.docx", "report.pdf"]
    assert report.renamed == {"../../report.pdf": "report.pdf"}
    reasons = {r.name: r.reason for r in report.rejected}
    assert set(reasons) == set(files) - {"../../report.pdf", "note.docx"}
    assert reasons["zero.pdf"] == "empty file"
    assert "not a PDF" in reasons["fake.pdf"] and "encrypted" in reasons["locked.pdf"]
    assert "no text layer" in reasons["blank.pdf"] and "not a zip" in reasons["old.docx"]
    assert "not supported" in reasons["picture.png"] and "larger than the limit of 0.1 MB" in reasons["big.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    summary = report.summary()
    assert "Added report.pdf (renamed from ../../report.pdf)" in summary and "Not added: fake.pdf: not a PDF" in summary

    # Only the good files landed in the corpus folder (no staging copies left); nothing escaped it.
    new = sorted(p.name for p in corpus_copy.iterdir() if p.suffix not in (".txt", ".yaml"))
    assert new == ["note.docx", "report.pdf"]
    assert not list(corpus_copy.glob(".upload-*")) and not (tmp_path / "report.pdf").exists()
    assert (corpus_copy / "report.pdf").read_bytes() == report_pdf
    after = _chunk_ids(bot)
    assert {s: after[s] for s in before} == before  # the files already indexed kept every chunk
    assert after["report.pdf"] and after["note.docx"]
    assert report.ingest is not None and sorted(report.ingest.added) == ["note.docx", "report.pdf"]
    assert progress and progress[-1][0] == pytest.approx(1.0) and "Embedding" in progress[-1][1]

    rows = {r.source: r for r in Library(bot).documents()}
    assert rows["report.pdf"].state == "indexed" and rows["report.pdf"].chunks == len(after["report.pdf"])
    assert len(rows) == 7


def test_same_name_different_content_gets_a_suffix_same_content_is_unchanged(tmp_path, corpus_copy):
    bot = _bot(tmp_path, corpus_copy)
    lib = Library(bot)
    name = "000_cc7903dd0bebecee.txt"
    original = (corpus_copy / name).read_bytes()
    report = lib.add(_uploads(tmp_path / "a", {name: original}))
    assert report.unchanged == [name] and not report.saved and report.ingest is None
    report = lib.add(_uploads(tmp_path / "b", {name: b"Autre texte sur Tianjin."}))
    assert report.saved == ["000_cc7903dd0bebecee (2).txt"]
    assert (corpus_copy / name).read_bytes() == original  # never overwritten
    assert _chunk_ids(bot)["000_cc7903dd0bebecee (2).txt"]


def test_removing_a_file_moves_it_out_and_deletes_its_chunks(tmp_path, corpus_copy):
    bot = _bot(tmp_path, corpus_copy)
    lib = Library(bot)
    source = "003_407135a6eafe66ad.txt"
    text = (corpus_copy / source).read_text(encoding="utf-8")
    assert any(c.source == source for c in bot.retriever.retrieve("stations de base 5G Beijing", 8))
    n = len(_chunk_ids(bot)[source])
    msg = DocumentsPanel(lib).remove(source)
    assert f"Removed {source}: {n} chunks deleted" in msg
    assert source not in _chunk_ids(bot) and not (corpus_copy / source).exists()
    assert (tmp_path / "data" / "removed" / source).read_text(encoding="utf-8") == text
    assert all(c.source != source for c in bot.retriever.retrieve("stations de base 5G Beijing", 8))
    assert source not in [r.source for r in lib.documents()]
    assert bot.ingest(progress=False).chunks_written == 0  # the folder and the index agree
    for bad in ("../pyproject.toml", "/etc/passwd", "missing.txt", ""):
        assert "not a file of the corpus" in lib.remove(bad)


class _SlowEmbeddings(HashEmbeddings):
    """Hash vectors that hold the ingestion (in its worker thread) until released, to ask questions meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.started, self.release = threading.Event(), threading.Event()

    def embed_documents(self, texts):
        if threading.current_thread() is not threading.main_thread():  # the question's own embeddings pass
            self.started.set()
            assert self.release.wait(30)
        return super().embed_documents(texts)


def test_questions_during_an_ingestion_are_answered_from_the_index_as_it_stands(tmp_path, corpus_copy):
    embedder = _SlowEmbeddings()
    bot = Assistant(corpus_dir=corpus_copy, data_dir=tmp_path / "data", embeddings=embedder, llm="none")
    lib = Library(bot)
    upload = _uploads(tmp_path, {"neu.txt": "Tianjin hat 12 Testfelder für autonome Schiffe eingerichtet.".encode()})
    worker = threading.Thread(target=lib.add, args=(upload,))
    worker.start()
    try:
        assert embedder.started.wait(30)
        assert [r.state for r in lib.documents() if r.source == "neu.txt"] == ["ingesting…"]
        question = "Combien de stations de base 5G Beijing compte-t-elle ?"
        ans = bot.ask(question)  # no error while the index is being written
        assert isinstance(ans, Answer) and ans.question == question
        found = bot.retriever.retrieve(question, 8)
        assert any(c.source == "003_407135a6eafe66ad.txt" and "153" in c.text for c in found)
        assert all(c.source != "neu.txt" for c in found)
    finally:
        embedder.release.set()
        worker.join(30)
    assert "neu.txt" in _chunk_ids(bot)


MUTATIONS = st.one_of(
    st.binary(max_size=3000),
    st.builds(lambda n: b"%PDF-1.7\n" + bytes(n), st.integers(0, 2000)),
    st.builds(lambda data: b"PK\x03\x04" + data, st.binary(max_size=500)),
)


@pytest.fixture(scope="module")
def fuzz_bot(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("upload-fuzz")
    from tests.conftest import CORPUS

    shutil.copytree(CORPUS, tmp / "corpus")
    return _bot(tmp, tmp / "corpus")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=MUTATIONS, suffix=st.sampled_from([".pdf", ".docx", ".txt", ".html", ".md", ".exe", ""]),
       cut=st.integers(0, 40_000), which=st.sampled_from(["report.pdf", "note.docx"]))
def test_fuzz_malformed_uploads_are_reported_and_lose_nothing(fuzz_bot, written_pdfs, tmp_path_factory, data,
                                                            suffix, cut, which):
    tmp = tmp_path_factory.mktemp("fz")
    if which == "report.pdf":
        real = written_pdfs["report.pdf"].read_bytes()
    else:
        real = write_docx(tmp / "n.docx", ["Un paragraphe.", [["a", "b"], ["1", "2"]]]).read_bytes()
    truncated = real[:cut]
    flipped = bytearray(real)
    flipped[cut % len(real)] ^= 0xFF
    lib = Library(fuzz_bot)
    before = _chunk_ids(fuzz_bot)
    files = {f"random{suffix}": data, f"cut-{which}": truncated, f"flip-{which}": bytes(flipped)}
    panel_message = DocumentsPanel(lib).upload([p for p, _ in _uploads(tmp, files)])
    assert "failed" not in panel_message and "stopped" not in panel_message
    for name in files:
        assert name in panel_message  # each file is accounted for: added, unchanged or "Not added: reason"
    after = _chunk_ids(fuzz_bot)
    assert all(after.get(s) == ids for s, ids in before.items())
    # Whatever was saved is a readable document with chunks; the rest never reached the corpus folder.
    for row in lib.documents():
        assert row.state == "indexed" and row.chunks > 0


@pytest.fixture(scope="module")
def http(fuzz_bot):
    from fastapi.testclient import TestClient

    from assistant.ui.server import build_app

    return TestClient(build_app(fuzz_bot))


def test_documents_over_http_upload_list_and_remove(http, fuzz_bot, written_pdfs):
    before = _chunk_ids(fuzz_bot)
    files = [("files", ("../../../tmp/evil.pdf", written_pdfs["report.pdf"].read_bytes(), "application/pdf")),
             ("files", ("scan.pdf", written_pdfs["scan.pdf"].read_bytes(), "application/pdf")),
             ("files", ("notes.exe", b"MZ", "application/octet-stream"))]
    r = http.post("/api/documents", files=files)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == ["evil.pdf"] and body["renamed"] == {"../../../tmp/evil.pdf": "evil.pdf"}
    assert {x["name"]: x["reason"][:16] for x in body["rejected"]} == {"scan.pdf": "no text layer (a",
                                                                       "notes.exe": "file type .exe i"}
    listed = {d["source"]: d for d in http.get("/api/documents").json()}
    assert listed["evil.pdf"]["state"] == "indexed" and listed["evil.pdf"]["chunks"] > 0
    assert all(_chunk_ids(fuzz_bot)[s] == ids for s, ids in before.items())
    assert http.delete("/api/documents", params={"source": "../README.md"}).status_code == 404
    r = http.delete("/api/documents", params={"source": "evil.pdf"})
    assert r.status_code == 200 and "Removed evil.pdf" in r.json()["message"]
    assert "evil.pdf" not in _chunk_ids(fuzz_bot)
    assert "evil.pdf" not in {d["source"] for d in http.get("/api/documents").json()}
    # A part without a file name is not a file: FastAPI says so (422), nothing is added.
    r = http.post("/api/documents", files=[("files", ("", b"data", "application/octet-stream"))])
    assert r.status_code == 422 and "Expected UploadFile" in r.text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60), data=MUTATIONS)
def test_fuzz_the_upload_endpoint(http, fuzz_bot, name, data):
    before = _chunk_ids(fuzz_bot)
    r = http.post("/api/documents", files=[("files", (name, data, "application/octet-stream"))])
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["added"]) + len(body["unchanged"]) + len(body["rejected"]) == 1  # accounted for
    assert all(x["reason"] for x in body["rejected"])
    after = _chunk_ids(fuzz_bot)
    assert all(after.get(s) == ids for s, ids in before.items())
    corpus = fuzz_bot.settings.corpus_dir.resolve()
    assert all(corpus in p.resolve().parents for p in corpus.rglob("*"))


def test_a_decompression_bomb_is_stopped_in_a_child_process(tmp_path, corpus_copy):
    from tests.docgen import deflate_bomb_pdf

    bomb = deflate_bomb_pdf(300)  # 300 KB on disk, 300 MB of content stream once inflated
    assert len(bomb) < 400_000
    bot = _bot(tmp_path, corpus_copy, max_file_memory_mb=256)
    before = _chunk_ids(bot)
    report = Library(bot).add(_uploads(tmp_path, {"bomb.pdf": bomb, "ok.txt": b"Un texte sur Tianjin."}))
    assert report.saved == ["ok.txt"]
    (rejected,) = report.rejected
    assert rejected.name == "bomb.pdf" and "more than 256 MB of memory" in rejected.reason
    assert not (corpus_copy / "bomb.pdf").exists()
    assert all(_chunk_ids(bot)[s] == ids for s, ids in before.items())
