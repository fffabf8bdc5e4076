"""Answer latency on the embedded defaults: retrieval p50/p95, time to first token, total time, peak memory.
    python -m bench.answer [--questions 12] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.common import CORPUS, median, peak_rss_mb, percentile, process_peak_mb, write


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=12)
    parser.add_argument("--data-dir", type=Path, default=Path(".assistant"))
    parser.add_argument("--llm", default="local")
    a = parser.parse_args(argv)

    from assistant.answer import Assistant
    from evals.schema import load_gold

    gold = [q for q in load_gold().questions if q.answerable and not q.history]
    step = max(1, len(gold) // a.questions)
    questions = [q.question for q in gold[::step]][: a.questions]
    bot = Assistant(corpus_dir=CORPUS, data_dir=a.data_dir, llm=a.llm)
    try:
        bot.ask(questions[0])  # warm-up: starts the model server, fills caches
        retrieval, first, total, rows = [], [], [], []
        for q in questions:
            t = time.perf_counter()
            bot.retriever.retrieve(q, bot.settings.top_k)
            retrieval.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            answer = bot.ask(q)
            total.append((time.perf_counter() - t) * 1000)
            first.append(answer.timings.get("first_token_ms", total[-1]))
            rows.append({"question": q[:60], "mode": answer.mode, "retrieval_ms": round(retrieval[-1], 1),
                         "first_token_ms": round(first[-1], 1), "total_ms": round(total[-1], 1)})
        server = bot.local_server.process if bot.local_server else None
        server_peak = process_peak_mb(server.pid) if server else None
    finally:
        bot.close()
    summary = {
        "questions": len(questions), "model": bot.model_name,
        "retrieval_p50_ms": median(retrieval), "retrieval_p95_ms": percentile(retrieval, 95),
        "first_token_p50_ms": median(first), "first_token_p95_ms": percentile(first, 95),
        "total_p50_ms": median(total), "total_p95_ms": percentile(total, 95), "peak_rss_mb": peak_rss_mb(),
        "model_server_peak_rss_mb": server_peak,
    }
    write("answer", [summary], {"per_question": rows})


if __name__ == "__main__":
    main()
