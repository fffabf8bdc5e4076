"""Soak (bounded, loopback only): mixed questions from concurrent sessions through the app's HTTP API on
127.0.0.1 while an ingestion adds and removes files and the model server is killed once. Reports failures
(inside and outside the kill window; only clear, retryable errors are acceptable inside it), the resident
memory of the app over time (and its trend) and the index's consistency at the end.
    python -m bench.soak [--minutes 30] [--sessions 4] [--kill-at 0.33]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

from bench.common import CORPUS, median, paragraphs, percentile, proc_status_mb, write

QUESTIONS = [
    "Combien d'entreprises licornes sont nées à Zhongguancun ?",
    "Wie viele 5G-Basisstationen gibt es in Beijing?",
    "Who is the mayor of Tianjin?",
    "Quelle a été la valeur ajoutée de l'économie numérique de Beijing en 2025 ?",
    "How many national key laboratories has Beijing built?",
    "Combien de grands modèles ont été enregistrés à Beijing ?",
]
FOLLOW_UPS = ["Et en 2024 ?", "Und pro 10 000 Einwohner?", "And what else?"]
RETRYABLE = (503, 504)  # the model or the index is down or late: the client may retry


def rss_mb(pid: int) -> float | None:
    """Current resident memory of a process (Linux VmRSS), in MiB."""
    return proc_status_mb(pid, "VmRSS")


def slope_mb_per_min(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MiB) samples, in MiB per minute."""
    if len(samples) < 3:
        return float("nan")
    n = len(samples)
    mx, my = sum(t for t, _ in samples) / n, sum(m for _, m in samples) / n
    var = sum((t - mx) ** 2 for t, _ in samples)
    return round(60 * sum((t - mx) * (m - my) for t, m in samples) / var, 3) if var else 0.0


class Soak:
    """The run's shared state: request records, the kill window, memory samples."""

    def __init__(self, url: str, deadline: float) -> None:
        self.url, self.deadline = url, deadline
        self.records: list[dict] = []
        self.ingests: list[dict] = []
        self.memory: list[tuple[float, float]] = []
        self.model_memory: list[tuple[float, float]] = []
        self.kill_at: float | None = None
        self.recovered_at: float | None = None
        self.lock = threading.Lock()
        self.t0 = time.monotonic()

    def session(self, seed: int) -> None:
        """One user: questions and follow-ups with its own history, until the deadline."""
        import httpx

        rng = random.Random(seed)
        history: list[dict[str, str]] = []
        with httpx.Client(timeout=360) as http:
            while time.monotonic() < self.deadline:
                question = rng.choice(FOLLOW_UPS) if history and rng.random() < 0.3 else rng.choice(QUESTIONS)
                t = time.monotonic()
                body = {"model": "corpus-assistant", "messages": [*history[-6:], {"role": "user", "content": question}]}
                degraded = False
                try:
                    # bounded: a request still running a minute past the end is given up (and counted)
                    r = http.post(f"{self.url}/v1/chat/completions", json=body,
                                  timeout=max(30.0, self.deadline - time.monotonic() + 60))
                    error = "" if r.status_code == 200 else r.json().get("error", {}).get("message", r.text[:200])
                    status = r.status_code
                    if status == 200:
                        reply = r.json()
                        # the model was down: the answer is the quoted evidence with a line saying so
                        degraded = reply["assistant"]["mode"] == "extractive"
                        history += [{"role": "user", "content": question},
                                    {"role": "assistant", "content": reply["choices"][0]["message"]["content"]}]
                except Exception as exc:  # a dropped connection: recorded, not raised
                    status, error = 0, f"{type(exc).__name__}: {exc}"
                done = time.monotonic()
                with self.lock:
                    self.records.append({"t": round(t - self.t0, 1), "s": round(done - t, 2), "status": status,
                                         "error": error, "degraded": degraded})
                    if (status == 200 and not degraded and self.kill_at is not None and self.recovered_at is None
                            and t > self.kill_at):
                        self.recovered_at = done

    def ingestion(self, corpus: Path) -> None:
        """Adds a generated file, then removes the oldest added one, over and over, through /api/documents."""
        import httpx

        paras, rng, added, n = paragraphs(), random.Random(1), [], 0
        with httpx.Client(timeout=600) as http:
            while time.monotonic() < self.deadline:
                n += 1
                text = f"Soak document {n}\n\n" + "\n\n".join(rng.sample(paras, 3))
                t = time.monotonic()
                r = http.post(f"{self.url}/api/documents", files={"files": (f"soak-{n}.txt", text.encode())})
                ok = r.status_code == 200 and bool(r.json().get("added"))
                if ok:
                    added += r.json()["added"]
                if len(added) > 2:
                    gone = added.pop(0)
                    ok = http.delete(f"{self.url}/api/documents", params={"source": gone}).status_code == 200 and ok
                self.ingests.append({"t": round(t - self.t0, 1), "ok": ok, "s": round(time.monotonic() - t, 2)})
                time.sleep(5)

    def sample_memory(self, model_pid) -> None:
        while time.monotonic() < self.deadline:
            now = round(time.monotonic() - self.t0, 1)
            if (mb := rss_mb(os.getpid())) is not None:
                self.memory.append((now, mb))
            pid = model_pid()
            if pid and (mb := rss_mb(pid)) is not None:
                self.model_memory.append((now, mb))
            time.sleep(10)


def index_consistency(bot, corpus: Path) -> dict:
    """Every chunk's file exists in the corpus folder; no chunk id or span stored twice; the lexical index holds
    exactly Chroma's chunks."""
    chunks = bot.components.index.all_chunks()
    spans = [(c.source, c.start, c.end) for c in chunks]
    lexical = set(bot.components.index.lexical.ids())
    return {"chunks": len(chunks), "orphans": sorted({c.source for c in chunks if not (corpus / c.source).is_file()}),
            "duplicate_ids": len(chunks) - len({c.id for c in chunks}), "duplicate_spans": len(spans) - len(set(spans)),
            "lexical_mismatch": len(lexical.symmetric_difference(c.id for c in chunks))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=30.0, help="how long the soak runs (bounded)")
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--kill-at", type=float, default=0.33, help="kill the model server at this share of the run")
    parser.add_argument("--models-dir", type=Path, default=Path(".assistant/models"),
                        help="the assembled model file is reused from here (not copied)")
    a = parser.parse_args(argv)

    from assistant.answer import Assistant
    from tests.app_server import AppServer
    from tests.conftest import free_port

    work = Path(tempfile.mkdtemp(prefix="soak-"))
    corpus, data = work / "corpus", work / "data"
    shutil.copytree(CORPUS, corpus)
    data.mkdir()
    if a.models_dir.is_dir():
        (data / "models").symlink_to(a.models_dir.resolve())
    bot = Assistant(corpus_dir=corpus, data_dir=data, llm_port=free_port(), max_upload_mb=5)
    bot.ask(QUESTIONS[0])  # warm-up: the model server is up before the clock starts
    server = AppServer(bot, free_port()).start()  # 127.0.0.1 only
    soak = Soak(server.url, time.monotonic() + a.minutes * 60)

    def model_pid() -> int | None:
        proc = bot.local_server.process if bot.local_server else None
        return proc.pid if proc is not None and proc.poll() is None else None

    def killer() -> None:
        time.sleep(a.minutes * 60 * a.kill_at)
        pid = model_pid()
        if pid:
            soak.kill_at = time.monotonic()
            os.kill(pid, signal.SIGKILL)  # the server this run started, by its id

    threads = [threading.Thread(target=soak.session, args=(i,)) for i in range(a.sessions)]
    threads += [threading.Thread(target=soak.ingestion, args=(corpus,)), threading.Thread(target=killer),
                threading.Thread(target=soak.sample_memory, args=(model_pid,))]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        consistency = index_consistency(bot, corpus)
    finally:
        server.stop()
        bot.close()
        shutil.rmtree(work, ignore_errors=True)

    kill = soak.kill_at - soak.t0 if soak.kill_at else None
    recovered = soak.recovered_at - soak.t0 if soak.recovered_at else None
    window = (kill, recovered if recovered is not None else float("inf")) if kill is not None else None

    def in_window(r: dict) -> bool:  # a request that overlapped the model's absence
        return window is not None and r["t"] <= window[1] and r["t"] + r["s"] >= window[0]

    failed = [r for r in soak.records if r["status"] != 200]
    inside = [r for r in failed if in_window(r)]
    outside = [r for r in failed if not in_window(r)]
    warm = [s for s in soak.memory if s[0] >= min(120.0, a.minutes * 60 / 3)]  # after the caches fill
    lat = [r["s"] for r in soak.records if r["status"] == 200]
    write("soak", [{
        "minutes": a.minutes, "sessions": a.sessions, "requests": len(soak.records), "answered": len(lat),
        "failed_in_kill_window": len(inside), "failed_retryable_in_window": sum(r["status"] in RETRYABLE
                                                                                for r in inside),
        "failed_outside_window": len(outside),
        "quoted_only_answers": sum(r["degraded"] for r in soak.records), "kill_at_s": round(kill, 1) if kill else None,
        "recovered_after_s": round(recovered - kill, 1) if kill and recovered else None,
        "ingest_cycles": len(soak.ingests), "ingest_failures": sum(not i["ok"] for i in soak.ingests),
        "rss_start_mb": soak.memory[0][1] if soak.memory else None,
        "rss_end_mb": soak.memory[-1][1] if soak.memory else None,
        "rss_slope_mb_per_min": slope_mb_per_min(warm), "latency_p50_s": median(lat),
        "latency_p95_s": percentile(lat, 95), "orphan_files": len(consistency["orphans"]),
        "duplicate_chunks": consistency["duplicate_ids"] + consistency["duplicate_spans"],
        "lexical_mismatch": consistency["lexical_mismatch"],
    }], {"errors_in_window": sorted({r["error"] for r in inside}), "errors_outside": [r["error"] for r in outside],
         "memory": soak.memory, "model_memory": soak.model_memory, "consistency": consistency})


if __name__ == "__main__":
    main()
