"""tiktoken loads from the shipped file with no network."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_encoding_loads_offline_in_a_fresh_process(tmp_path):
    # Any attempt to download is made to fail: the encoding must come from the shipped file.
    code = textwrap.dedent(
        f"""
        import os, tiktoken.load
        os.environ.pop("TIKTOKEN_CACHE_DIR", None)
        def no_network(*a, **k):
            raise RuntimeError("network access attempted")
        tiktoken.load.read_file = no_network
        from pathlib import Path
        from vectorstore.tokens import get_encoding
        for name in ("cl100k_base", "o200k_base"):
            enc = get_encoding(name, Path({str(tmp_path)!r}))
            text = "Zhongguancun: plus de 90 licornes, zehn Billionen Yuan."
            assert enc.decode(enc.encode(text)) == text
        print(len(enc.encode("hello world")))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2"
    assert len(list(tmp_path.iterdir())) == 2  # both BPE files unpacked under their cache keys
