"""Evidence units are cut from a chunk together with its neighbours, so that a chunk boundary never cuts a unit
from what it needs; a bare list of references is never evidence."""

from __future__ import annotations

from assistant.citations import to_citation
from assistant.evidence import _quotable, candidate_units
from assistant.models import Evidence
from assistant.retrieval import Retriever, to_retrieved
from vectorstore.store import StoredChunk

TEXT = ("OPTIONEN\n"
        "       use-vc (seit Glibc 2.14)\n"
        "              setzt RES_USEVC in _res.options.  Diese Option erzwingt\n"
        "              die Verwendung von TCP für DNS-Auflösungen.\n"
        "\n"
        "       no-reload (seit Glibc 2.26)\n"
        "              setzt RES_NORELOAD in _res.options.\n")
CUT = TEXT.index("Diese Option")  # where the second chunk starts: inside the use-vc item


def stored(n: int, start: int, end: int) -> StoredChunk:
    return StoredChunk(id=f"de-resolv.conf.5.txt#abc-def#{n}", text=TEXT[start:end],
                       metadata={"source": "de-resolv.conf.5.txt", "start": start, "end": end, "language": "de",
                                 "title": "resolv.conf(5)"})


class Index:
    """Two overlapping chunks of one document (the only call windows make is `get`)."""

    def __init__(self) -> None:
        self.chunks = {c.id: c for c in (stored(0, 0, CUT + 12), stored(1, CUT, len(TEXT)))}

    def get(self, ids):
        return [self.chunks[i] for i in ids if i in self.chunks]


def test_a_unit_cut_by_the_chunk_boundary_is_whole_with_its_option():
    index = Index()
    second = to_retrieved(index.chunks["de-resolv.conf.5.txt#abc-def#1"])
    windows = Retriever(index, embedder=None).windows([second])
    assert windows[0].start == 0 and windows[0].text == TEXT  # joined with the chunk before it
    alone = [c.context + " | " + c.quote for c in candidate_units([second])]
    assert not any("use-vc" in u for u in alone)  # the chunk alone has lost the option's name
    cands = candidate_units([second], windows)
    tcp = next(c for c in cands if "TCP" in c.quote)
    assert tcp.context.startswith("use-vc") and tcp.quote.startswith("setzt RES_USEVC")
    assert not any("OPTIONEN" in c.quote for c in cands)  # the neighbour's own units are not the chunk's
    # The passage is the chunk stretched just enough to hold the unit and its context: citations still hold.
    assert tcp.chunk.start == TEXT.index("use-vc") and tcp.chunk.end == len(TEXT)
    ev = Evidence(number=1, source=tcp.chunk.source, start=tcp.start, end=tcp.end, quote=tcp.quote, chunk=tcp.chunk,
                  score=0.9, context=tcp.context)
    citation = to_citation(ev, 1)
    assert TEXT[citation.start:citation.end] == citation.quote == tcp.quote


def test_a_missing_or_disagreeing_neighbour_leaves_the_chunk_alone():
    index = Index()
    index.chunks["de-resolv.conf.5.txt#abc-def#0"] = StoredChunk(
        id="de-resolv.conf.5.txt#abc-def#0", text="x" * (CUT + 12),
        metadata={"source": "de-resolv.conf.5.txt", "start": 0, "end": CUT + 12})
    second = to_retrieved(index.chunks["de-resolv.conf.5.txt#abc-def#1"])
    assert Retriever(index, embedder=None).windows([second]) == [second]
    first = to_retrieved(stored(0, 0, CUT + 12))
    del index.chunks["de-resolv.conf.5.txt#abc-def#1"]
    assert Retriever(index, embedder=None).windows([first]) == [first]


def test_a_list_of_references_is_not_evidence():
    assert not _quotable("getmntent(3), fs(5), findmnt(8), mount(8), swapon(8)", "")
    assert _quotable("Für Details siehe mount(8) oder swapon(8).", "")


def test_chunks_mentioning_the_option_or_named_after_the_file_are_retrieved(tmp_path):
    """Stemming folds "--sort" into "sortie", and the hash embedder ranks at random: the named lists bring in
    the chunk that states the option, and the page named after the file the question names."""
    from assistant.answer import Assistant
    from assistant.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"fr-page{i}.txt").write_text(
            f"Page {i}. La sortie de la commande est écrite sur la sortie standard. Une sortie est produite "
            "à chaque appel, et la sortie d'erreur reste séparée.\n", encoding="utf-8")
    (corpus / "fr-tar.1.txt").write_text(
        "tar archive des fichiers.\n\n       --sort=ORDRE\n              Trier les entrées selon ORDRE, qui est soit "
        "none, name ou inode.\n", encoding="utf-8")
    (corpus / "de-hosts.5.txt").write_text("Kommentare werden durch »#« eingeleitet.\n", encoding="utf-8")
    bot = Assistant(Settings(corpus_dir=corpus, data_dir=tmp_path / "data", embedder="hash", llm="none"),
                    progress=False)
    try:
        r = bot.retriever
        vec = bot.components.embedder.embed_query("Welche Werte akzeptiert --sort?")
        mentioning, = r.named("Welche Werte akzeptiert --sort?", vec)
        assert [c.source for c in r.index.get([cid for cid, _ in mentioning])] == ["fr-tar.1.txt"]
        assert "fr-tar.1.txt" in [c.source for c in r.retrieve("Welche Werte akzeptiert --sort?", 3)]
        question = "Quel caractère introduit un commentaire dans /etc/hosts ?"
        _, named = r.named(question, bot.components.embedder.embed_query(question))
        assert [c.source for c in r.index.get([cid for cid, _ in named])] == ["de-hosts.5.txt"]
        assert r.named("Combien de sorties ?", vec) == []  # no option, path or file named: no extra list
    finally:
        bot.close()
