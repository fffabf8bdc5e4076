"""The same ingestion and retrieval against a real `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import pytest

from assistant.answer import Assistant
from assistant.deps import build_components, run_ingest
from assistant.errors import IndexUnavailableError
from tests.chroma_server import ChromaServer
from tests.conftest import CORPUS, free_port
from vectorstore.errors import IndexUnavailableError as StoreIndexUnavailableError

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path):
    srv = ChromaServer(tmp_path / "chroma-server", free_port()).start()
    yield srv
    srv.stop()


def test_ingest_and_answer_through_a_chroma_server(server, tmp_path, real_embedder):
    bot = Assistant(corpus_dir=CORPUS, data_dir=tmp_path / "data", chroma_url=server.url, llm="none",
                    embeddings=real_embedder)
    assert bot.last_ingest.chunks_written == bot.status()["chunks"] > 10
    assert not (tmp_path / "data" / "chroma").exists(), "the embedded store must not be used"
    again = bot.ingest(progress=False)
    assert not again.changed
    ans = bot.ask("Combien d'entreprises licornes sont nées à Zhongguancun ?")
    assert not ans.abstained and "90" in ans.answer
    for c in ans.citations:
        assert (CORPUS / c.source).read_text(encoding="utf-8")[c.start:c.end] == c.quote


def test_server_restart_keeps_the_data_and_a_stopped_server_is_a_clear_error(server, fake_settings):
    settings = fake_settings.model_copy(update={"chroma_url": server.url})
    comp = build_components(settings)
    first = run_ingest(comp, progress=False)
    server.stop()
    with pytest.raises(StoreIndexUnavailableError, match="not reachable"):
        comp.index.count()  # the storage layer's own error...
    with pytest.raises(IndexUnavailableError, match="not reachable"):
        run_ingest(comp, progress=False)  # ...reaches the application's callers as theirs
    server.start()
    comp = build_components(settings)
    assert comp.index.count() == first.chunks_total
    assert not run_ingest(comp, progress=False).changed


def test_processes_sharing_a_server_see_each_others_ingestions(server, fake_settings):
    """Two app processes on one machine (one data dir, one Chroma server): an ingestion by one is found by the
    other's lexical search at once, without a restart or a reload."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    from vectorstore.embeddings import HashEmbeddings

    settings = fake_settings.model_copy(update={"chroma_url": server.url})
    bot = Assistant(settings, embeddings=HashEmbeddings())
    question = "Combien de xylophones compte le parc de Tianjin ?"
    assert not any("xylophones" in c.text for c in bot.retriever.retrieve(question, 8))
    generation = bot.components.index.lexical.generation()
    (settings.corpus_dir / "parc.md").write_text("# Parc\n\nLe parc de Tianjin compte 42 xylophones géants.\n")
    script = ("import sys; from pathlib import Path; from assistant.answer import Assistant;"
              "Assistant(corpus_dir=Path(sys.argv[1]), data_dir=Path(sys.argv[2]), chroma_url=sys.argv[3],"
              " embedder='hash', llm='fake')")
    subprocess.run([sys.executable, "-c", script, str(settings.corpus_dir), str(settings.data_dir), server.url],
                   check=True, cwd=ROOT)
    assert bot.components.index.lexical.generation() > generation
    assert bot.retriever.lexical(question, 1)[0][0].startswith("parc.md#")
    assert any(h.source == "parc.md" for h in bot.retriever.retrieve(question, 8))
