"""Step 4, generate: the model phrases an answer from the numbered evidence; its output is parsed, not trusted."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator

from pydantic import BaseModel, Field, ValidationError

from assistant.llm import ChatModel, Piece, StructuredChatModel
from assistant.models import Evidence, GeneratedAnswer, TokenEvent
from assistant.prompts import Prompt
from vectorstore.language import LANGUAGE_NAMES

MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_NOT_FOUND = re.compile(r"NOT[_ ]FOUND|NOT[_ ]IN[_ ]DOCUMENTS", re.IGNORECASE)
_HOLD = 12  # characters held back so that a NOT_FOUND reply is never shown as an answer


def marker_numbers(inside: str) -> list[int]:
    """The evidence numbers of one marker's inside ("1, 3" of "[1, 3]")."""
    return [int(n) for n in re.split(r"\s*[,;]\s*", inside)]


def parse_generation(text: str) -> GeneratedAnswer:
    """Parse the model's raw text into typed form: cited evidence numbers and the not-found flag."""
    cited: list[int] = []
    for m in MARKER.finditer(text):
        for n in marker_numbers(m.group(1)):
            if n not in cited:
                cited.append(n)
    return GeneratedAnswer(text=text, cited=cited, not_found=bool(_NOT_FOUND.search(text)))


def format_evidence(evidence: list[Evidence]) -> str:
    """The numbered evidence block of the prompt."""
    return "\n".join(
        f"[{e.number}] ({e.chunk.title[:60] or e.source}) {e.context + ' … ' if e.context else ''}{e.quote}"
        for e in evidence
    )


def evidence_json(evidence: list[Evidence]) -> str:
    """The evidence as a JSON list of quoted records: JSON escaping means no document text can close the
    structure or pass for the prompt's own words (used by prompts that ask for `evidence_json`)."""
    return json.dumps([{"n": e.number, "document": e.chunk.title[:60] or e.source,
                        "text": f"{e.context} … {e.quote}" if e.context else e.quote} for e in evidence],
                      ensure_ascii=False, indent=1)


def answer_messages(prompt: Prompt, evidence: list[Evidence], question: str, lang: str) -> list[dict[str, str]]:
    """The chat messages asking for an answer in `lang` from this evidence."""
    return prompt.render(
        language=LANGUAGE_NAMES.get(lang, "English"),
        evidence=format_evidence(evidence),
        evidence_json=evidence_json(evidence),
        question=question,
        history="",
    )


class StructuredReply(BaseModel):
    """The model's reply under constrained decoding: whether it found the answer, the answer, its evidence."""

    found: bool
    answer: str = Field(max_length=2000)
    evidence: list[int] = Field(max_length=20)


REPLY_SCHEMA = {
    "type": "object",
    "properties": {
        "found": {"type": "boolean"},
        "answer": {"type": "string"},
        "evidence": {"type": "array", "items": {"type": "integer"}},
    },
    "required": ["found", "answer", "evidence"],
    "additionalProperties": False,
}
_ANSWER_OPEN = re.compile(r'^\s*\{\s*"found"\s*:\s*true\s*,\s*"answer"\s*:\s*"')
_ANSWER_FIELD = re.compile(r'"answer"\s*:\s*"((?:[^"\\]|\\.)*)"')


def parse_structured(raw: str) -> GeneratedAnswer:
    """The JSON reply as a GeneratedAnswer; anything that is not valid JSON of the schema is "not found"."""
    try:
        reply = StructuredReply.model_validate_json(raw)
    except ValidationError:
        return GeneratedAnswer(text="", not_found=True)
    return GeneratedAnswer(text=reply.answer, cited=list(dict.fromkeys(reply.evidence)),
                           not_found=not reply.found or not reply.answer.strip())


def _answer_pieces(raw: str, pieces: list[tuple[int, str]]) -> tuple[int, int, list[tuple[int, Piece]]] | None:
    """(start, end) of the "answer" string in `raw` and the pieces that write it, each with its offset; None when
    there is no answer string or a piece of it carries no log-probability."""
    m = _ANSWER_FIELD.search(raw)
    if not m:
        return None
    start, end = m.span(1)
    inside = [(at, p) for at, p in pieces if at + len(p) > start and at < end]
    scored = [(at, p) for at, p in inside if isinstance(p, Piece) and p.tokens]
    return (start, end, scored) if scored and len(scored) == len(inside) else None


def answer_logprob(raw: str, pieces: list[tuple[int, str]]) -> float | None:
    """The mean log-probability per token of the pieces that write the "answer" string (`pieces`: each streamed
    piece with its offset in `raw`); None when the server gave none. The model's own doubt about the words it
    chose: measured on dev, low values came with wrong answers more often than right ones (docs/decisions.md)."""
    span = _answer_pieces(raw, pieces)
    if span is None:
        return None
    scored = [p for _, p in span[2]]
    return sum(p.logprob for p in scored) / sum(p.tokens for p in scored)


def _decode_prefix(body: str) -> str | None:
    """The text a prefix of a JSON string's body writes (a half-written escape at its end writes nothing yet);
    None when it does not decode."""
    for cut in range(6):
        try:
            return json.loads(f'"{body[:len(body) - cut]}"')
        except json.JSONDecodeError:
            continue
    return None


def answer_scores(raw: str, pieces: list[tuple[int, str]]) -> list[tuple[int, int, float, int]]:
    """Each scored piece that writes the "answer" string, as (start, end, log-probability, tokens) with offsets in
    the parsed (stripped) answer text; empty when any of them is unscored."""
    span = _answer_pieces(raw, pieces)
    if span is None:
        return []
    start, end, inside = span
    text = _decode_prefix(raw[start:end]) or ""
    lead = len(text) - len(text.lstrip())
    out: list[tuple[int, int, float, int]] = []
    for at, p in inside:
        before, through = _decode_prefix(raw[start:max(at, start)]), _decode_prefix(raw[start:min(at + len(p), end)])
        if before is None or through is None:
            return []
        if len(through) > lead:
            out.append((max(len(before) - lead, 0), len(through) - lead, p.logprob, p.tokens))
    return out


def claim_logprob(reply: GeneratedAnswer, claims: list[str]) -> float | None:
    """The lowest mean token log-probability among the answer's stated claims (numbers, names): the model's doubt
    about the fact itself rather than about the words around it; None without claims or scores."""
    means: list[float] = []
    for claim in claims:
        at = reply.text.find(claim)
        if at < 0 or not claim:
            continue
        hit = [(lp, n) for s, e, lp, n in reply.scores if e > at and s < at + len(claim)]
        if hit:
            means.append(sum(lp for lp, _ in hit) / sum(n for _, n in hit))
    return min(means) if means else None


def _partial_answer(raw: str) -> str:
    """The "answer" string as far as it has been written (empty until "found": true has been)."""
    m = _ANSWER_OPEN.match(raw)
    if not m:
        return ""
    body = raw[m.end():]
    end = re.search(r'(?<!\\)(?:\\\\)*"', body)  # the closing quote: after an even run of backslashes
    text = _decode_prefix(body[:end.end() - 1] if end else body)
    return body if text is None else text


def generate_structured(
    llm: StructuredChatModel, messages: list[dict[str, str]], max_tokens: int, on_first_token: Callable[[], None]
) -> Generator[TokenEvent, None, GeneratedAnswer]:
    """Stream the answer field as it is written (only once the model has said it found one); return the reply."""
    raw, shown = "", ""
    pieces: list[tuple[int, str]] = []
    for piece in llm.stream_json(messages, max_tokens, REPLY_SCHEMA):
        if not raw:
            on_first_token()
        pieces.append((len(raw), piece))
        raw += piece
        visible = _partial_answer(raw)
        if len(visible) > len(shown) and visible.startswith(shown):
            yield TokenEvent(visible[len(shown):])
            shown = visible
    reply = parse_structured(raw)
    reply.logprob = answer_logprob(raw, pieces)
    reply.scores = answer_scores(raw, pieces)
    return reply


def generate(
    llm: ChatModel, messages: list[dict[str, str]], max_tokens: int, on_first_token: Callable[[], None]
) -> Generator[TokenEvent, None, GeneratedAnswer]:
    """Stream visible answer text as TokenEvents; return the whole reply, parsed."""
    pieces: list[str] = []
    held = ""
    for piece in llm.stream(messages, max_tokens):
        if not pieces:
            on_first_token()
        pieces.append(piece)
        held += piece
        if len(held) >= _HOLD and not held.lstrip().upper().startswith("NOT"):
            yield TokenEvent(held)
            held = ""
    if held and not held.lstrip().upper().startswith("NOT"):
        yield TokenEvent(held)
    return parse_generation("".join(pieces))
