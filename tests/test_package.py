"""The package as a user installs it: the wheel, in a fresh venv, run from another directory.

The wheel is built from a copy of the source tree (no build outputs land in the checkout) without build
isolation, so no network is needed; it is installed with --no-deps into a new venv that sees the test
environment's packages through a .pth file (dependencies, not this project: the test env's editable
install is not a site directory there, so it cannot shadow the wheel).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow

QUESTION = "Combien de stations de base 5G Beijing compte-t-elle ?"
SOURCE = "003_407135a6eafe66ad.txt"
_NOT_SOURCE = (".git", ".venv", ".assistant", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
               ".ruff_cache", "artifacts", "reports", "results", ".gradio")


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, f"{cmd}\n{out.stdout}\n{out.stderr}"
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the wheel, the fresh venv's bin folder) with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*_NOT_SOURCE))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp / "dist"),
         str(src)], cwd=tmp)
    wheel, = (tmp / "dist").glob("corpus_assistant-*.whl")

    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    purelib = Path(run([str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                       cwd=tmp).stdout.strip())
    test_env = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (purelib / "_test_env_packages.pth").write_text("\n".join(sorted(test_env)) + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "--no-deps", "--no-index",
         "-q", str(wheel)], cwd=tmp)
    return wheel, bin_dir


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ASSISTANT_", "OPENAI_", "VIRTUAL_ENV"))}
    return {**env, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
            **extra}


def test_the_wheel_ships_the_prompts_and_eval_data_and_nothing_else(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_prompts = {f"prompts/{p.name}" for p in (ROOT / "prompts").glob("*.yaml")}
    assert shipped_prompts and shipped_prompts <= names
    assert {f"evals/gold/{p.name}" for p in (ROOT / "evals" / "gold").glob("*.yaml")} <= names
    assert {f"evals/baselines/{p.name}" for p in (ROOT / "evals" / "baselines").glob("*.json")} <= names
    assert {"assistant/api/routes.py", "assistant/py.typed", "vectorstore/store.py"} <= names
    assert not {n for n in names if n.startswith(("tests/", "bench/", "corpus/"))}


def test_the_installed_command_answers_with_citations_from_another_directory(installed, tmp_path):
    _, bin_dir = installed
    work = tmp_path / "elsewhere"
    (work / "docs").mkdir(parents=True)
    shutil.copy(CORPUS / SOURCE, work / "docs" / SOURCE)
    env = clean_env()

    where = run([str(bin_dir / "python"), "-c",
                 "import assistant, prompts, evals; print(assistant.__file__); print(prompts.__file__)"],
                cwd=work, env=env).stdout.split()
    assert all(Path(p).is_relative_to(bin_dir.parent) for p in where), where  # the wheel, not the source tree

    out = run([str(bin_dir / "assistant"), "--corpus", "docs", "--data-dir", "state", "--llm", "none", "ask",
               QUESTION, "--json"], cwd=work, env=env)
    answer = json.loads(out.stdout)
    assert not answer["abstained"] and "153" in answer["answer"]
    assert answer["citations"]
    for c in answer["citations"]:
        assert c["source"] == SOURCE
        assert (work / "docs" / SOURCE).read_text(encoding="utf-8")[c["start"]:c["end"]] == c["quote"]
    assert (work / "state").is_dir() and not (ROOT / "state").exists()


def test_prompts_dir_overrides_the_shipped_prompts(installed, tmp_path):
    _, bin_dir = installed
    work = tmp_path / "elsewhere"
    (work / "docs").mkdir(parents=True)
    shutil.copy(CORPUS / SOURCE, work / "docs" / SOURCE)
    (work / "my-prompts").mkdir()
    out = subprocess.run([str(bin_dir / "assistant"), "--corpus", "docs", "--data-dir", "state", "--llm", "none",
                          "ask", QUESTION], cwd=work, env=clean_env(ASSISTANT_PROMPTS_DIR="my-prompts"),
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 1
    assert "error: Prompt file answer.v1.yaml not found in my-prompts (ASSISTANT_PROMPTS_DIR)" in out.stderr
    assert "Traceback" not in out.stderr
