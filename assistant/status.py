"""The corpus and index state, for status lines and `assistant status`."""

from __future__ import annotations

from typing import Any

from assistant.deps import Components
from vectorstore.ingest import IngestReport


def index_status(components: Components, model_name: str, last_ingest: IngestReport | None) -> dict[str, Any]:
    """Files, chunks, where the index lives, the models in use and the files skipped by the last ingestion."""
    s, index = components.settings, components.index
    count = index.count()
    return {
        "files": len(index.source_counts()),
        "chunks": count,
        "index": s.chroma_url or str(s.chroma_path),
        "collection": index.name,
        "embedder": components.embedder.name,
        "model": model_name,
        "skipped": [f"{k.source}: {k.reason}" for k in (last_ingest.skipped if last_ingest else [])],
    }
