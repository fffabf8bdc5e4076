"""The answering pipeline, step by step: rewrite → retrieve → select evidence → generate → verify → cite.

Each step is a plain typed function in its own module; this one runs them in order and streams events.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant import abstention
from assistant.calibration import Calibration
from assistant.errors import IndexEmptyError, ModelUnavailableError
from assistant.evidence import EvidenceSelector, Selection, answer_signals, evidence_signals
from assistant.generate import answer_messages, claim_logprob, generate, generate_structured
from assistant.inputs import HistoryLimits, check_top_k, clean_question, normalize_history
from assistant.llm import ChatModel
from assistant.messages import message
from assistant.models import Answer, EvidenceEvent, GeneratedAnswer, TokenEvent
from assistant.prompts import Prompt
from assistant.retrieval import Retrieval, Retriever
from assistant.rewrite import standalone_question
from assistant.settings import Settings
from assistant.terms import TermMatcher, Translations
from assistant.verify import Verification, verify
from vectorstore.language import detect_question_language

Event = EvidenceEvent | TokenEvent | Answer


class StepObserver(Protocol):
    """Sees each step start and end (e.g. LangChain callbacks); the steps run the same with or without one."""

    def start(self, step: str, inputs: dict[str, Any]) -> None: ...

    def end(self, step: str, outputs: dict[str, Any]) -> None: ...


class _Unobserved:
    def start(self, step: str, inputs: dict[str, Any]) -> None:
        pass

    def end(self, step: str, outputs: dict[str, Any]) -> None:
        pass


@dataclass
class Pipeline:
    """The steps wired together, with the settings they read."""

    settings: Settings
    retriever: Retriever
    selector: EvidenceSelector
    llm: ChatModel | None
    answer_prompt: Prompt
    structured_prompt: Prompt | None  # None: free-text answers
    rewrite_prompt: Prompt
    thresholds: abstention.Thresholds
    model_name: str
    calibration: Calibration | None = None  # None: no confidence model (every verified answer is shown)

    def run(self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None,
            observer: StepObserver | None = None) -> Iterator[Event]:
        """Evidence, then answer tokens, then the verified Answer."""
        obs = observer or _Unobserved()
        t0 = time.perf_counter()
        s = self.settings
        q = clean_question(question, s.max_question_chars)
        top_k = check_top_k(top_k)
        turns = normalize_history(history, HistoryLimits.of(s))
        previous = [t.content for t in turns if t.role == "user"]
        lang = detect_question_language(q, default=detect_question_language(previous[-1]) if previous else "en")
        if self.retriever.index.size() == 0:
            raise IndexEmptyError(
                "The index is empty. Add .txt, .md or .html files to the corpus folder and run `assistant ingest`."
            )
        timings: dict[str, float] = {}
        obs.start("rewrite", {"question": q, "history": [t.model_dump() for t in turns]})
        standalone = standalone_question(q, turns, lang, self.llm, self.rewrite_prompt)
        obs.end("rewrite", {"standalone_question": standalone})
        timings["rewrite_ms"] = _ms(t0)

        t1 = time.perf_counter()
        obs.start("retrieve", {"query": standalone, "k": top_k or s.top_k})
        retrieval = self.retriever.search(standalone, top_k or s.top_k)
        obs.end("retrieve", {"chunks": retrieval.chunks})
        timings["retrieval_ms"] = _ms(t1)
        t2 = time.perf_counter()
        obs.start("select_evidence", {"question": standalone, "chunks": len(retrieval.chunks)})
        selection, matcher = self.select_evidence(retrieval, lang)
        obs.end("select_evidence", {"evidence": selection.evidence, "best_score": selection.best_score})
        timings["evidence_ms"] = _ms(t2)
        base = {"question": q, "language": lang, "standalone_question": standalone, "model": self.model_name,
                "signals": evidence_signals(selection, standalone, matcher)}

        reason = abstention.reason_to_abstain(selection, self.thresholds)
        if reason:
            timings["total_ms"] = _ms(t0)
            yield abstention.abstain(base, timings, reason)
            return
        yield EvidenceEvent(selection.evidence, standalone)

        if self.llm is None:
            timings["total_ms"] = _ms(t0)
            yield abstention.extractive(base, selection, timings, "", matcher, self.thresholds)
            return

        t3 = time.perf_counter()
        first_token = lambda: timings.setdefault("first_token_ms", _ms(t0))  # noqa: E731  (as the user waits)
        obs.start("generate", {"question": standalone, "evidence": len(selection.evidence)})
        try:
            if self.structured_prompt is not None and hasattr(self.llm, "stream_json"):
                messages = answer_messages(self.structured_prompt, selection.evidence, standalone, lang)
                gen = yield from generate_structured(self.llm, messages, s.max_answer_tokens, first_token)
            else:
                messages = answer_messages(self.answer_prompt, selection.evidence, standalone, lang)
                gen = yield from generate(self.llm, messages, s.max_answer_tokens, first_token)
        except ModelUnavailableError as exc:
            obs.end("generate", {"error": str(exc)})
            timings["total_ms"] = _ms(t0)
            prefix = f"{message('model_down', lang)} {message('extractive', lang)}"
            note = f"{message('model_down', lang)} ({exc})"
            yield abstention.extractive(base, selection, timings, note, matcher, self.thresholds, prefix)
            return
        obs.end("generate", {"text": gen.text, "cited": gen.cited, "not_found": gen.not_found})
        timings["generation_ms"] = _ms(t3)
        timings["total_ms"] = _ms(t0)
        found = not gen.not_found and bool(gen.text)
        obs.start("verify", {"answer": gen.text, "cited": gen.cited})
        verification = self.check(gen, selection, standalone, lang, matcher) if found else None
        obs.end("verify", {"verification": verification})
        if verification is not None:
            base["signals"].update(answer_signals(selection, verification.cited, len(verification.facts),
                                                  standalone, lang, matcher))
            if gen.logprob is not None:
                base["signals"]["answer_logprob"] = round(gen.logprob, 4)
            claim = claim_logprob(gen, [f.text for f in verification.facts])
            if claim is not None:
                base["signals"]["claim_logprob"] = round(claim, 4)
        yield abstention.decide(gen, verification, base, selection, timings, self.calibration,
                                self.settings.show_unchecked_translations)

    def select_evidence(self, retrieval: Retrieval, lang: str) -> tuple[Selection, TermMatcher]:
        """The evidence chosen from a retrieval, and the term matcher its checks read it with."""
        selection = self.selector.select(retrieval, self.settings.max_evidence, lang,
                                         self.settings.max_evidence_tokens)
        return selection, TermMatcher(retrieval.lexicon, Translations(self.selector.cache))

    def check(self, gen: GeneratedAnswer, selection: Selection, question: str, lang: str,
              matcher: TermMatcher) -> Verification:
        """The verifier's judgement of a generated answer over this evidence."""
        return verify(gen, selection.evidence, question, lang, selection.wants, matcher,
                      self.thresholds.quote_relevance)


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
