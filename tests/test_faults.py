"""Faults for real: an ingestion process killed with SIGKILL halfway is repaired by the next run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from assistant.deps import build_components, run_ingest
from assistant.settings import Settings
from bench.common import synthetic_corpus
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_ingestion_killed_with_sigkill_is_repaired_without_duplicates_or_orphans(tmp_path):
    corpus = synthetic_corpus(tmp_path / "corpus", 1500)
    data = tmp_path / "data"
    env = {**os.environ, "ASSISTANT_EMBEDDER": "hash"}
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "--corpus", str(corpus), "--data-dir", str(data),
                             "ingest", "--quiet"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    settings = Settings(corpus_dir=corpus, data_dir=data, embedder="hash")
    deadline = time.monotonic() + 120
    written = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.5)
        try:
            written = build_components(settings).index.count()
        except Exception:  # the store may be mid-creation
            continue
        if written > 200:
            break
    assert proc.poll() is None, "ingestion finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    comp = build_components(settings)
    partial = comp.index.count()
    report = run_ingest(comp, progress=False)
    from tests.test_ingest import expected_ids, stored_ids

    want = expected_ids(settings)
    assert stored_ids(comp) == want  # no orphan, nothing missing
    assert comp.index.count() == len(want)  # no duplicate
    assert report.chunks_written <= len(want) - partial + 32  # only the unfinished work was redone
    assert not run_ingest(comp, progress=False).changed
