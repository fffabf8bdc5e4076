"""Verification checks claims, not tokens: the failure cases seen on unseen questions, in three languages."""

from __future__ import annotations

import pytest

from assistant.abstention import decide, extractive
from assistant.evidence import Selection
from assistant.generate import parse_generation
from assistant.models import Evidence, RetrievedChunk
from assistant.numbers import quantities, same_quantity, unit_of
from assistant.questions import (
    asks_author,
    asks_date,
    asks_unit,
    asks_version,
    identifiers,
    question_wants,
    second_question,
    set_aside,
    source_words,
    unknown_names,
)
from assistant.verify import names_an_argument, range_partner, verify
from assistant.verify.options import TECH

TITLE = "Beijing : l'innovation à Zhongguancun et dans la région"  # the document names what its sentences omit
REVENUE_FR = ("Le chiffre d’affaires total des entreprises de Zhongguancun devrait dépasser les 10 000 milliards "
              "de yuans en 2025.")
REVENUE_DE = ("Der Gesamtumsatz der Unternehmen in Zhongguancun könnte 2025 zum ersten Mal zehn Billionen Yuan "
              "übertreffen.")
STATIONS_FR = ("Le nombre total de stations de base 5G a atteint 153 400, soit 70 pour 10 000 habitants, le niveau "
               "le plus élevé du pays.")
DISTRICTS_FR = ("Le district de Shijingshan met en œuvre un programme pilote complet pour le yuan numérique (e-CNY), "
                "et le district de Shunyi a été sélectionné comme l'une des villes pilotes nationales pour la "
                "transformation numérique des petites et moyennes entreprises.")
GDP_FR = ("La valeur ajoutée de l'économie numérique a dépassé 2 400 milliards de yuans en 2025, représentant "
          "46,4 % du PIB municipal.")
LABS_FR = "Le parc compte 42 laboratoires et emploie 1 200 chercheurs à temps plein."
XIAOMI_FR = "L'usine de Xiaomi à Yizhuang produit un véhicule toutes les 76 secondes."


def ev(number: int, quote: str, lang: str = "fr", score: float = 0.9, title: str = TITLE, before: str = "") -> Evidence:
    """Evidence whose chunk holds `before` and then the quote."""
    text = before + quote
    chunk = RetrievedChunk(id=f"c{number}", source=f"doc{number}.txt", start=0, end=len(text), text=text,
                           language=lang, title=title)
    return Evidence(number=number, source=chunk.source, start=len(before), end=len(text), quote=quote, chunk=chunk,
                    score=score)


def check(answer: str, question: str, lang: str, *evidence: Evidence):
    return verify(parse_generation(answer), list(evidence), question, lang, question_wants(question))


# -- numbers: the same quantity, at the same scale ----------------------------------------------------------


@pytest.mark.parametrize("text,lang,value", [
    ("10 000 milliards de yuans", "fr", 1e13), ("10 trillion yuan", "en", 1e13), ("zehn Billionen Yuan", "de", 1e13),
    ("10 billion yuan", "en", 1e10), ("10 billions de yuans", "fr", 1e13), ("10 Milliarden Yuan", "de", 1e10),
    ("153 400", "fr", 153400), ("153,400", "en", 153400), ("153.400", "de", 153400), ("16,5 %", "fr", 16.5),
    ("2,4 milliards", "fr", 2.4e9), ("2.4 trillion", "en", 2.4e12),
])
def test_quantities_are_read_at_their_real_scale_per_language(text, lang, value):
    assert [q.value for q in quantities(text, lang)] == [value]


def test_a_percentage_is_not_a_count():
    pct, count = quantities("6 %", "fr")[0], quantities("6 laboratoires", "fr")[0]
    assert pct.percent and not count.percent and not same_quantity(pct, count)


@pytest.mark.parametrize("answer,lang,question", [
    ("Zhongguancun companies are expected to exceed 10 billion yuan [1].", "en",
     "What total revenue are Zhongguancun companies expected to exceed in 2025?"),
    ("Les entreprises devraient dépasser 10 milliards de yuans [1].", "fr",
     "Quel chiffre d'affaires les entreprises de Zhongguancun devraient-elles dépasser en 2025 ?"),
    ("Der Umsatz könnte 10 Milliarden Yuan übertreffen [1].", "de",
     "Welchen Umsatz könnten die Unternehmen in Zhongguancun 2025 übertreffen?"),
])
def test_wrong_scale_is_rejected(answer, lang, question):
    result = check(answer, question, lang, ev(1, REVENUE_FR), ev(2, REVENUE_DE, "de"))
    assert not result.ok and any("number" in p for p in result.problems)


@pytest.mark.parametrize("answer,lang", [
    ("They are expected to exceed 10 trillion yuan [1].", "en"),
    ("Ils devraient dépasser 10 000 milliards de yuans [1].", "fr"),
    ("Er könnte zehn Billionen Yuan übertreffen [2].", "de"),
])
def test_right_scale_is_accepted_across_languages(answer, lang):
    result = check(answer, "What total revenue are Zhongguancun companies expected to exceed in 2025?", lang,
                   ev(1, REVENUE_FR), ev(2, REVENUE_DE, "de"))
    assert result.ok, result.problems


@pytest.mark.parametrize("question,lang,wrong,right", [
    ("How many 5G base stations per 10,000 inhabitants does Beijing have?", "en",
     "Beijing has 153,400 stations per 10,000 inhabitants [1].", "Beijing has 70 stations per 10,000 inhabitants [1]."),
    ("Combien de stations de base 5G pour 10 000 habitants Beijing compte-t-elle ?", "fr",
     "Beijing compte 153 400 stations pour 10 000 habitants [1].",
     "Beijing compte 70 stations pour 10 000 habitants [1]."),
    ("Wie viele 5G-Basisstationen pro 10.000 Einwohner hat Beijing?", "de",
     "Beijing hat 153.400 Stationen pro 10.000 Einwohner [1].", "Beijing hat 70 Stationen pro 10.000 Einwohner [1]."),
])
def test_number_in_the_wrong_relation_is_rejected(question, lang, wrong, right):
    assert not check(wrong, question, lang, ev(1, STATIONS_FR)).ok
    assert check(right, question, lang, ev(1, STATIONS_FR)).ok


LABS_DE = "Der Park hat 42 Labore und beschäftigt 1.200 Vollzeitforscher."


@pytest.mark.parametrize("question,lang,answer,right,quote", [
    ("Combien de chercheurs à temps plein le parc emploie-t-il ?", "fr", "Le parc emploie 42 chercheurs [1].",
     "1 200", LABS_FR),
    ("Wie viele Vollzeitforscher beschäftigt der Park?", "de", "Der Park beschäftigt 42 Vollzeitforscher [1].",
     "1.200", LABS_DE),
])
def test_number_attached_to_another_noun_is_rejected(question, lang, answer, right, quote):
    assert not check(answer, question, lang, ev(1, quote, lang)).ok
    assert check(answer.replace("42", right), question, lang, ev(1, quote, lang)).ok


@pytest.mark.parametrize("question,lang,wrong,right", [
    ("Which district is implementing a pilot program for the digital yuan?", "en",
     "Shunyi is implementing the pilot program [1].", "Shijingshan is implementing the pilot program [1]."),
    ("Quel district met en œuvre un programme pilote pour le yuan numérique ?", "fr",
     "Le district de Shunyi [1].", "Le district de Shijingshan [1]."),
])
def test_name_in_the_wrong_relation_is_rejected(question, lang, wrong, right):
    assert not check(wrong, question, lang, ev(1, DISTRICTS_FR)).ok
    assert check(right, question, lang, ev(1, DISTRICTS_FR)).ok


def test_percentage_claimed_for_a_count_is_rejected():
    question = "What share of Beijing's GDP does the digital economy represent?"
    assert check("It represents 46.4% of GDP [1].", question, "en", ev(1, GDP_FR)).ok
    assert not check("It represents 46.4 billion yuan [1].", question, "en", ev(1, GDP_FR)).ok
    assert not check("It represents 2,400% of GDP [1].", question, "en", ev(1, GDP_FR)).ok


def test_a_name_is_supported_by_its_cognate_in_another_language():
    quote = "La Chine compte plus de 200 grands modèles d'intelligence artificielle."
    assert check("China has more than 200 large AI models [1].", "How many large AI models are there?", "en",
                 ev(1, quote)).ok


def test_an_answer_that_only_restates_the_question_is_rejected():
    question = "What does the fuser option of the mount command do?"
    result = check("The fuser option of the mount command is [1].", question, "en", ev(1, LABS_FR))
    assert not result.ok
    assert not check("[1]", "How many laboratories does the park have?", "en", ev(1, LABS_FR)).ok


def test_a_bare_verified_number_is_an_answer():
    result = check("42 [1]", "How many laboratories does the park have?", "en", ev(1, LABS_FR))
    assert result.ok and [f.text for f in result.facts] == ["42"]


# -- the policy: what is shown when a check fails ---------------------------------------------------------------


def base(question: str, lang: str) -> dict:
    return {"question": question, "language": lang, "standalone_question": question, "model": "fake"}


def test_failed_answer_keeps_the_verified_fact_in_the_users_language():
    question = "How many large AI models were created in Zhongguancun?"
    quote = "Plus de 200 grands modèles ont été créés à Zhongguancun, soit la moitié du total national."
    sel = Selection([ev(1, quote, score=0.9)], 0.9, "number")
    gen = parse_generation("More than 200 large models were created in China [1].")
    verification = verify(gen, sel.evidence, question, "en", "number")
    assert not verification.ok  # "China" is not in the quote
    ans = decide(gen, verification, base(question, "en"), sel, {})
    assert not ans.abstained and ans.mode == "fact"
    assert ans.answer.startswith("200") and "China" not in ans.answer
    assert "name 'China'" in ans.note and "verif" not in ans.answer.lower()
    # The rejected answer is kept apart, with the quote its marker points at, for the eval's replay.
    assert ans.withheld == gen.text and [c.number for c in ans.withheld_citations] == [1]
    assert ans.withheld_citations[0].quote == quote


def test_a_withheld_answer_is_kept_only_apart_and_a_shown_one_is_not_copied():
    question = "How many large AI models were created in Zhongguancun?"
    quote = "Plus de 200 grands modèles ont été créés à Zhongguancun, soit la moitié du total national."
    sel = Selection([ev(2, quote, score=0.9)], 0.9, "number")
    gen = parse_generation("More than 300 large models were created [2].")
    ans = decide(gen, verify(gen, sel.evidence, question, "en", "number"), base(question, "en"), sel, {})
    assert ans.abstained and not ans.citations and "300" not in ans.answer
    assert ans.withheld == gen.text and [c.number for c in ans.withheld_citations] == [2]
    right = parse_generation("More than 200 large models were created in Zhongguancun [2].")
    shown = decide(right, verify(right, sel.evidence, question, "en", "number"), base(question, "en"), sel, {})
    assert not shown.abstained and shown.withheld == "" and shown.withheld_citations == []


def test_off_topic_quote_is_never_the_fallback():
    question = "Who is the chief executive of Xiaomi?"
    sel = Selection([ev(1, XIAOMI_FR, score=0.99)], 0.99, "person")
    ans = extractive(base(question, "en"), sel, {}, "")
    assert ans.abstained and not ans.citations


def test_relevant_quote_of_the_right_kind_is_the_fallback():
    question = "How many laboratories does the park have?"
    sel = Selection([ev(1, LABS_FR, score=0.99)], 0.99, "number")
    ans = extractive(base(question, "en"), sel, {}, "")
    assert not ans.abstained and ans.citations[0].quote == LABS_FR


def test_a_number_about_another_city_does_not_answer():
    question = "How many 5G base stations does Tianjin have?"
    before = "Les infrastructures numériques de Beijing ont été renforcées. "  # the sentence names the city
    result = check("Tianjin has 153,400 5G base stations [1].", question, "en", ev(1, STATIONS_FR, before=before))
    assert not result.ok and any("Tianjin" in p for p in result.problems)
    sel = Selection([ev(1, STATIONS_FR, score=0.99, before=before)], 0.99, "number")
    assert extractive(base(question, "en"), sel, {}, "").abstained  # nor is the Beijing sentence quoted for it
    beijing = "How many 5G base stations does Beijing have?"
    assert check("Beijing has 153,400 5G base stations [1].", beijing, "en", ev(1, STATIONS_FR, before=before)).ok
    # A sentence that names nothing ("... sont nées ici") gets the benefit of the doubt.
    assert check("Tianjin has 153,400 5G base stations [1].", question, "en", ev(1, STATIONS_FR)).ok


TIMER_DE = ("Für jede Timer-Datei muss eine passende Unit-Datei existieren, welche die zu aktivierende Unit "
            "beschreibt, wenn der Timer abläuft. Beispiel: Eine Timer-Datei foo.timer aktiviert eine passende "
            "Dienste-Datei foo.service.")


@pytest.mark.parametrize("answer,ok", [
    ("The timer foo.timer activates the unit foo.service [1].", True),
    ("The timer apt-daily.timer activates apt-daily.service [1].", False),  # completed from the model's memory
    ("Use the option --unit-file to set it [1].", False),
    ("It reads /etc/systemd/timers.conf [1].", False),
])
def test_technical_tokens_must_stand_in_the_quote(answer, ok):
    question = "Which unit does a timer file activate?"
    assert check(answer, question, "en", ev(1, TIMER_DE, "de")).ok is ok


def test_claims_from_an_unrelated_quote_are_not_an_answer():
    quote = "Le développement coordonné de la région Pékin-Tianjin-Hebei a été mis en œuvre sur 10 ans jusqu'en 2024."
    gen = parse_generation("Le développement coordonné a été mis en œuvre sur 10 ans jusqu'en 2024 [1].")
    question = "Quel temps fera-t-il à Pékin demain ?"
    assert verify(gen, [ev(1, quote)], question, "fr", None).ok  # every claim is in the quote...
    result = verify(gen, [ev(1, quote)], question, "fr", None, relevance=0.34)
    assert not result.ok and "do not speak of what the question asks" in result.problems[-1]  # ...but off-topic


@pytest.mark.slow
def test_translated_key_terms_tie_an_english_question_to_the_right_number(real_embedder):
    from assistant.embed_cache import EmbeddingCache
    from assistant.terms import TermMatcher, Translations

    m = TermMatcher(None, Translations(EmbeddingCache(real_embedder)))
    question = "How many full-time researchers does the park employ?"
    wrong = verify(parse_generation("The park employs 42 full-time researchers [1]."), [ev(1, LABS_FR)], question,
                   "en", "number", m)
    right = verify(parse_generation("The park employs 1,200 full-time researchers [1]."), [ev(1, LABS_FR)],
                   question, "en", "number", m)
    assert not wrong.ok and right.ok


LABS_KEY_FR = ("Pour renforcer la puissance scientifique et technologique stratégique nationale, Beijing a planifié et "
               "construit 145 laboratoires clés nationaux et 10 nouvelles institutions de recherche.")


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["10", "Beijing a construit 10 laboratoires [1]."])
def test_a_number_counting_another_noun_stays_rejected_with_translations(real_embedder, answer):
    # With the embedding translations on, "nouvelles" (the word after 10), guessed as English on its own, was
    # "translated" into a word of the French question, and 10 passed for the laboratories asked about.
    from assistant.embed_cache import EmbeddingCache
    from assistant.terms import TermMatcher, Translations

    m = TermMatcher(None, Translations(EmbeddingCache(real_embedder)))
    question = "Combien de laboratoires clés nationaux Beijing a-t-elle planifiés et construits ?"
    wrong = verify(parse_generation(answer), [ev(1, LABS_KEY_FR)], question, "fr", "number", m)
    right = verify(parse_generation("Beijing a construit 145 laboratoires [1]."), [ev(1, LABS_KEY_FR)], question,
                   "fr", "number", m)
    assert any("'10'" in p for p in wrong.problems) and right.ok


# -- relations seen on dev: a share, a role, a year, the technical name the question is about ------------


SHARE_FR = ("Dans le parc scientifique de Zhongguancun de la nouvelle zone de Xiongan, 11 plateformes de Beijing "
            "sont intégrées en un service unifié.")
AREA_FR = "Zhongguancun occupe moins de 3 % de la superficie de Beijing."
CENTRE_FR = ("Le Centre national d’innovation de Jingjinji, premier centre national créé en décembre 2020, compte "
             "trois succursales, dont le Centre de Xiong’an.")
PARK_FR = ("Le parc scientifique de Zhongguancun à Xiong’an a été inauguré en 2023, trois ans après la création "
           "du centre.")
XI_FR = ("Le secrétaire général Xi Jinping a indiqué qu’il fallait combiner les avantages de Beijing, Tianjin et "
         "Hebei.")
SYNOPSIS = "tar {--diff|--compare} [--file ARCHIVE] [OPTIONS] [FICHIER...]"


@pytest.mark.parametrize("question,lang", [
    ("Auf welchem Anteil der Fläche Beijings liegt Zhongguancun?", "de"),
    ("What share of Beijing's area does Zhongguancun cover?", "en"),
    ("Quelle part de la superficie de Beijing occupe Zhongguancun ?", "fr"),
])
def test_a_count_does_not_answer_a_question_asking_for_a_share(question, lang):
    result = check("11 [1]", question, lang, ev(1, SHARE_FR))
    assert not result.ok and any("share" in p for p in result.problems)
    assert check("3 % [1]", question, lang, ev(1, AREA_FR)).ok


@pytest.mark.parametrize("question,lang,mayor", [
    ("Who is the mayor of Beijing?", "en", "“Beijing moves ahead”, said Yin Yong, mayor of Beijing."),
    ("Qui est le maire de Pékin ?", "fr", "« Beijing avance », a déclaré Yin Yong, maire de Beijing."),
])
def test_a_name_next_to_the_place_but_not_the_role_is_not_the_answer(question, lang, mayor):
    result = check("Xi Jinping [1]", question, lang, ev(1, XI_FR))
    assert not result.ok and any("Xi" in p or "Jinping" in p for p in result.problems)
    assert check("Yin Yong [1]", question, lang, ev(1, mayor, lang=lang)).ok


@pytest.mark.parametrize("question,lang", [
    ("In what year was the Zhongguancun Science Park in Xiong'an inaugurated?", "en"),
    ("En quelle année le parc scientifique de Zhongguancun à Xiong'an a-t-il été inauguré ?", "fr"),
])
def test_a_year_must_date_what_is_asked_not_another_event_of_the_quote(question, lang):
    both = ("Le Centre national d’innovation de Jingjinji a été créé en décembre 2020 ; le parc scientifique de "
            "Zhongguancun à Xiong’an a été inauguré en 2023.")
    assert check("2023 [1]", question, lang, ev(1, PARK_FR)).ok
    assert check("2023 [1]", question, lang, ev(1, both)).ok
    wrong = check("2020 [1]", question, lang, ev(1, both))
    assert not wrong.ok and any("2020" in p for p in wrong.problems)
    assert not check("2020 [1]", question, lang, ev(1, CENTRE_FR)).ok  # a quote about another thing


@pytest.mark.parametrize("question,lang", [
    ("Welche Werte akzeptiert die tar-Option --sort?", "de"),
    ("Which values does the tar option --sort accept?", "en"),
])
def test_evidence_that_never_names_the_option_asked_about_does_not_answer(question, lang):
    result = check("--diff, --compare [1]", question, lang, ev(1, SYNOPSIS, title="tar(1)"))
    assert not result.ok and any("--sort" in p for p in result.problems)
    sort = "--sort=ORDRE  Trier les entrées : none, name ou inode."
    assert check("none, name, inode [1]", question, lang, ev(1, sort, title="tar(1)")).ok


def test_a_count_is_not_offered_as_the_verified_fact_for_a_share():
    question = "Auf welchem Anteil der Fläche Beijings liegt Zhongguancun?"
    sel = Selection([ev(1, SHARE_FR, score=0.95)], 0.95, question_wants(question))
    gen = parse_generation("11 Plattformen [1]")
    verification = verify(gen, sel.evidence, question, "de", sel.wants)
    assert not verification.ok
    ans = decide(gen, verification, base(question, "de"), sel, {})
    assert ans.abstained and "share" in ans.note


def test_names_of_the_question_are_no_rivals_of_the_answer():
    question = "Qui est le maire de Pékin qui a présenté le rapport d'activité du gouvernement municipal ?"
    quote = ("résultats partagés, a déclaré Yin Yong, maire de Pékin, tout en livrant le projet de rapport "
             "d’activité du gouvernement municipal.")
    assert check("Yin Yong, maire de Pékin [1]", question, "fr", ev(1, quote)).ok


def test_a_fact_from_a_quote_about_something_else_is_not_offered():
    question = "En quelle année la nouvelle zone de Xiong'an a-t-elle été fondée ?"
    sel = Selection([ev(1, CENTRE_FR, score=0.95)], 0.95, question_wants(question))
    gen = parse_generation("2020 [1]")
    verification = verify(gen, sel.evidence, question, "fr", sel.wants, relevance=0.34)
    assert not verification.ok and not verification.facts
    assert decide(gen, verification, base(question, "fr"), sel, {}).abstained


# -- the question's year dates the figure; an answer that says "not given" is none -----------------------------

RATE_FR = ("Le taux d'application des technologies numériques dans les grandes entreprises de la ville est passé "
           "de 40 % en 2021 à 70 % en 2024.")
SATISFACTION_FR = ("En 2025, la satisfaction du public envers la construction de villes intelligentes a atteint 82,8 "
                   "points, soit le niveau le plus élevé enregistré entre 2021 et 2025.")


@pytest.mark.parametrize("question,lang", [
    ("What was the value added of Beijing's digital economy in 2023?", "en"),
    ("Quelle était la valeur ajoutée de l'économie numérique de Beijing en 2022 ?", "fr"),
    ("Wie hoch war die Wertschöpfung der digitalen Wirtschaft Beijings im Jahr 2023?", "de"),
])
def test_a_figure_of_another_year_does_not_answer_for_the_year_asked(question, lang):
    result = check("2 400 milliards de yuans [1]", question, lang, ev(1, GDP_FR))
    assert not result.ok and not result.facts
    asked_2025 = question.replace("2023", "2025").replace("2022", "2025")
    assert check("2 400 milliards de yuans [1]", asked_2025, lang, ev(1, GDP_FR)).ok


@pytest.mark.parametrize("year,right,wrong", [("2021", "40 %", "70 %"), ("2024", "70 %", "40 %")])
def test_the_figure_next_to_the_year_asked_is_the_answer(year, right, wrong):
    question = f"What was the application rate of digital technologies in large companies in {year}?"
    assert check(f"{right} [1]", question, "en", ev(1, RATE_FR)).ok
    assert not check(f"{wrong} [1]", question, "en", ev(1, RATE_FR)).ok


def test_a_year_in_another_clause_of_the_sentence_still_dates_the_figure():
    question = "What score did public satisfaction with smart city construction reach in 2025?"
    assert check("82.8 points [1]", question, "en", ev(1, SATISFACTION_FR)).ok
    assert not check("82.8 points [1]", question.replace("2025", "2019"), "en", ev(1, SATISFACTION_FR)).ok


def test_a_baseline_year_does_not_date_the_figure():
    quote = "En 2025, la production a augmenté de 140 % par rapport à 2024."
    question = "By how much did production grow in 2025?"
    assert check("140 % [1]", question, "en", ev(1, quote)).ok
    assert not check("140 % [1]", question.replace("2025", "2024"), "en", ev(1, quote)).ok


@pytest.mark.parametrize("answer", [
    "The value added for 2023 is not provided; in 2025 it exceeded 2,400 billion yuan [1].",
    "Les documents ne précisent pas la valeur de 2023 ; en 2025 elle a dépassé 2 400 milliards de yuans [1].",
    "Der Wert für 2023 ist nicht angegeben; 2025 lag er bei über 2 400 Milliarden Yuan [1].",
])
def test_an_answer_saying_the_documents_do_not_state_it_is_no_answer(answer):
    question = "What was the value added of Beijing's digital economy?"
    result = check(answer, question, "en", ev(1, GDP_FR))
    assert not result.ok and not result.facts
    assert any("do not state" in p for p in result.problems)
    sel = Selection([ev(1, GDP_FR, score=0.95)], 0.95, question_wants(question))
    gen = parse_generation(answer)
    final = decide(gen, verify(gen, sel.evidence, question, "en", sel.wants), {"question": question, "language": "en"},
                   sel, {})
    assert final.abstained


CONTRACTS_FR = ("Ses contrats technologiques avec Tianjin et Hebei s’élèvent à 74,87 milliards de yuans (10,4 "
                "milliards de dollars), en hausse de 110 % sur un an.")
REGION_FR = "Le développement coordonné de la région Pékin-Tianjin-Hebei a été mis en œuvre sur 10 ans jusqu’en 2024."


def test_a_hyphenated_region_names_each_of_its_places_under_any_exonym():
    question = ("Over how many years has the coordinated development of the Beijing-Tianjin-Hebei region been "
                "implemented?")
    result = check("10 years [1]", question, "en", ev(1, REGION_FR))
    assert result.ok and [f.text for f in result.facts] == ["10"]
    assert not check("10 years [1]", question.replace("Beijing-Tianjin-Hebei", "Yangtze River Delta"), "en",
                     ev(1, REGION_FR)).ok


def test_a_quote_naming_only_some_of_the_questions_places_is_still_about_them():
    question = "How much were Beijing's technology contracts with Tianjin and Hebei worth?"
    assert check("74.87 billion yuan [1]", question, "en", ev(1, CONTRACTS_FR)).ok
    other = CONTRACTS_FR.replace("Ses contrats", "Les contrats de Shanghai")  # another city's contracts
    result = check("74.87 billion yuan [1]", question, "en", ev(1, other))
    assert not result.ok and not result.facts


@pytest.mark.slow
@pytest.mark.parametrize("question,lang", [
    ("Who is the mayor of Beijing?", "en"), ("Wer ist der Bürgermeister von Beijing?", "de"),
])
def test_a_role_is_not_matched_to_an_unrelated_word_by_embeddings(real_embedder, question, lang):
    """With real translations "mayor" sits as close to "général" as to "maire": the role list decides."""
    from assistant.embed_cache import EmbeddingCache
    from assistant.terms import TermMatcher, Translations

    m = TermMatcher(None, Translations(EmbeddingCache(real_embedder)))
    xi = ("Le secrétaire général Xi Jinping a indiqué qu’il fallait combiner les avantages de Beijing, Tianjin et "
          "Hebei.")
    yin = "« Beijing avance », a déclaré Yin Yong, maire de Beijing."
    assert not verify(parse_generation("Xi Jinping [1]"), [ev(1, xi)], question, lang, "person", m).ok
    assert verify(parse_generation("Yin Yong [1]"), [ev(1, yin)], question, lang, "person", m).ok


@pytest.mark.parametrize("word,text,named", [
    ("mayor", "a déclaré Yin Yong, maire de Beijing", True),
    ("maire", "sagte Oberbürgermeister Yin Yong", True),
    ("mayor", "le secrétaire général Xi Jinping", False),
    ("director", "directrice générale adjointe", True),
    ("president", "secrétaire du comité du Parti", False),
])
def test_roles_are_matched_across_languages_by_the_role_list(word, text, named):
    from assistant.roles import names_role, role_of

    role = role_of(word)
    assert role is not None and names_role(role, text) is named


# -- technical answers: an option is a claim, a list answer takes the quote's list ----------------------------

DRYRUN_FR = ("Si l'option -n est fournie, elle signifie « fais un essai » : crontab examine la syntaxe de "
             "« votre » crontab et affiche un message de succès si cette syntaxe est correcte, mais rien n'est "
             "écrit dans le fichier crontab.")
SIGNALS_FR = ("Si SIGNAL est fourni, afficher ce nombre quand ce signal est émis. Les signaux permis sont : SIGHUP, "
              "SIGQUIT, SIGINT, SIGUSR1 et SIGUSR2.")


@pytest.mark.parametrize("answer,ok", [
    ("Avec l'option -n, crontab fait un essai [1].", True),
    ("Avec l'option -u, crontab fait un essai [1].", False),  # an option the quote does not hold
])
def test_an_option_stated_must_stand_in_the_quote(answer, ok):
    question = "Quelle option de crontab se contente de vérifier la syntaxe de la crontab sans rien écrire ?"
    result = check(answer, question, "fr", ev(1, DRYRUN_FR, title="crontab(1)"))
    assert result.ok is ok, result.problems


def test_a_list_of_options_taking_the_sentences_whole_list_is_supported():
    question = "Quelles options de tar choisissent le programme de compression ?"
    quote = "Les options de compression sont --gzip, --bzip2 et --zstd. L'option -v affiche les noms."
    assert check("Ce sont --gzip, --bzip2 et --zstd [1].", question, "fr", ev(1, quote, title="tar(1)")).ok
    assert not check("Ce sont --gzip, --bzip2 et --xz [1].", question, "fr", ev(1, quote, title="tar(1)")).ok


def test_names_listed_with_others_are_still_checked_one_by_one():
    question = "Quels signaux peut-on indiquer à l'option --totals de tar ?"
    quote = f"--totals[=SIGNAL] Afficher le nombre total d'octets. {SIGNALS_FR}"
    result = check("SIGHUP, SIGQUIT, SIGINT, SIGUSR1, SIGUSR2 [1]", question, "fr", ev(1, quote, title="tar(1)"))
    assert not result.ok  # a strict check: each name must stand where the quote speaks of what is asked


def test_a_percent_sign_before_a_word_is_no_option():
    from assistant.verify import technical_terms

    assert technical_terms("Was bewirkt ein %-Zeichen im Befehlsteil einer Crontab-Zeile?") == []
    assert technical_terms("Welche Werte akzeptiert die tar-Option --sort?") == ["--sort"]


RESOLV_SEARCH_DE = ("Das Schlüsselwort search aus der resolv.conf eines Systems kann von Prozessen individuell "
                    "außer Kraft gesetzt werden.")
USE_VC_DE = "use-vc setzt RES_USEVC in _res.options. Diese Option erzwingt die Verwendung von TCP für DNS-Auflösungen."


@pytest.mark.parametrize("answer,quote,ok", [
    ("The option is `options search` [1].", RESOLV_SEARCH_DE, False),  # the span is not what the quote says
    ("The option is `use-vc` [1].", USE_VC_DE, True),
    ("The option is `use-tcp` [1].", USE_VC_DE, False),
])
def test_a_code_span_of_the_answer_must_stand_in_the_quote(answer, quote, ok):
    question = "Which /etc/resolv.conf option forces the resolver to use TCP for DNS queries?"
    result = check(answer, question, "en", ev(1, quote, "de", title="resolv.conf(5)"))
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("question,lang,wrong,right", [
    ("Was bewirkt ein %-Zeichen im Befehlsteil einer Crontab-Zeile?", "de",
     "Die Zeile wird als Umgebungseinstellung gelesen [1].", "Es wird in einen Zeilenumbruch umgewandelt [1]."),
    ("What does a % sign in the command part of a crontab line do?", "en",
     "The line is read as an environment setting [1].", "It is changed into a newline [1]."),
])
def test_a_quote_without_the_symbol_asked_about_does_not_answer(question, lang, wrong, right):
    other = "Eine aktive Zeile in einer Crontab ist entweder eine Umgebungseinstellung oder ein Cron-Befehl."
    result = check(wrong, question, lang, ev(1, other, "de"))
    assert not result.ok and any("do not contain %" in p for p in result.problems)
    percent = "Ein »%«-Zeichen im Befehl wird in einen Zeilenumbruch umgewandelt."
    assert check(right, question, lang, ev(1, percent, "de")).ok


def test_a_percentage_in_the_question_is_no_symbol_asked_about():
    from assistant.verify.options import SYMBOL

    assert SYMBOL.findall("Quel secteur a dépassé 5 % de croissance ?") == []
    assert SYMBOL.findall("Which sector grew 20%?") == []


def test_an_answer_is_checked_against_the_evidence_it_cites_only():
    """Re-citing a failed answer to other evidence that holds its claims was tried and dropped: on dev it
    showed three wrong answers (claims found in a sentence that says something else)."""
    question = "Quelle est la valeur par défaut de RandomizedDelaySec= dans une unité timer de systemd ?"
    stated = ("Wie oben erwähnt, ist die Vorgabe für AccuracySec= 1 Minute und für RandomizedDelaySec= 0, wodurch "
              "das Zusammenführen von Timer-Ereignissen ermutigt wird.")
    other = ("Um Timer-Ereignisse optimal zu verteilen, setzen Sie AccuracySec=1us und RandomizedDelaySec= auf einen "
             "höheren Wert.")
    evidence = [ev(1, stated, "de", title="systemd.timer(5)"), ev(2, other, "de", title="systemd.timer(5)")]
    wrong_cite = verify(parse_generation("La valeur par défaut de RandomizedDelaySec= est 0 [2]."), evidence,
                        question, "fr", question_wants(question))
    assert not wrong_cite.ok and wrong_cite.cited == [2]
    assert verify(parse_generation("La valeur par défaut de RandomizedDelaySec= est 0 [1]."), evidence, question,
                  "fr", question_wants(question)).ok


def test_a_claim_no_evidence_states_in_that_relation_is_not_re_cited():
    question = "Combien de chercheurs à temps plein le parc emploie-t-il ?"
    gen = parse_generation("Le parc emploie 42 chercheurs [2].")  # 42 is the number of laboratories
    evidence = [ev(1, LABS_FR), ev(2, XIAOMI_FR)]
    result = verify(gen, evidence, question, "fr", question_wants(question))
    assert not result.ok and result.cited == [2]


@pytest.mark.parametrize("answer,ok", [
    ("Il s'agit de l'option -l [1].", True),  # the option the quote ties to what is asked
    ("Il s'agit de l'option -r [1].", False),  # an option of the same quote, said of something else
])
def test_an_option_among_the_options_of_a_quote_must_be_the_one_said_of_what_is_asked(answer, ok):
    question = "Quelle option de crontab affiche la crontab en cours sur la sortie standard ?"
    quote = ("L'option -l permet d'afficher la crontab en cours sur la sortie standard ; l'option -r supprime la "
             "crontab en cours.")
    result = check(answer, question, "fr", ev(1, quote, title="crontab(1)"))
    assert result.ok is ok, result.problems
    if not ok:
        assert "not where they speak of what is asked" in result.problems[0]


def test_a_dropped_citation_marker_takes_its_space_along():
    from assistant.citations import renumber

    assert renumber("La valeur est 0 [2].", {1: 1}) == "La valeur est 0."
    assert renumber("Erst [3], dann [1, 3].", {3: 1}) == "Erst [1], dann [1]."


# -- what a number counts, and the identifiers a question names ---------------------------------------------


COMPONENTS_FR = "Plus de 300 entreprises de composants essentiels se trouvent à Zhongguancun."
UNICORNS_FR = "Plus de 90 entreprises licornes sont nées à Zhongguancun."


@pytest.mark.parametrize("answer", ["Zhongguancun compte 300 entreprises licornes [1].", "300 licornes [1]"])
def test_a_number_the_quote_says_of_another_noun_does_not_count_what_the_answer_says(answer):
    # The quote's 300 counts component makers; the answer says it counts the unicorns asked about.
    result = check(answer, "Combien d'entreprises licornes sont nées à Zhongguancun ?", "fr", ev(1, COMPONENTS_FR))
    assert any("'300'" in p for p in result.problems)


@pytest.mark.parametrize("answer", ["Plus de 90 entreprises licornes [1].", "90 licornes sont nées ici [1]."])
def test_a_number_counting_what_the_answer_says_passes(answer):
    assert check(answer, "Combien d'entreprises licornes sont nées à Zhongguancun ?", "fr", ev(1, UNICORNS_FR)).ok


def test_the_words_counted_stop_at_the_end_of_the_sentence():
    # "[1]." ends the claim: the next sentence's words say nothing of what 90 counts
    answer = "Zhongguancun a vu naître 90 [1]. Licornes et jeunes pousses y sont valorisées."
    assert check(answer, "Combien d'entreprises licornes sont nées à Zhongguancun ?", "fr",
                 ev(1, "Zhongguancun a vu naître plus de 90 jeunes pousses valorisées.")).ok


@pytest.mark.parametrize("question,lang,expected", [
    ("How do I allow a user to run sudo without typing a password?", "en", ["sudo"]),
    ("Why wasn't the job run when the machine was off?", "en", []),  # a contraction, not a name
    ("¿Cómo cambio la contraseña de un usuario?", "es", []),  # frequencies are known for en, fr, de only
    ("Which crontab jobs stay enabled when anacron is installed?", "en", ["crontab", "anacron"]),
    ("Quelle option de tar affiche le total des octets écrits ?", "fr", []),  # tar is also a word (3.6 in English)
    ("How many unicorn companies were born in Zhongguancun?", "en", []),
    ("Wie hoch ist die aggregierte Rechenleistung?", "de", []),  # rare, but a German word: it translates
    ("Combien de licornes sont nées ici ?", "fr", []),
])
def test_identifiers_are_the_words_of_no_language(question, lang, expected):
    assert identifiers(question, lang) == expected


def test_an_identifier_no_document_names_is_unknown():
    from vectorstore.lexical import BM25

    lexicon = BM25([["su", "runuser", "utilisateur"], ["mot", "passe", "crontab"]])  # the in-memory lexical index
    assert unknown_names("How do I allow a user to run sudo without typing a password?", "en", lexicon) == ["sudo"]
    assert unknown_names("Which crontab option lists the jobs?", "en", lexicon) == []


@pytest.mark.parametrize("question,lang,expected", [
    ("Who is the mayor of Shanghai?", "en", ["Shanghai"]),
    # a sentence's first word is no name, wherever the sentence starts (dev f15-news-en-revenue-vs-digital)
    ("Which figure is larger in 2025? Give both amounts in yuan.", "en", []),
    ("Par défaut, chmod traite-t-il « / » de manière spéciale ? Quelle option correspond à ce comportement ?", "fr",
     []),
    # a month is a word, not a name: the documents say "février" (dev f11-news-en-regional-centres)
    ("According to the February 2024 article, what grew?", "en", []),
    # one institution's name: "Research" is known through "Department" (dev f12-news-en-synergy-aim)
    ("What does the article by the Department of Research, Strategic Studies say?", "en", []),
    # a rare word with an accent is a word of French, not a command's name (dev f8-md-fr-crontab-noheader)
    ("Quelle variable permet de faire réafficher l'en-tête par crontab -l ?", "fr", []),
])
def test_unknown_names_are_names_no_document_holds(question, lang, expected):
    from vectorstore.lexical import BM25

    lexicon = BM25([["departement", "recherche", "strategiques", "fevrier"], ["crontab", "entete", "chmod"]])
    assert unknown_names(question, lang, lexicon) == expected


@pytest.mark.parametrize("question,lang", [
    # a French title inside a German question (dev f15-news-de-two-innovations)
    ("Welche zwei Arten von Innovation durchdringen sich laut dem französischen Artikel des Département de "
     "recherche, d'études stratégiques et de relations internationales in Beijing tiefgreifend?", "de"),
    ("Was wollen die Verantwortlichen in Xiong’an laut Tian Jinchang besser nutzen?", "de"),  # "Xiong’an" is no "an"
    ("Selon l'article de février 2024, que fera le Centre du Hebei ?", "fr"),
    ("Which calendar year is that?", "en"),
])
def test_a_question_s_language_is_that_of_its_asking_words(question, lang):
    from vectorstore.language import detect_question_language

    assert detect_question_language(question) == lang


COMPANIES_FR = ("En 2025, le chiffre d'affaires total des entreprises basées à Zhongguancun devrait dépasser les "
                "10 000 milliards de yuans.")
UNICORNS_FR = "Plus de 90 entreprises licornes sont nées à Zhongguancun."


@pytest.mark.parametrize("question,lang,answer", [
    ("How many companies are based in Zhongguancun?", "en", "10 000 milliards of yuans [1]"),
    ("Combien d'entreprises sont basées à Zhongguancun ?", "fr", "10 000 milliards de yuans [1]"),
    ("Wie viele Unternehmen gibt es in Zhongguancun?", "de", "10.000 Milliarden Yuan [1]"),
])
def test_an_amount_of_money_does_not_answer_how_many(question, lang, answer):
    result = check(answer, question, lang, ev(1, COMPANIES_FR))
    assert not result.ok and any("how many" in p for p in result.problems)
    # Asked about money, the same amount is the answer.
    money = {"en": "How much revenue will companies in Zhongguancun exceed in 2025?",
             "fr": "Quel chiffre d'affaires les entreprises de Zhongguancun devraient-elles dépasser en 2025 ?",
             "de": "Welchen Umsatz sollen die Unternehmen in Zhongguancun 2025 übertreffen?"}[lang]
    assert check(answer, money, lang, ev(1, COMPANIES_FR)).ok
    unicorns = {"en": "How many unicorn companies were born in Zhongguancun?",
                "fr": "Combien d'entreprises licornes sont nées à Zhongguancun ?",
                "de": "Wie viele Einhorn-Unternehmen entstanden in Zhongguancun?"}[lang]
    assert check("90 [1]", unicorns, lang, ev(1, UNICORNS_FR)).ok


PHOTO_FR = "Un train à grande vitesse Fuxing arrive à la gare de Xiong’an. (Photo : Sun Lijun / China Daily)"
PHOTO_DE = "Das Foto des Fuxing-Zugs im Bahnhof Xiong’an machte Sun Lijun."


@pytest.mark.parametrize("question,lang,vague,named", [
    ("Who took the photo of the Fuxing train at Xiong'an station?", "en", "A train photographer took the photo. [1]",
     "Sun Lijun took the photo. [1]"),
    ("Qui a pris la photo du train Fuxing à la gare de Xiong’an ?", "fr", "Un photographe a pris la photo. [1]",
     "La photo est de Sun Lijun. [1]"),
    ("Wer hat das Foto des Fuxing-Zugs am Bahnhof Xiong’an gemacht?", "de", "Ein Fotograf hat das Foto gemacht. [1]",
     "Das Foto stammt von Sun Lijun. [1]"),
])
def test_an_answer_to_who_must_name_someone(question, lang, vague, named):
    quote = ev(1, PHOTO_DE, lang="de") if lang == "de" else ev(1, PHOTO_FR)  # unit tests have no translations
    result = check(vague, question, lang, quote)
    assert not result.ok and any("names no one" in p for p in result.problems)
    assert check(named, question, lang, quote).ok


RMT_FR = ("Si son nom de chemin ne correspond pas à la valeur de tar par défaut, vous pouvez indiquer à tar le chemin "
          "correct en utilisant l’option --rmt-command.")
SPOOL_FR = "Les fichiers crontab sont conservés dans /var/spool/cron/crontabs et ne doivent pas être édités."


@pytest.mark.parametrize("question,lang,vague", [
    ("Quel est le chemin par défaut de la commande rmt que tar utilise ?", "fr",
     "Le chemin par défaut de la commande rmt est le chemin de l'archive. [1]"),
    ("Which path does tar use by default for the rmt command?", "en", "It uses the path of the archive. [1]"),
    ("Welchen Pfad verwendet tar standardmäßig für den Befehl rmt?", "de", "Den Pfad des Archivs. [1]"),
])
def test_an_answer_to_which_path_must_name_a_path_or_file(question, lang, vague):
    result = check(vague, question, lang, ev(1, RMT_FR, title="tar(1)"))
    assert not result.ok and any("path or a file" in p for p in result.problems)
    where = {"fr": "Dans quel répertoire les fichiers crontab sont-ils conservés ?",
             "en": "In which directory are crontab files kept?",
             "de": "In welchem Verzeichnis werden die crontab-Dateien aufbewahrt?"}[lang]
    assert check("/var/spool/cron/crontabs [1]", where, lang, ev(1, SPOOL_FR, title="crontab(1)")).ok


SOURCE_DE = "Quelle: Beijing Daily. Beijing hat 2025 neue Fortschritte in der digitalen Wirtschaft erzielt."


def test_a_german_answer_naming_a_title_its_quotes_lack_is_rejected():
    question = "Welche Zeitung ist als Quelle des Artikels über die digitale Wirtschaft Beijings angegeben?"
    result = check("Die Zeitung ist die „Beijing Times“. [1]", question, "de", ev(1, SOURCE_DE, lang="de"))
    assert not result.ok and any("Times" in p for p in result.problems)
    assert check("Die Quelle ist „Beijing Daily“. [1]", question, "de", ev(1, SOURCE_DE, lang="de")).ok


def test_an_amount_of_money_is_not_offered_as_the_verified_fact_for_how_many():
    question = "How many companies are based in Zhongguancun?"
    sel = Selection([ev(1, COMPANIES_FR, score=0.95)], 0.95, question_wants(question))
    gen = parse_generation("10 000 milliards of yuans [1]")
    verification = verify(gen, sel.evidence, question, "en", sel.wants)
    assert not verification.ok and [f.text for f in verification.facts] == ["10 000 milliards of yuans"]
    ans = decide(gen, verification, base(question, "en"), sel, {})
    assert ans.abstained and "how many" in ans.note


def test_the_kind_checks_reject_no_right_answer_of_another_shape():
    # German nouns in a run are no names; only the name must stand in the (French) quote.
    assert check("Im Bezirk Shijingshan. [1]", "In welchem Bezirk läuft das Pilotprogramm für den digitalen Yuan?",
                 "de", ev(1, DISTRICTS_FR)).ok
    # "qui est" in a relative clause asks no person; "file format" asks no file.
    crontab = "Le démon cron lit le fichier /etc/crontab au démarrage."
    assert check("Le fichier /etc/crontab [1]", "Quel est le fichier qui est lu par cron au démarrage ?", "fr",
                 ev(1, crontab, title="cron(8)")).ok
    fmt = "Le format par défaut de l'archive est gnu, sauf si tar a été compilé autrement."
    assert check("The gnu format. [1]", "Which file format does tar use by default?", "en",
                 ev(1, fmt, title="tar(1)")).ok
    # A two-letter name is a name.
    director = "« Le centre ouvre ses portes », a déclaré Wu Yi, directeur du centre de Tianjin."
    assert check("Wu Yi [1]", "Qui est le directeur du centre de Tianjin ?", "fr", ev(1, director)).ok
    # "How many yuan" asks for money.
    assert check("10 000 milliards de yuans [1]", "Combien de yuans le chiffre d'affaires des entreprises de "
                 "Zhongguancun devrait-il dépasser ?", "fr", ev(1, COMPANIES_FR)).ok


# -- eighth pass: the unit of a number, answers that state nothing the quotes say -----------------------------

ACCURACY_DE = "Wie oben erwähnt, ist die Vorgabe für AccuracySec= 1 Minute und für RandomizedDelaySec= 0."


@pytest.mark.parametrize("answer,lang,ok", [
    ("La valeur par défaut de AccuracySec= est 1 milliseconde. [1]", "fr", False),
    ("La valeur par défaut de AccuracySec= est 1 minute. [1]", "fr", True),
    ("The default of AccuracySec= is 1 second. [1]", "en", False),
    ("The default of AccuracySec= is 1 minute. [1]", "en", True),
    ("Die Vorgabe ist 1 Stunde. [1]", "de", False),
    ("Die Vorgabe ist 1 Std. [1]", "de", False),
    ("The default is 1 h. [1]", "en", False),
    ("A 1-hour accuracy by default. [1]", "en", False),
    ("Die Vorgabe ist 1 Minute. [1]", "de", True),
])
def test_a_number_in_another_unit_than_the_quotes_is_rejected(answer, lang, ok):
    question = {"fr": "Quelle est la valeur par défaut de AccuracySec= ?", "en": "What is the default of AccuracySec=?",
                "de": "Was ist die Vorgabe für AccuracySec=?"}[lang]
    assert check(answer, question, lang, ev(1, ACCURACY_DE, "de", title="systemd.timer(5)")).ok is ok


def test_a_number_without_a_unit_in_the_quote_keeps_the_unit_the_answer_gives():
    quote = "Die Argumente sind in Sekunden konfigurierte Zeitspannen. Beispiel: »OnBootSec=50« bedeutet 50 nach Start."
    assert check("50 seconds [1]", "How long after boot does OnBootSec=50 fire?", "en",
                 ev(1, quote, "de", title="systemd.timer(5)")).ok


EDITOR_FR = ("Si aucune des variables d'environnement n'est définie, alors l'éditeur par défaut /usr/bin/editor est "
             "utilisé.")
EDITOR_BEFORE = "L'option -e permet de modifier la crontab en cours. "
EDITOR_E_FR = ("L'option -e permet de modifier la crontab en cours, en utilisant l'éditeur indiqué par les variables "
               "d'environnement VISUAL ou EDITOR.")
PARTS_DE = "Es ist ein reguläres Phänomen, dass bei Bestellungen am Morgen die Einzelteile am Nachmittag eintreffen."
FRAMEWORK_FR = ("Le district de Haidian a lancé le premier cadre logiciel open source au monde pour l'intelligence "
                "incarnée.")
EDITOR_Q = "Quel éditeur crontab -e utilise-t-il si ni VISUAL ni EDITOR ne sont définies ?"
PARTS_Q = "Wann treffen die am Morgen bestellten Einzelteile ein?"
HOSTS_Q = "Quel caractère introduit un commentaire dans /etc/hosts ?"


@pytest.mark.parametrize("wrong,wrong_quote,right,right_quote,question,lang", [
    # It names no editor, and nothing it says is in its quote (dev f8-md-fr-crontab-default-editor, a test twin since
    # removed).
    ("Le crontab -e utilise l'éditeur par défaut, qui est l'éditeur de texte par défaut de l'utilisateur. [1]",
     EDITOR_E_FR, "L'éditeur par défaut est /usr/bin/editor [1].", EDITOR_BEFORE + EDITOR_FR, EDITOR_Q, "fr"),
    # "When" answered by rewording the question (dev f8-news-de-parts-afternoon, a test twin since removed).
    ("Die am Morgen bestellten Einzelteile werden im Branchenkreis eingeführt. [1]", PARTS_DE, "Am Nachmittag. [1]",
     PARTS_DE, PARTS_Q, "de"),
])
def test_an_answer_must_say_something_its_quote_says_beyond_the_question(wrong, wrong_quote, right, right_quote,
                                                                          question, lang):
    result = check(wrong, question, lang, ev(1, wrong_quote, lang))
    assert not result.ok and "says nothing beyond the question" in " ".join(result.problems)
    assert check(right, question, lang, ev(1, right_quote, lang)).ok


@pytest.mark.parametrize("name", ["DeepSeek", "OpenAI"])  # "OpenAI" is no cognate of the quote's "open source"
def test_a_german_name_with_a_capital_inside_must_stand_in_the_quote_whole(name):
    question = "Wie heißt das erste Open-Source-Software-Framework für verkörperte Intelligenz von Haidian?"
    result = check(f"Das Framework von Haidian heißt '{name}'. [1]", question, "de", ev(1, FRAMEWORK_FR))
    assert not result.ok and any(name in p for p in result.problems)
    assert check("Das Framework heißt RoboOS. [1]", question, "de",
                 ev(1, FRAMEWORK_FR.replace("open source", "open source RoboOS"))).ok


@pytest.mark.parametrize("answer,question,quote,ok", [
    ("Un commentaire commence par le caractère '#'. [1]", HOSTS_Q, "Kommentare werden durch »#« eingeleitet.", True),
    # Right by the model's own knowledge, but the cited quote does not say it (dev md-fr-hosts-comment).
    ("Un commentaire commence par le caractère '#'. [1]", HOSTS_Q,
     "Diese Handbuchseite beschreibt das Format der Datei /etc/hosts.", False),
    # Over quotes in another language, words are not judged (single-word translations are not reliable).
    ("In the afternoon. [1]", "When do the parts ordered in the morning arrive?", PARTS_DE, True),
    ("It is disabled by default. [1]", "Is the option on by default?", "Diese Option ist standardmäßig deaktiviert.",
     True),
])
def test_across_languages_a_sign_is_judged_and_words_are_not(answer, question, quote, ok):
    result = check(answer, question, "fr" if "Un " in answer else "en", ev(1, quote, "de", title="hosts(5)"))
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("question", [
    "Quel est le montant du nouvel accord de coopération entre Pékin et Xiong'an ?",
    "What is the total amount of the new agreement?", "Wie hoch ist der Betrag des Abkommens?",
    "Was ist der Betrag des Abkommens?", "Quel est le nombre de licornes à Zhongguancun ?",
])
def test_the_amount_or_number_of_something_asks_for_a_number(question):
    assert question_wants("Wie ist die Anzahl der Labore gestiegen?") is None  # how it rose, not how many
    assert question_wants(question) == "number"
    assert not check("Il est indiqué dans le rapport d'activité du gouvernement. [1]", question, "fr",
                     ev(1, "Pékin mettra en œuvre un nouvel accord, selon le rapport d'activité du gouvernement.")).ok


# -- ninth pass: "in which unit" asks for a unit the quotes name -----------------------------------------------

UNIT_DE = ("Die Argumente für die Anweisung sind in Sekunden konfigurierte Zeitspannen. Beispiel: »OnBootSec=50« "
           "bedeutet 50 s nach Systemstart.")


@pytest.mark.parametrize("answer,question,lang,ok", [
    # Names no unit (dev f7-md-fr-timer-unit-seconds).
    ("La valeur de OnBootSec= exprime la valeur de la unité dans laquelle le timer est configuré. [1]",
     "Dans un timer systemd, en quelle unité s'exprime la valeur de OnBootSec= quand on n'indique aucune unité ?",
     "fr", False),
    ("La valeur s'exprime en secondes. [1]",
     "Dans un timer systemd, en quelle unité s'exprime la valeur de OnBootSec= quand on n'indique aucune unité ?",
     "fr", True),
    ("La valeur s'exprime en minutes. [1]",
     "Dans un timer systemd, en quelle unité s'exprime la valeur de OnBootSec= quand on n'indique aucune unité ?",
     "fr", False),
    ("In seconds. [1]", "In what unit is the value of OnBootSec= given when no unit is written?", "en", True),
    ("In milliseconds. [1]", "In what unit is the value of OnBootSec= given when no unit is written?", "en", False),
    ("In Sekunden. [1]", "In welcher Einheit wird OnBootSec= ohne Angabe einer Einheit gemessen?", "de", True),
    ("Die Einheit wird vom Timer bestimmt. [1]", "In welcher Einheit wird OnBootSec= ohne Angabe gemessen?", "de",
     False),
])
def test_a_unit_question_needs_a_unit_that_the_quote_names(answer, question, lang, ok):
    result = check(answer, question, lang, ev(1, UNIT_DE, "de", title="systemd.timer(5) OnBootSec="))
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("question", [
    "Si l'option Unit= n'est pas indiquée, quelle unité systemd active-t-il quand le minuteur expire ?",
    "Which unit does a timer file activate?",
    "Was will Peking gemeinsam mit den innovativen Einheiten der Region aufbauen?",
])
def test_a_systemd_unit_or_an_organisation_is_no_unit_of_measure(question):
    assert not asks_unit(question)


@pytest.mark.parametrize("text,read", [
    ("OnBootSec=5h 30min", [(5, "h"), (30, "min")]), ("AccuracySec=50ms", [(50, "ms")]), ("1.5s", [(1.5, "s")]),
    ("10MiB", [(10, "MB")]), ("5G-Basisstationen", []), ("2nd", []), ("1.5x", []), ("version 2.6.3", []),
])
def test_a_unit_glued_to_its_number_is_read(text, read):
    assert [(q.value, unit_of(text, q)) for q in quantities(text, "de")] == read


def test_a_glued_unit_is_checked_like_a_spaced_one():
    quote = "Beispiel: »OnBootSec=5h 30min« bedeutet 5 Stunden und 30 Minuten nach Systemstart."
    question = "How long after boot does the timer of the example start?"
    assert check("5 hours and 30 minutes after boot [1]", question, "en", ev(1, quote, "de")).ok
    assert not check("5 hours and 30 seconds after boot [1]", question, "en", ev(1, quote, "de")).ok


# -- ninth pass: the fresh9 questions' shapes ------------------------------------------------------------------

CHMOD_SYNOPSIS = "SYNOPSIS chmod [OPTION] ... --reference=FICHIER-R FICHIER ..."
CHMOD_SILENT = "-f, --silent, --quiet supprimer la plupart des messages d'erreur"


@pytest.mark.slow
@pytest.mark.parametrize("answer,quote,ok", [
    # A usage line names an option without saying what it does (dev f9-md-de-chmod-silent).
    ("Die chmod-Option `--reference` unterdrückt die meisten Fehlermeldungen. [1]", CHMOD_SYNOPSIS, False),
    ("Die Option `--silent` unterdrückt die meisten Fehlermeldungen. [1]", CHMOD_SILENT, True),
])
def test_a_usage_line_answers_no_question_about_what_an_option_does(answer, quote, ok, real_embedder):
    from assistant.embed_cache import EmbeddingCache
    from assistant.terms import TermMatcher, Translations

    m = TermMatcher(None, Translations(EmbeddingCache(real_embedder)))  # German question, French page
    question = "Welche chmod-Option unterdrückt die meisten Fehlermeldungen?"
    result = verify(parse_generation(answer), [ev(1, quote, "fr", title="chmod(1)")], question, "de", None, m)
    assert result.ok is ok, result.problems


def test_a_claim_only_an_off_topic_quote_holds_is_in_the_wrong_relation():
    question = "Combien de licornes sont nées à Zhongguancun ?"
    on_topic = ev(1, "Plus de 90 entreprises licornes sont nées à Zhongguancun.")
    other = ev(2, "Le parc compte 42 laboratoires et emploie 1 200 chercheurs à temps plein.")
    result = check("42 licornes [1][2]", question, "fr", on_topic, other)
    assert not result.ok
    assert check("Plus de 90 licornes [1][2]", question, "fr", on_topic, other).ok


def test_a_name_counts_where_any_of_its_mentions_stands_in_the_asked_relation():
    quote = ("« Nous avons attiré des projets avec l’aide du Centre du Hebei », a déclaré Liu Chuncheng, secrétaire du "
             "Parti de l’Académie des sciences du Hebei.")
    question = "Dans quelle académie Liu Chuncheng est-il secrétaire du Parti ?"
    assert check("L'Académie des sciences du Hebei. [1]", question, "fr", ev(1, quote)).ok


EMERGING_FR = ("Au cours des onze premiers mois de cette année, les industries émergentes stratégiques de Beijing ont "
               "enregistré une croissance de 16,5 % en glissement annuel.")


@pytest.mark.parametrize("answer,ok", [
    # No span given (dev f9-news-en-emerging-period).
    ("From the beginning of this year to the end of the first month of this year. [1]", False),
    ("In the first eleven months of the year. [1]", True),
    ("In the first ten months of the year. [1]", False),
])
def test_a_period_question_needs_the_length_or_bounds_of_the_period(answer, ok):
    question = "Over what period did Beijing's strategic emerging industries record their growth of 16.5%?"
    result = check(answer, question, "en", ev(1, EMERGING_FR))
    assert result.ok is ok, result.problems


def test_a_manual_section_is_no_quantity():
    quote = "Diese Option ermöglicht die Sortierung von durch gethostbyname(3) ermittelten Adressen (siehe crontab(5))."
    assert quantities(quote, "de") == []
    # Without one, "3" was verified against "gethostbyname(3)" (dev f9-md-fr-resolv-sortlist-pairs).
    question = "Combien de paires adresse IP/masque de réseau peut-on indiquer avec la directive sortlist ?"
    assert not check("3 [1]", question, "fr", ev(1, quote, "de", title="resolv.conf(5)")).ok


OCTAL_FR = ("La valeur pour le mode numérique est constituée de 1 à 4 chiffres en octal (0 à 7), calculée en "
            "additionnant les bits avec les valeurs 4, 2 et 1.")


@pytest.mark.parametrize("question,answer,ok", [
    # One end of the quote's range is half of what it says (dev f10-md-de-chmod-octal-digits).
    ("Aus wie vielen Oktalziffern besteht ein numerischer Modus bei chmod?", "Aus 4 Oktalziffern. [1]", False),
    ("Aus wie vielen Oktalziffern besteht ein numerischer Modus bei chmod?", "Aus 1 bis 4 Oktalziffern. [1]", True),
    ("How many octal digits can a numeric chmod mode have at most?", "At most 4 octal digits. [1]", True),
    # A number of a list is no range end ("4, 2 et 1").
    ("Which value does the write bit add to a numeric chmod mode?", "The value 2. [1]", True),
    # A superlative asks for a bound.
    ("What is the largest digit of a numeric chmod mode?", "7 [1]", True),
])
def test_one_end_of_a_range_answers_only_a_question_asking_for_a_bound(question, answer, ok):
    result = check(answer, question, "de" if "Aus" in question else "en", ev(1, OCTAL_FR))
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("quote,question,answer,lang", [
    ("La part est passée de 40 % à 70 % selon le rapport.", "Quelle part aujourd'hui ?", "70 % [1]", "fr"),
    ("The number of visitors grew from 2 million to 3 million in 2024.", "How many visitors came in 2024?",
     "3 million [1]", "en"),
    ("Les valeurs vont de 1 à 4. La valeur par défaut est 4.", "Quelle est la valeur par défaut ?", "4 [1]", "fr"),
])
def test_a_change_from_one_figure_to_another_or_a_value_said_alone_is_no_half_range(quote, question, answer, lang):
    result = check(answer, question, lang, ev(1, quote, lang))
    assert result.ok, result.problems


def test_a_range_at_a_sentence_end_is_a_range_and_a_date_is_none():
    for text in ("Die Werte liegen bei 0-7.", "Les valeurs : 0-7."):
        stated = quantities(text, "de")
        assert [range_partner(text, q, stated).value for q in stated] == [7, 0]
    date = "Publié le 24-12-2025 à Pékin."
    stated = quantities(date, "fr")
    assert len(stated) >= 2 and all(range_partner(date, q, stated) is None for q in stated)


def test_years_and_dates_are_no_ranges():
    quote = "La part est passée de 40 % en 2021 à 70 % en 2024, selon le rapport du 24-12-2025."
    assert check("70 % [1]", "Quelle part en 2024 ?", "fr", ev(1, quote)).ok
    plan = "Le 14e plan quinquennal (2021-2025) fixe les objectifs de la région."
    years = quantities(plan, "fr")
    assert len(years) == 2 and [range_partner(plan, q, years) for q in years] == [None, None]


@pytest.mark.parametrize("answer,ok", [
    # No version number (dev f10-md-fr-na-tar-version).
    ("Cette page de manuel documente la version GNU tar disponible au format texinfo. [1]", False),
    ("La version 1.35 de GNU tar. [1]", True),
])
def test_a_version_question_needs_a_version_number(answer, ok):
    quote = "Cette page de manuel documente GNU tar 1.35 ; la documentation complète est au format texinfo."
    result = check(answer, "Quelle version de GNU tar cette page de manuel documente-t-elle ?", "fr", ev(1, quote))
    assert result.ok is ok, result.problems


DEPUTY_FR = ("La nouvelle zone doit servir de site alternatif, a déclaré Tian Jinchang, directeur général adjoint du "
             "comité administratif de la nouvelle zone de Xiong’an.")


@pytest.mark.parametrize("question,ok", [
    # A deputy is not the head asked about (dev f10-news-en-na-xiongan-committee-head).
    ("Who is the director of the administrative committee of the Xiong'an New Area?", False),
    ("Who is the deputy director of the administrative committee of the Xiong'an New Area?", True),
])
def test_a_deputy_answers_only_a_question_asking_for_a_deputy(question, ok):
    result = check("Tian Jinchang [1]", question, "en", ev(1, DEPUTY_FR))
    assert result.ok is ok, result.problems
    director = DEPUTY_FR.replace("directeur général adjoint", "directeur général")
    assert check("Tian Jinchang [1]", question.replace("deputy ", ""), "en", ev(1, director)).ok


@pytest.mark.parametrize("quote,question,answer", [
    ("Zhang San, vice-président de la société, a inauguré le parc.", "Qui est le vice-président de la société ?",
     "Zhang San [1]"),
    ("Le directeur du comité Li Wei et son adjoint Zhang San ont visité le parc.", "Qui est le directeur du comité ?",
     "Li Wei [1]"),
    ("Vicente Fox, président du conseil, a visité le parc.", "Qui est le président du conseil ?", "Vicente Fox [1]"),
])
def test_only_the_words_said_of_the_name_make_it_a_deputy(quote, question, answer):
    result = check(answer, question, "fr", ev(1, quote))
    assert result.ok, result.problems


def test_a_german_vice_role_in_the_question_asks_for_one():
    quote = "Zhang San, Vizepräsident der Gesellschaft, hat den Park eröffnet."
    assert check("Zhang San [1]", "Wer ist der Vizepräsident der Gesellschaft?", "de", ev(1, quote, lang="de")).ok
    assert not check("Zhang San [1]", "Wer ist der Präsident der Gesellschaft?", "de", ev(1, quote, lang="de")).ok


@pytest.mark.parametrize("answer,ok", [
    ("Seit util-linux v2.22 [1]", True),  # dev md-de-fstab-ignore: a "v" version is a version number
    ("Seit util-linux v2.21 [1]", False),  # and it must be the quote's
    ("Seit util-linux v2.2 [1]", False),
])
def test_a_version_written_with_a_v_is_checked_as_written(answer, ok):
    quote = ("Das Schlüsselwort ignore als Dateisystemtyp wird vom reinen libmount-basierten Einhängewerkzeug nicht "
             "mehr unterstützt (seit util-linux v2.22).")
    question = "Seit welcher util-linux-Version unterstützt mount das Schlüsselwort ignore nicht mehr?"
    result = check(answer, question, "de", ev(1, quote, "de", title="fstab(5)"))
    assert result.ok is ok, result.problems


RESOLV_DE = ("single-request-reopen (seit Glibc 2.9) setzt RES_SNGLKUPREOP in _res.options. Der Resolver verwendet die "
             "gleichen Sockets für die A- und AAAA-Anfragen.")


@pytest.mark.parametrize("question,answer,ok", [
    # The version dates the option before its brackets, not the search list (dev f10-md-en-resolv-search-unlimited).
    ("Since which glibc version is the search list of /etc/resolv.conf unlimited?", "Since glibc 2.9. [1]", False),
    ("Since which glibc version does the option single-request-reopen exist?", "Since glibc 2.9. [1]", True),
    ("Since which glibc version can the resolver reopen its socket for each request?",
     "The option single-request-reopen exists since glibc 2.9. [1]", True),
])
def test_a_version_in_brackets_dates_only_the_word_before_them(question, answer, ok):
    result = check(answer, question, "en", ev(1, RESOLV_DE, "de", title="resolv.conf(5)"))
    assert result.ok is ok, result.problems


def test_a_version_in_brackets_inside_prose_and_the_end_of_a_version_range_are_answers():
    prose = "Der Resolver fragt die Server der Reihe nach ab und wechselt sie (seit Glibc 2.14) bei jedem Aufruf."
    question = "Since which glibc version does the resolver switch servers on every call?"
    assert check("Since glibc 2.14. [1]", question, "en", ev(1, prose, "de")).ok
    ranged = "ip6-bytestring (seit Glibc 2.3 bis 2.24) setzt RES_USEBSTRING in _res.options."
    question = "Until which glibc version was the option ip6-bytestring available?"
    assert check("Until glibc 2.24. [1]", question, "en", ev(1, ranged, "de")).ok
    assert not check("Glibc 2.24. [1]", "Which glibc version dropped ip6-bytestring?", "en", ev(1, ranged, "de")).ok


def test_a_bracketed_version_needs_the_whole_head_word():
    quote = "single-request (seit Glibc 2.10) setzt RES_SNGLKUP in _res.options."
    question = "Since which glibc version does the option single-request-reopen exist?"
    assert not check("Since glibc 2.10. [1]", question, "en", ev(1, quote, "de", title="resolv.conf(5)")).ok


@pytest.mark.parametrize("question,asks", [
    ("Quelles conversions sont possibles ?", False), ("What did glibc version 2.9 add to the resolver?", False),
    ("Welche Versionsnummer hat GNU tar?", True), ("Which tar version does the page document?", True),
])
def test_which_questions_ask_for_a_version(question, asks):
    assert asks_version(question) is asks


# -- eleventh pass (fresh11): qualifiers that change what a figure measures, dates, "besides", "see also" ------


FIVE_G = "Le nombre total de stations de base 5G a atteint 153 400, soit 70 pour 10 000 habitants."
NEW_AND_TOTAL = "En 2025, Beijing a construit 12 000 nouvelles stations de base 5G, portant le total à 153 400."


@pytest.mark.parametrize("question,quote,answer,ok", [
    # dev f11-news-en-na-5g-new-2025: a running total is not what was built in a year
    ("How many new 5G base stations did Beijing build in 2025 alone?", FIVE_G, "153,400 [1]", False),
    ("How many 5G base stations does Beijing have in total?", FIVE_G, "153,400 [1]", True),
    ("How many new 5G base stations did Beijing build in 2025?", NEW_AND_TOTAL, "12,000 [1]", True),
    ("How many 5G base stations does Beijing have in total?", NEW_AND_TOTAL, "153,400 [1]", True),
    # "New Area" is a name, not a new figure
    ("How many 5G base stations are in the Xiong'an New Area?",
     "Le nombre total de stations de base 5G dans la nouvelle zone de Xiong’an a atteint 3 400.", "3,400 [1]", True),
])
def test_a_total_does_not_answer_how_many_are_new(question, quote, answer, ok):
    result = check(answer, question, "en", ev(1, quote))
    assert result.ok is ok, result.problems


DIGITAL = ("Dans l'ensemble, la valeur ajoutée de l'économie numérique de la municipalité a dépassé 2 400 milliards de "
           "yuans en 2025, soit une augmentation de 8,7 % en glissement annuel (en prix courants).")


@pytest.mark.parametrize("question,ok", [
    # dev f11-news-de-na-digital-constant-prices
    ("Um wie viel Prozent wuchs die Wertschöpfung der digitalen Wirtschaft 2025 zu konstanten Preisen?", False),
    ("Um wie viel Prozent wuchs die Wertschöpfung der digitalen Wirtschaft 2025 zu jeweiligen Preisen?", True),
    ("Um wie viel Prozent wuchs die Wertschöpfung der digitalen Wirtschaft 2025?", True),
])
def test_a_figure_at_current_prices_does_not_answer_constant_prices(question, ok):
    result = check("8,7 % [1]", question, "de", ev(1, DIGITAL))
    assert result.ok is ok, result.problems


HOSTS_NIC = ("Das  NIC  pflegt\n       die  hosts.txt-Dateien nicht mehr, allerdings konnten zum Zeitpunkt der\n"
             "       Erstellung  dieser  Handbuchseite  (circa  2000)  im  WWW   historische\n"
             "       hosts.txt-Dateien  gefunden  werden.")


@pytest.mark.parametrize("question,wants", [
    ("Wie heißt der Verfasser der hosts-Handbuchseite?", "person"),
    ("What is the name of the mayor of Beijing?", "person"),
    ("Comment s'appelle le maire de Beijing ?", "person"),
    ("Quel est le nom du directeur du centre ?", "person"),
    ("Wie heißt das weltweit erste Open-Source-Software-Framework für verkörperte Intelligenz?", None),
    ("What is the name of the file that holds the crontab?", None),
])
def test_the_name_of_a_role_asks_for_a_person(question, wants):
    assert question_wants(question) == wants


@pytest.mark.parametrize("question,answer,quote,lang,ok", [
    # dev f13-md-de-na-hosts-author-name: NIC kept the files; it wrote nothing
    ("Wie heißt der Verfasser der hosts-Handbuchseite, der um das Jahr 2000 im WWW drei historische hosts.txt-Dateien "
     "fand?", "Der Verfasser der hosts-Handbuchseite war das NIC. [1]", HOSTS_NIC, "de", False),
    # a role named in another language than the question's: "Écrit par" is the "Verfasser"
    ("Wie heißt der Verfasser der chmod-Handbuchseite?", "David MacKenzie und Jim Meyering [1]",
     "Écrit par David MacKenzie et Jim Meyering.", "fr", True),
    ("Who wrote cron?", "Paul Vixie [1]",
     "Paul  Vixie  <paul@vix.com> est l'auteur de cron(8) et de cette page de\n       manuel.", "fr", True),
    ("What is the name of the mayor of Beijing?", "Yin Yong [1]",
     "« La capitale nationale fera progresser la construction », a déclaré Yin Yong, maire de Beijing.", "fr", True),
    ("Comment s'appelle le maire de Beijing ?", "Xi Jinping [1]",
     "Le secrétaire général Xi Jinping a indiqué qu'il fallait combiner les avantages de Beijing.", "fr", False),
])
def test_a_name_asked_for_by_its_role_must_stand_in_that_role(question, answer, quote, lang, ok):
    result = check(answer, question, "de" if "heißt" in question else "en" if question[0] == "W" else "fr",
                   ev(1, quote, lang))
    assert result.ok is ok, result.problems


EMERGING = ("Au cours des onze premiers mois de cette année, les industries émergentes stratégiques de Beijing à "
            "l’échelle industrielle ont enregistré une croissance de 16,5 % en glissement annuel.")
DIGITAL_SHARE = ("Dans l'ensemble, la valeur ajoutée de l'économie numérique de la municipalité a dépassé "
                 "2 400 milliards de yuans en 2025, soit une augmentation de 8,7 % en glissement annuel "
                 "(en prix courants), représentant 46,4 % du PIB de la ville.")


@pytest.mark.parametrize("question,answer,quote,lang,ok", [
    # dev f13-news-fr-na-emerging-gdp-share: a growth rate given for a share
    ("Quelle part du PIB de Beijing les industries émergentes stratégiques représentent-elles ?",
     "Les industries émergentes stratégiques représentent 16,5 % du PIB de Beijing. [1]", EMERGING, "fr", False),
    ("What share of Beijing's GDP does the digital economy account for?", "46.4% [1]", DIGITAL_SHARE, "en", True),
    ("What share of Beijing's GDP does the digital economy account for?", "8.7% [1]", DIGITAL_SHARE, "en", False),
    # and the reverse: a share given for a growth rate
    ("Um wie viel Prozent wuchs die Wertschöpfung der digitalen Wirtschaft 2025?", "46,4 % [1]", DIGITAL_SHARE, "de",
     False),
    ("Um wie viel Prozent wuchs die Wertschöpfung der digitalen Wirtschaft 2025?", "8,7 % [1]", DIGITAL_SHARE, "de",
     True),
    ("De combien les industries émergentes stratégiques de Beijing ont-elles progressé sur les onze premiers mois ?",
     "De 16,5 % en glissement annuel. [1]", EMERGING, "fr", True),
])
def test_a_growth_rate_does_not_answer_a_share_nor_the_reverse(question, answer, quote, lang, ok):
    result = check(answer, question, lang, ev(1, quote))
    assert result.ok is ok, result.problems


RATE_FR = ("Le taux d'application des technologies numériques dans les grandes entreprises de la ville est passé de "
           "40 % en 2021 à 70 % en 2024.")
REVENUE_TOTAL_FR = ("En 2025, le chiffre d’affaires total des entreprises de Zhongguancun devrait franchir pour la "
                    "première fois la barre des 10 000 milliards de yuans, démontrant pleinement le rôle moteur de ce "
                    "haut lieu de l’innovation.")
KEY_LABS_FR = ("Pour renforcer la puissance scientifique et technologique stratégique nationale, Beijing a planifié "
               "et construit 145 laboratoires clés nationaux et 10 nouvelles institutions de recherche, maintenant "
               "l’intensité des dépenses de la recherche et développement autour de 6 %.")
LABS_MINUS_DE = ("Um wie viele übertrifft die Zahl der nationalen Schlüssellabore, die Beijing geplant und gebaut hat, "
                 "die Zahl der neuen Forschungseinrichtungen?")
POINTS_DE = ("Um wie viele Prozentpunkte ist die Anwendungsrate digitaler Technologien in den großen Unternehmen "
             "Beijings von 2021 bis 2024 gestiegen?")


@pytest.mark.parametrize("question,answer,quote,lang,ok", [
    # dev f14-news-de-rate-points: where the rate went is not by how much it rose
    (POINTS_DE, "70 % [1]", RATE_FR, "de", False),
    # the size of the change, computed from its two ends in one sentence of the quote
    (POINTS_DE, "Um 30 Prozentpunkte [1]", RATE_FR, "de", True),
    (POINTS_DE, "Um 40 Prozentpunkte [1]", RATE_FR, "de", False),
    (POINTS_DE, "Um 110 Prozentpunkte [1]", RATE_FR, "de", False),  # a sum is no difference
    # dev f18-news-de-labs-minus-institutions: one of the two counts compared is not by how many one exceeds the other
    (LABS_MINUS_DE, "145 [1]", KEY_LABS_FR, "de", False),
    (LABS_MINUS_DE, "Um 135. [1]", KEY_LABS_FR, "de", True),
    ("Wie viele nationale Schlüssellabore hat Beijing geplant und gebaut?", "145 [1]", KEY_LABS_FR, "de", True),
    # a size of change the quote gives next to another figure of its kind
    ("De combien la part du chiffre d'affaires a-t-elle augmenté ?", "De 12 %. [1]",
     "La part du chiffre d'affaires a augmenté de 12 % pour atteindre 30 % du total.", "fr", True),
    ("De combien la part du chiffre d'affaires a-t-elle augmenté ?", "30 % [1]",
     "La part du chiffre d'affaires a augmenté de 12 % pour atteindre 30 % du total.", "fr", False),
    ("Quel était le taux d'application des technologies numériques dans les grandes entreprises en 2024 ?", "70 % [1]",
     RATE_FR, "fr", True),
    # dev f14-news-fr-na-revenue-growth-rate: a growth rate is a percentage, not the total it grew to
    ("Quel est le taux de croissance annuel du chiffre d'affaires total des entreprises de Zhongguancun ?",
     "Le chiffre d'affaires total devrait franchir 10 000 milliards de yuans en 2025. [1]", REVENUE_TOTAL_FR, "fr",
     False),
    ("What was the growth rate of Beijing's digital economy in 2025?", "8.7% [1]", DIGITAL_SHARE, "en", True),
    ("De combien la valeur ajoutée de l'économie numérique a-t-elle augmenté en 2025 ?", "8,7 % [1]", DIGITAL_SHARE,
     "fr", True),
])
def test_a_change_is_answered_by_its_size_and_a_rate_by_a_percentage(question, answer, quote, lang, ok):
    result = check(answer, question, lang, ev(1, quote))
    assert result.ok is ok, result.problems


UNICORNS_DE = ("Es entstanden mehr als 90 Einhorn-Unternehmen in Zhongguancun, die zur Hauptkraft zur Ankurbelung der "
               "Industrieoptimierung geworden sind.")
SUPPLIERS_FR = ("L’industrie des véhicules intelligents connectés a formé un « cercle d’approvisionnement d’une "
                "heure », où plus de 300 entreprises de composants clés des trois régions s’intègrent de manière "
                "transparente dans la chaîne d’approvisionnement.")


@pytest.mark.parametrize("question,answer,quote,lang,ok", [
    # dev f14-news-de-na-zgc-employees: unicorns counted for employees
    ("Wie viele Beschäftigte arbeiten in Zhongguancun?",
     "Es entstanden mehr als 90 Einhorn-Unternehmen in Zhongguancun. [1]", UNICORNS_DE, "de", False),
    ("Wie viele Einhorn-Unternehmen entstanden in Zhongguancun?", "Mehr als 90 Einhorn-Unternehmen. [1]",
     UNICORNS_DE, "de", True),
    ("How many unicorns were born in Zhongguancun?", "More than 90 unicorn companies [1]", UNICORNS_DE, "en", True),
    ("Wie viele Beschäftigte arbeiten in Zhongguancun?", "90 [1]", UNICORNS_DE, "de", True),  # nothing said it counts
    # a second number that counts something else beside the one asked for (dev en-suppliers-circle)
    ("How many companies take part in the one-hour supply circle?",
     "More than 300 companies from the three regions take part. [1]", SUPPLIERS_FR, "en", True),
])
def test_a_count_must_count_what_the_question_asks(question, answer, quote, lang, ok):
    result = check(answer, question, lang, ev(1, quote, "de" if quote is UNICORNS_DE else "fr"))
    assert result.ok is ok, result.problems


SUPPLIERS_DE = ("Mehr als 300 Produzenten für ausschlaggebende Einzelteile in Beijing, Tianjin und Hebei sind nahtlos "
                "in die Lieferkette integriert.")
CONTRACTS_FR = ("Ses contrats technologiques avec Tianjin et Hebei s’élèvent à 74,87 milliards de yuans (10,4 "
                "milliards de dollars), en hausse de 110 % sur un an, selon les données du gouvernement de la ville.")
COMPUTING_FR = ("La puissance de calcul agrégée a dépassé 60 000 pétaflops, intégrant des ressources transrégionales "
                "telles que la région Beijing-Tianjin-Hebei et la Mongolie intérieure.")
JINGJINJI_FR = ("Le Centre national d’innovation technologique de Jingjinji, le premier centre national complet "
                "d’innovation technologique de Chine créé en décembre 2020, compte trois succursales : le Centre de "
                "Tianjin, le Centre du Hebei et le Centre de Xiong’an.")


@pytest.mark.parametrize("question,answer,quote,lang,ok", [
    # dev de-contracts-cross: producers counted for the value of the contracts
    ("Wie hoch waren die Technologieverträge Pekings mit Tianjin und Hebei im vergangenen Jahr?",
     "300 Produzenten für ausschlaggebende Einzelteile sind in die Lieferkette integriert. [1]", SUPPLIERS_DE, "de",
     False),
    ("Wie hoch waren die Technologieverträge Pekings mit Tianjin und Hebei im vergangenen Jahr?",
     "74,87 Milliarden Yuan [1]", CONTRACTS_FR, "de", True),
    # dev f7-news-en-jingjinji-distinction: its subsidiaries are not what sets the centre apart
    ("What distinguishes the Jingjinji National Technology Innovation Center from China's other centers?",
     "It has three subsidiaries. [1]", JINGJINJI_FR, "en", False),
    ("Combien de succursales compte le Centre national d’innovation technologique de Jingjinji ?",
     "Trois succursales [1]", JINGJINJI_FR, "fr", True),
    # a unit of measure is no counted thing
    ("Wie hoch ist die aggregierte Rechenleistung Beijings?", "Mehr als 60 000 Petaflops [1]", COMPUTING_FR, "de",
     True),
])
def test_a_number_must_not_count_a_thing_the_question_does_not_name(question, answer, quote, lang, ok):
    result = check(answer, question, lang, ev(1, quote, "de" if quote is SUPPLIERS_DE else "fr"))
    assert result.ok is ok, result.problems


FACTORIES_FR = ("Fin 2025, 19 usines d'excellence complètes et 178 usines intelligentes de pointe avaient été créées à "
                "Beijing.")


@pytest.mark.slow
def test_a_count_in_the_quotes_language_counts_what_the_question_asks(real_embedder):
    # An answer may come in the quotes' language: "19 usines" counts the factories an English question asks about;
    # within one language no translation is tried, so the unicorns still do not count employees.
    from assistant.embed_cache import EmbeddingCache
    from assistant.terms import TermMatcher, Translations

    m = TermMatcher(None, Translations(EmbeddingCache(real_embedder)))
    question = 'How many complete "excellence factories" had been created in Beijing by the end of 2025?'
    right = verify(parse_generation("19 usines d'excellence complètes [1]"), [ev(1, FACTORIES_FR)], question, "en",
                   "number", m)
    wrong = verify(parse_generation("Es entstanden mehr als 90 Einhorn-Unternehmen in Zhongguancun. [1]"),
                   [ev(1, UNICORNS_DE, "de")], "Wie viele Beschäftigte arbeiten in Zhongguancun?", "de", "number", m)
    assert right.ok, right.problems
    assert any("counts something other" in p for p in wrong.problems)


CHECKPOINT_FR = "Exécuter ACTION à chaque point de vérification."


@pytest.mark.parametrize("answer,ok", [
    # dev f14-md-en-na-tar-checkpoint-actions: values in quotation marks that no cited quote holds
    ("tar's --checkpoint-action option accepts 'ACTION' values such as 'pause', 'continue' and 'abort'. [1]", False),
    ("It runs 'ACTION' at each checkpoint. [1]", True),
    ("It runs «action» at each checkpoint. [1]", True),  # case and quotation marks aside, the quote holds it
])
def test_a_word_in_quotation_marks_must_be_in_a_cited_quote(answer, ok):
    result = check(answer, "Which ACTION values does tar's --checkpoint-action option accept?", "en",
                   ev(1, CHECKPOINT_FR, before="       --checkpoint-action=ACTION\n              "))
    assert result.ok is ok, result.problems


CONFERENCE = ("Lors de la Conférence centrale sur le travail économique qui s’est tenue récemment, le Comité central "
              "du Parti a pris de nouvelles et importantes dispositions.")


@pytest.mark.parametrize("question,answer,quote,ok", [
    # dev f11-news-fr-na-conference-date: "recently" names no date
    ("À quelle date exacte s'est tenue la Conférence centrale sur le travail économique ?",
     "La Conférence centrale sur le travail économique s'est tenue récemment. [1]", CONFERENCE, False),
    ("À quelle date s'est tenue la Conférence centrale sur le travail économique ?",
     "Le 11 décembre 2024 [1]", CONFERENCE.replace("récemment", "le 11 décembre 2024"), True),
    ("En quelle année le Centre national d'innovation technologique de Jingjinji a-t-il été créé ?", "En 2020 [1]",
     "Le Centre national d’innovation technologique de Jingjinji a été créé en décembre 2020.", True),
    # "when" also asks under which condition: not held to name a date
    ("Quand la minuterie est-elle déclenchée ?", "Au démarrage du système [1]",
     "La minuterie est déclenchée au démarrage du système.", True),
])
def test_a_question_asking_for_a_date_needs_one(question, answer, quote, ok):
    result = check(answer, question, "fr", ev(1, quote))
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("question,ok", [
    ("What date format does cron use?", False), ("Quelle date de modification tar restaure-t-il ?", False),
    ("À quelle date exacte s'est tenue la conférence ?", True), ("In welchem Jahr wurde DNS eingeführt?", True),
    ("Since which year?", True), ("When is the timer triggered?", False),
])
def test_asks_date_reads_only_questions_that_name_a_year_or_a_date(question, ok):
    assert asks_date(question) is ok


TIAN = ("a déclaré Tian Jinchang, directeur général adjoint du comité administratif de la nouvelle zone de Xiong’an et "
        "député de l’Assemblée populaire nationale.")


@pytest.mark.parametrize("answer,ok", [
    # dev f11-news-en-tian-congress: the answer gives back the post the question set aside
    ("Tian Jinchang holds the position of deputy director general of the administrative committee. [1]", False),
    ("Tian Jinchang is also député de l’Assemblée populaire nationale. [1]", True),
])
def test_besides_what_the_question_names_the_answer_must_name_something_else(answer, ok):
    question = ("Besides being deputy director general of the administrative committee, what other position does Tian "
                "Jinchang hold?")
    result = check(answer, question, "en", ev(1, TIAN))
    assert result.ok is ok, result.problems


SEE_ALSO = "hostname(1), resolver(3), host.conf(5), resolv.conf(5), resolver(5), hostname(7), named(8)"


def test_a_see_also_list_supports_only_the_manuals_it_names():
    # dev f11-md-en-na-hosts-dns-order
    wrong = check("The /etc/hosts file is consulted first. [1]",
                  "When a host name is looked up, which is consulted first: /etc/hosts or the name servers of "
                  "/etc/resolv.conf?", "en", ev(1, SEE_ALSO, lang="de"))
    assert not wrong.ok
    assert "the cited quotes do not speak of what the question asks" in wrong.problems
    right = check("resolver(3) [1]", "Besides resolv.conf(5), which other resolver page is listed?", "en",
                  ev(1, SEE_ALSO, lang="de"))
    assert right.ok, right.problems


HOSTS_2000 = ("Das NIC pflegt die hosts.txt-Dateien nicht mehr, allerdings konnten zum Zeitpunkt der Erstellung dieser "
              "Handbuchseite (circa 2000) im WWW historische hosts.txt-Dateien gefunden werden.")


@pytest.mark.parametrize("question,ok", [
    # dev f11-md-de-na-hosts-dns-year: the sentence dates the manual page the question names as its source
    ("In welchem Jahr wurde laut der hosts-Handbuchseite das DNS eingeführt?", False),
    ("In welchem Jahr konnten laut der hosts-Handbuchseite noch historische hosts.txt-Dateien gefunden werden?", True),
    ("In welchem Jahr wurde diese Handbuchseite erstellt?", True),
])
def test_a_year_answers_only_when_its_sentence_speaks_of_more_than_the_source(question, ok):
    result = check("2000 [1]", question, "de", ev(1, HOSTS_2000, lang="de"))
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("question,words", [
    ("In welchem Jahr wurde laut der hosts-Handbuchseite das DNS eingeführt?", {"laut", "hosts", "handbuchseite"}),
    ("Sur quoi repose la base, selon l'article de février 2024 ?", {"selon", "article"}),
    ("Laut Xi Jinping, was ist wichtig?", set()),  # a person is no document
])
def test_source_words_are_the_words_naming_the_document(question, words):
    assert source_words(question) == words


TAR_OPTIONS = ("       -o     Lors de création, identique à --old-archive.\n\n"
               "       --sort=ORDRE\n              ")
TAR_SORT = ("Lors de la création d’une archive, trier les entrées de répertoires selon ORDRE, qui est soit none, name "
            "ou inode.")


@pytest.mark.parametrize("question,ok", [
    # dev f11-md-fr-tar-o-option: the description of --sort, in a chunk that also lists -o
    ("Que fait l'option -o de tar lors de la création d'une archive ?", False),
    ("Que fait l'option --sort de tar lors de la création d'une archive ?", True),
])
def test_an_option_description_speaks_of_the_option_whose_line_it_is_under(question, ok):
    result = check("Elle trie les entrées de répertoires selon ORDRE : none, name ou inode. [1]", question, "fr",
                   ev(1, TAR_SORT, before=TAR_OPTIONS))
    assert result.ok is ok, result.problems
    assert ("the cited evidence does not speak of -o" in result.problems) is not ok


# -- the eleventh pass's review: right answers the first versions of these checks rejected -------------------------

UNICORNS_NEW = ("Les entités innovantes prospèrent avec une vitalité robuste : plus de 90 entreprises „ licornes “ y "
                "ont vu le jour, devenant ainsi le nouveau moteur du développement industriel.")


@pytest.mark.parametrize("question,answer,quote,lang", [
    # "nouveau" said of anything in French news does not make a figure new
    ("How many unicorn companies have emerged in Zhongguancun in total?", "More than 90 unicorn companies [1].",
     UNICORNS_NEW, "fr"),
    # the total belongs to the other number of the sentence
    ("How many new 5G base stations did Beijing build in 2025?", "12,000 new base stations [1].",
     "Pékin a construit 12 000 stations de base 5G en 2025, portant le total à 153 400.", "fr"),
    # "new energy vehicles" are a kind of vehicle
    ("How many new energy vehicles did Beijing produce in 2025?", "699,000 new energy vehicles [1].",
     "Insgesamt wurden 2025 in Beijing 699.000 Fahrzeuge mit neuer Energie produziert.", "de"),
    # "constant" said of something else than prices
    ("What was the nominal GDP growth?", "6.2% [1].", "Le taux d'intérêt est resté constant, et le PIB a progressé de "
     "6,2 %.", "fr"),
])
def test_qualifiers_judge_the_figure_not_any_word_of_its_sentence(question, answer, quote, lang):
    result = check(answer, question, "en", ev(1, quote, lang=lang))
    assert result.ok, result.problems


def test_a_date_line_answers_when_the_article_was_published():
    dateline = "Département de recherche, d’études stratégiques et de relations internationales 24-12-2025"
    result = check("Le 24 décembre 2025 [1].", "À quelle date l'article sur l'innovation dans la région de "
                   "Beijing-Tianjin-Hebei a-t-il été publié ?", "fr", ev(1, dateline))
    assert result.ok, result.problems
    bare = check("Am 5. Februar 2026 [1].", "An welchem Datum wurde der Artikel über die digitale Wirtschaft "
                 "veröffentlicht?", "de", ev(1, "2026-02-05", lang="de"))
    assert bare.ok, bare.problems


def test_the_current_date_answers_which_date_is_assumed():
    result = check("Das aktuelle Datum [1].", "Welches Datum verwendet systemd, wenn OnCalendar= kein Datum angibt?",
                   "de", ev(1, "Wenn das Datum weggelassen wird, wird das aktuelle Datum angenommen.", lang="de"))
    assert result.ok, result.problems


def test_an_option_named_as_context_need_not_head_the_description():
    su = ("       -l, --login\n           Démarrer l'interpréteur de connexion.\n\n"
          "       -w, --whitelist-environment liste\n           Ne pas réinitialiser les variables d'environnement "
          "spécifiées dans\n           ")
    quote = "la liste séparées par des virgules lors du nettoyage de l'environnement."
    result = check("Les variables de la liste séparée par des virgules ne sont pas réinitialisées [1].",
                   "Lorsque su --login nettoie l'environnement, que fait l'option --whitelist-environment ?", "fr",
                   ev(1, quote, before=su))
    assert result.ok, result.problems


def test_besides_an_option_another_option_is_something_else():
    quote = "       -z, --gzip, --gunzip, --ungzip\n              Traiter l'archive avec gzip(1)."
    result = check("The `--gzip` option also does [1].",
                   "Besides -z, which other option makes tar filter the archive through gzip?", "en", ev(1, quote))
    assert result.ok, result.problems


@pytest.mark.parametrize("listing", [
    "SIEHE AUCH\n       hostname(1), resolver(3),  host.conf(5),  resolv.conf(5)",
    "hostname(1), resolver(3), host.conf(5) und resolv.conf(5)",
    "hostname(1), resolver(3), host.conf(5), named(8)\n\n       Internet RFC 952",
])
def test_a_see_also_list_with_its_heading_or_joiners_supports_no_claim_of_order(listing):
    result = check("/etc/hosts is consulted first [1].", "In which order are /etc/hosts and DNS consulted?", "en",
                   ev(1, listing, lang="de"))
    assert "the cited quotes do not speak of what the question asks" in result.problems


def test_a_question_about_the_see_also_list_is_answered_from_it_without_section_numbers():
    result = check("Les pages crontab et cron [1].", "Quelles pages de manuel la page crontab(1) cite-t-elle dans "
                   "VOIR AUSSI ?", "fr", ev(1, "crontab(5), cron(8)"))
    assert result.ok, result.problems


# -- a default is asked: the cited quote must state one (fresh13) -------------------------------------------------


@pytest.mark.parametrize("question,asks", [
    ("Which archive format does GNU tar use by default?", True),
    ("What is the default value of FAIL_DELAY for su?", True),
    ("Quelle est la valeur par défaut de ENV_PATH ?", True),
    ("Welchen Standardwert hat RemainAfterElapse= in einer Timer-Unit?", True),
    ("Von welcher Unit erhalten Timer-Units standardmäßig Abhängigkeiten vom Typ Requires=?", True),
    ("On Debian, which of the default /etc/crontab jobs stays enabled when anacron is installed?", False),
    ("Which POSIX standard does tar's ustar archive format correspond to?", False),
    ("Wie viele Aufgaben enthält die standardmäßige System-Crontab unter Debian?", False),
])
def test_a_question_asking_for_a_default_is_recognised(question, asks):
    from assistant.questions import asks_default

    assert asks_default(question) is asks


def test_a_default_read_into_a_quote_that_states_none_is_rejected_and_not_shown_as_a_fact():
    q = "Which archive format does GNU tar use by default when it creates an archive without --format?"
    listing = ev(1, "oldgnu format GNU pour les versions de tar <= 1.12 ;")
    v = check("GNU tar uses the oldgnu format by default. [1]", q, "en", listing)
    assert not v.ok and "default" in " ".join(v.problems) and not v.facts  # no verified fact to fall back on
    q = "Welchen Standardwert hat die Einstellung RemainAfterElapse= in einer Timer-Unit?"
    unset = ev(1, "Falls allerdings RemainAfterElapse= ausgeschaltet ist und die Timer-Unit bereits wieder entladen "
                  "wurde, kann sie erneut gestartet werden.", "de")
    assert not check("RemainAfterElapse= hat den Standardwert `ausgeschaltet`. [1]", q, "de", unset).ok


@pytest.mark.parametrize("question,answer,quote,lang", [
    ("Quelle est la valeur par défaut de ENV_PATH pour un utilisateur ordinaire ?",
     "La valeur par défaut est /usr/local/bin:/bin:/usr/bin. [1]",
     "ENV_PATH (chaîne) Définit la variable d'environnement PATH pour un utilisateur ordinaire. "
     "La valeur par défaut est /usr/local/bin:/bin:/usr/bin.", "fr"),
    ("Von welcher Unit erhalten Timer-Units standardmäßig Abhängigkeiten vom Typ Requires= und After=?",
     "sysinit.target [1]",
     "Timer-Units werden automatisch Abhängigkeiten vom Typ Requires= und After= von sysinit.target hinzugefügt.",
     "de"),
    ("Which shell does cron use by default to run the commands of a crontab?", "`/bin/sh` [1]",
     "Mehrere Umgebungsvariablen werden automatisch durch den Daemon cron(8) eingerichtet. SHELL wird auf »/bin/sh« "
     "gesetzt.", "de"),
])
def test_a_default_stated_outright_or_as_what_is_set_automatically_passes(question, answer, quote, lang):
    v = check(answer, question, "en" if question.startswith(("Which", "What")) else lang, ev(1, quote, lang))
    assert v.ok and v.facts, v.problems


@pytest.mark.parametrize("question,answer,quote,lang", [
    ("Quelle table crontab examine-t-il par défaut ?", "crontab examine « votre » table. [1]",
     "Si cette option n'est pas indiquée, crontab examinera « votre » table, c'est-à-dire la table de "
     "l'utilisateur qui a lancé crontab.", "fr"),
    ("Does tar archive directories recursively by default?", "Yes, directories are archived recursively. [1]",
     "Les répertoires sont archivés de manière récursive, à moins que l'option --no-recursion soit fournie.", "fr"),
    ("Welchen Absender nutzt cron standardmäßig für E-Mails?", "Cron nutzt »root«. [1]",
     "Falls MAILFROM definiert ist, wird es als Absender benutzt, andernfalls wird »root« genutzt.", "de"),
    ("Welcher Name-Server wird standardmäßig abgefragt, wenn /etc/resolv.conf fehlt?",
     "Nur der Name-Server auf dem lokalen Rechner. [1]",
     "Wenn diese Datei /etc/resolv.conf nicht vorhanden ist, wird nur der Name-Server auf dem lokalen Rechner "
     "abgefragt.", "de"),
])
def test_a_default_stated_as_what_happens_when_nothing_is_given_is_no_reason_to_reject(question, answer, quote, lang):
    """Found by a review: man pages state defaults as conditions ("if this option is not given", "unless",
    "otherwise"); real sentences of the corpus."""
    v = check(answer, question, "en" if question.startswith(("Does", "Which")) else lang, ev(1, quote, lang))
    assert not [p for p in v.problems if "default" in p], v.problems
    bare = check(answer, question, "en" if question.startswith(("Does", "Which")) else lang,
                 ev(1, "Les répertoires et les tables sont archivés.", lang))
    assert any("default" in p for p in bare.problems)  # the same answer over a quote that states none fails


def test_a_value_the_manual_recommends_setting_is_no_default():
    from assistant.verify import states_default

    recommends = "Für das Wurzeldateisystem sollte fs_passno auf 1\n       gesetzt sein."  # wrapped like a man page
    assert not states_default(recommends) and states_default("SHELL wird auf »/bin/sh« gesetzt.")
    assert states_default("Vorgabe ist 0 (keine Dateisystemüberprüfung), falls nicht vorhanden.")
    q = "Dans /etc/fstab, quelle valeur par défaut prend le sixième champ (fs_passno) lorsqu'il est absent ?"
    v = check("Le champ fs_passno prend la valeur 1 par défaut. [1]", q, "fr", ev(1, recommends, "de"))
    assert not v.ok and any("default" in p for p in v.problems) and not v.facts
    # "par défaut" in a cited quote from another page does not make it a default (dev f13-md-fr-fstab-…-default).
    elsewhere = ev(2, "Cette option n'est valable qu'avec l'option -T. N vaut 1 par défaut.", "fr", title="tar(1)")
    fstab = ev(1, recommends, "de", title="fstab - statische Informationen über Dateisysteme (/etc/fstab)")
    v = check("Le champ fs_passno prend la valeur 1 par défaut. [1][2]", q, "fr", fstab, elsewhere)
    assert not v.ok and any("default" in p for p in v.problems)


LASTLOG_FR = ("Pour des raisons de sécurité, su enregistre toujours les tentatives de connexion échouées dans le "
              "fichier btmp, mais n'écrit pas du tout dans le fichier lastlog.")
PAM_LASTLOG_FR = ("Si vous voulez utiliser le module pam_lastlog(8) pour afficher des messages d'avertissement sur "
                  "les échecs de connexions, alors pam_lastlog(8) doit être configuré pour mettre aussi à jour le "
                  "fichier lastlog.")
LASTLOG_Q = ("su enregistre les tentatives de connexion échouées dans le fichier btmp ; dans quel fichier n'écrit-il "
             "pas du tout, et quel module PAM faut-il configurer pour que ce fichier soit aussi mis à jour ?")


@pytest.mark.parametrize("answer,ok", [
    # dev f15-md-fr-su-lastlog: the second part of the question written back instead of answered
    ("Dans le fichier lastlog n'écrit-il pas du tout, et quel module PAM faut-il configurer pour que ce fichier soit "
     "aussi mis à jour ? [1][2]", False),
    ("su n'écrit pas dans le fichier lastlog [1] ; il faut configurer le module pam_lastlog(8) [2].", True),
])
def test_an_answer_that_repeats_the_question_s_open_part_is_no_answer(answer, ok):
    result = check(answer, LASTLOG_Q, "fr", ev(1, LASTLOG_FR), ev(2, PAM_LASTLOG_FR))
    assert result.ok is ok, result.problems


def test_a_relative_pronoun_after_a_comma_opens_no_part_of_the_question():
    from assistant.verify import repeats_open_part

    question = "Quelle est la valeur par défaut de ENV_PATH, qui définit le PATH d'un utilisateur ordinaire avec su ?"
    assert not repeats_open_part("ENV_PATH, qui définit le PATH d'un utilisateur ordinaire, vaut /bin. [1]", question)
    assert repeats_open_part("Quelle est la valeur par défaut de ENV_PATH ? [1]", question)


LOCALE_FR = ("Dans les systèmes Debian, /etc/default/cron peut être configuré pour que les paramètres régionaux du "
             "démon cron soient gérés en utilisant /etc/environment ou /etc/default/locale, les valeurs du dernier "
             "étant prioritaires sur celles du premier. Ces fichiers sont lus et les définitions des variables "
             "d'environnement LANG, LC_ALL et LC_CTYPE seront utilisées.")


@pytest.mark.parametrize("answer,ok", [
    # dev f15-md-de-cron-locale-vars: the files the question names, called variables
    ("Die Umgebungsvariablen /etc/environment und /etc/default/locale werden durch den cron-Daemon automatisch "
     "eingerichtet, um die Kodierung seiner Meldungen festzulegen. [1]", False),
    ("LANG, LC_ALL und LC_CTYPE [1]", True),
])
def test_a_question_asking_which_variable_needs_one_named(answer, ok):
    question = ("Welche Umgebungsvariablen übernimmt der cron-Daemon unter Debian aus /etc/environment bzw. "
                "/etc/default/locale, um die Kodierung seiner Meldungen festzulegen?")
    result = check(answer, question, "de", ev(1, LOCALE_FR))
    assert result.ok is ok, result.problems
    assert any("names none" in p for p in result.problems) is not ok


MILEAGE_FR = ("Le kilométrage cumulé des essais de conduite autonome de haut niveau a dépassé les 48 millions de "
              "kilomètres, plaçant Beijing en tête du classement national.")


@pytest.mark.parametrize("question,ok", [
    # dev f15-news-fr-na-autonomous-2025-km: the cumulated mileage given for one year's
    ("Combien de kilomètres d'essais de conduite autonome de haut niveau ont été parcourus à Beijing au cours de la "
     "seule année 2025 ?", False),
    ("How many kilometres of high-level autonomous driving tests were driven in Beijing in 2025 alone?", False),
    ("Combien de kilomètres d'essais de conduite autonome de haut niveau ont été parcourus à Beijing au total ?", True),
])
def test_a_cumulated_figure_does_not_answer_for_one_period_alone(question, ok):
    lang = "en" if question.startswith("How") else "fr"
    answer = "48 million kilometres [1]" if lang == "en" else "48 millions de kilomètres [1]"
    result = check(answer, question, lang, ev(1, MILEAGE_FR))
    assert result.ok is ok, result.problems


SITE_FR = "french.beijing.gov.cn"
DIGITAL_NEWS_FR = ("Le 27 janvier, Beijing a annoncé de nouveaux progrès réalisés en 2025 dans le cadre de sa volonté "
                   "de faire de la ville un pôle mondial de référence de l'économie numérique.")
SITE_Q = ("Sur quel site web l'article sur la valeur ajoutée de l'économie numérique de Beijing en 2025 a-t-il été "
          "publié ?")


@pytest.mark.parametrize("answer,quote,ok", [
    # dev f15-news-fr-digital-site: a sentence of the article for the site it was published on
    (DIGITAL_NEWS_FR + " [1]", DIGITAL_NEWS_FR, False),
    ("Sur french.beijing.gov.cn [1]", SITE_FR, True),
    ("Sur french.beijing.gov.cn [1]", DIGITAL_NEWS_FR, False),  # an address no cited quote holds
])
def test_a_question_asking_which_website_needs_an_address_from_the_quotes(answer, quote, ok):
    result = check(answer, SITE_Q, "fr", ev(1, quote))
    assert result.ok is ok, result.problems


def test_a_word_joined_to_a_manual_reference_is_no_option():
    from assistant.verify import technical_terms

    # dev f15-md-de-crontab-bsd-rc: "-Handbuchseite" was read as an option the evidence had to speak of
    question = "Von welcher Datei stammt laut der crontab(5)-Handbuchseite bei BSD die Umgebung (siehe -e)?"
    assert technical_terms(question) == ["crontab(5)", "-e"]
    # dev f8-md-de-na-timer-oncalendar-max: a German compound on a directive names no option "-Anweisungen"
    assert technical_terms("Wie viele OnCalendar=-Anweisungen darf eine Timer-Unit enthalten (siehe -L)?") == ["-L"]
    # ... while a path, a unit or a constant after "=" is still one
    assert technical_terms("EnvironmentFile=/etc/default/cron, Unit=backup.service, KillSignal=SIGTERM") == [
        "/etc/default/cron", "backup.service", "SIGTERM"]


PLATFORMS_FR = ("Dans le parc scientifique de Zhongguancun de la nouvelle zone de Xiongan, 11 plateformes de Beijing "
                "dédiées à la technologie, à la finance et à la recherche industrielle sont intégrées en un service "
                "unifié.")
MODELS_FR = ("Selon les données officielles, 209 grands modèles d'IA développés à Beijing ont achevé leur "
             "enregistrement réglementaire, représentant près de 30 % du total national.")


@pytest.mark.parametrize("question,answer,quote,ok", [
    # dev f15-news-de-na-registered-models-zgc: a number from a quote about another whole
    ("Wie viele der 209 in Beijing entwickelten und registrierten KI-Großmodelle stammen aus Zhongguancun?", "11 [1]",
     PLATFORMS_FR, False),
    ("Combien des 209 grands modèles d'IA enregistrés représentent-ils du total national, en pourcentage ?",
     "Près de 30 % [1]", MODELS_FR, True),
    ("Combien de plateformes de Beijing sont intégrées dans le parc de Zhongguancun à Xiongan ?", "11 [1]",
     PLATFORMS_FR, True),  # no whole named: nothing more to check
])
def test_a_part_of_a_whole_the_question_names_comes_from_a_quote_naming_that_whole(question, answer, quote, ok):
    result = check(answer, question, "de" if question.startswith("Wie") else "fr", ev(1, quote))
    assert result.ok is ok, result.problems


RUNUSER_FR = ("su est surtout fait pour les utilisateurs non privilégiés, la solution recommandée pour les "
              "utilisateurs privilégiés (par exemple, les scripts exécutés par le superutilisateur) est d'utiliser la "
              "commande sans set-user-ID runuser(1) qui ne nécessite pas d'authentification et qui fournit une "
              "configuration PAM distincte. Si la session PAM n'est pas du tout indispensable, alors la solution "
              "recommandée consiste à utiliser la commande setpriv(1)")
RUNUSER_Q = ("Which command does the su manual recommend instead of su for privileged users such as scripts run by "
             "root, and which one if no PAM session is needed at all?")


@pytest.mark.parametrize("answer,ok", [
    # dev f10-md-en-su-runuser-setpriv: one command named for both parts
    ("The su manual recommends `runuser(1)` for privileged users, and `runuser(1)` without a PAM session. [1]", False),
    ("It recommends runuser(1), and setpriv(1) when no PAM session is needed. [1]", True),
])
def test_a_question_asking_for_two_names_is_not_answered_by_one(answer, ok):
    result = check(answer, RUNUSER_Q, "en", ev(1, RUNUSER_FR))
    assert result.ok is ok, result.problems
    assert any("names one" in p for p in result.problems) is not ok


DEPUTY_LIU = ("Le Centre du Hebei mènera une analyse approfondie des industries de la province, a déclaré Liu, qui est "
              "également député local de l’Assemblée populaire provinciale.")
DEPUTY_TIAN = ("La nouvelle zone de Xiong’an doit principalement servir de site alternatif, a déclaré Tian Jinchang, "
               "directeur général adjoint du comité administratif et député de l’Assemblée populaire provinciale.")
TWO_DEPUTIES_Q = "Quelles sont les deux personnes citées qui sont aussi députés de l'Assemblée populaire provinciale ?"


@pytest.mark.parametrize("answer,ok", [
    # dev f16-news-fr-two-deputies: one name given twice for two people
    ("Liu et Liu sont deux personnes citées qui sont aussi députés de l'Assemblée populaire provinciale. [1][2]",
     False),
    ("Liu [1]", False),
    ("Liu et Tian Jinchang [1][2]", True),
])
def test_two_people_asked_need_two_names(answer, ok):
    result = check(answer, TWO_DEPUTIES_Q, "fr", ev(1, DEPUTY_LIU), ev(2, DEPUTY_TIAN))
    assert result.ok is ok, result.problems


def test_two_people_asked_in_german_are_not_two_nouns():
    question = "Welche beiden zitierten Personen sind auch Abgeordnete des Volkskongresses der Provinz?"
    quote = "Liu ist auch Abgeordneter des Volkskongresses der Provinz."
    result = check("Liu ist Abgeordneter des Volkskongresses der Provinz. [1]", question, "de", ev(1, quote, lang="de"))
    assert "the question asks for two people; the answer names fewer" in result.problems


def test_two_people_in_a_question_that_asks_a_share_ask_no_names():
    question = "What share of Beijing households consisted of two people in 2020?"
    quote = "En 2020, 31,2 % des ménages de Beijing comptaient deux personnes."
    assert check("31.2% [1]", question, "en", ev(1, quote)).ok


def test_a_name_listed_twice_is_no_second_item():
    from assistant.verify import names_a_name_twice

    question = "Qui est le secrétaire du Parti de l’Académie des sciences du Hebei ?"
    quote = ("« Nous avons attiré de multiples projets de Pékin et de Tianjin avec l’aide du Centre du Hebei », a "
             "déclaré Liu Chuncheng, secrétaire du Parti de l’Académie des sciences du Hebei.")
    result = check("Liu Chuncheng et Liu Chuncheng [1]", question, "fr", ev(1, quote))
    assert result.problems == ["the answer names the same one twice where it lists"]
    assert check("Liu Chuncheng [1]", question, "fr", ev(1, quote)).ok
    # a longer name that starts with the first one, or two people who share a family name, are two items
    for text in ("Beijing and Beijing Municipality", "Liu and Liu Wei", "Zhang Wei, Wei Li", "Hebei, Hebei Province"):
        assert not names_a_name_twice(text), text
    assert names_a_name_twice("Liu, Liu")


CRONTAB_COMMENTS_DE = ("Zeilen, deren erstes von Leerraum verschiedenes Zeichen eine Raute (#) ist, sind Kommentare "
                       "und werden ignoriert. Beachten Sie, dass Kommentare nicht auf den gleichen Zeilen wie "
                       "Cron-Befehle erlaubt sind, da sie als Teil des Befehls betrachtet werden.")


@pytest.mark.parametrize("answer", [
    # dev f16-md-de-crontab-inline-comment: the yes was the model's, the page says no
    "Ja, man darf einen Kommentar hinter einen Cron-Befehl schreiben, da sie als Teil des Befehls betrachtet werden."
    " [1]",
    # right, and withheld all the same: no check reads a yes or a no in a quote (a wrong answer costs more)
    "Nein, da Kommentare als Teil des Befehls betrachtet werden. [1]",
])
def test_a_yes_or_no_with_nothing_verified_is_not_shown(answer):
    question = "Darf man in einer Crontab einen Kommentar hinter einen Cron-Befehl auf dieselbe Zeile schreiben?"
    result = check(answer, question, "de", ev(1, CRONTAB_COMMENTS_DE, lang="de"))
    assert "a yes or no answer with no verified fact: its polarity is unchecked" in result.problems


@pytest.mark.parametrize("text,polar", [
    ("Ja, man darf …", True), ("Non.", True), ("« Non, jamais »", True), ("Yes it does", True), ("No, never", True),
    ("Non seulement les grandes entreprises", False), ("No. 1 in China", False), ("Non-résidents", False),
    ("Ja-Stimmen", False), ("Nonetheless", False),
])
def test_what_opens_with_a_yes_or_no(text, polar):
    from assistant.verify.restatement import POLARITY

    assert bool(POLARITY.match(text)) is polar


# -- seventeenth pass: the fresh17 questions' shapes -----------------------------------------------------------

TAR_DELETE_USAGE = "tar --delete [--file ARCHIVE] [OPTIONS] [MEMBRE...]"
TAR_IGNORE_FAILED_READ = ("--ignore-failed-read\n              Ne  pas  quitter  en  renvoyant un code de retour "
                          "non nul si des\n              fichiers sont illisibles.")


@pytest.mark.parametrize("answer,quote,ok", [
    # The asking sentence comes after a sentence of context (dev f17-md-en-tar-ignore-failed-read).
    ("tar --delete [--file ARCHIVE] [OPTIONS] [MEMBRE...] [1]", TAR_DELETE_USAGE, False),
    ("L'option --ignore-failed-read. [1]", TAR_IGNORE_FAILED_READ, True),
])
def test_which_option_is_asked_after_a_sentence_of_context_too(answer, quote, ok):
    question = ("Certains fichiers que j'archive sont illisibles et je ne veux pas que tar renvoie un code de retour "
                "non nul. Quelle option dois-je utiliser ?")
    result = check(answer, question, "fr", ev(1, quote, title="tar(1)"))
    assert result.ok is ok, result.problems


FSTAB_EXAMPLE = "LABEL=t-home2   /home      ext4    defaults,auto_da_alloc      0  2"
FSTAB_OPTIONS = "Dieses Feld beschreibt die zum Dateisystem gehörenden Einhängeoptionen."
FSTAB_FSCK_ORDER = ("Dateisysteme, die sich auf derselben Festplatte befinden, werden nacheinander geprüft, "
                    "Dateisysteme auf verschiedenen Festplatten gleichzeitig, um parallel arbeitende Hardware zu "
                    "verwenden.")


def test_most_of_what_an_answer_adds_must_stand_in_its_quotes():
    # dev f17-md-de-na-fstab-auto-da-alloc: one word of the quotes ("Dateisystem"), the rest invented.
    question = "Was bewirkt die Einhängeoption auto_da_alloc, die im Beispieleintrag der fstab-Handbuchseite steht?"
    invented = ("Die Einhängeoption auto_da_alloc bewirkt, dass das Dateisystem automatisch die Dateien in der "
                "Dateiordner anordnet, die sie benötigen, ohne dass sie explizit angegeben werden müssen. [1][2]")
    result = check(invented, question, "de", ev(1, FSTAB_EXAMPLE, "de", title="fstab(5)"),
                   ev(2, FSTAB_OPTIONS, "de", title="fstab(5)"))
    assert "most of what the answer adds to the question is in none of its cited quotes" in result.problems
    # The right answer to a question the page does answer, in the page's own words, passes.
    asked = "Wie prüft fsck Dateisysteme, die auf derselben Festplatte liegen, und solche auf verschiedenen?"
    right = "Auf derselben Festplatte nacheinander, auf verschiedenen Festplatten gleichzeitig. [1]"
    assert check(right, asked, "de", ev(1, FSTAB_FSCK_ORDER, "de", title="fstab(5)")).ok


def test_one_added_word_is_too_few_to_judge():
    from assistant.verify import mostly_cited

    question = "Quel fichier cron consulte-t-il pour connaître le fuseau horaire ?"
    quote = ev(1, "Le démon cron consulte le fichier /etc/timezone pour connaître le fuseau horaire.", title="cron(8)")
    assert mostly_cited("Il consulte /etc/timezone. [1]", question, [quote], "fr")
    assert mostly_cited("Il le consulte, assurément. [1]", question, [quote], "fr")  # one added word, not in the quote
    # Accented forms are read before folding: "müssen" and "Dezember" are skipped, not counted as missing.
    de_question = "Welche Datei liest der Cron-Daemon für die Zeitzone?"
    de_quote = ev(1, "Der Cron-Daemon liest die Datei /etc/timezone für die Zeitzone.", "de", title="cron(8)")
    assert mostly_cited("Sie müssen /etc/timezone lesen, seit Dezember. [1]", de_question, [de_quote], "de")
    # Numbers, dates and the language's most frequent words are not judged: "ici" is in no quote, and says nothing.
    assert mostly_cited("Il consulte ici /etc/timezone, depuis 2025 et toujours. [1]", question, [quote], "fr")
    assert not mostly_cited("Il consulte /etc/timezone, puis recalcule automatiquement les horloges. [1]", question,
                            [quote], "fr")
    # Over a quote in another language words are not judged one by one.
    assert mostly_cited("It reads /etc/timezone, surely, always, everywhere. [1]", question.replace("Quel", "Which"),
                        [quote], "en")


def test_what_an_abbreviation_stands_for_must_be_spelled_out_in_a_quote():
    # dev f17-md-fr-na-tar-acl-meaning: the page uses the abbreviation and never spells it out; the answer restated it.
    question = "Dans la page de manuel de tar, que signifie le sigle ACL employé pour les options --acls et --no-acls ?"
    answer = ("Le sigle ACL est utilisé pour les options --acls et --no-acls dans la page de manuel de tar pour "
              "désactiver ou activer la prise en charge des ACL POSIX. [1][2]")
    result = check(answer, question, "fr", ev(1, "Désactiver la prise en charge des ACL POSIX.", title="tar(1)"),
                   ev(2, "Attributs étendus de fichier\n       --acls Activer la prise en charge des ACL POSIX.",
                      title="tar(1)"))
    assert "the question asks what ACL stands for; no cited quote spells it out" in result.problems
    pcc = "Xi Jinping, secrétaire général du Comité central du Parti communiste chinois (PCC), a souligné la nécessité."
    assert check("Le sigle PCC désigne le Parti communiste chinois. [1]", "Que signifie le sigle PCC ?", "fr",
                 ev(1, pcc)).ok


@pytest.mark.parametrize("abbreviation,text,expansion", [
    ("BIND", "Der  Berkeley  Internet  Name  Domain  (BIND)  Server implementiert den Internet-Name-Server",
     "Berkeley Internet Name Domain"),
    ("GPT", "Diese Partitionsbezeichner werden von GUID-Partitionstabellen\n       (GPT) unterstützt.",
     "GUID Partitionstabellen"),
    ("PCC", "secrétaire général du Comité central du Parti communiste chinois (PCC), a souligné",
     "Parti communiste chinois"),
    ("PP", "le Parti Populaire (PP) a gagné", "Parti Populaire"),
    ("BIND", "BIND (Berkeley Internet Name Domain) server", "Berkeley Internet Name Domain"),
    ("NIS", "Wird  NIS  verwendet, dient die Rechnertabelle als Ausgangsbasis", ""),
    ("LSB", "-l      Activer  les noms conformes LSB pour les fichiers du répertoire", ""),
    ("GPT", "GPT (siehe unten)", ""),  # brackets that say something else
    ("IP", "Les adresses IP sont indiquées par ligne", ""),  # initials of unrelated words are no expansion
])
def test_what_a_quote_says_an_abbreviation_stands_for(abbreviation, text, expansion):
    from assistant.verify import spelled_out

    assert spelled_out(abbreviation, text) == expansion


@pytest.mark.parametrize("answer,ok", [
    ("Le sigle PCC désigne le Parti communiste chinois. [1]", True),
    ("PCC signifie Parti central chinois. [1]", False),  # not the quote's expansion
    ("PCC : Comité central du Parti. [1]", False),
])
def test_the_answer_must_give_the_expansion_its_quote_spells_out(answer, ok):
    pcc = "Xi Jinping, secrétaire général du Comité central du Parti communiste chinois (PCC), a souligné la nécessité."
    result = check(answer, "Que signifie le sigle PCC ?", "fr", ev(1, pcc))
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("question,abbreviation", [
    ("What does the abbreviation BIND stand for in the hosts manual page?", "BIND"),
    ("Wofür steht die Abkürzung GPT, die in der fstab-Handbuchseite genannt wird?", "GPT"),
    ("Que signifie le sigle PCC dans l'article ?", "PCC"),
    ("What does RMB stand for?", "RMB"),
    ("Wofür steht NIS?", "NIS"),
    ("What does NIS do?", None),  # what it does, not what it stands for
    ("What does MAILTO mean in a crontab?", None),  # a variable's meaning, not an expansion
    ("Que signifie TZ dans une crontab ?", None),
    ("Was bedeutet LANG hier?", None),
    ("Dans la variable TAR_FILETYPE, que signifie la lettre h ?", None),
    ("Welcher Rückgabewert von tar bedeutet einen fatalen Fehler?", None),
])
def test_a_question_asking_what_an_abbreviation_stands_for(question, abbreviation):
    from assistant.questions import asked_abbreviation

    assert asked_abbreviation(question) == abbreviation


def test_what_a_variable_means_is_no_abbreviation_question():
    quote = ev(1, "Wenn MAILTO definiert ist, wird die Ausgabe an den so benannten Benutzer geschickt.", "de",
               title="crontab(5)")
    result = check("Ist MAILTO definiert, wird die Ausgabe an den so benannten Benutzer geschickt. [1]",
                   "Was bedeutet MAILTO in einer Crontab?", "de", quote)
    assert result.ok, result.problems


DIGITAL_TITLE = "La valeur ajoutée de l'économie numérique de Beijing a dépassé 2 400 milliards de yuans en 2025"
COMPUTING_FR = ("La puissance de calcul agrégée a dépassé 60 000 pétaflops, intégrant des ressources transrégionales "
                "telles que la région Beijing-Tianjin-Hebei et la Mongolie intérieure.")


@pytest.mark.parametrize("year,ok", [("2024", False), ("2025", True)])
def test_a_quote_with_no_year_takes_the_year_of_its_document_title(year, ok):
    # dev f17-news-de-na-computing-2024: a 2025 figure does not answer for the end of 2024.
    question = f"Quelle était la puissance de calcul agrégée de Beijing fin {year}, en pétaflops ?"
    result = check("60 000 pétaflops [1]", question, "fr", ev(1, COMPUTING_FR, title=DIGITAL_TITLE))
    assert result.ok is ok, result.problems


def test_a_quote_with_no_year_takes_the_year_of_the_sentence_before_it():
    question = "Quelle était la puissance de calcul agrégée de Beijing en 2024 ?"
    # The sentence before dates it to 2024: it answers, whatever the title says.
    before = "En 2024, les infrastructures numériques ont été renforcées. "
    assert check("60 000 pétaflops [1]", question, "fr", ev(1, COMPUTING_FR, title=DIGITAL_TITLE, before=before)).ok
    # One that names a later year than the one asked does not.
    later = "Fin 2025, les infrastructures numériques ont été renforcées. "
    assert not check("60 000 pétaflops [1]", question, "fr", ev(1, COMPUTING_FR, title="", before=later)).ok
    # An earlier year before the quote is often another event ("lancé en 2019"): no reason to refuse.
    earlier = "Beijing a lancé son plan pour la 5G en 2019. "
    assert check("60 000 pétaflops [1]", question, "fr", ev(1, COMPUTING_FR, title="", before=earlier)).ok


@pytest.mark.parametrize("before,title,quote", [
    ("french.beijing.gov.cn\n2026-02-05\n\n", "La puissance de calcul", COMPUTING_FR),  # a date line
    ("Au cours du plan (2021-2025), la ville a investi. ", "", COMPUTING_FR),  # a span of years
    ("", "Les Deux Sessions 2026 à Beijing", "L'année dernière, la puissance de calcul agrégée a dépassé 60 000 "
     "pétaflops."),  # the quote dates itself from when it was written
])
def test_what_gives_no_year_to_a_quote(before, title, quote):
    question = "Quelle était la puissance de calcul agrégée de Beijing en 2024 ?"
    result = check("60 000 pétaflops [1]", question, "fr", ev(1, quote, title=title, before=before))
    assert result.ok, result.problems


STRATEGY_BYLINE = "Département de recherche, d’études stratégiques et de relations internationales 24-12-2025"
PRODUCTIVE_FR = ("La coopération industrielle transrégionale s’approfondit, favorisant une croissance vigoureuse des "
                 "nouvelles forces productives.")
PRODUCTIVE_BEFORE = ("Aujourd’hui, Beijing, Tianjin et le Hebei ont cofinancé plus de 220 projets de recherche "
                     "fondamentale en collaboration. ")


def test_the_names_a_document_is_signed_with_name_the_document_not_its_subject():
    # dev f12-news-fr-productive-forces: refused for every quote of the article its question named by its byline.
    question = ("Selon l'article du Département de recherche, d'études stratégiques et de relations internationales, "
                "que favorise l'approfondissement de la coopération industrielle transrégionale ?")
    answer = "Une croissance vigoureuse des nouvelles forces productives. [1]"
    signed = ev(1, PRODUCTIVE_FR, before=PRODUCTIVE_BEFORE)
    signed.chunk.byline = STRATEGY_BYLINE
    assert check(answer, question, "fr", signed).ok
    # The same words in a document signed by no one: the sentence before names others, so the quote is not taken
    # to speak of the department.
    unsigned = check(answer, question, "fr", ev(1, PRODUCTIVE_FR, before=PRODUCTIVE_BEFORE))
    assert "the cited quotes do not speak of Département" in unsigned.problems


def test_a_byline_excuses_only_the_name_the_question_gives_as_the_author():
    # The byline names Beijing, but the question asks about Beijing, not about who wrote the article.
    question = "Combien de projets de recherche la ville de Beijing a-t-elle cofinancés ?"
    tianjin = ev(1, "La municipalité de Tianjin a cofinancé 85 projets de recherche fondamentale.")
    tianjin.chunk.byline = "Par Li Wei, correspondant à Beijing, 24-12-2025"
    assert "the cited quotes do not speak of Beijing" in check("85 projets [1]", question, "fr", tianjin).problems


def test_the_date_of_the_document_comes_from_its_date_line_not_from_a_year_of_its_prose():
    # dev f9-news-fr-strategy-article-date: "2025" from an index of 2025, shown as the article's date.
    question = ("À quelle date l'article du Département de recherche sur l'innovation dans la région de "
                "Beijing-Tianjin-Hebei a-t-il été publié ?")
    index = ev(1, "Récemment publié, l’Indice des centres internationaux d’innovation scientifique et technologique "
                  "2025 a classé Beijing première mondiale dans la dimension « centre scientifique ».")
    index.chunk.byline = STRATEGY_BYLINE  # the quote is the article's own: only the year is wrong
    assert "number '2025' is not what the cited quotes state" in check("2025 [1]", question, "fr", index).problems
    assert check("Le 24 décembre 2025 [1]", question, "fr", ev(1, STRATEGY_BYLINE)).ok
    assert check("Le 24 décembre 2025 [1]", question, "fr", ev(1, "Publié le 24 décembre 2025")).ok  # in words


@pytest.mark.parametrize("question,quote,answer", [
    # questions about when something other than the document came out keep the year of its sentence
    ("When was cron written?", "cron was written by Paul Vixie in 1987.", "1987 [1]"),
    ("Quand le plan d'action a-t-il été publié ?", "Le plan d'action a été publié en mars 2024.", "En mars 2024 [1]"),
    ("En quelle année l'Indice des centres internationaux d'innovation a-t-il été publié ?",
     "Récemment publié, l'Indice des centres internationaux d'innovation 2025 a classé Beijing première.", "2025 [1]"),
])
def test_a_year_of_prose_dates_what_the_question_names(question, quote, answer):
    lang = "en" if question.startswith("When") else "fr"
    result = check(answer, question, lang, ev(1, quote, lang))
    assert result.ok, result.problems


@pytest.mark.parametrize("question,asks", [
    ("When was the article published?", True), ("Date de publication de l'article ?", True),
    ("Wann wurde der Artikel publiziert?", True),
    # dev f10-news-en-satisfaction-record-since: "public" is no publishing
    ("The 2025 public satisfaction score was the highest recorded since which year?", False),
    ("Quand le service public a-t-il été créé ?", False),
    # dev f19-news-fr-newest-article: the date of a document is asked with "dater" too
    ("Quel est l'article le plus récent, et de quand date-t-il ?", True), ("De quand date l'article ?", True),
    ("Quelle est la date limite ?", False),
])
def test_a_question_about_the_document_being_published(question, asks):
    from assistant.questions import asks_publication

    assert asks_publication(question) is asks


@pytest.mark.parametrize("question,asks", [
    ("Sur quel site web l'article sur l'économie numérique a-t-il été publié ?", True),
    ("On which website did the article appear?", True),
    # dev f17-md-fr-resolv-hostname-no-dot: a DNS domain is answered by a name, not a web address
    ("D'après resolv.conf(5), quel domaine local le résolveur retient-il si le nom de la machine ne contient aucun "
     "point ?", False),
])
def test_a_question_asking_on_which_website(question, asks):
    from assistant.questions import asks_site

    assert asks_site(question) is asks


@pytest.mark.parametrize("quote,ok", [
    # dev f17-news-fr-na-unicorns-2025: a total since the park began, not the count of 2025
    ("Plus de 90 entreprises licornes sont nées ici, constituant une nouvelle force motrice.", False),
    ("En 2025, 12 entreprises licornes sont nées ici.", True),
])
def test_a_count_asked_of_one_year_alone_comes_from_a_sentence_that_names_the_year(quote, ok):
    question = "Combien d'entreprises licornes sont nées à Zhongguancun au cours de la seule année 2025 ?"
    number = "90" if "90" in quote else "12"
    result = check(f"{number} entreprises licornes [1]", question, "fr", ev(1, quote))
    assert result.ok is ok, result.problems
    # Without "alone" the total gets the benefit of the doubt, as before.
    plain = "Combien d'entreprises licornes sont nées à Zhongguancun en 2025 ?"
    assert check(f"{number} entreprises licornes [1]", plain, "fr", ev(1, quote)).ok


@pytest.mark.parametrize("question,one_year", [
    ("How many unicorns were born in Zhongguancun in 2025 alone?", True),
    ("Combien de licornes au cours de la seule année 2025 ?", True),
    ("Wie viele Einhörner entstanden allein im Jahr 2025?", True),
    ("How many unicorns were born in Zhongguancun in 2025?", False),
])
def test_a_question_asking_for_one_year_alone(question, one_year):
    from assistant.verify.dates import ONE_YEAR

    assert bool(ONE_YEAR.search(question)) is one_year


AUTHOR_Q = ("Which department is credited as the author of the French article on concentrating forces for science and "
            "technology innovation in Beijing-Tianjin-Hebei?")
CENTRAL_COMMITTEE_FR = ("Lors de la Conférence centrale sur le travail économique qui s’est tenue récemment, le Comité "
                        "central du Parti a pris de nouvelles et importantes dispositions.")
BYLINE_PROBLEM = "the question asks who wrote the document; the answer does not give its byline"


def signed(quote: str) -> Evidence:
    """Evidence from the article signed by the department."""
    e = ev(1, quote)
    e.chunk.byline = STRATEGY_BYLINE
    return e


def test_who_wrote_a_signed_document_is_answered_by_its_byline():
    # dev f7-news-en-article-department: a body sentence's committee wrote nothing
    wrong = check("The Comité central du Parti [1]", AUTHOR_Q, "en", signed(CENTRAL_COMMITTEE_FR))
    assert BYLINE_PROBLEM in wrong.problems
    assert check("Le Département de recherche, d'études stratégiques et de relations internationales. [1]", AUTHOR_Q,
                 "fr", signed(STRATEGY_BYLINE)).ok
    # In English, most of the department's words are cognates of the byline's (the name checks judge the rest).
    english = check("The Department of Research, Strategic Studies and International Relations [1]", AUTHOR_Q, "en",
                    signed(STRATEGY_BYLINE))
    assert english.cited == [1] and BYLINE_PROBLEM not in english.problems
    # The rule needs a byline to compare with: an unsigned document leaves who wrote it to the other checks.
    assert BYLINE_PROBLEM not in check("The Comité central du Parti [1]", AUTHOR_Q, "en",
                                       ev(1, CENTRAL_COMMITTEE_FR)).problems


@pytest.mark.parametrize("question,asks", [
    (AUTHOR_Q, True),
    ("Qui a rédigé l'article sur Xiong'an ?", True),
    ("Wer hat den Artikel über Xiong'an verfasst?", True),
    ("Who wrote the su manual page?", True),
    ("Which companies wrote the most code in 2025?", False),  # no document asked about
    ("What does the article say the Party Central Committee decided?", False),
])
def test_a_question_about_who_wrote_a_document(question, asks):
    assert asks_author(question) is asks


YIN_YONG_Q = "Den Bau welches Zentrums wird die Hauptstadt laut Pekings Bürgermeister Yin Yong vorantreiben?"
CENTER_FR = ("Pékin fera progresser la construction du Centre national d'innovation technologique de Jingjinji, a "
             "déclaré Yin Yong, maire de Pékin.")


@pytest.mark.parametrize("answer,ok", [
    # dev f13-news-de-yin-yong-jingjinji: "Beijing" is the question's "Pekings", not the centre asked for
    ("Die Hauptstadt laut Pekings Bürgermeister Yin Yong vorantreiben wird das Zentrums Beijing. [1]", False),
    ("Das Nationale Technologieinnovationszentrum Jingjinji. [1]", True),
])
def test_a_place_the_question_names_under_another_name_is_no_answer(answer, ok):
    result = check(answer, YIN_YONG_Q, "de", ev(1, CENTER_FR))
    assert result.ok is ok, result.problems
    assert "Beijing" not in [f.text for f in result.facts]


DATA_FACTORS_FR = ("En matière de convergence et de circulation des facteurs de données, le district de Xicheng "
                   "construit la « Rue des données de Chine » ; la zone économique de l'aéroport de Daxing établit un "
                   "pôle de données international ; le district de Shijingshan met en œuvre un programme pilote "
                   "complet pour le yuan numérique (e-CNY), et le district de Shunyi a été sélectionné comme l'une des "
                   "villes pilotes nationales de la deuxième vague pour la transformation numérique des petites et "
                   "moyennes entreprises.")
XIONGAN_Q = "In welcher Provinz liegt die Xiong’an New Area?"
XIONGAN_STATION_FR = ("Un train à grande vitesse Fuxing arrive à la gare de Xiong’an, dans la nouvelle zone de "
                      "Xiong’an, dans la province du Hebei.")
XIONGAN_PARK_DE = ("Im Wissenschaftlich-Technologischen Park Zhongguancun in der Xiong’an New Area bieten elf "
                   "Plattformen für Wissenschaft und Technologie sowie Finanzen und Branchenerforschung aus Beijing "
                   "koordinierte Dienstleistungen an.")


@pytest.mark.parametrize("question,answer,quote,lang,ok", [
    # dev f9-news-de-xiongan-province: Beijing is named in the quote, but not as a province
    (XIONGAN_Q, "Die Xiong’an New Area liegt in Beijing. [1]", XIONGAN_PARK_DE, "de", False),
    (XIONGAN_Q, "In der Provinz Hebei. [1]", XIONGAN_STATION_FR, "de", True),
    ("In which province is the Xiong'an New Area?", "In Hebei province. [1]", XIONGAN_STATION_FR, "en", True),
    ("Quel district met en œuvre le programme pilote ?", "Le district de Shijingshan. [1]",
     "Le district de Shijingshan met en œuvre le programme pilote du yuan numérique.", "fr", True),
    # the corpus sentence: each district named right by its kind word
    ("Welcher Bezirk Beijings wurde als nationale Pilotstadt der zweiten Welle ausgewählt?", "Der Bezirk Shunyi. [1]",
     DATA_FACTORS_FR, "de", True),
    ("Quel district met en œuvre le programme pilote ?", "Shunyi [1]",
     "Shunyi et le district de Shijingshan ont lancé des zones, et Shijingshan met en œuvre le programme pilote.",
     "fr", False),
])
def test_a_province_or_district_asked_for_is_called_one_in_the_quote(question, answer, quote, lang, ok):
    result = check(answer, question, lang, ev(1, quote, "de" if quote is XIONGAN_PARK_DE else "fr"))
    assert result.ok is ok, result.problems


SESSION_Q = "Quelle option de su fonctionne comme -c, mais sans créer de nouvelle session ?"
SESSION_FR = "Comme -c, mais sans créer de nouvelle session (déconseillé)."
SESSION_LINE = "       --session-command=commande\n           "


@pytest.mark.parametrize("answer,ok", [
    # dev f12-md-fr-su-session-command: the placeholder of the option's line, given as the option
    ("La commande `commande` fonctionne comme `-c`, mais sans créer de nouvelle session. [1]", False),
    ("L'option `--session-command` fonctionne comme -c, mais sans créer de nouvelle session. [1]", True),
])
def test_the_argument_of_an_option_line_is_no_option(answer, ok):
    result = check(answer, SESSION_Q, "fr", ev(1, SESSION_FR, before=SESSION_LINE))
    assert result.ok is ok, result.problems


RESTRICTED_Q = ("Avec su, dans quel fichier un interpréteur de commandes doit-il figurer pour ne pas être considéré "
                "comme restreint, et que devient l'option --shell si l'utilisateur cible a un interpréteur restreint ?")
RESTRICTED_FR = ("Si l'utilisateur cible a un interpréteur de commandes restreint (c’est-à-dire non listé dans "
                 "/etc/shells), l'option --shell et la variable d'environnement SHELL est ignorée sauf si "
                 "l'utilisateur appelant est le superutilisateur.")
TAPE_Q = ("When tar's --tape-length=N is given without a size suffix, after how many bytes does tar switch to a new "
          "tape, and which other option does --tape-length imply?")


@pytest.mark.parametrize("answer,ok", [
    # dev f13-md-fr-su-restricted-shell: the first question answered, the second not spoken of ("/etc/shells" is
    # not "--shell")
    ("Dans le fichier /etc/shells, un interpréteur de commandes doit figurer pour ne pas être considéré comme "
     "restreint. [1]", False),
    ("Dans /etc/shells ; sinon l'option --shell est ignorée. [1]", True),
    ("Dans /etc/shells ; sinon elle est ignorée pour un utilisateur cible restreint. [1]", True),
    ("/etc/shells ; --shell : ignorée. [1]", True),  # two things stated answer both, tersely
])
def test_a_question_that_asks_two_things_is_answered_on_both(answer, ok):
    result = check(answer, RESTRICTED_Q, "fr", ev(1, RESTRICTED_FR))
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("question,second", [
    (RESTRICTED_Q, "que devient l'option --shell si l'utilisateur cible a un interpréteur restreint ?"),
    (TAPE_Q, "which other option does --tape-length imply?"),
    ("Wie heißt die Datei, und was steht darin?", "was steht darin?"),
    ("Which companies and research institutes moved to Hebei?", None),  # one question about two things
    # dev f19-news-fr-newest-article: a second part asked with a preposition before "when"
    ("Quel est l'article le plus récent, et de quand date-t-il ?", "de quand date-t-il ?"),
    ("Welcher Artikel ist am neuesten, und seit wann ist er online?", "seit wann ist er online?"),
])
def test_where_a_question_asks_a_second_thing(question, second):
    parts = second_question(question)
    assert (parts[1] if parts else None) == second


# The review's cases: each a right answer the first versions of the rules above refused, or a wrong one they let
# through.
@pytest.mark.parametrize("question,answer,quote,lang,ok", [
    # a difference needs the only two figures of a change, or of a comparison the question draws
    ("De combien de points la part des PME a-t-elle augmenté entre 2021 et 2024 ?", "De 30 points. [1]",
     "La part des grandes entreprises est passée de 40 % en 2021 à 70 % en 2024, et celle des PME de 20 % à 35 %.",
     "fr", False),
    ("Um wie viele Prozentpunkte ist die Anwendungsrate von 2019 bis 2020 gestiegen?", "Um 30 Prozentpunkte. [1]",
     RATE_FR, "de", False),
    ("De combien la part de l'économie numérique a-t-elle augmenté ?", "De 24 %. [1]",
     "L'économie numérique représente 44 % du PIB et l'industrie 20 %.", "fr", False),
    (POINTS_DE, "Um 30 Unternehmen. [1]", RATE_FR, "de", False),
    # "de combien de …" asks how many
    ("De combien de laboratoires clés nationaux Beijing dispose-t-il ?", "145 laboratoires [1]", KEY_LABS_FR, "fr",
     True),
    # a size of change said without a verb of change next to it, or with one the first list missed
    ("By how much did Beijing's GDP grow in 2024?", "5.2 percent [1]",
     "Beijing's GDP expanded 5.2 percent in 2024 and retail sales 3 percent.", "en", True),
    ("De combien les exportations ont-elles augmenté ?", "De 9 %. [1]",
     "Les exportations ont bondi de 9 % et les importations de 3 %.", "fr", True),
    # a decimal comma is no clause break: "70,2 %" is where the rate went, not by how much
    ("De combien le taux a-t-il augmenté ?", "De 70,2 %. [1]",
     "Le taux est passé de 40,5 % en 2021 à 70,2 % en 2024.", "fr", False),
    # "Dan" is not the word "dans"
    ("Qui dirige le comité de gestion dans la nouvelle zone de Xiong'an ?", "Zhang Dan dirige le comité. [1]",
     "Le comité de gestion de la nouvelle zone de Xiong'an est dirigé par Zhang Wei.", "fr", False),
    # "signer l'accord" is no authorship
    ("Selon l'article, qui a signé l'accord de coopération ?", "Yin Yong [1]",
     "L'accord de coopération a été signé par Yin Yong, maire de Beijing.", "fr", True),
    # a province named with words between, or in a compound
    ("In welcher Provinz liegt die Xiong’an New Area?", "In der Provinz Hebei. [1]",
     "La nouvelle zone se trouve dans la province chinoise du Hebei.", "de", True),
    ("Which district was selected as a pilot city?", "Shunyi district in Beijing [1]",
     "Le district de Shunyi à Beijing a été sélectionné comme ville pilote.", "en", True),
    # "si … et que …" is one condition, not a second question
    ("Que devient l'option --shell si l'utilisateur cible a un interpréteur restreint et que l'appelant n'est pas le "
     "superutilisateur ?", "Elle est ignorée. [1]", RESTRICTED_FR, "fr", True),
])
def test_review_cases_of_the_eighteenth_pass(question, answer, quote, lang, ok):
    result = check(answer, question, lang, ev(1, quote, "de" if quote.startswith("Im ") else "fr"))
    assert result.ok is ok, result.problems


def test_an_option_line_is_read_only_when_its_description_names_no_other_option():
    # "--session-command" is not the option that creates a session: its description names -c, which the question
    # does not, so the line above it is not read.
    question = "Quelle option de su exécute une commande en créant une nouvelle session ?"
    assert not check("--session-command [1]", question, "fr", ev(1, SESSION_FR, before=SESSION_LINE)).ok
    # Synonyms on one line are not rivals: "-s" is the line's option, as "--shell" is.
    shell = ev(1, "Exécuter l'interpréteur de commandes indiqué au lieu de l'interpréteur par défaut.",
               before="       -s, --shell=shell\n           ")
    assert check("L'option -s. [1]", "Quelle option de su exécute un autre interpréteur de commandes ?", "fr",
                 shell).ok
    # `SHELL`, the variable, is not "shell", the argument of "--shell=shell".
    assert not names_an_argument("La variable `SHELL`. [1]", "Quelle variable su consulte-t-il ?", [shell])
    assert names_an_argument("`shell` [1]", "Quelle option de su exécute un autre interpréteur ?", [shell])


def test_the_answers_other_number_is_no_rival():
    # dev en-digital-growth: "8,7 %" (growth) and "46,4 %" (share) both answer a two-part question; once the decimal
    # comma no longer cut the clauses, 8,7 % "en glissement" outweighed 46,4 % "du PIB" as a rival.
    question = ("What was the year-on-year growth of Beijing's digital economy value added in 2025, and what share of "
                "GDP did it represent?")
    answer = ("The year-on-year growth of Beijing's digital economy value added in 2025 was 8.7%, and it represented "
              "46.4% of the municipal GDP. [1]")
    result = check(answer, question, "en", ev(1, DIGITAL_SHARE))
    assert result.ok and [f.text for f in result.facts] == ["8.7%", "46.4%"], result.problems


CRON_MAIL_DE = ("Die Ausgabe von Befehlen wird an den Eigentümer der Crontab per  E-Mail gesandt (BSD kann dies "
                "nicht), kann an eine vom Eigentümer verschiedene Person per E-Mail gesandt werden (SysV  kann  dies  "
                "nicht)  oder  diese Funktionalität  kann  ausgeschaltet  werden und es wird überhaupt keine E-Mail "
                "gesandt (SysV kann dies auch nicht).")


def test_a_german_quotes_common_nouns_and_the_answers_other_names_are_no_rival_names():
    # dev f18-md-de-crontab-bsd-sysv-mail: "SysV" was refused because "Ausgabe", "Person" (German nouns) and "BSD"
    # (the answer's other name) were taken for rival names of the quote.
    question = ("Laut dem Abschnitt ERWEITERUNGEN der crontab(5)-Handbuchseite kann die Ausgabe von Befehlen an den "
                "Eigentümer der Crontab oder an eine andere Person gemailt oder ganz abgeschaltet werden. Welches Cron "
                "kann sie nicht an den Eigentümer schicken, und welches kann sie weder an eine andere Person schicken "
                "noch abschalten?")
    page = ev(1, CRON_MAIL_DE, "de", title="crontab - Tabellen zum Steuern von Cron")
    assert check("BSD kann dies nicht, SysV kann dies auch nicht. [1]", question, "de", page).ok
    # The relation still holds where a real name stands nearer: SysV does not fail to mail the owner.
    one = "Welches Cron kann die Ausgabe von Befehlen nicht per E-Mail an den Eigentümer der Crontab senden?"
    assert check("BSD [1]", one, "de", page).ok
    assert "name 'SysV' is not in the cited quotes, or not in that relation" in check("SysV [1]", one, "de",
                                                                                       page).problems


# The second review's cases: wrong answers the review fixes let through, right ones they refused.
@pytest.mark.parametrize("question,answer,quote,lang,ok", [
    # a neighbouring place is not called the province
    ("In which province is the Xiong'an New Area located?", "In Beijing. [1]",
     "The Xiong'an New Area lies 100 km south of Beijing, in Hebei province.", "en", False),
    ("In which province is the Xiong'an New Area located?", "In Hebei. [1]",
     "The Xiong'an New Area lies 100 km south of Beijing, in Hebei province.", "en", True),
    # the start of a change is no size of change, whatever verb opens it
    (POINTS_DE, "Um 40 %. [1]", "Die Anwendungsrate stieg von 40 % im Jahr 2021 auf 70 % im Jahr 2024.", "de", False),
    (POINTS_DE, "Um 70 %. [1]", "Die Anwendungsrate lag 2021 bei 40 % und 2024 bei 70 %.", "de", False),
    (POINTS_DE, "Um 30 Prozentpunkte. [1]", "Die Anwendungsrate stieg von 40 % im Jahr 2021 auf 70 % im Jahr 2024.",
     "de", True),
    ("De combien de milliards de yuans le PIB a-t-il augmenté entre 2021 et 2024 ?", "De 70 milliards de yuans. [1]",
     "Le PIB est passé de 40 milliards de yuans en 2021 à 70 milliards de yuans en 2024.", "fr", False),
    ("De combien de milliards de yuans le PIB a-t-il augmenté entre 2021 et 2024 ?", "De 30 milliards de yuans. [1]",
     "Le PIB est passé de 40 milliards de yuans en 2021 à 70 milliards de yuans en 2024.", "fr", True),
    # the answer's other number is a rival unless the question asks two things: swapped counts are refused
    ("How many national key laboratories has Beijing built?",
     "Beijing has built 10 national key laboratories and 145 new research institutions. [1]", KEY_LABS_FR, "en",
     False),
    # a second clause that does not speak of the second question
    (RESTRICTED_Q, "Il doit être listé dans /etc/shells ; sinon il est restreint. [1]", RESTRICTED_FR, "fr", False),
    # "signed by" asks what, not who wrote
    ("According to the article, what was signed by Yin Yong?", "The cooperation agreement with Tianjin. [1]",
     "The cooperation agreement with Tianjin was signed by Yin Yong.", "en", True),
])
def test_second_review_cases_of_the_eighteenth_pass(question, answer, quote, lang, ok):
    evidence = ev(1, quote, "en" if quote.startswith("The") else "de" if quote.startswith("Die") else "fr")
    evidence.chunk.byline = STRATEGY_BYLINE
    result = check(answer, question, lang, evidence)
    assert result.ok is ok, result.problems


@pytest.mark.parametrize("question,second", [
    ("What is the difference between -a and -b, and which one is the default?", "which one is the default?"),
    ("What does tar compare between the archive and what is on disk?", None),
])
def test_between_hides_no_second_question(question, second):
    parts = second_question(question)
    assert (parts[1] if parts else None) == second


def test_a_usage_line_or_see_also_list_that_holds_no_verified_fact_is_not_shown_as_a_source():
    # dev md-en-fu-tar-zstd: "--zstd" cited its description, a see-also list and two usage lines.
    question = "Which tar option compresses the archive with zstd instead of gzip?"
    result = check("The option is `--zstd`. [1][2][3]", question, "en",
                   ev(1, "--zstd Traiter l'archive avec zstd(1)."),
                   ev(2, "bzip2(1), compress(1), gzip(1), lzma(1), lzop(1), rmt(8), symlink(7), xz(1), zstd(1)."),
                   ev(3, "tar --append [-f ARCHIVE] [OPTIONS] [FICHIER...]"))
    assert result.ok and result.cited == [1], result.problems
    # Alone, such a quote stays cited: the answer is then judged on it (and refused or not by the other checks).
    alone = check("The option is `--zstd`. [1]", question, "en",
                  ev(1, "tar --append [-f ARCHIVE] [OPTIONS] [FICHIER...]"))
    assert alone.cited == [1]


TAR_DELETE_USAGE = "tar --delete [--file ARCHIVE] [OPTIONS] [MEMBRE...]"
TAR_REMOVE_FILES = ("--remove-files\n              Supprimer les fichiers du disque après les  avoir  ajoutés  dans\n"
                    "              l'archive.")


@pytest.mark.parametrize("answer,quote,ok", [
    # dev f19-md-en-tar-remove-files: a usage line names "--delete" without saying what it does
    ("To make tar delete the files once they're in the archive, use the `--delete` option. [1]", TAR_DELETE_USAGE,
     False),
    ("Use the `--remove-files` option. [1]", TAR_REMOVE_FILES, True),  # its own description says it
])
def test_a_usage_line_supports_no_option_whatever_the_question(answer, quote, ok):
    question = "How do I make tar delete the files once they're in the archive?"
    v = check(answer, question, "en", ev(1, quote, "fr", title="tar(1)"))
    assert v.ok is ok, v.problems


CORE_DIGITAL_FR = ("Parmi celles-ci, la valeur ajoutée des industries numériques de base a progressé de 10,4 %, "
                   "représentant 29,3 % du PIB de la ville.")


@pytest.mark.parametrize("question,ok", [
    # dev f19-news-fr-core-share-of-digital: a share of the city's GDP is no share of the digital economy
    ("Les industries numériques de base pèsent quelle part de l'économie numérique de Beijing ?", False),
    ("Quelle part du PIB de Beijing les industries numériques de base représentent-elles ?", True),
    ("Quelle part les industries numériques de base représentent-elles ?", True),  # no whole named: not judged
])
def test_a_share_is_of_the_whole_the_question_names(question, ok):
    v = check("Elles représentent 29,3 % du PIB de la ville. [1]", question, "fr", ev(1, CORE_DIGITAL_FR))
    assert v.ok is ok, v.problems


INDEX_FR = ("Récemment publié, “l’Indice des centres internationaux d’innovation scientifique et technologique 2025” a "
            "classé Beijing première mondiale dans la dimension “centre scientifique”.")


@pytest.mark.parametrize("quote,ok", [
    # dev f19-news-fr-newest-article: the year in an index's name does not date the article
    (INDEX_FR, False),
    ("Département de recherche, d’études stratégiques et de relations internationales 24-12-2025", True),
])
def test_the_date_of_a_document_is_its_date_line_not_a_year_of_its_prose(quote, ok):
    question = "De quand date l'article ?"
    v = check("L'article date de 2025. [1]", question, "fr", ev(1, quote))
    assert v.ok is ok, v.problems


NEV_FR = ("En 2025, Beijing a produit 699 000 véhicules à énergie nouvelle, soit une augmentation de 140 % en "
          "glissement annuel.")


@pytest.mark.parametrize("question,ok", [
    # dev f19-news-en-nev-2024: 2024 is asked, 2025 is where the figures come from
    ("Roughly how many new energy vehicles did Beijing make in 2024, going by the 2025 figures?", False),
    ("How many new energy vehicles did Beijing make in 2025?", True),
    ("Going by the 2025 figures, how many new energy vehicles did Beijing make?", True),  # no other year asked
])
def test_the_year_of_the_figures_a_question_goes_by_is_not_the_year_it_asks(question, ok):
    v = check("Beijing made 699,000 new energy vehicles. [1]", question, "en", ev(1, NEV_FR))
    assert v.ok is ok, v.problems


MODELS_DE = ("Mehr als 200 selbstproduzierte Großmodelle wurden hier geschaffen, etwa 30 Prozent aller Großmodelle im "
             "ganzen Land.")


@pytest.mark.parametrize("question,date,ok", [
    # dev f19-news-de-na-models-2024: an undated figure in an article of December 2025 is no count for the end of 2024
    ("Wie viele Großmodelle gab es Ende 2024 in Zhongguancun?", "2025-12-23", False),
    ("Wie viele Großmodelle gab es Ende 2025 in Zhongguancun?", "2025-12-23", True),
    ("Wie viele Großmodelle gab es Ende 2024 in Zhongguancun?", "", True),  # no date anywhere: the benefit of the doubt
])
def test_an_undated_figure_is_taken_at_its_documents_date(question, date, ok):
    e = ev(1, MODELS_DE, "de", title="Neues Kapitel der Innovation")
    e = e.model_copy(update={"chunk": e.chunk.model_copy(update={"date": date})})
    v = check("Mehr als 200 Großmodelle. [1]", question, "de", e)
    assert v.ok is ok, v.problems


TAR_USAGE_OPTION = ("--usage\n              Afficher une liste des options  disponibles  et  quitter.  Aucun\n"
                    "              argument n’est permis.")
TAR_DELETE_LINES = ("tar --delete [--file ARCHIVE] [OPTIONS] [MEMBRE...]\n       --delete\n"
                    "              Supprimer de l'archive.")
OUTPUT_EN = ("The digital economy's added value exceeded 2.4 trillion yuan, accounting for 46.4 percent of the city's "
             "total GDP.")
SITES_FR = "Les Jeux ont utilisé 25 sites, dont plusieurs reconvertis."


# The review's cases: each a right answer the first versions of this pass's rules refused, or a wrong one they let
# through (the quote's language, then its document's date).
@pytest.mark.parametrize("answer,question,lang,quote,quote_lang,date,ok", [
    # "--usage" is an option, not a usage line
    ("Utilisez l'option `--usage`. [1]", "Comment faire afficher à tar la liste des options disponibles ?", "fr",
     TAR_USAGE_OPTION, "fr", "", True),
    # "-d" does not stand in "--delete"
    ("The option is `-d`. [1]", "Which tar option removes members from an archive?", "en", TAR_DELETE_LINES, "fr", "",
     False),
    # synopsis lines without "[OPTIONS]"
    ("Utilisez `-l`. [1]", "Comment lancer cron au premier plan ?", "fr", "cron [-f] [-l] [-L niveau]", "fr", "",
     False),
    ("Utilisez `-r`. [1]", "Comment afficher ma table crontab ?", "fr",
     "crontab [ -u utilisateur ] [ -i ] { -e | -l | -r }", "fr", "", False),
    # the whole ends where the question's subject starts; its noun, not an adjective, must match
    ("L'économie numérique représente 29,3 % du PIB. [1]",
     "Quelle part du PIB l'économie numérique représente-t-elle ?", "fr",
     "Les industries numériques de base représentaient 29,3 % de l'économie numérique de la ville.", "fr", "", False),
    ("Elles représentent 29,3 % de l'économie numérique. [1]",
     "Quelle part de l'économie numérique les entreprises étrangères représentent-elles ?", "fr",
     "Les entreprises étrangères représentent 29,3 % des industries numériques de base.", "fr", "", False),
    ("Elles représentent 29,3 % de l'économie numérique. [1]",
     "Quelle part de l'économie numérique les industries de base représentent-elles ?", "fr",
     "Les industries de base représentent 29,3 % d'investissements étrangers.", "fr", "", False),
    # "the city's total GDP" is GDP; "produit intérieur brut" spells PIB
    ("It accounted for 46.4 percent of GDP. [1]", "What share of Beijing's GDP did the digital economy account for?",
     "en", OUTPUT_EN, "en", "", True),
    ("Elle représente 46,4 % du PIB. [1]", "Quelle part du PIB l'économie numérique représente-t-elle ?", "fr",
     "L'économie numérique représente 46,4 % du produit intérieur brut de la ville.", "fr", "", True),
    # "dater" asks a document's date only with a word that names the document
    ("Elle date de 2021. [1]", "De quand date la création du parc scientifique ?", "fr",
     "La municipalité a lancé le yuan numérique dans le district de Shijingshan en 2021.", "fr", "", False),
    ("L'article est daté de 2025. [1]", "De quand l'article est-il daté ?", "fr", INDEX_FR, "fr", "", False),
    ("The article dates from 2025. [1]", "When does the article date from?", "en", INDEX_FR, "fr", "", False),
    # a year asked outside the figures' phrase is still asked
    ("Beijing made 699,000 new energy vehicles. [1]",
     "How many new energy vehicles did Beijing make in 2025 compared with 2024, based on the 2025 figures?", "en",
     NEV_FR, "fr", "", True),
    ("Beijing a produit 699 000 véhicules à énergie nouvelle. [1]",
     "Combien de véhicules à énergie nouvelle Beijing a-t-il produits en 2024, selon les chiffres de fin 2025 ?", "fr",
     NEV_FR, "fr", "", False),
    # the document's date judges only a year asked as a time, not a baseline or a year in a name
    ("Les Jeux ont utilisé 25 sites. [1]", "Combien de sites les Jeux olympiques d'hiver de 2022 ont-ils utilisés ?",
     "fr", SITES_FR, "fr", "2025-12-23", True),
    ("Les Jeux ont utilisé 25 sites. [1]", "Combien de sites les Jeux ont-ils utilisés en 2022 ?", "fr", SITES_FR, "fr",
     "2025-12-23", False),
])
def test_review_cases_of_the_nineteenth_pass(answer, question, lang, quote, quote_lang, date, ok):
    e = ev(1, quote, quote_lang, title="tar(1)" if "tar" in question else TITLE)
    e = e.model_copy(update={"chunk": e.chunk.model_copy(update={"date": date})})
    v = check(answer, question, lang, e)
    assert v.ok is ok, v.problems


CRONTAB_ENV_DE = ("Mehrere Umgebungsvariablen werden durch den cron(8)-Daemon automatisch eingerichtet. SHELL wird auf "
                  "/bin/sh gesetzt und LOGNAME und HOME werden aus der /etc/passwd-Zeile des Eigentümers der Crontab "
                  "gesetzt.")


# The second review's cases, on the fixes above (the quote's language, then its document's date).
@pytest.mark.parametrize("answer,question,lang,quote,quote_lang,date,ok", [
    # the document's date judges every year asked as a time, however it is phrased
    ("Mehr als 200 Großmodelle. [1]", "Wie viele Großmodelle gab es 2024 in Zhongguancun?", "de", MODELS_DE, "de",
     "2025-12-23", False),
    ("More than 200 large models. [1]", "How many large models did Zhongguancun have in late 2024?", "en", MODELS_DE,
     "de", "2025-12-23", False),
    ("Plus de 200 grands modèles. [1]", "Combien de grands modèles au 31 décembre 2024 à Zhongguancun ?", "fr",
     MODELS_DE, "de", "2025-12-23", False),
    ("More than 200 large models. [1]", "How many large models were created there since 2024?", "en", MODELS_DE,
     "de", "2025-12-23", True),  # a baseline year
    # what a percentage is a share of ends with its clause
    ("Elles représentent 29,3 % du PIB de la ville. [1]",
     "Les industries numériques de base pèsent quelle part de l'économie numérique de Beijing ?", "fr",
     CORE_DIGITAL_FR + " L'économie numérique a dépassé 2 400 milliards de yuans.", "fr", "", False),
    # a date noun, or a document only named as where to look, asks no document's date
    ("The park opened in 2025. [1]", "According to the report, on what date did the park open?", "en",
     "Département de recherche, d’études stratégiques et de relations internationales 24-12-2025", "fr", "", False),
    # initials alone spell no acronym
    ("Il représente 12 % du PIB. [1]", "Quelle part du PIB le secteur du logiciel représente-t-il ?", "fr",
     "Le secteur du logiciel représente 12 % des projets industriels bénéficiaires de subventions.", "fr", "", False),
    # the noun of the whole, not a verb, an adverb or a leading adjective
    ("About 30 percent. [1]", "What share of large models nationwide come from Zhongguancun?", "en",
     "Zhongguancun produced more than 200 large models, about 30 percent of all large models in the country.", "en",
     "", True),
    ("Rund 46,4 Prozent. [1]", "Welchen Prozentsatz des BIP macht die digitale Wirtschaft aus?", "de",
     "Die digitale Wirtschaft machte 46,4 Prozent des BIP der Stadt aus.", "de", "", True),
    ("Environ 30 %. [1]", "Quel pourcentage des grands modèles du pays vient de Zhongguancun ?", "fr",
     "Zhongguancun a créé plus de 200 grands modèles, soit environ 30 % de tous les modèles du pays.", "fr", "", True),
    # a name in a German compound, and a path that goes on
    ("Sie werden aus /etc/passwd gesetzt. [1]", "Woher werden HOME und LOGNAME gesetzt?", "de", CRONTAB_ENV_DE, "de",
     "", True),
    ("Packages put them in the /etc/cron.d/ directory. [1]", "Where do packages put their cron files?", "en",
     "Les paquets installent leurs fichiers dans /etc/cron.d/paquet pour cron.", "fr", "", True),
])
def test_second_review_cases_of_the_nineteenth_pass(answer, question, lang, quote, quote_lang, date, ok):
    e = ev(1, quote, quote_lang)
    e = e.model_copy(update={"chunk": e.chunk.model_copy(update={"date": date})})
    v = check(answer, question, lang, e)
    assert v.ok is ok, v.problems


@pytest.mark.parametrize("answer,head,quote,ok", [
    # dev f19-md-fr-tar-one-file-system: a copy of --force-local's description says nothing of what to do
    ("Le fichier d'archive est local même si un deux-points existe. [1]", "--force-local",
     "Le fichier d’archive est local même si un deux-points existe.", False),
    ("L'option `--one-file-system`. [1]", "--one-file-system",
     "Ne pas quitter le système de fichiers local lors de la  création\n              de l'archive.", True),
])
def test_a_how_to_question_over_an_option_description_is_answered_by_the_option(answer, head, quote, ok):
    question = "tar, comment rester sur le système de fichiers local pendant l'archivage ?"
    e = ev(1, quote, "fr", title="tar(1)", before=f"       {head}\n              ")
    v = check(answer, question, "fr", e)
    assert v.ok is ok, v.problems


@pytest.mark.parametrize("question,asks", [
    ("How do I make tar delete the files once they're in the archive?", True),
    ("tar, comment rester sur le système de fichiers local pendant l'archivage ?", True),
    ("Wie lasse ich tar das Archiv nach dem Schreiben überprüfen?", True),
    ("Comment s'appelle l'entreprise dirigée par Zhang Junqi ?", False),  # a name, not what to do
    ("How does cron read its tables?", False),
])
def test_a_question_that_asks_what_to_do(question, asks):
    from assistant.questions import asks_how_to

    assert asks_how_to(question) is asks


def test_a_path_ends_before_the_sentences_full_stop():
    # Dev f9-md-en-su-pam-login: "/etc/pam.d/su-l." was looked for with its full stop and refused.
    question = "Which PAM configuration file does su use when it is called with --login?"
    quote = "/etc/pam.d/su-l\n              fichier de configuration de PAM si --login est spécifié"
    assert check("su uses /etc/pam.d/su-l. [1]", question, "en", ev(1, quote)).ok
    assert not check("su uses /etc/pam.d/su. [1]", question, "en", ev(1, quote)).ok
    assert TECH.findall("in /etc/cron.d. Then ~/.bashrc and /var/lib/apt/") == ["/etc/cron.d", "~/.bashrc",
                                                                              "/var/lib/apt/"]


HOSTS_EXAMPLE_DE = ("BEISPIELE\n127.0.0.1       localhost\n192.168.1.10    foo.example.org       foo\n"
                    "192.168.1.13    bar.example.org       bar")


def test_an_ip_address_answers_for_the_host_on_its_line():
    # Dev f19-md-en-hosts-foo-ip: the bare "192.168.1.10" had no claim the checks read and was refused.
    question = "In the hosts man page example, what IP does foo.example.org have?"
    assert check("192.168.1.10 [1]", question, "en", ev(1, HOSTS_EXAMPLE_DE)).ok
    wrong = check("192.168.1.13 [1]", question, "en", ev(1, HOSTS_EXAMPLE_DE))  # the next line's host
    assert not wrong.ok and any("192.168.1.13" in p for p in wrong.problems)
    assert not check("10.0.0.1 [1]", question, "en", ev(1, HOSTS_EXAMPLE_DE)).ok
    # Without a host name, a word of the question that only the address's own line holds.
    local = "Which address does the localhost entry have in the hosts example?"
    assert check("127.0.0.1 [1]", local, "en", ev(1, HOSTS_EXAMPLE_DE)).ok
    assert not check("192.168.1.10 [1]", local, "en", ev(1, HOSTS_EXAMPLE_DE)).ok


SU_PAM_FR = "       /etc/pam.d/su\n              fichier de configuration de PAM par défaut"
SU_DEFAULT_FR = "       /etc/default/su\n              fichier de configuration de commande"


def test_a_file_described_as_what_the_question_sets_aside_does_not_answer_it():
    question = "Apart from its PAM configuration, which configuration files does su read?"
    refused = check("/etc/pam.d/su [1]", question, "en", ev(1, SU_PAM_FR))
    assert not refused.ok and any("sets aside" in p for p in refused.problems)
    assert check("/etc/default/su [1]", question, "en", ev(1, SU_DEFAULT_FR)).ok
    # As evidence gives an entry: its head joined with its description on one line.
    joined = "/etc/pam.d/su fichier de configuration de PAM par défaut"
    assert not check("/etc/pam.d/su [1]", question, "en", ev(1, joined)).ok
    # Asked for itself, the same file answers.
    assert check("/etc/pam.d/su [1]", "Which file is su's default PAM configuration?", "en", ev(1, SU_PAM_FR)).ok
    assert set_aside(question) == "its PAM configuration" and set_aside("Which file does su read?") == ""


def test_review_of_the_twentieth_pass_addresses_paths_and_entries():
    # A host name is matched whole, and a table flattened onto one line is cut at each address.
    foo = "What IP does foo.example.org have?"
    assert not check("192.168.1.10 [1]", foo, "en",
                     ev(1, "192.168.1.10    www.foo.example.org\n192.168.1.13    foo.example.org", "en")).ok
    flat = "192.168.1.10 foo.example.org foo   192.168.1.13 bar.example.org bar"
    bar = "What IP does bar.example.org have?"
    assert not check("192.168.1.10 [1]", bar, "en", ev(1, flat, "en")).ok
    assert check("192.168.1.13 [1]", bar, "en", ev(1, flat, "en")).ok
    # Words every address question uses tie the address to nothing.
    assert not check("10.0.0.5 [1]", "What address does the printer have?", "en",
                     ev(1, "The address 10.0.0.5 belongs to the router.", "en")).ok
    # A path that ends a sentence is not the start of a longer one.
    assert not check("The system jobs are in /etc/cron. [1]", "Where are system crontab files kept?", "en",
                     ev(1, "Files in /etc/cron.d/ are system crontabs.", "en")).ok
    # An entry's description stops at the next entry.
    files = SU_DEFAULT_FR + "\n" + SU_PAM_FR
    question = "Apart from its PAM configuration, which configuration files does su read?"
    assert check("/etc/default/su [1]", question, "en", ev(1, files)).ok
    assert not check("/etc/pam.d/su [1]", question, "en", ev(1, files)).ok
