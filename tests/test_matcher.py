"""The eval's own strict fact matcher (evals/matcher.py): scales, percentages, digit grouping, number words, strings."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from evals.matcher import detect_language, fact_present, fold, quantities

TEN_TRILLION = ["=10000000000000"]


def values(text: str, lang: str | None = None) -> list[float]:
    """The values of the quantities stated in the text."""
    return [v for v, _ in quantities(text, lang)]


# --- wrong scale rejected --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("GDP passed 10 billion yuan", False),
    ("le PIB a dépassé 10 000 milliards de yuans", True),
    ("GDP passed 10 trillion yuan", True),
    ("le PIB a dépassé 10 billions de yuans", True),
    ("das BIP überstieg zehn Billionen Yuan", True),
    ("das BIP überstieg 10 Billionen Yuan", True),
    ("das BIP überstieg 10 Milliarden Yuan", False),
    ("10", False),
    ("10 000", False),
    ("10 000 yuans", False),
    ("dix mille milliards de yuans", True),
    ("10 mille milliards de yuans", True),
    ("10 million yuan", False),
    ("10 trillions de yuans", False),  # French "trillion" is 10^18
])
def test_ten_trillion(text: str, expected: bool) -> None:
    assert fact_present(TEN_TRILLION, text) is expected


def test_billion_follows_the_answer_language() -> None:
    assert values("10 billion", lang="en") == [1e10]
    assert values("10 billion", lang="fr") == [1e13]
    assert values("10 Billion", lang="de") == [1e13]
    assert values("zehn Billionen") == [1e13]  # unambiguous whatever the language
    assert fact_present(TEN_TRILLION, "10 billion yuan", lang="fr")
    assert not fact_present(TEN_TRILLION, "10 billion yuan", lang="en")


def test_billions_de_is_french_even_in_english_text() -> None:
    assert values("The source says «10 billions de yuans» for the year", lang="en") == [1e13]


def test_detected_language_reads_billion() -> None:
    assert values("Le PIB de la ville a atteint 10 billion yuans") == [1e13]
    assert values("The GDP of the city reached 10 billion yuan") == [1e10]


@pytest.mark.parametrize(("text", "expected"), [
    ("digital value added of 2.4 trillion yuan", True),
    ("la valeur ajoutée a dépassé 2 400 milliards de yuans", True),
    ("la valeur ajoutée a dépassé 2,4 milliards de yuans", False),
    ("2.4 billion yuan", False),
    ("2,4 Billionen Yuan", True),
    ("2400", False),
])
def test_rescaled_decimals(text: str, expected: bool) -> None:
    assert fact_present(["=2400000000000"], text) is expected


def test_rescaling_is_exact_not_rounded_away() -> None:
    assert fact_present(["=1500000"], "1.5 million")
    assert fact_present(["=1500000"], "1,5 million d'habitants")
    assert fact_present(["=153400"], "153.4 thousand stations")
    assert fact_present(["=48000000"], "48 Millionen")
    assert not fact_present(["=699000"], "nearly 700,000 vehicles")
    assert not fact_present(["=699000"], "0.7 million vehicles")
    assert not fact_present(["=10400000000000"], "10 trillion yuan")


# --- percentages -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("représentant 46,4 % du PIB", True),
    ("representing 46.4 percent of GDP", True),
    ("representing 46.4 per cent of GDP", True),
    ("46,4 pour cent", True),
    ("46,4 Prozent des BIP", True),
    ("46.4%", True),
    ("46,4\u00a0%", True),
    ("46.4 billion", False),
    ("46.4", False),
    ("46,4 Prozentpunkte", False),
])
def test_percent_fact(text: str, expected: bool) -> None:
    assert fact_present(["=46.4%"], text) is expected


def test_percent_small() -> None:
    assert fact_present(["=6%"], "R&D intensity of about 6%")
    assert not fact_present(["=6%"], "6 laboratories")
    assert fact_present(["=6%"], "environ six pour cent")
    assert fact_present(["=4%"], "auf weniger als vier Prozent der Fläche")


def test_plain_number_ignores_kind() -> None:
    assert fact_present(["=16.5"], "une croissance de 16,5 % en glissement annuel")
    assert fact_present(["=46.4"], "46,4 % du PIB municipal")
    assert fact_present(["=6"], "autour de 6 %")


def test_percent_with_three_decimals_is_decimal() -> None:
    assert quantities("4.125%") == [(4.125, True)]
    assert quantities("46,400 %") == [(46.4, True)]


def test_pour_cent_is_not_a_hundred() -> None:
    assert quantities("six pour cent") == [(6.0, True)]
    assert not fact_present(["=100"], "6 pour cent")


# --- counts and digit grouping ---------------------------------------------------------------------------------


def test_counts() -> None:
    assert fact_present(["=70"], "70 stations per 10,000 inhabitants")
    assert fact_present(["=10000"], "70 stations per 10,000 inhabitants")
    assert fact_present(["=153400"], "153 400")
    assert fact_present(["=153400"], "153,400 base stations")
    assert fact_present(["=153400"], "153.400 Basisstationen", lang="de")
    assert fact_present(["=153400"], "153.400")
    assert fact_present(["=153400"], "153\u202f400 stations")
    assert fact_present(["=153400"], "153\u00a0400 stations")
    assert fact_present(["=153400"], "153'400")
    assert not fact_present(["=153400"], "70")
    assert not fact_present(["=153400"], "153")


@pytest.mark.parametrize(("text", "value"), [
    ("1,5", 1.5),
    ("1.5", 1.5),
    ("1,500", 1500),
    ("1.500", 1500),
    ("10.000", 10000),
    ("10 000", 10000),
    ("10'000", 10000),
    ("1,234,567", 1234567),
    ("1.234.567", 1234567),
    ("1 234 567", 1234567),
    ("1 234,5", 1234.5),
    ("1 234.5", 1234.5),
    ("1,234.5", 1234.5),
    ("1.234,5", 1234.5),
    ("0,500", 0.5),
    ("0.125", 0.125),
    ("1234,567", 1234.567),
    ("1234.5", 1234.5),
    ("16,5", 16.5),
    ("8,7", 8.7),
    ("82,8", 82.8),
    ("74,87", 74.87),
    ("2020", 2020),
    ("1,5000", 1.5),
])
def test_digit_parsing(text: str, value: float) -> None:
    assert values(text) == [pytest.approx(value)]


def test_separate_numbers_are_not_joined() -> None:
    assert values("en 2020 35 entreprises") == [2020, 35]
    assert values("10, 20 and 30") == [10, 20, 30]
    assert values("2013-2020") == [2013, 2020]
    assert values("145 laboratoires clés nationaux et 10 nouvelles institutions") == [145, 10]


def test_malformed_runs_and_identifiers_are_not_quantities() -> None:
    assert values("version 1.2.3") == []
    assert values("5G base stations") == []
    assert values("an A380 aircraft") == []
    assert values("the 1990s") == []
    assert values("1e9") == []
    assert values("in 2020 5G stations") == [2020]


def test_units_ordinals_and_dates() -> None:
    assert values("10km") == [10]
    assert values("24h") == [24]
    assert values("the 30th of August") == [30]
    assert values("le 1er janvier") == [1]
    assert values("am 30. August") == [30]
    assert values("am 30.08.2025") == [30, 8, 2025]
    assert fact_present(["=30"], "inauguré le 30 août")
    assert fact_present(["=2013"], "En septembre 2013, pour la première fois")
    assert fact_present(["=2020"], "mid-2020")


def test_attached_scales() -> None:
    assert values("10k") == [1e4]
    assert values("€10bn") == [1e10]
    assert values("10 bn") == [1e10]
    assert values("2 Mio. Einwohner") == [2e6]
    assert values("3 Mrd. Euro") == [3e9]
    assert values("10 k") == [10]  # "k" only when attached
    assert values("10m") == []  # "m" is ambiguous (metres, millions): not read


def test_de_and_d_apostrophe_before_the_noun() -> None:
    assert values("2 millions d'habitants") == [2e6]
    assert values("2 millions d’habitants") == [2e6]
    assert values("10 000 milliards de yuans") == [1e13]


def test_superscripts_do_not_glue_digits() -> None:
    assert values("4 000 km²") == [4000]


# --- citation markers and approximations -----------------------------------------------------------------------


def test_citation_markers_are_not_numbers() -> None:
    assert not fact_present(["=1"], "the answer is 42 [1]")
    assert not fact_present(["=2"], "the answer is 42 [1, 2]")
    assert not fact_present(["=3"], "the answer is 42 [1; 3]")
    assert fact_present(["=42"], "the answer is 42 [1]")
    assert fact_present(TEN_TRILLION, "10 000 milliards[1] de yuans")


def test_approximations_state_their_number() -> None:
    assert fact_present(["=90"], "Plus de 90 entreprises licornes sont nées ici")
    assert fact_present(["=200"], "more than 200 large models")
    assert fact_present(["=90"], "Es entstanden mehr als 90 Einhorn-Unternehmen")
    assert fact_present(["=4"], "moins de 4 % de la superficie")


def test_ranges_share_the_unit_of_the_upper_bound() -> None:
    assert quantities("10-15%") == [(10, True), (15, True)]
    assert values("de 5 à 7 millions") == [5e6, 7e6]
    assert values("from 8 to 10 billion") == [8e9, 1e10]
    assert not fact_present(["=5"], "5 to 7 million people")
    assert values("it grew in 2025 to 2.4 trillion yuan") == [2025, 2.4e12]  # not an ascending range


# --- number words ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("alternatives", "text", "expected"), [
    (["=5"], "cinq champs", True),
    (["=29"], "vingt-neuf plateformes", True),
    (["=29"], "neunundzwanzig Plattformen", True),
    (["=29"], "twenty-nine platforms", True),
    (["=1000000000"], "un milliard", True),
    (["=1000000000"], "eine Milliarde", True),
    (["=1000000000"], "a billion", True),
    (["=1"], "un laboratoire", False),
    (["=1"], "one of the laboratories", False),
    (["=1"], "ein Labor", False),
    (["=11"], "bieten elf Plattformen", True),
    (["=11"], "eleven platforms", True),
    (["=3", "three", "trois", "drei"], "drei Provinzen", True),
    (["=2000000"], "two million", True),
    (["=200"], "deux cents", True),
    (["=7"], "sept entreprises", True),
])
def test_number_words(alternatives: list[str], text: str, expected: bool) -> None:
    assert fact_present(alternatives, text) is expected


@pytest.mark.parametrize(("text", "value"), [
    ("vingt et un", 21),
    ("soixante-douze", 72),
    ("soixante-dix-sept", 77),
    ("quatre-vingts", 80),
    ("quatre-vingt-dix-neuf", 99),
    ("quatre-vingt-onze", 91),
    ("cent quatre-vingts", 180),
    ("dix-sept", 17),
    ("deux mille vingt", 2020),
    ("trois cent mille", 300000),
    ("deux millions cinq cent mille", 2500000),
    ("mille", 1000),
    ("cent", 100),
    ("two hundred and five", 205),
    ("a hundred", 100),
    ("one thousand", 1000),
    ("two thousand twenty", 2020),
    ("einhundertfünfundvierzig", 145),
    ("zweihundert Millionen", 2e8),
    ("dreitausend", 3000),
    ("hundert", 100),
    ("zehn Billionen", 1e13),
    ("dreißig", 30),
])
def test_number_word_values(text: str, value: float) -> None:
    assert values(text) == [pytest.approx(value)]


def test_number_words_do_not_run_together() -> None:
    assert values("five six") == [5, 6]
    assert values("twenty nineteen") == [20, 19]
    assert values("cinq, six") == [5, 6]


def test_non_numbers_among_words() -> None:
    assert values("millions of people") == []
    assert values("hundreds and thousands") == []
    assert values("Stunde Grund Einheit hundertjährig") == []
    assert values("a laboratory and an institute") == []


def test_english_false_friends() -> None:
    assert values("the price was fifty cents") == [50]
    assert values("In Sept. 2013 the city was") == [2013]
    assert values("il a payé deux cents euros") == [200]


# --- string alternatives ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("alternative", "text", "expected"), [
    ("Yin Yong", "Le maire, Yin Yong, a déclaré", True),
    ("Yin Yong", "selon Yin Yong [2].", True),
    ("Pekin", "le maire de Pékin", True),
    ("Pékin", "le maire de PEKIN", True),
    ("Université de Tianjin", "l'universite de tianjin", True),
    ("Nankai", "l'Université de Nankai", True),
    ("Nankai", "Nankaicorp", False),
    ("Nankai", "xNankai", False),
    ("/etc/crontab", "edit /etc/crontab.", True),
    ("-r", "use crontab -r to", True),
    ("Straße", "die Strasse", True),
    ("l'Université", "l’Université de Nankai", True),
    ("décembre", "en Décembre 2020", True),
    ("Drittel", "ein Drittel", True),
    ("tiers", "un tiers des entreprises", True),
    ("tiers", "frontiers", False),
    ("normal", "université normale", False),
    ("normale", "université normale", True),
    ("10000", "10 000 yuans", True),
    ("153400", "153,400 stations", True),
    ("Knowledge Atlas", "Knowledge\u00a0 Atlas", True),
    ("centre scientifique", "centre\nscientifique", True),
])
def test_strings(alternative: str, text: str, expected: bool) -> None:
    assert fact_present([alternative], text) is expected


def test_fold() -> None:
    assert fold("Pékin  Straße «10 000»") == 'pekin strasse "10000"'
    assert fold("153,400 and 1'000") == "153400 and 1000"
    assert fold("16,5") == "16,5"


def test_any_alternative_suffices() -> None:
    assert fact_present(["professeur", "professor"], "Wan Zhe, Professor an der Universität")
    assert fact_present(["=74.87", "=10.4"], "10,4")
    assert not fact_present([], "anything")
    assert not fact_present(["=5", "cinq"], "six")


def test_bad_numeric_alternative_raises() -> None:
    with pytest.raises(ValueError, match="bad numeric"):
        fact_present(["=ten"], "10")


# --- language detection ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Le PIB de la ville est de 10 billions de yuans.", "fr"),
    ("Das BIP der Stadt ist auf zehn Billionen gestiegen.", "de"),
    ("The GDP of the city has reached 10 trillion yuan.", "en"),
    ("10 trillion yuan", "en"),
    ("The report quotes «la valeur ajoutée» of the city and the region.", "en"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


# --- independence ----------------------------------------------------------------------------------------------


def test_matcher_imports_only_the_standard_library() -> None:
    source = (Path(__file__).resolve().parents[1] / "evals" / "matcher.py").read_text(encoding="utf-8")
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0])
    assert modules <= {"__future__", "collections", "dataclasses", "math", "re", "unicodedata"}


def test_detection_ignores_quotes() -> None:
    text = "The mayor said «le PIB de la ville et de la région a dépassé les objectifs», GDP reached 10 billion yuan."
    assert detect_language(text) == "en"
    assert values(text) == [1e10]
    assert detect_language("«le PIB de la ville a dépassé 10 billions»") == "fr"


@pytest.mark.parametrize(("alternative", "text", "expected"), [
    ("informati", "informatique de nouvelle génération", False),  # a bare stem is a whole word
    ("informati*", "informatique de nouvelle génération", True),
    ("intégr*", "l'intégration régionale", True),
    ("Inkubat*", "centres d'incubation", False),
    ("incubat*", "centres d'incubation", True),
    ("pilot*", "des bases pilotes", True),
    ("Mongol*", "la Mongolie intérieure", True),
    ("Mongol*", "Innere-XMongolei", False),  # still a word start
    ("*bahn", "die Autobahn", True),
    ("*bahn", "die Bahnhof", False),
])
def test_starred_prefix_and_suffix(alternative: str, text: str, expected: bool) -> None:
    assert fact_present([alternative], text) is expected
