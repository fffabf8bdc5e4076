"""Side by side on the gold sets of both corpora: this assistant vs the plain RAG chain a user would
otherwise write (LangChain's standard Chroma retriever with the same embeddings and top-k, chunks stuffed
into one prompt, the same local model, no lexical signal, no evidence selection, no citation checking).
Both are scored by the eval's own strict matcher.
    python -m bench.compare [--split test] [--subset ci] [--data-dir .assistant]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.common import median, percentile, write

BASELINE_PROMPT = (
    "Answer the question using only the context below, in the language of the question. "
    "If the context does not contain the answer, say that you don't know.\n\nContext:\n{context}\n\n"
    "Question: {question}\nAnswer:"
)
DONT_KNOW = ("don't know", "do not know", "ne sais pas", "weiß nicht", "weiss nicht", "not contain", "keine",
             "pas d'information", "ne contient pas", "enthält keine")


def run_baseline(bot, server, questions, texts) -> tuple[list[dict], list[float]]:
    """LangChain's Chroma retriever + one stuffed prompt through the same OpenAI-compatible server (`server`:
    the local model server when there is one, else the configured endpoint)."""
    from langchain_chroma import Chroma
    from openai import OpenAI

    from evals.scoring import _overlaps, fact_present, gold_spans

    store = Chroma(client=bot.components.index.client, collection_name=bot.components.index.name,
                   embedding_function=bot.components.embedder)
    retriever = store.as_retriever(search_kwargs={"k": bot.settings.top_k})
    base_url = server.ensure() if server else bot.settings.openai_base_url
    client = OpenAI(base_url=base_url, api_key=bot.settings.openai_api_key or "not-needed",
                    timeout=bot.settings.llm_timeout)
    rows, latencies = [], []
    for q in questions:
        if server:  # the direct client bypasses bot.llm, which (re)starts the local server itself
            server.ensure()
        t = time.perf_counter()
        docs = retriever.invoke(q.question)
        context = "\n\n".join(f"[{d.metadata['source']}] {d.page_content}" for d in docs)
        reply = client.chat.completions.create(
            model=bot.llm.name, temperature=0, max_tokens=bot.settings.max_answer_tokens,
            messages=[{"role": "user", "content": BASELINE_PROMPT.format(context=context, question=q.question)}],
        )
        text = reply.choices[0].message.content or ""
        latencies.append((time.perf_counter() - t) * 1000)
        abstained = any(m in text.lower() for m in DONT_KNOW)
        spans = gold_spans(q, texts)
        hit = any(_overlaps((d.metadata["source"], d.metadata["start"], d.metadata["end"]), s)
                  for d in docs for s in spans)
        correct = abstained if not q.answerable else (not abstained and all(fact_present(f, text) for f in q.facts))
        rows.append({"id": q.id, "answerable": q.answerable, "correct": correct, "hit": hit, "abstained": abstained})
    return rows, latencies


def summarize(name: str, gold: str, rows: list[dict], latencies: list[float]) -> dict:
    ans = [r for r in rows if r["answerable"]]
    una = [r for r in rows if not r["answerable"]]
    wrong = [r for r in rows if not r["abstained"] and not r["correct"]]
    return {
        "system": name,
        "gold": gold,
        "answer_accuracy": round(sum(r["correct"] for r in ans) / len(ans), 3) if ans else None,
        "wrong_answers_shown": f"{len(wrong)}/{len(rows)}",
        "retrieval_recall_at_k": round(sum(bool(r["hit"]) for r in ans) / len(ans), 3) if ans else None,
        "abstention_recall": round(sum(r["abstained"] for r in una) / len(una), 3) if una else None,
        "latency_p50_ms": median(latencies), "latency_p95_ms": percentile(latencies, 95),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test", choices=["dev", "test", "all"])
    parser.add_argument("--subset", default="ci", help="named subset of each gold file, or 'all'")
    parser.add_argument("--data-dir", type=Path, default=Path(".assistant"))
    a = parser.parse_args(argv)

    from assistant.answer import Assistant
    from assistant.settings import Settings
    from evals.runner import run, select_across
    from evals.schema import load_gold
    from evals.suite import corpus_settings, gold_files

    rows = []
    first = None
    bots: list = []
    paths = gold_files(a.split)
    golds = [load_gold(path) for path in paths]
    chosen = select_across(golds, None if a.subset == "all" else a.subset)
    try:
        for path, gold, picked in zip(paths, golds, chosen, strict=True):
            questions = [q for q in picked if not q.history]
            if not questions:
                continue
            s = corpus_settings(Settings(data_dir=a.data_dir), gold)
            # One model for every corpus: the first assistant owns the local server, the others share its model.
            bot = Assistant(s) if first is None else Assistant(
                s, embeddings=first.components.embedder, chat_model=first.llm)
            first = first or bot
            bots.append(bot)
            texts = {p.name: p.read_text(encoding="utf-8") for p in s.corpus_dir.glob("*.txt")}
            results, metrics = run(bot, questions, s.corpus_dir, progress=False)
            ours = [{"id": r.id, "answerable": r.answerable, "correct": r.correct, "hit": r.retrieval_hit,
                     "abstained": r.abstained} for r in results]
            rows.append({**summarize("corpus-assistant", path.stem, ours, [r.latency_ms for r in results]),
                         "eval_wall_s": metrics["wall_time_s"]})
            t = time.perf_counter()
            base_rows, base_lat = run_baseline(bot, first.local_server, questions, texts)
            rows.append({**summarize("plain LangChain RAG", path.stem, base_rows, base_lat),
                         "eval_wall_s": round(time.perf_counter() - t, 1)})
    finally:
        for b in bots:
            b.close()
    write("compare", rows, {"split": a.split, "subset": a.subset})


if __name__ == "__main__":
    main()
