"""Evidence units' vectors, embedded at ingestion and stored in their chunk's metadata.

Selecting evidence embeds every candidate unit (sentence, list item, table row) of the retrieved chunks; done at
question time that cost 0.5-1.3 s on 2 cores (docs/decisions.md). Stored with the chunk, the vectors come back
with the chunk's text at no extra read, stay consistent across processes sharing a Chroma server, and go when the
chunk goes. They are keyed by the exact texts embedded: when the way units are cut changes, a stale key is
ignored and the units are embedded at question time, as before.
"""

from __future__ import annotations

import base64
import hashlib

import numpy as np

FIELD = "unit_vectors"  # the chunk metadata key


def _key(texts: list[str]) -> str:
    return hashlib.sha1("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]


def pack(texts: list[str], vectors: np.ndarray) -> str:
    """One metadata string: the texts' key, then the vectors as float16 (half the space; scores move < 1e-3)."""
    data = np.asarray(vectors, dtype=np.float16).tobytes()
    return f"{_key(texts)}:{vectors.shape[1] if len(texts) else 0}:{base64.b64encode(data).decode('ascii')}"


def unpack(packed: str, texts: list[str]) -> np.ndarray | None:
    """The vectors of `texts` (one row each), or None when `packed` was made for other texts or is damaged."""
    try:
        key, dim, data = packed.split(":", 2)
        if key != _key(texts):
            return None
        vectors = np.frombuffer(base64.b64decode(data), dtype=np.float16).astype(np.float32)
        return vectors.reshape(len(texts), int(dim)) if texts else None
    except ValueError:
        return None
