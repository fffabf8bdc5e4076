"""Loading: metadata from the text, and bad files reported, never fatal."""

from __future__ import annotations

from vectorstore.loaders import find_byline, find_date, load_corpus


def test_corpus_metadata(corpus_copy):
    result = load_corpus(corpus_copy)
    assert not result.skipped
    docs = {d.source: d for d in result.documents}
    assert len(docs) == 5
    assert docs["000_cc7903dd0bebecee.txt"].date == "2025-12-24"
    assert docs["002_a5c8f691cedf92bb.txt"].date == "2024-02-08"
    assert docs["003_407135a6eafe66ad.txt"].date == "2026-02-05"
    assert docs["004_600c196880a8075b.txt"].date == "2025-12-23"
    assert docs["001_8caf9aabd0e974c3.txt"].date is None
    assert docs["000_cc7903dd0bebecee.txt"].title.startswith("Concentration des forces")
    assert docs["002_a5c8f691cedf92bb.txt"].title.startswith("Un train à grande vitesse")  # not the date line
    assert {d.language for s, d in docs.items() if s != "004_600c196880a8075b.txt"} == {"fr"}
    assert docs["004_600c196880a8075b.txt"].language == "de"
    assert docs["000_cc7903dd0bebecee.txt"].byline.startswith("Département de recherche, d’études stratégiques")
    assert {s for s, d in docs.items() if d.byline} == {"000_cc7903dd0bebecee.txt"}  # a bare date line is none


def test_bad_files_are_skipped_with_a_reason(corpus_copy):
    (corpus_copy / "empty.txt").write_text("   \n", encoding="utf-8")
    (corpus_copy / "binary.txt").write_bytes(b"\x00\x01\x02PNG data")
    (corpus_copy / "latin1.txt").write_bytes("Café à Pékin".encode("latin-1"))
    (corpus_copy / "image.png").write_bytes(b"\x89PNG")
    (corpus_copy / "page.html").write_text(
        "<html><head><style>p{}</style></head><body><h1>Titre</h1><p>Un paragraphe.</p></body></html>",
        encoding="utf-8",
    )
    result = load_corpus(corpus_copy)
    reasons = {s.source: s.reason for s in result.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "unsupported" in reasons["image.png"]
    html = next(d for d in result.documents if d.source == "page.html")
    assert "Titre" in html.text and "Un paragraphe." in html.text and "p{}" not in html.text
    assert len(result.documents) == 6


def test_find_date_formats():
    assert find_date("publié le 05.02.2026 à Pékin") == "2026-02-05"
    assert find_date("http://x.org/txt/2025-12/23/content.htm") == "2025-12-23"
    assert find_date("nothing here 2025") is None


def test_find_byline():
    assert find_byline("Titre\nPar Jean Dupont, 12.03.2024\nTexte.") == "Par Jean Dupont, 12.03.2024"
    assert find_byline("Title\n\nBy Li Wei\nText.") == "By Li Wei"
    assert find_byline("Titel\nVon der Festlegung der Kernfunktion.\nText.") == ""  # a sentence, not a name
    assert find_byline("Title\n2024-02-08 06:31:11\nText.") == ""  # a date and nothing else
    assert find_byline("By Li Wei\nText.") == ""  # the first line is the title
    # sentences are no bylines, dated or not
    assert find_byline("Titel\nVon Januar bis März 2025 stieg der Umsatz in Peking um 5 %.\nText.") == ""
    assert find_byline("Titre\nLe 05.02.2026, Tianjin a inauguré un parc.\nTexte.") == ""
    assert find_byline("Title\nBy Beijing's standards, growth was fast\nText.") == ""
