"""Ingestion is incremental, idempotent, survives bad files and repairs an interrupted run."""

from __future__ import annotations

import pytest

from assistant.deps import build_components, run_ingest
from assistant.errors import IngestError
from vectorstore.embeddings import HashEmbeddings
from vectorstore.ingest import build_chunks, fingerprint
from vectorstore.loaders import load_corpus


def expected_ids(settings) -> set[str]:
    from vectorstore.tokens import get_encoding

    enc = get_encoding(settings.encoding, settings.tiktoken_dir)
    fp = fingerprint(settings.encoding, settings.chunk_tokens, settings.chunk_overlap)
    return {
        c.id
        for d in load_corpus(settings.corpus_dir).documents
        for c in build_chunks(d, enc, settings.chunk_tokens, settings.chunk_overlap, fp)
    }


def stored_ids(components) -> set[str]:
    return {i for i, _ in components.index.iter_metadata()}


def test_first_run_then_nothing_changes(fake_settings):
    comp = build_components(fake_settings)
    first = run_ingest(comp, progress=False)
    assert len(first.added) == 5 and first.chunks_written == first.chunks_total > 5
    second = run_ingest(comp, progress=False)
    assert second.unchanged and not second.changed
    assert second.chunks_written == 0 and second.chunks_total == first.chunks_total
    assert stored_ids(comp) == expected_ids(fake_settings)


def test_stored_chunks_keep_exact_spans_and_metadata(fake_settings):
    comp = build_components(fake_settings)
    run_ingest(comp, progress=False)
    for chunk in comp.index.all_chunks():
        text = (fake_settings.corpus_dir / chunk.source).read_text(encoding="utf-8")
        assert text[chunk.start:chunk.end] == chunk.text
        assert chunk.metadata["language"] in ("fr", "de")
        assert chunk.metadata["title"]


def test_add_change_delete(fake_settings):
    comp = build_components(fake_settings)
    run_ingest(comp, progress=False)
    corpus = fake_settings.corpus_dir
    (corpus / "new.md").write_text("# Nouveau\n\nTianjin a ouvert un nouveau parc. Il compte 12 entreprises.\n")
    changed = corpus / "001_8caf9aabd0e974c3.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nUne phrase ajoutée à la fin.\n", encoding="utf-8")
    (corpus / "003_407135a6eafe66ad.txt").unlink()

    report = run_ingest(comp, progress=False)
    assert report.added == ["new.md"]
    assert report.updated == ["001_8caf9aabd0e974c3.txt"]
    assert report.deleted == ["003_407135a6eafe66ad.txt"]
    assert stored_ids(comp) == expected_ids(fake_settings)
    sources = {m["source"] for _, m in comp.index.iter_metadata()}
    assert "003_407135a6eafe66ad.txt" not in sources and "new.md" in sources
    assert any("Une phrase ajoutée" in c.text for c in comp.index.all_chunks())


def test_bad_files_are_reported_and_the_rest_is_ingested(fake_settings):
    corpus = fake_settings.corpus_dir
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\xff\x00")
    (corpus / "latin1.txt").write_bytes("Café".encode("latin-1"))
    comp = build_components(fake_settings)
    report = run_ingest(comp, progress=False)
    assert {s.source for s in report.skipped} == {"empty.txt", "binary.txt", "latin1.txt"}
    assert len(report.added) == 5


def test_a_file_that_turns_unreadable_keeps_its_previous_chunks(fake_settings):
    comp = build_components(fake_settings)
    run_ingest(comp, progress=False)
    before = stored_ids(comp)
    (fake_settings.corpus_dir / "000_cc7903dd0bebecee.txt").write_bytes(b"\x00corrupt")
    report = run_ingest(comp, progress=False)
    assert [s.source for s in report.skipped] == ["000_cc7903dd0bebecee.txt"]
    assert stored_ids(comp) == before  # nothing lost until the file is fixed or deleted


class FailingEmbeddings(HashEmbeddings):
    """Dies after a number of batches, as a killed process would."""

    def __init__(self, batches: int) -> None:
        super().__init__()
        self.left = batches

    def embed_documents(self, texts):
        if self.left == 0:
            raise KeyboardInterrupt("killed")
        self.left -= 1
        return super().embed_documents(texts)


def test_interrupted_ingestion_is_repaired_without_duplicates(fake_settings):
    comp = build_components(fake_settings, FailingEmbeddings(batches=2))  # one batch: its chunks, then its units
    with pytest.raises(KeyboardInterrupt):
        run_ingest(comp, progress=False)
    partial = stored_ids(comp)
    assert 0 < len(partial) < len(expected_ids(fake_settings))

    comp = build_components(fake_settings)  # a new process, the real embedder name is the same
    report = run_ingest(comp, progress=False)
    assert stored_ids(comp) == expected_ids(fake_settings)
    assert report.chunks_written == len(expected_ids(fake_settings)) - len(partial)  # no re-embedding
    assert comp.index.count() == len(expected_ids(fake_settings))


def test_interrupted_update_keeps_the_old_version_until_the_new_one_is_written(fake_settings):
    comp = build_components(fake_settings)
    run_ingest(comp, progress=False)
    f = fake_settings.corpus_dir / "000_cc7903dd0bebecee.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("Zhongguancun", "ZGC"), encoding="utf-8")
    broken = build_components(fake_settings, FailingEmbeddings(batches=0))
    with pytest.raises(KeyboardInterrupt):
        run_ingest(broken, progress=False)
    assert any(m["source"] == f.name for _, m in comp.index.iter_metadata())
    run_ingest(build_components(fake_settings), progress=False)
    assert stored_ids(comp) == expected_ids(fake_settings)


def test_rebuild_and_changed_chunk_settings(fake_settings):
    comp = build_components(fake_settings)
    first = run_ingest(comp, progress=False)
    rebuilt = run_ingest(comp, rebuild=True, progress=False)
    assert rebuilt.chunks_written == first.chunks_total
    smaller = fake_settings.model_copy(update={"chunk_tokens": 60, "chunk_overlap": 10})
    comp2 = build_components(smaller)
    report = run_ingest(comp2, progress=False)
    assert len(report.updated) == 5
    assert stored_ids(comp2) == expected_ids(smaller)


def test_missing_corpus_folder_is_a_clear_error(fake_settings, tmp_path):
    settings = fake_settings.model_copy(update={"corpus_dir": tmp_path / "nope"})
    with pytest.raises(IngestError, match="does not exist"):
        run_ingest(build_components(settings), progress=False)
