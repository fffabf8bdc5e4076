"""The persisted lexical index: the in-memory BM25's ranking, incremental writes, persistence, several
connections and processes, and repair after a crash between the Chroma write and its mirror."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from assistant.answer import Assistant
from assistant.deps import build_components, run_ingest
from evals.schema import load_gold
from tests.conftest import CORPUS, ROOT
from vectorstore.embeddings import HashEmbeddings
from vectorstore.language import detect_language
from vectorstore.lexical import BM25
from vectorstore.lexical_store import SqliteLexicalStore, open_lexical_index
from vectorstore.stemming import doc_terms, query_terms
from vectorstore.store import ChunkIndex, StoredChunk, lexical_file


def paragraph_chunks() -> list[StoredChunk]:
    """Every paragraph of the shipped corpus as a chunk (French and German)."""
    out = []
    for f in sorted(CORPUS.glob("*.txt")):
        lang = detect_language(f.read_text(encoding="utf-8"))
        for n, line in enumerate(p for p in f.read_text(encoding="utf-8").splitlines() if len(p.split()) > 3):
            out.append(StoredChunk(f"{f.name}#{n}", line, {"source": f.name, "language": lang}))
    return out


def reference(chunks: list[StoredChunk]) -> BM25:
    return BM25([doc_terms(c.text, c.metadata["language"]) for c in chunks], [c.id for c in chunks])


QUESTIONS = [q.question for q in load_gold().questions]


def assert_same_ranking(store: SqliteLexicalStore, ref: BM25, k: int = 24) -> None:
    for q in QUESTIONS:
        terms = query_terms(q)
        got, want = store.search(terms, k), ref.search(terms, k)
        assert [i for i, _ in got] == [i for i, _ in want], q
        assert all(math.isclose(a, b, rel_tol=1e-12) for (_, a), (_, b) in zip(got, want, strict=True)), q
        for variants in terms:
            assert store.term_idf(variants) == pytest.approx(ref.term_idf(variants), rel=1e-12)
            assert all(store.has_term_or_prefix(v) == ref.has_term_or_prefix(v) for v in variants)


def test_ranking_is_the_in_memory_bm25s(tmp_path):
    chunks = paragraph_chunks()
    store = open_lexical_index(tmp_path / "lex.sqlite3")
    for i in range(0, len(chunks), 7):  # written batch by batch, as ingestion does
        store.add(chunks[i:i + 7])
    assert store.count() == len(chunks)
    assert_same_ranking(store, reference(chunks))
    assert store.search(query_terms("licornes Zhongguancun"), 3)[0][1] > 0
    assert store.search(query_terms("xylophone"), 3) == []


def test_incremental_add_and_remove_match_a_rebuild(tmp_path):
    chunks = paragraph_chunks()
    store = open_lexical_index(tmp_path / "lex.sqlite3")
    first, second = chunks[: len(chunks) // 2], chunks[len(chunks) // 2:]
    assert store.add(first) == len(first)
    assert store.add(first[:5]) == 0  # already there: ids name one text
    store.add(second)
    removed = {c.id for c in chunks[::3]}
    assert store.delete(sorted(removed) + ["not-an-id"]) == len(removed)
    kept = [c for c in chunks if c.id not in removed]
    assert store.count() == len(kept) and store.ids() == [c.id for c in kept]
    assert_same_ranking(store, reference(kept))
    # A term whose every chunk is gone is gone from the vocabulary too.
    store.delete([c.id for c in kept if "licorne" in c.text.lower()])
    assert store.term_idf(query_terms("licornes")[0]) == 0.0
    assert store.add(first) == len([c for c in first if c.id in removed or "licorne" in c.text.lower()])


def test_segments_stay_few_as_small_writes_pile_up(tmp_path):
    store = open_lexical_index(tmp_path / "lex.sqlite3")
    for i in range(300):
        store.add([StoredChunk(f"c{i}", f"pékin innovation numéro{i}", {"source": "s", "language": "fr"})])
    con = store._read_con
    most = con.execute("SELECT max(c) FROM (SELECT count(*) AS c FROM segments GROUP BY term)").fetchone()[0]
    assert most <= math.log2(300) + 1  # 300 one-posting segments of "pekin" merged logarithmically
    assert store.term_idf(query_terms("Pékin")[0]) > 0
    assert len(store.search(query_terms("Pékin"), 500)) == 300


def test_the_index_persists_across_reopening(tmp_path):
    chunks = paragraph_chunks()
    store = open_lexical_index(tmp_path / "lex.sqlite3")
    store.add(chunks)
    q = query_terms("Combien de licornes à Zhongguancun ?")
    before, generation = store.search(q, 8), store.generation()
    store.close()
    again = open_lexical_index(tmp_path / "lex.sqlite3")
    assert again.search(q, 8) == before and again.generation() == generation and again.count() == len(chunks)


def test_two_connections_and_another_process_see_each_others_writes(tmp_path):
    chunks = paragraph_chunks()
    path = tmp_path / "lex.sqlite3"
    writer, reader = open_lexical_index(path), open_lexical_index(path)
    writer.add(chunks[:10])
    q = query_terms("Zhongguancun licornes")
    assert reader.count() == 10 and reader.search(q, 24) == writer.search(q, 24)
    generation = reader.generation()
    script = ("import sys; from pathlib import Path; from vectorstore.lexical_store import open_lexical_index;"
              "from vectorstore.store import StoredChunk;"
              "open_lexical_index(Path(sys.argv[1])).add([StoredChunk('other', 'Un xylophone à Tianjin',"
              " {'source': 'o.txt', 'language': 'fr'})])")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, cwd=ROOT)
    assert reader.generation() > generation and reader.count() == 11
    assert [i for i, _ in reader.search(query_terms("xylophone"), 3)] == ["other"]
    writer.delete(["other"])
    assert reader.search(query_terms("xylophone"), 3) == [] and reader.source_counts().get("o.txt") is None


def test_an_unreadable_file_is_a_clear_storage_error(tmp_path):
    from vectorstore.errors import IndexUnavailableError

    bad = tmp_path / "lex.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(IndexUnavailableError, match="lexical index"):
        open_lexical_index(bad)


class LexicalCrash(SqliteLexicalStore):
    """Dies on its next write, as a process killed between the Chroma write and its mirror would."""

    armed = False

    def add(self, chunks):
        if self.armed:
            raise KeyboardInterrupt("killed")
        return super().add(chunks)

    def delete(self, ids):
        if self.armed:
            raise KeyboardInterrupt("killed")
        return super().delete(ids)


def crashing_components(settings):
    comp = build_components(settings)
    path = comp.index.lexical.path
    comp.index.lexical.close()
    comp.index = ChunkIndex(comp.index.client, comp.index.name, LexicalCrash(path))
    return comp


def lexical_matches_chroma(comp) -> bool:
    return comp.index.lexical.ids() == list(comp.index.ids())


def test_a_crash_after_the_chroma_write_is_repaired_at_the_next_start(fake_settings):
    comp = crashing_components(fake_settings)
    run_ingest(comp, progress=False)
    (fake_settings.corpus_dir / "new.md").write_text("# Nouveau\n\nTianjin a ouvert un parc de xylophones.\n")
    comp.index.lexical.armed = True
    with pytest.raises(KeyboardInterrupt):
        run_ingest(comp, progress=False)
    assert comp.index.count() == comp.index.lexical.count() + 1  # in Chroma, not in the lexical index
    report = run_ingest(build_components(fake_settings), progress=False)  # the next process
    assert report.lexical_repaired == 1 and not report.changed
    fresh = build_components(fake_settings)
    assert lexical_matches_chroma(fresh)
    assert fresh.index.lexical.search(query_terms("xylophones"), 3)[0][0].startswith("new.md#")


def test_a_crash_after_a_chroma_delete_is_repaired_without_an_ingestion(fake_settings):
    comp = crashing_components(fake_settings)
    run_ingest(comp, progress=False)
    comp.index.lexical.armed = True
    with pytest.raises(KeyboardInterrupt):
        comp.index.delete_source("000_cc7903dd0bebecee.txt")
    assert comp.index.lexical.count() > comp.index.count()
    bot = Assistant(fake_settings, embeddings=HashEmbeddings(), auto_ingest=False)
    assert lexical_matches_chroma(bot.components)
    assert "000_cc7903dd0bebecee.txt" not in bot.components.index.lexical.source_counts()


def test_an_existing_chroma_index_gets_its_lexical_index_once(fake_settings):
    comp = build_components(fake_settings)
    first = run_ingest(comp, progress=False)
    comp.index.lexical.close()
    for f in fake_settings.lexical_dir.glob("*"):
        f.unlink()  # as after an upgrade from the in-memory BM25: Chroma holds chunks, no lexical file yet
    again = run_ingest(build_components(fake_settings), progress=False)
    assert again.lexical_repaired == first.chunks_total and again.chunks_written == 0
    assert run_ingest(build_components(fake_settings), progress=False).lexical_repaired == 0


def test_start_up_status_documents_and_retrieval_never_read_every_chunk(fake_settings, monkeypatch):
    from assistant.library import Library

    Assistant(fake_settings, embeddings=HashEmbeddings())  # the first start builds the index

    def full_scan(self):
        raise AssertionError("read every chunk")

    monkeypatch.setattr(ChunkIndex, "all_chunks", full_scan)
    monkeypatch.setattr(ChunkIndex, "iter_metadata", full_scan)
    bot = Assistant(fake_settings, embeddings=HashEmbeddings())  # a later start: unchanged files are skipped
    assert bot.last_ingest.unchanged and not bot.last_ingest.changed
    assert bot.status()["files"] == 5
    assert all(row.chunks for row in Library(bot).documents())
    hits = bot.retriever.retrieve("Combien d'entreprises licornes à Zhongguancun ?", 8)
    assert any("licornes" in h.text for h in hits) and any(h.lexical for h in hits)
    bot.ask("Combien d'entreprises licornes à Zhongguancun ?")  # the whole pipeline, with no full scan either


def test_the_lexical_file_is_one_per_collection_and_chroma_store(fake_settings):
    comp = build_components(fake_settings)
    assert comp.index.lexical.path == fake_settings.lexical_dir / f"{comp.index.name}.sqlite3"
    assert lexical_file("corpus-x", "http://10.0.0.5:8000") == "corpus-x@10.0.0.5-8000.sqlite3"
    assert lexical_file("corpus-x", None) != lexical_file("corpus-x", "http://10.0.0.5:8000")



def test_an_ingestion_by_one_assistant_is_searched_by_another_at_once(fake_settings):
    reader = Assistant(fake_settings, embeddings=HashEmbeddings())
    writer = Assistant(fake_settings, embeddings=HashEmbeddings())
    (fake_settings.corpus_dir / "parc.md").write_text("# Parc\n\nLe parc de Tianjin compte 42 xylophones.\n")
    writer.ingest(progress=False)
    question = "Combien de xylophones à Tianjin ?"
    assert reader.retriever.lexical(question, 1)[0][0].startswith("parc.md#")
    assert reader.status()["files"] == 6
