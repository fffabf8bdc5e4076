"""Side by side on the gold set: this assistant vs the plain RAG chain a user would otherwise write
(LangChain's standard Chroma retriever with the same embeddings and top-k, chunks stuffed into one prompt,
the same local model, no lexical signal, no evidence selection, no citation checking).
    python -m bench.compare [--subset ci] [--data-dir .assistant]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.common import CORPUS, median, percentile, write

BASELINE_PROMPT = (
    "Answer the question using only the context below, in the language of the question. "
    "If the context does not contain the answer, say that you don't know.\n\nContext:\n{context}\n\n"
    "Question: {question}\nAnswer:"
)
DONT_KNOW = ("don't know", "do not know", "ne sais pas", "weiß nicht", "weiss nicht", "not contain", "keine")


def run_baseline(bot, questions, texts) -> tuple[list[dict], list[float]]:
    """LangChain's Chroma retriever + one stuffed prompt through the same OpenAI-compatible server."""
    from langchain_chroma import Chroma
    from langchain_openai import ChatOpenAI

    from evals.scoring import _overlaps, fact_present, gold_spans

    store = Chroma(client=bot.components.index.client, collection_name=bot.components.index.name,
                   embedding_function=bot.components.embedder)
    retriever = store.as_retriever(search_kwargs={"k": bot.settings.top_k})
    base_url = bot.local_server.ensure() if bot.local_server else bot.settings.openai_base_url
    llm = ChatOpenAI(base_url=base_url, api_key="not-needed", model=bot.llm.name, temperature=0,
                     max_tokens=bot.settings.max_answer_tokens, timeout=bot.settings.llm_timeout)
    rows, latencies = [], []
    for q in questions:
        t = time.perf_counter()
        docs = retriever.invoke(q.question)
        context = "\n\n".join(f"[{d.metadata['source']}] {d.page_content}" for d in docs)
        text = llm.invoke(BASELINE_PROMPT.format(context=context, question=q.question)).content
        latencies.append((time.perf_counter() - t) * 1000)
        abstained = any(m in text.lower() for m in DONT_KNOW)
        spans = gold_spans(q, texts)
        hit = any(_overlaps((d.metadata["source"], d.metadata["start"], d.metadata["end"]), s)
                  for d in docs for s in spans)
        correct = abstained if not q.answerable else (not abstained and all(fact_present(f, text) for f in q.facts))
        rows.append({"id": q.id, "answerable": q.answerable, "correct": correct, "hit": hit, "abstained": abstained})
    return rows, latencies


def summarize(name: str, rows: list[dict], latencies: list[float]) -> dict:
    ans = [r for r in rows if r["answerable"]]
    una = [r for r in rows if not r["answerable"]]
    return {
        "system": name,
        "answer_accuracy": round(sum(r["correct"] for r in ans) / len(ans), 3) if ans else None,
        "retrieval_recall_at_k": round(sum(bool(r["hit"]) for r in ans) / len(ans), 3) if ans else None,
        "abstention_recall": round(sum(r["abstained"] for r in una) / len(una), 3) if una else None,
        "latency_p50_ms": median(latencies), "latency_p95_ms": percentile(latencies, 95),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subset", default="ci")
    parser.add_argument("--data-dir", type=Path, default=Path(".assistant"))
    a = parser.parse_args(argv)

    from assistant.answer import Assistant
    from evals.runner import run, select
    from evals.schema import load_gold

    gold = load_gold(corpus_dir=CORPUS)
    questions = [q for q in select(gold, a.subset, gold.subsets) if not q.history]
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    bot = Assistant(corpus_dir=CORPUS, data_dir=a.data_dir)
    try:
        results, metrics = run(bot, questions, CORPUS, progress=False)
        ours = [{"id": r.id, "answerable": r.answerable, "correct": r.correct, "hit": r.retrieval_hit,
                 "abstained": r.abstained} for r in results]
        ours_summary = summarize("corpus-assistant", ours, [r.latency_ms for r in results])
        ours_summary["eval_wall_s"] = metrics["wall_time_s"]
        t = time.perf_counter()
        base_rows, base_lat = run_baseline(bot, questions, texts)
        base_wall = round(time.perf_counter() - t, 1)
    finally:
        bot.close()
    theirs = {**summarize("plain LangChain RAG", base_rows, base_lat), "eval_wall_s": base_wall}
    write("compare", [ours_summary, theirs],
          {"subset": a.subset, "questions": len(questions)})


if __name__ == "__main__":
    main()
