"""The Assistant: retrieve, select evidence, abstain or generate, verify, cite."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.citations import (
    parse_generation,
    quoted_passages_ok,
    renumber,
    strip_markers,
    to_citation,
    unsupported_claims,
)
from assistant.deps import build_components, run_ingest
from assistant.errors import IndexEmptyError, InputError, ModelUnavailableError
from assistant.evidence import EvidenceSelector, Selection, matches_type
from assistant.llm import ChatModel, make_chat_model
from assistant.local_llm import LocalModelServer
from assistant.messages import message
from assistant.models import Answer, Citation, Evidence, Turn
from assistant.numbers import stated_numbers, supported
from assistant.prompts import load_prompt
from assistant.retrieval import Retriever
from assistant.settings import Settings
from vectorstore.embeddings import NamedEmbeddings
from vectorstore.ingest import IngestReport
from vectorstore.language import LANGUAGE_NAMES, detect_language

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_ANAPHORA = re.compile(
    r"\b(it|its|they|them|that|this|those|there|he|she|il|elle|ils|elles|cela|ça|celle|celui|ceux|y|"
    r"es|sie|dort|das|dies|diese|davon|dafür|er)\b",
    re.IGNORECASE,
)


@dataclass
class EvidenceEvent:
    """Evidence is ready (shown before the model writes)."""

    evidence: list[Evidence]
    standalone_question: str


@dataclass
class TokenEvent:
    """A piece of the generated answer."""

    text: str


def clean_question(question: Any, limit: int) -> str:
    """Strip control characters; refuse empty or over-long questions with a clear message."""
    if not isinstance(question, str):
        raise InputError("The question must be text.")
    text = _CONTROL.sub(" ", question)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise InputError("The question is empty. Type a question about the documents.")
    if len(text) > limit:
        raise InputError(f"The question is {len(text)} characters long; the limit is {limit}. Please shorten it.")
    return text


def normalize_history(history: Sequence[Any] | None) -> list[Turn]:
    """Accept Turn objects, {"role","content"} dicts or (user, assistant) pairs."""
    turns: list[Turn] = []
    for item in history or []:
        if isinstance(item, Turn):
            turns.append(item)
        elif isinstance(item, dict) and item.get("role") in ("user", "assistant"):
            content = item.get("content")
            if isinstance(content, str):
                turns.append(Turn(role=item["role"], content=content))
        elif isinstance(item, list | tuple) and len(item) == 2:
            user, bot = item
            if isinstance(user, str):
                turns.append(Turn(role="user", content=user))
            if isinstance(bot, str):
                turns.append(Turn(role="assistant", content=bot))
        else:
            raise InputError("History items must be {'role', 'content'} messages or (question, answer) pairs.")
    return turns[-8:]


class Assistant:
    """Grounded question answering over the corpus, with verified citations."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embeddings: NamedEmbeddings | None = None,
        chat_model: ChatModel | None = None,
        auto_ingest: bool = True,
        progress: bool = False,
        **overrides: Any,
    ) -> None:
        if settings is None:
            settings = Settings(**overrides)
        elif overrides:  # re-validate: an override is checked like any other setting
            settings = Settings(**{**settings.model_dump(exclude_unset=True), **overrides})
        self.settings = settings
        s = self.settings
        s.data_dir.mkdir(parents=True, exist_ok=True)
        self.components = build_components(s, embeddings)
        self.local_server = LocalModelServer(s) if s.llm == "local" and chat_model is None else None
        self.llm = chat_model if chat_model is not None else make_chat_model(
            s, ensure_local=self.local_server.ensure if self.local_server else None
        )
        self.retriever = Retriever(self.components.index, self.components.embedder)
        self.selector = EvidenceSelector(self.components.embedder)
        self.answer_prompt = load_prompt(s.prompts_dir, s.answer_prompt)
        self.rewrite_prompt = load_prompt(s.prompts_dir, s.rewrite_prompt)
        self.last_ingest: IngestReport | None = None
        if auto_ingest:
            self.ingest(progress=progress)

    @property
    def model_name(self) -> str:
        return self.llm.name if self.llm else "none (extractive)"

    def ingest(self, rebuild: bool = False, progress: bool = True) -> IngestReport:
        """Bring the index up to date with the corpus folder."""
        self.last_ingest = run_ingest(self.components, rebuild=rebuild, progress=progress)
        self.retriever.index = self.components.index
        self.retriever.refresh()
        return self.last_ingest

    def status(self) -> dict[str, Any]:
        """Corpus size and index state, for status lines."""
        count = self.components.index.count()
        files = {m.get("source") for _, m in self.components.index.iter_metadata()} if count else set()
        return {
            "files": len(files),
            "chunks": count,
            "index": self.settings.chroma_url or str(self.settings.chroma_path),
            "collection": self.components.index.name,
            "embedder": self.components.embedder.name,
            "model": self.model_name,
            "skipped": [f"{s.source}: {s.reason}" for s in (self.last_ingest.skipped if self.last_ingest else [])],
        }

    def close(self) -> None:
        """Stop the embedded model server if this assistant started it."""
        if self.local_server:
            self.local_server.stop()

    # -- answering ---------------------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None) -> Answer:
        """Answer one question (history: earlier turns)."""
        final: Answer | None = None
        for event in self.stream_events(question, history, top_k):
            if isinstance(event, Answer):
                final = event
        assert final is not None
        return final

    def stream(
        self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None
    ) -> Iterator[str | Answer]:
        """Streamed answer text, then the final Answer."""
        for event in self.stream_events(question, history, top_k):
            if isinstance(event, TokenEvent):
                yield event.text
            elif isinstance(event, Answer):
                yield event

    def stream_events(
        self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None
    ) -> Iterator[EvidenceEvent | TokenEvent | Answer]:
        """Evidence, then answer tokens, then the verified Answer."""
        t0 = time.perf_counter()
        s = self.settings
        q = clean_question(question, s.max_question_chars)
        if top_k is not None and not (isinstance(top_k, int) and 1 <= top_k <= 50):
            raise InputError("top_k must be a whole number between 1 and 50.")
        turns = normalize_history(history)
        previous = [t.content for t in turns if t.role == "user"]
        lang = detect_language(q, default=detect_language(previous[-1]) if previous else "en")
        if self.components.index.count() == 0:
            raise IndexEmptyError(
                "The index is empty. Add .txt, .md or .html files to the corpus folder and run `assistant ingest`."
            )
        timings: dict[str, float] = {}
        standalone = self._standalone(q, turns, lang) if previous else q
        timings["rewrite_ms"] = _ms(t0)

        t1 = time.perf_counter()
        qvec = self.components.embedder.embed_query(standalone)
        chunks = self.retriever.retrieve(standalone, top_k or s.top_k, qvec)
        timings["retrieval_ms"] = _ms(t1)
        t2 = time.perf_counter()
        bm25 = self.retriever.lexical_index().bm25
        selection = self.selector.select(standalone, qvec, chunks, bm25, s.max_evidence, lang)
        timings["evidence_ms"] = _ms(t2)
        base = {"question": q, "language": lang, "standalone_question": standalone, "model": self.model_name}

        if not selection.answerable:
            timings["total_ms"] = _ms(t0)
            yield Answer(**base, answer=message("abstain", lang), abstained=True, mode="abstained",
                         timings=timings, note=_abstain_note(selection))
            return
        yield EvidenceEvent(selection.evidence, standalone)

        if self.llm is None:
            timings["total_ms"] = _ms(t0)
            yield self._extractive(base, selection, timings, note="")
            return

        messages = self.answer_prompt.render(
            language=LANGUAGE_NAMES.get(lang, "English"),
            evidence=_format_evidence(selection.evidence),
            question=standalone,
            history="",
        )
        t3 = time.perf_counter()
        pieces: list[str] = []
        held = ""
        try:
            for piece in self.llm.stream(messages, s.max_answer_tokens):
                if not pieces:
                    timings["first_token_ms"] = _ms(t0)  # from the question, as the user waits
                pieces.append(piece)
                held += piece
                # Hold back the first characters so that a NOT_FOUND reply is never shown as an answer.
                if len(held) >= 12 and not held.lstrip().upper().startswith("NOT"):
                    yield TokenEvent(held)
                    held = ""
            if held and not held.lstrip().upper().startswith("NOT"):
                yield TokenEvent(held)
        except ModelUnavailableError as exc:
            timings["total_ms"] = _ms(t0)
            yield self._extractive(base, selection, timings, note=f"{message('model_down', lang)} ({exc})")
            return
        timings["generation_ms"] = _ms(t3)
        timings["total_ms"] = _ms(t0)
        yield self._verify("".join(pieces), base, selection, timings, standalone, lang)

    # -- steps -----------------------------------------------------------------------------------

    def _standalone(self, question: str, turns: list[Turn], lang: str) -> str:
        """Rewrite a follow-up into a standalone question (the previous question is kept as context)."""
        previous = [t.content for t in turns if t.role == "user"][-1]
        looks_follow_up = bool(_ANAPHORA.search(question)) or len(question.split()) <= 5
        if not looks_follow_up:
            return question
        fallback = f"{previous} {question}"
        if self.llm is None:
            return fallback
        history = "\n".join(f"{t.role}: {t.content[:400]}" for t in turns[-4:])
        messages = self.rewrite_prompt.render(history=history, question=question,
                                              language=LANGUAGE_NAMES.get(lang, "English"))
        try:
            text = "".join(self.llm.stream(messages, 60)).strip().strip('"').splitlines()
        except ModelUnavailableError:
            return fallback
        rewritten = text[0].strip() if text else ""
        if not rewritten or parse_generation(rewritten).not_found or len(rewritten) > 3 * len(fallback) + 40:
            return fallback
        return rewritten

    def _extractive(self, base: dict[str, Any], selection: Selection, timings: dict[str, float],
                    note: str) -> Answer:
        """Answer with the quoted evidence itself, labelled as such (if it is of the kind asked for)."""
        if not selection.type_ok:
            reason = f"no evidence states a {selection.wants}"
            return Answer(**base, answer=message("abstain", base["language"]), abstained=True, mode="abstained",
                          timings=timings, note=f"{note}; {reason}" if note else reason)
        best = selection.evidence[0].score
        typed = [e for e in selection.evidence if matches_type(selection.wants, e.quote)]
        chosen = [e for e in typed if e.score >= typed[0].score - 0.03][:2] if typed[0].score >= best - 0.03 \
            else [typed[0]]
        citations = [to_citation(e, i + 1) for i, e in enumerate(chosen)]
        body = " ".join(f"«{c.quote}» [{c.number}]" for c in citations)
        return Answer(**base, answer=f"{message('extractive', base['language'])} {body}", abstained=False,
                      citations=citations, mode="extractive", timings=timings, note=note)

    def _verify(self, raw: str, base: dict[str, Any], selection: Selection, timings: dict[str, float],
                question: str, lang: str) -> Answer:
        """Keep the generated answer only if its citations and claims check out."""
        gen = parse_generation(raw)
        evidence = {e.number: e for e in selection.evidence}
        strong = selection.best_score >= self.selector.weights.strong_evidence
        if gen.not_found or not gen.text:
            # The model found nothing: trust it unless the evidence is strong, then quote the evidence.
            if not strong:
                return Answer(**base, answer=message("abstain", lang), abstained=True, mode="abstained",
                              timings=timings, note="the model found no answer in the evidence")
            return self._extractive(base, selection, timings, note="the model found no answer in the evidence")
        cited = [n for n in gen.cited if n in evidence]
        if not cited:
            # No valid marker: attribute each stated number to the evidence that states it.
            for number in stated_numbers(gen.text):
                cited += [n for n, e in evidence.items() if supported(number, e.quote) and n not in cited]
        problems = ["no valid citation"] if not cited else unsupported_claims(
            gen.text, [evidence[n].quote for n in cited], question, lang
        )
        if cited and not quoted_passages_ok(gen.text, [evidence[n].quote for n in cited]):
            problems.append("quotation not found in the cited evidence")
        if len(strip_markers(gen.text).split()) < 2:
            problems.append("no answer text besides citation markers")
        if problems:
            # An unsupported answer over weak evidence usually means the documents lack the answer.
            note = f"{message('unverified', lang)} ({', '.join(problems)})"
            if not strong:
                return Answer(**base, answer=message("abstain", lang), abstained=True, mode="abstained",
                              timings=timings, note=f"generated answer unsupported: {', '.join(problems)}")
            return self._extractive(base, selection, timings, note=note)
        mapping = {n: i + 1 for i, n in enumerate(cited)}
        citations: list[Citation] = [to_citation(evidence[n], mapping[n]) for n in cited]
        text = renumber(gen.text, mapping)
        if not re.search(r"\[\d+\]", text):
            text = f"{text} " + "".join(f"[{c.number}]" for c in citations)
        return Answer(**base, answer=text, abstained=False, citations=citations, mode="generated",
                      timings=timings)


def _abstain_note(selection: Selection) -> str:
    if selection.unknown:
        return f"the documents never mention {', '.join(selection.unknown)}"
    return f"best evidence score {selection.best_score:.3f} is below the threshold"


def _format_evidence(evidence: list[Evidence]) -> str:
    return "\n".join(f"[{e.number}] ({e.chunk.title[:60] or e.source}) {e.quote}" for e in evidence)


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
