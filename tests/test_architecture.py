"""The layers stay one-way, storage errors are translated at the boundary, and pieces are found by name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.deps import build_components, run_ingest
from assistant.errors import AssistantError, IndexUnavailableError, IngestError, translated
from assistant.settings import Settings
from assistant.ui.examples import load_examples
from vectorstore import errors as store_errors
from vectorstore.embeddings import HashEmbeddings

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(package: str) -> dict[str, set[str]]:
    """Every module each file of `package` imports (top level and inside functions)."""
    out: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        out[str(path.relative_to(ROOT))] = names
    return out


def test_storage_layer_never_imports_the_application():
    offenders = {f: sorted(m for m in mods if m.split(".")[0] in ("assistant", "evals", "bench"))
                 for f, mods in imported_modules("vectorstore").items()}
    assert {f: m for f, m in offenders.items() if m} == {}


def test_application_uses_only_public_names_of_the_storage_layer():
    for path in (ROOT / "assistant").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vectorstore"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.name} imports private {private} from {node.module}"


def test_storage_errors_reach_callers_as_assistant_errors():
    with pytest.raises(IndexUnavailableError, match="not reachable") as info:
        with translated():
            raise store_errors.IndexUnavailableError("The Chroma server is not reachable.")
    assert isinstance(info.value, AssistantError)
    with pytest.raises(IngestError, match="does not exist"):
        with translated():
            raise store_errors.IngestError("Corpus folder x does not exist.")


def test_missing_corpus_is_an_assistant_error(tmp_path):
    settings = Settings(corpus_dir=tmp_path / "nope", data_dir=tmp_path / "data", embedder="hash", llm="fake")
    with pytest.raises(IngestError, match="does not exist"):
        run_ingest(build_components(settings), progress=False)


def test_rebuild_keeps_the_retrievers_index_valid(fake_settings):
    bot = Assistant(fake_settings, embeddings=HashEmbeddings())
    index = bot.retriever.index
    before = index.count()
    report = bot.ingest(rebuild=True, progress=False)
    # The index object is reset in place: the retriever, the status and the pipeline all see the new chunks.
    assert bot.retriever.index is index is bot.components.index
    assert report.chunks_written == before == index.count()
    hits = bot.retriever.retrieve("entreprises licornes Zhongguancun", 3)
    assert hits and any("licornes" in h.text for h in hits)


def test_examples_come_from_the_corpus_data_file(fake_settings, tmp_path):
    assert load_examples(fake_settings)[0] == "How many unicorn companies were born in Zhongguancun?"
    other = tmp_path / "ex.yaml"
    other.write_text("- Which file holds the crontab?\n", encoding="utf-8")
    assert load_examples(Settings(**{**fake_settings.model_dump(), "examples_file": other})) == [
        "Which file holds the crontab?"
    ]
    none = Settings(**{**fake_settings.model_dump(), "corpus_dir": tmp_path})
    assert load_examples(none) == []
    other.write_text("{not: a list}\n", encoding="utf-8")
    with pytest.raises(AssistantError, match="YAML list"):
        load_examples(Settings(**{**fake_settings.model_dump(), "examples_file": other}))
