"""PDF and Word files: page-by-page text, exact spans, pages on chunks and citations, bad files skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.docgen import blank_pdf, encrypted_pdf, write_docx
from vectorstore.docx_text import read_docx
from vectorstore.ingest import build_chunks, fingerprint
from vectorstore.loaders import LoadLimits, document_text, load_corpus, load_document
from vectorstore.pdf_text import PAGE_SEPARATOR, PdfLimits, page_of
from vectorstore.tokens import get_encoding

QUOTE_P2 = "En 2025, la ville de Tianjin a ouvert 37 laboratoires de robotique marine."


@pytest.fixture(scope="module")
def enc(tmp_path_factory):
    return get_encoding("cl100k_base", tmp_path_factory.mktemp("tiktoken"))


def test_pdf_text_is_page_by_page_with_page_numbers(pdfs):
    path = pdfs["report.pdf"]
    doc = load_document(path, "report.pdf")
    assert doc.text == document_text(path)  # the public function gives exactly the indexed text
    assert doc.text.count(PAGE_SEPARATOR) == 1 and len(doc.page_starts) == 2
    first, second = doc.text.split(PAGE_SEPARATOR)
    assert first.startswith("Rapport sur l'innovation à Tianjin") and "terminal automatisé" in first
    assert second.startswith("Laboratoires") and QUOTE_P2 in second
    assert doc.page_of(doc.text.index("terminal automatisé")) == 1
    assert doc.page_of(doc.text.index(QUOTE_P2)) == 2
    assert doc.page_of(doc.page_starts[1]) == 2 and doc.page_of(doc.page_starts[1] - 1) == 1
    assert doc.title == "Rapport sur l'innovation à Tianjin" and doc.language == "fr"
    assert "\r" not in doc.text


def test_every_pdf_chunk_records_its_pages_and_its_exact_span(pdfs, enc):
    path = pdfs["report.pdf"]
    doc = load_document(path, "report.pdf")
    text = document_text(path)
    for size in (32, 120):
        chunks = build_chunks(doc, enc, size, 8, fingerprint("cl100k_base", size, 8))
        assert chunks
        for c in chunks:
            assert text[c.start:c.end] == c.text
            assert c.metadata["page"] == doc.page_of(c.start)
            assert c.metadata["page_end"] == doc.page_of(c.end - 1) >= c.metadata["page"]
        assert {c.metadata["page"] for c in chunks} | {c.metadata["page_end"] for c in chunks} == {1, 2}
        holding = [c for c in chunks if QUOTE_P2 in c.text]
        assert holding and all(c.metadata["page_end"] == 2 for c in holding)


def test_no_sentence_or_evidence_unit_straddles_a_page_break():
    from vectorstore.text import evidence_units, split_sentences

    text = "Une phrase entière. Cette phrase continue" + PAGE_SEPARATOR + "sur la page suivante. Fin."
    starts = (0, text.index(PAGE_SEPARATOR) + len(PAGE_SEPARATOR))
    spans = [(s.start, s.end) for s in split_sentences(text)] + [(u.start, u.end) for u in evidence_units(text)]
    assert ("Cette phrase continue", "sur la page suivante.") == tuple(text[a:b] for a, b in spans[1:3])
    for a, b in spans:
        assert page_of(starts, a) == page_of(starts, b - 1)


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path, enc):
    path = write_docx(tmp_path / "note.docx", [
        "Note sur les laboratoires",
        "Premier paragraphe avant le tableau.",
        [["Ville", "Laboratoires"], ["Tianjin", "37"], ["Pékin", "52"]],
        "Dernier paragraphe, après le tableau.",
    ])
    text = document_text(path)
    assert text == read_docx(str(path))
    assert text == (
        "Note sur les laboratoires\n\nPremier paragraphe avant le tableau.\n\n"
        "Ville | Laboratoires\nTianjin | 37\nPékin | 52\n\nDernier paragraphe, après le tableau."
    )
    doc = load_document(path, "note.docx")
    assert doc.page_starts == () and doc.page_of(5) is None
    for c in build_chunks(doc, enc, 32, 8, "fp"):
        assert text[c.start:c.end] == c.text and "page" not in c.metadata


def test_bad_files_are_reported_by_name_and_the_rest_is_ingested(tmp_path, pdfs):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(pdfs["report.pdf"], corpus / "good.pdf")
    write_docx(corpus / "good.docx", ["Un document Word lisible."])
    shutil.copy(pdfs["scan.pdf"], corpus / "scan.pdf")
    (corpus / "blank.pdf").write_bytes(blank_pdf())
    (corpus / "zero.pdf").write_bytes(b"")
    (corpus / "fake.pdf").write_text("Just text pretending to be a PDF.", encoding="utf-8")
    (corpus / "locked.pdf").write_bytes(encrypted_pdf())
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (corpus / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0 an OLE2 .doc renamed")
    (corpus / "cut.docx").write_bytes((corpus / "good.docx").read_bytes()[:200])

    result = load_corpus(corpus)
    assert sorted(d.source for d in result.documents) == ["good.docx", "good.pdf"]
    reasons = {s.source: s.reason for s in result.skipped}
    assert set(reasons) == {"scan.pdf", "blank.pdf", "zero.pdf", "fake.pdf", "locked.pdf", "broken.pdf",
                            "old.docx", "cut.docx"}
    assert "no text layer" in reasons["scan.pdf"] and "scanned" in reasons["scan.pdf"]
    assert "no text layer" in reasons["blank.pdf"]
    assert reasons["zero.pdf"] == "empty file"
    assert "not a PDF" in reasons["fake.pdf"]
    assert "encrypted" in reasons["locked.pdf"]
    assert "damaged PDF" in reasons["broken.pdf"]
    assert "not a zip" in reasons["old.docx"]
    assert "not a zip" in reasons["cut.docx"] or "damaged" in reasons["cut.docx"]


def test_limits_cap_size_pages_and_time_per_file(tmp_path, pdfs):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(pdfs["report.pdf"], corpus / "report.pdf")
    (corpus / "small.txt").write_text("Un petit texte.", encoding="utf-8")
    size = (corpus / "report.pdf").stat().st_size

    def reasons(limits: LoadLimits) -> dict[str, str]:
        result = load_corpus(corpus, limits)
        assert [d.source for d in result.documents] == ["small.txt"]  # the rest is still ingested
        return {s.source: s.reason for s in result.skipped}

    assert "larger than the limit" in reasons(LoadLimits(max_bytes=size - 1))["report.pdf"]
    assert "2 pages, more than the limit of 1" in reasons(LoadLimits(pdf=PdfLimits(max_pages=1)))["report.pdf"]
    assert "took more than" in reasons(LoadLimits(pdf=PdfLimits(max_seconds=0.0)))["report.pdf"]
    assert [d.source for d in load_corpus(corpus, LoadLimits(max_bytes=size)).documents] == ["report.pdf", "small.txt"]


def test_a_citation_carries_the_page_of_its_quote(pdfs, enc):
    from assistant.citations import to_citation
    from assistant.models import Evidence
    from assistant.retrieval import to_retrieved

    path = pdfs["report.pdf"]
    doc = load_document(path, "report.pdf")
    text = document_text(path)
    (chunk,) = build_chunks(doc, enc, 400, 8, "fp")  # one chunk over both pages: it starts on page 1
    assert (chunk.metadata["page"], chunk.metadata["page_end"]) == (1, 2)
    retrieved = to_retrieved(chunk)
    for quote, page in ((QUOTE_P2, 2), ("Le port de Tianjin a inauguré un nouveau terminal automatisé", 1)):
        ev = Evidence(number=1, source="report.pdf", start=0, end=0, quote=quote, chunk=retrieved, score=1.0)
        cit = to_citation(ev, 1)
        assert cit.page == page and text[cit.start:cit.end] == cit.quote == quote


@pytest.mark.slow
@pytest.mark.browser
def test_a_question_about_page_two_is_cited_to_page_two(tmp_path, printed_pdfs, real_embedder):
    from assistant.answer import Assistant

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(printed_pdfs["report.pdf"], corpus / "report.pdf")
    write_docx(corpus / "note.docx", ["Le port de Qingdao a reçu 4 nouvelles grues.",
                                      [["Ville", "Grues"], ["Qingdao", "4"]]])
    bot = Assistant(corpus_dir=corpus, data_dir=tmp_path / "data", embeddings=real_embedder, llm="none")
    ans = bot.ask("Combien de laboratoires de robotique marine Tianjin a-t-elle ouverts ?")
    assert not ans.abstained and "37" in ans.answer
    cited = [c for c in ans.citations if "37 laboratoires" in c.quote]
    assert cited and all(c.source == "report.pdf" and c.page == 2 for c in cited)
    for c in ans.citations:
        assert document_text(corpus / c.source)[c.start:c.end] == c.quote
        assert (c.page is not None) == c.source.endswith(".pdf")
    ans = bot.ask("Combien de grues le port de Qingdao a-t-il reçues ?")
    assert not ans.abstained and "4" in ans.answer
    assert ans.citations and all(c.source == "note.docx" and c.page is None for c in ans.citations)
    for c in ans.citations:
        assert document_text(corpus / c.source)[c.start:c.end] == c.quote


def test_document_text_of_plain_files_is_unchanged(corpus_copy: Path):
    path = corpus_copy / "000_cc7903dd0bebecee.txt"
    assert document_text(path) == path.read_text(encoding="utf-8").removeprefix("\ufeff")


def test_an_unchanged_pdf_is_not_parsed_again_on_a_re_run(tmp_path, pdfs, monkeypatch):
    from assistant.answer import Assistant
    from vectorstore import loaders

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(pdfs["report.pdf"], corpus / "report.pdf")
    bot = Assistant(corpus_dir=corpus, data_dir=tmp_path / "data", embedder="hash", llm="none")
    assert bot.last_ingest.added == ["report.pdf"]

    def no_parsing(*args, **kwargs):  # a parse would show as a skipped file with this reason
        raise ValueError("parsed again")

    monkeypatch.setattr(loaders, "read_pdf", no_parsing)
    again = bot.ingest(progress=False)
    assert again.unchanged == ["report.pdf"] and not again.changed
    # A changed file is parsed (and here fails, so it keeps its chunks and is reported).
    with open(corpus / "report.pdf", "ab") as fh:
        fh.write(b"\n% appended\n")
    changed = bot.ingest(progress=False)
    assert [(s.source, s.reason) for s in changed.skipped] == [("report.pdf", "parsed again")]
    assert changed.chunks_deleted == 0
