"""Answer latency on the embedded defaults: retrieval, time to evidence, first model token, first answer text, total
time (p50/p95, all from the question but retrieval), peak memory.
    python -m bench.answer [--questions 12] [--data-dir DIR]
The questions are news.dev's `bench` subset (12 fixed ones), or every n-th answerable question when more are asked.
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

    gold_set = load_gold()
    # A fixed sample (the gold's `bench` subset) keeps passes comparable; new gold questions would move a stepped one.
    fixed = gold_set.subsets.get("bench", [])
    by_id = {q.id: q for q in gold_set.questions}
    if len(fixed) >= a.questions:
        questions = [by_id[i].question for i in fixed][: a.questions]
    else:
        gold = [q for q in gold_set.questions if q.answerable and not q.history]
        step = max(1, len(gold) // a.questions)
        questions = [q.question for q in gold[::step]][: a.questions]
    bot = Assistant(corpus_dir=CORPUS, data_dir=a.data_dir, llm=a.llm)
    try:
        bot.ask(questions[0])  # warm-up: starts the model server, fills caches
        retrieval, evidence, first, text, total, rows = [], [], [], [], [], []
        for q in questions:
            t = time.perf_counter()
            bot.retriever.retrieve(q, bot.settings.top_k)
            retrieval.append((time.perf_counter() - t) * 1000)
            seen = _timed_events(bot, q)
            answer = seen["answer"]
            total.append(seen["total_ms"])
            # Without evidence (an early abstention) or without answer text, the user waits for the whole answer.
            evidence.append(seen.get("evidence_ms", total[-1]))
            first.append(answer.timings.get("first_token_ms", total[-1]))
            text.append(seen.get("first_text_ms", total[-1]))
            rows.append({"question": q[:60], "mode": answer.mode, "retrieval_ms": round(retrieval[-1], 1),
                         "evidence_ms": round(evidence[-1], 1), "first_token_ms": round(first[-1], 1),
                         "first_text_ms": round(text[-1], 1), "total_ms": round(total[-1], 1)})
        server = bot.local_server.process if bot.local_server else None
        server_peak = process_peak_mb(server.pid) if server else None
    finally:
        bot.close()
    summary = {
        "questions": len(questions), "model": bot.model_name,
        "retrieval_p50_ms": median(retrieval), "retrieval_p95_ms": percentile(retrieval, 95),
        "evidence_p50_ms": median(evidence), "evidence_p95_ms": percentile(evidence, 95),
        "first_token_p50_ms": median(first), "first_token_p95_ms": percentile(first, 95),
        "first_text_p50_ms": median(text), "first_text_p95_ms": percentile(text, 95),
        "total_p50_ms": median(total), "total_p95_ms": percentile(total, 95), "peak_rss_mb": peak_rss_mb(),
        "model_server_peak_rss_mb": server_peak,
    }
    write("answer", [summary], {"per_question": rows})


def _timed_events(bot, question: str) -> dict:
    """When each event reaches the caller: the evidence, the first answer text shown, the final Answer."""
    from assistant.models import Answer, EvidenceEvent, TokenEvent

    seen: dict = {}
    t = time.perf_counter()
    for event in bot.stream_events(question):
        ms = (time.perf_counter() - t) * 1000
        if isinstance(event, EvidenceEvent):
            seen.setdefault("evidence_ms", ms)
        elif isinstance(event, TokenEvent) and event.text.strip():
            seen.setdefault("first_text_ms", ms)
        elif isinstance(event, Answer):
            seen["answer"], seen["total_ms"] = event, ms
    return seen


if __name__ == "__main__":
    main()
