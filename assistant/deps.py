"""Builds every dependency from one Settings object; nothing else constructs clients."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import tiktoken

from assistant.errors import translated
from assistant.evidence import EvidenceSelector
from assistant.settings import Settings
from vectorstore.embeddings import NamedEmbeddings, make_embedder
from vectorstore.ingest import IngestReport, ingest, ingest_lock
from vectorstore.lexical_store import open_lexical_index
from vectorstore.loaders import LoadLimits
from vectorstore.pdf_text import PdfLimits
from vectorstore.store import ChunkIndex, collection_name, lexical_file, make_client
from vectorstore.tokens import get_encoding


@dataclass
class Components:
    """The parts ingestion and retrieval share."""

    settings: Settings
    embedder: NamedEmbeddings
    index: ChunkIndex

    @cached_property
    def encoding(self) -> tiktoken.Encoding:
        """The tokenizer chunking uses, loaded when a file needs chunking (0.75 s: not at every start)."""
        return get_encoding(self.settings.encoding, self.settings.tiktoken_dir)


def build_embedder(settings: Settings) -> NamedEmbeddings:
    """The embedder the settings name."""
    with translated():
        return make_embedder(
            settings.embedder,
            model=settings.embedding_model,
            base_url=settings.embedding_base_url or settings.openai_base_url,
            api_key=settings.openai_api_key,
            timeout=settings.llm_timeout,
            input_type=settings.embedding_input_type,
        )


def build_index(settings: Settings, embedder: NamedEmbeddings) -> ChunkIndex:
    """Open (or create) the collection for this embedder and its lexical index."""
    with translated():
        client = make_client(settings.chroma_url, settings.chroma_path)
        name = collection_name(settings.collection, embedder.name)
        lexical = open_lexical_index(settings.lexical_dir / lexical_file(name, settings.chroma_url))
        return ChunkIndex(client, name, lexical)


def build_components(settings: Settings, embedder: NamedEmbeddings | None = None) -> Components:
    """Embedder, index and (lazily) tokenizer for these settings."""
    embedder = embedder or build_embedder(settings)
    return Components(settings=settings, embedder=embedder, index=build_index(settings, embedder))


def load_limits(settings: Settings) -> LoadLimits:
    """What one file may cost to read, from the settings."""
    return LoadLimits(
        max_bytes=int(settings.max_file_mb * 1024 * 1024),
        pdf=PdfLimits(max_pages=settings.max_pdf_pages, max_seconds=settings.max_file_seconds),
        max_memory_mb=settings.max_file_memory_mb,
    )


def run_ingest(
    components: Components,
    *,
    rebuild: bool = False,
    progress: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Ingest the corpus folder into the index (from scratch with `rebuild`), each chunk stored with its evidence
    units' vectors when `unit_vectors` is on."""
    s = components.settings
    with translated(), ingest_lock(s.data_dir):
        if rebuild:
            components.index.reset()
        return ingest(
            s.corpus_dir,
            components.index,
            components.embedder,
            lambda: components.encoding,
            chunk_tokens=s.chunk_tokens,
            chunk_overlap=s.chunk_overlap,
            encoding_name=s.encoding,
            progress=progress,
            limits=load_limits(s),
            on_progress=on_progress,
            annotate=EvidenceSelector(components.embedder).unit_vectors if s.unit_vectors else None,
        )


def repair_index(components: Components) -> int:
    """Bring the lexical index in line with Chroma (after a crash between the two writes); the chunks fixed.

    Skipped while another process ingests: that ingestion repairs it first (`run_ingest`)."""
    with translated(), ingest_lock(components.settings.data_dir, wait=False) as held:
        return components.index.reconcile() if held else 0
