"""Sentences and evidence units hold on hard-wrapped technical text (man pages) as well as on news prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from vectorstore.chunking import chunk_text
from vectorstore.text import Unit, evidence_units, split_sentences
from vectorstore.tokens import get_encoding

ROOT = Path(__file__).resolve().parents[1]
MANPAGES = sorted((ROOT / "evals" / "corpora" / "manpages").glob("*.txt"))
NEWS = sorted((ROOT / "corpus").glob("*.txt"))


def read(name: str) -> str:
    return (ROOT / "evals" / "corpora" / "manpages" / name).read_text(encoding="utf-8")


def flat(s: str) -> str:
    return " ".join(s.split())


def sentences(text: str) -> list[str]:
    return [flat(text[s.start:s.end]) for s in split_sentences(text)]


def units(text: str) -> list[tuple[str, str]]:
    """(unit, context), whitespace collapsed."""
    return [(flat(text[u.start:u.end]), flat(text[u.context_start:u.context_end])) for u in evidence_units(text)]


@pytest.fixture(scope="module")
def enc(tmp_path_factory):
    return get_encoding("cl100k_base", tmp_path_factory.mktemp("tiktoken"))


# ------------------------------------------------------------------------------------- wrapped sentences


@pytest.mark.parametrize(
    "page,sentence",
    [
        # three lines, the verb on the last one
        (
            "de-crontab.5.txt",
            "Beachten Sie, dass Kommentare nicht auf den gleichen Zeilen wie Cron-Befehle erlaubt sind, da sie als "
            "Teil des Befehls betrachtet werden.",
        ),
        (
            "de-crontab.5.txt",
            "HOME und SHELL können durch Einstellungen in der Crontab außer Kraft gesetzt werden; für LOGNAME ist "
            "dies nicht möglich.",
        ),
        # the next line starts with a quote, after a short line (a forced break in the source)
        (
            "de-crontab.5.txt",
            'Beispielsweise würde "30 4 1,15 * 5" dazu führen, dass ein Befehl um 16:30 Uhr am 1. und am 15. jedes '
            "Monats sowie jeden Freitag ausgeführt wird.",
        ),
        # ragged right (not justified): the line is full because the next word would not fit
        ("de-fstab.5.txt", "Für Auslagerungspartitionen sollte dieses Feld auf »none« gesetzt werden."),
        (
            "de-systemd.timer.5.txt",
            "Beispiel: Eine Timer-Datei foo.timer aktiviert einen passenden Dienst foo.service.",
        ),
        (
            "fr-cron.8.txt",
            "Chacune de ses tâches exécutera run-parts avec chaque répertoire en argument.",
        ),
        (
            "fr-crontab.1.txt",
            "Si aucune des variables d'environnement n'est définie, alors l'éditeur par défaut /usr/bin/editor est "
            "utilisé.",
        ),
        # a line opening with an option is the continuation of "l'option"
        (
            "fr-su.1.txt",
            "Il est recommandé de toujours utiliser l'option --login (au lieu de son raccourci -) pour éviter les "
            "effets secondaires causés par un mélange d'environnements.",
        ),
        # "crontab -l" looks like a command line but continues the sentence
        (
            "fr-crontab.1.txt",
            "Vous pouvez obtenir le comportement originel en définissant la variable d'environnement "
            "CRONTAB_NOHEADER à « N », ce qui aura pour effet que la commande crontab -l affichera cet en-tête "
            "superflu.",
        ),
        # a line holding only a path ends the sentence it continues
        (
            "de-crontab.5.txt",
            "In BSD und AT&T ist die an Kindprozesse übergebene Umgebung im Prinzip die von /etc/rc.",
        ),
    ],
)
def test_a_sentence_wrapped_over_lines_is_one_span(page, sentence):
    assert sentence in sentences(read(page))


def test_a_chunk_starting_mid_line_keeps_its_first_sentence_whole():
    # what evidence.py splits: a chunk's text starts at a sentence, in the middle of an indented line
    page = read("de-fstab.5.txt")
    start = page.index("Programme greifen auf")
    end = page.index("zu pflegen.") + len("zu pflegen.")
    assert sentences(page[start:end]) == [
        "Programme greifen auf fstab nur lesend, nicht schreibend zu.",
        "Es obliegt dem Systemadministrator, diese Datei korrekt zu erstellen und zu pflegen.",
    ]


# ------------------------------------------------------------------------------ tokens that are never cut


@pytest.mark.parametrize(
    "page,sentence",
    [
        ("de-fstab.5.txt", "Beispiele: »LABEL=Boot« oder `UUID=3e6be9de-8139-11d1-9106-a43f08d823a6'."),
        (
            "de-fstab.5.txt",
            'Bei der Angabe der Datenträgerkennung eines FAT- oder NTFS-Dateisystems werden aber Großbuchstaben '
            'verwendet (z.B. UUID="A40D-85E7" oder UUID="61DB7756DB7779B3").',
        ),
        (
            "de-fstab.5.txt",
            "Das Schlüsselwort ignore als Dateisystemtyp (das dritte Feld) wird vom reinen libmount-basierten "
            "Einhängewerkzeug nicht mehr unterstützt (seit util-linux v2.22).",
        ),
        ("de-resolv.conf.5.txt", "Die Zeile muss mit dem Namen der Konfigurationsoption (z.B. nameserver) beginnen."),
        ("de-resolv.conf.5.txt", "Auf den Namen der Konfigurationsoption folgt der Wert, bzw. folgen die Werte."),
        (
            "de-crontab.5.txt",
            "Falls beide Felder eingeschränkt sind (d.h. nicht mit * beginnen) wird der Befehl ausgeführt, wenn "
            "eines der beiden Felder auf die aktuelle Zeit passt.",
        ),
        (
            "fr-cron.8.txt",
            "-l Activer les noms conformes LSB pour les fichiers du répertoire /etc/cron.d.",
        ),
        ("fr-su.1.txt", "La valeur par défaut est /usr/local/bin:/bin:/usr/bin."),
        ("de-systemd.timer.5.txt", "Standardmäßig 1min."),
        ("de-systemd.timer.5.txt", "Tabelle 1. Einstellungen und ihre Startpunkte"),
    ],
)
def test_paths_versions_options_and_abbreviations_stay_inside_their_sentence(page, sentence):
    assert sentence in sentences(read(page))


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Die Datei liegt z.B. unter /etc/cron.d/ bzw. in /var/spool/cron/crontabs, d.h. lokal. Sie wird gelesen.",
            ["Die Datei liegt z.B. unter /etc/cron.d/ bzw. in /var/spool/cron/crontabs, d.h. lokal.",
             "Sie wird gelesen."],
        ),
        (
            "Il lit p.ex. /etc/crontab (cf. crontab.5), etc. et la v2.3.1 de 3.14 Ko. Ensuite il dort.",
            ["Il lit p.ex. /etc/crontab (cf. crontab.5), etc. et la v2.3.1 de 3.14 Ko.", "Ensuite il dort."],
        ),
        (
            "Run it, e.g. apt-daily.timer or i.e. man 5 crontab. See https://example.org/a.b?c=1. Done.",
            ["Run it, e.g. apt-daily.timer or i.e. man 5 crontab.", "See https://example.org/a.b?c=1.", "Done."],
        ),
        ("chmod [OPTION]... MODE[,MODE]... FICHIER...", ["chmod [OPTION]... MODE[,MODE]... FICHIER..."]),
    ],
)
def test_synthetic_paths_versions_and_abbreviations(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("path", MANPAGES, ids=lambda p: p.name)
def test_no_span_starts_or_ends_inside_a_token(path):
    text = path.read_text(encoding="utf-8")
    for s in split_sentences(text):
        assert s.start == 0 or text[s.start - 1].isspace(), text[s.start - 20:s.end]
        assert s.end == len(text) or text[s.end].isspace(), text[s.start:s.end + 20]


# ------------------------------------------------------------------------------------ options and lists


def test_an_option_name_joins_the_first_sentence_of_its_description():
    tar = sentences(read("fr-tar.1.txt"))
    assert "-c, --create Créer une nouvelle archive." in tar
    assert "--zstd Traiter l'archive avec zstd(1)." in tar
    assert "--strip-components=NOMBRE Supprimer les NOMBRE composants de tête des noms de fichier à extraire." in tar
    assert "nofail Keine Fehler für dieses Gerät melden, wenn es nicht existiert." in sentences(read("de-fstab.5.txt"))


def test_an_option_item_is_one_unit_with_all_its_wrapped_lines():
    cron = units(read("fr-cron.8.txt"))
    # the description starts on the option's line and goes on over two more lines, indented under it
    assert (
        "-l Activer les noms conformes LSB pour les fichiers du répertoire /etc/cron.d. Ce réglage n'affecte "
        "cependant pas l'analyse des fichiers des répertoires /etc/cron.hourly, /etc/cron.daily, /etc/cron.weekly "
        "ou /etc/cron.monthly.",
        "OPTIONS",
    ) in cron
    # the description hangs below the option name: the name is the context
    resolv = units(read("de-resolv.conf.5.txt"))
    assert (
        "setzt RES_USEVC in _res.options. Diese Option erzwingt die Verwendung von TCP für DNS-Auflösungen.",
        "use-vc (seit Glibc 2.14)",
    ) in resolv
    chmod = units(read("fr-chmod.1.txt"))
    assert ("utiliser le mode bavard en ne signalant que les modifications", "-c, --changes") in chmod
    su = units(read("fr-su.1.txt"))
    assert ("La commande demandée n'a pas été trouvée", "127") in su
    assert ("fichier de configuration de PAM si --login est spécifié", "/etc/pam.d/su-l") in su


def test_a_long_option_description_is_quoted_sentence_by_sentence_with_the_option_as_context():
    timer = units(read("de-systemd.timer.5.txt"))
    assert ("Dies ist nützlich, um verpasste Läufe, als die Maschine ausgeschaltet gewesen ist, nachzuholen.",
            "Persistent=") in timer
    # a further paragraph of the description too
    assert ("Diese Einstellung hat keine Wirkung, falls RandomizedDelaySec= auf 0 gesetzt ist.",
            "FixedRandomDelay=") in timer


def test_a_list_item_has_the_sentence_introducing_the_list_as_context():
    su = units(read("fr-su.1.txt"))
    lead = (
        "-, -l, --login Démarrer l’interpréteur de commandes comme un interpréteur de connexion avec un "
        "environnement similaire à une connexion réelle :"
    )
    assert ("efface toutes les variables d'environnement, à l'exception de TERM et des variables indiquées dans "
            "--whitelist-environment ;", lead) in su
    assert ("/bin/sh", "L’interpréteur de commandes à exécuter est sélectionné d’après les règles suivantes dans "
            "cet ordre :") in su
    cron = units(read("fr-cron.8.txt"))
    assert ("gestion de PAM ;", "Les modifications les plus significatives introduites sont :") in cron
    timer = units(read("de-systemd.timer.5.txt"))
    assert ("Timer-Units erhalten automatisch eine Abhängigkeit Before= von dem Dienst, den sie aktivieren sollen.",
            "Die folgenden Abhängigkeiten werden implizit hinzugefügt:") in timer
    resolv = units(read("de-resolv.conf.5.txt"))
    assert ("debug setzt RES_DEBUG in _res.options (nur wirksam, falls Glibc mit Debug-Unterstützung gebaut wurde, "
            "siehe resolver(3)).", "Option kann dabei einen der folgenden Werte annehmen:") in resolv


def test_synthetic_bullets_and_options():
    text = (
        "       The daemon reads the following files, in this order:\n"
        "\n"
        "       •   /etc/crontab, the system table, which has a user\n"
        "           field;\n"
        "\n"
        "       •   the files in /etc/cron.d.\n"
        "\n"
        "       -e     Edit the current crontab using the editor named by\n"
        "              VISUAL or EDITOR.\n"
    )
    assert sentences(text) == [
        "The daemon reads the following files, in this order:",
        "• /etc/crontab, the system table, which has a user field;",
        "• the files in /etc/cron.d.",
        "-e Edit the current crontab using the editor named by VISUAL or EDITOR.",
    ]
    lead = "The daemon reads the following files, in this order:"
    assert units(text) == [
        (lead, ""),
        ("/etc/crontab, the system table, which has a user field;", lead),
        ("the files in /etc/cron.d.", lead),
        ("-e Edit the current crontab using the editor named by VISUAL or EDITOR.", lead),
    ]
    paragraphs = [s.paragraph for s in split_sentences(text)]
    assert paragraphs == sorted(set(paragraphs))  # every item is a paragraph of its own


# ------------------------------------------------------------------------------------ tables and code


def test_a_table_row_has_the_header_as_context():
    crontab = units(read("de-crontab.5.txt"))
    assert ("Stunde 0-23", "Feld Zulässige Werte") in crontab
    assert ("Wochentag 0-7 (0 oder 7 ist Sonntag, oder Namen verwenden)", "Feld Zulässige Werte") in crontab
    assert "Stunde 0-23" in sentences(read("de-crontab.5.txt"))
    tar = units(read("fr-tar.1.txt"))
    assert ("G gigaoctets TAILLE x 1024^3", "Suffixe Unité Équivalence en octet") in tar
    # a table without header: its lead-in
    assert ("d Directory (répertoire)",
            "Il s’agit d’une seule lettre ayant les significations suivantes :") in tar


def test_a_boxed_table_row_spans_its_lines():
    page = read("de-systemd.timer.5.txt")
    rows = [(u, c) for u, c in units(page) if u.startswith("│OnBootSec=")]
    assert len(rows) == 1
    row, header = rows[0]
    assert header == "│Einstellung │ Bedeutung │"
    assert "relativ zum Zeitpunkt des" in row and row.endswith("äquivalent werden. │")


def test_synthetic_table():
    text = (
        "       Exit status:\n"
        "\n"
        "              Code   Meaning\n"
        "              ----   -------\n"
        "              0      success\n"
        "              1      some files differ\n"
    )
    assert units(text)[1:] == [("0 success", "Code Meaning"), ("1 some files differ", "Code Meaning")]
    assert sentences(text)[1:] == ["Code Meaning", "---- -------", "0 success", "1 some files differ"]


def test_config_and_command_lines_are_spans_of_their_own():
    crontab = read("de-crontab.5.txt")
    got = sentences(crontab)
    assert "SHELL=/bin/sh" in got
    assert "MAILTO=paul" in got
    assert "5 0 * * * $HOME/bin/daily.job >> $HOME/tmp/out 2>&1" in got
    assert ("5 0 * * * $HOME/bin/daily.job >> $HOME/tmp/out 2>&1",
            "# jeden Tag fünf Minuten nach Mitternacht ausführen") in units(crontab)
    hosts = units(read("de-hosts.5.txt"))
    comment = "# 127.0.1.1 wird oft als der FQDN der Maschine verwandt"
    assert ("127.0.1.1 thishost.example.org thishost", comment) in hosts
    assert ("Name = Wert", "Eine Umgebungseinstellung hat die folgende Form:") in units(crontab)
    assert "crontab [ -u utilisateur ] [-n] fichier" in sentences(read("fr-crontab.1.txt"))


def test_synthetic_command_and_config_lines():
    text = (
        "       Add this line to /etc/crontab:\n"
        "\n"
        "       0 4 * * * root /usr/bin/foo --quiet\n"
        "       UUID=0a1b / ext4 defaults 0 1\n"
    )
    assert sentences(text) == [
        "Add this line to /etc/crontab:",
        "0 4 * * * root /usr/bin/foo --quiet",
        "UUID=0a1b / ext4 defaults 0 1",
    ]


def test_headings_are_spans_of_their_own():
    timer = sentences(read("de-systemd.timer.5.txt"))
    assert "BESCHREIBUNG" in timer and "Implizite Abhängigkeiten" in timer
    assert "Die folgenden Abhängigkeiten werden implizit hinzugefügt:" in timer
    # headings are contexts, never quotes
    assert all(u != "BESCHREIBUNG" for u, _ in units(read("de-systemd.timer.5.txt")))


# ------------------------------------------------------------------------------------------ invariants


@pytest.mark.parametrize("path", MANPAGES + NEWS, ids=lambda p: p.name)
def test_spans_are_ordered_stripped_and_cover_every_character(path):
    text = path.read_text(encoding="utf-8")
    spans = split_sentences(text)
    covered = [False] * len(text)
    end, paragraph = 0, 0
    for s in spans:
        assert end <= s.start < s.end and paragraph <= s.paragraph
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        covered[s.start:s.end] = [True] * (s.end - s.start)
        end, paragraph = s.end, s.paragraph
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


@pytest.mark.parametrize("path", MANPAGES + NEWS, ids=lambda p: p.name)
def test_units_are_ordered_and_their_context_comes_before_them(path):
    text = path.read_text(encoding="utf-8")
    found = evidence_units(text)
    assert found and all(isinstance(u, Unit) for u in found)
    end = 0
    for u in found:
        assert end <= u.start < u.end and text[u.start:u.end] == text[u.start:u.end].strip()
        assert u.context_start <= u.context_end <= u.start
        assert u.context_end > u.context_start or u.context_start == u.start
        end = u.end


def test_prose_units_are_sentences_without_context():
    text = read("de-crontab.5.txt")
    assert ("Jeder Benutzer hat seine eigene Crontab.", "") in units(text)


@pytest.mark.parametrize("path", MANPAGES, ids=lambda p: p.name)
def test_chunks_of_the_manpages_keep_exact_spans(enc, path):
    text = path.read_text(encoding="utf-8")
    chunks = chunk_text(text, enc, 120, 20)
    covered = [False] * len(text)
    for c in chunks:
        # the joining line breaks and indentation add a few tokens to the sentences' 120
        assert text[c.start:c.end] == c.text and c.n_tokens <= 120 + c.text.count("\n") + 8
        covered[c.start:c.end] = [True] * (c.end - c.start)
        assert split_sentences(c.text)  # evidence.py splits chunk texts too
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


# --------------------------------------------------------------------------------------------- news


@pytest.mark.parametrize("path", NEWS, ids=lambda p: p.name)
def test_news_keeps_one_paragraph_per_line(path):
    text = path.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert all("\n" not in text[s.start:s.end] for s in spans)
    line_of = {s: text.count("\n", 0, s.start) for s in spans}
    for a, b in zip(spans, spans[1:], strict=False):
        assert (a.paragraph == b.paragraph) == (line_of[a] == line_of[b])


def test_a_byline_does_not_join_the_next_line():
    text = (
        "Département de recherche, d’études stratégiques et de relations internationales 24-12-2025\n"
        "Xi Jinping a appelé à accélérer la construction du centre. Zhongguancun concentre les licornes.\n"
    )
    assert sentences(text) == [
        "Département de recherche, d’études stratégiques et de relations internationales 24-12-2025",
        "Xi Jinping a appelé à accélérer la construction du centre.",
        "Zhongguancun concentre les licornes.",
    ]
