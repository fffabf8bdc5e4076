"""Load: N concurrent chat sessions against the running app on 127.0.0.1 (bounded), each with its own
follow-up history; reports throughput and latency and checks that no request failed or got another
session's history.
    python -m bench.load [--sessions 4] [--turns 2]
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import CORPUS, median, percentile, write

SCRIPTS = [
    ("Combien d'entreprises licornes sont nées à Zhongguancun ?", "Et combien de grands modèles ?"),
    ("Wie viele 5G-Basisstationen gibt es in Beijing?", "Und pro 10 000 Einwohner?"),
    ("Who is the mayor of Tianjin?", "And which universities started the Tiankai park?"),
    ("Quelle a été la valeur ajoutée de l'économie numérique de Beijing en 2025 ?", "Et sa part du PIB ?"),
]


def _marks(script: tuple[str, ...]) -> set[str]:
    return {w.strip("?,.").lower() for q in script for w in q.split() if len(w.strip("?,.")) >= 7}


def session(url: str, script: tuple[str, ...], others: set[str]) -> list[dict]:
    """One user: asks the script's questions in order, passing its own history."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    history: list[dict] = []
    out = []
    for question in script:
        t = time.perf_counter()
        try:
            res = client.predict(question, history, api_name="/ask")
            standalone = res["standalone_question"].lower()
            out.append({"ok": res["question"] == question, "mixed": any(w in standalone for w in others),
                        "ms": (time.perf_counter() - t) * 1000, "error": None})
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": res["answer"]}]
        except Exception as exc:  # counted and reported, never raised
            out.append({"ok": False, "mixed": False, "ms": (time.perf_counter() - t) * 1000, "error": str(exc)})
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--turns", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, default=Path(".assistant"))
    a = parser.parse_args(argv)

    from assistant.answer import Assistant
    from tests.app_server import AppServer
    from tests.conftest import free_port

    bot = Assistant(corpus_dir=CORPUS, data_dir=a.data_dir)
    bot.ask(SCRIPTS[0][0])  # warm-up: model server up
    server = AppServer(bot, free_port()).start()
    try:
        scripts = [SCRIPTS[i % len(SCRIPTS)][: a.turns] for i in range(a.sessions)]
        t = time.perf_counter()
        with ThreadPoolExecutor(max_workers=a.sessions) as pool:
            jobs = [pool.submit(session, server.url, s, set().union(*(_marks(o) for o in SCRIPTS if o[0] != s[0]))
                                - _marks(s)) for s in scripts]
            results = [r for job in jobs for r in job.result()]
        wall = time.perf_counter() - t
    finally:
        server.stop()
        bot.close()
    lat = [r["ms"] for r in results]
    write("load", [{
        "sessions": a.sessions, "requests": len(results), "failed": sum(not r["ok"] for r in results),
        "mixed_histories": sum(r["mixed"] for r in results), "throughput_rps": round(len(results) / wall, 3),
        "latency_p50_ms": median(lat), "latency_p95_ms": percentile(lat, 95), "wall_s": round(wall, 1),
    }], {"errors": [r["error"] for r in results if r["error"]]})


if __name__ == "__main__":
    main()
