"""Whether the answer states something beyond the question, and that its cited quotes say it."""

from __future__ import annotations

import re

from assistant.citations import locate_quote, strip_markers
from assistant.models import Evidence
from assistant.numbers import Quantity, same_quantity
from assistant.questions import (
    NAME_RUN,
    asks_besides,
    asks_count,
    asks_date,
    asks_identifier,
    asks_path,
    asks_period,
    asks_rate,
    asks_share,
    asks_site,
    asks_version,
    asks_who,
    dates_named,
    function_word,
    identifiers,
    matches_type,
    second_question,
)
from assistant.terms import Term, TermMatcher, stems_of
from assistant.verify.claims import Claims
from assistant.verify.names import name_word, names_a_name_twice
from assistant.verify.options import CODE_SPAN, DOMAIN, SYMBOL, TECH, technical_terms
from assistant.verify.text import LETTERS, with_exonyms
from vectorstore.text import FOLDED_STOPWORDS, fold, words

_QUOTED = re.compile(r"[\"«“„]\s*([^\"«»“”„]{25,}?)\s*[\"»”“]")
# An answer that says the documents do not give what was asked is no answer, whatever the model's "found" flag.
_NOT_STATED = re.compile(
    r"\b(?:(?:is|are|was|were)\s+not\s+(?:explicitly\s+)?(?:provided|mentioned|specified|stated|given|indicated|"
    r"available|disclosed|reported)|(?:does|do|did)\s+not\s+(?:explicitly\s+)?(?:mention|specify|state|provide|"
    r"say|indicate|give|report)|no\s+(?:information|data|figures?|mention)\s+(?:on|about|of|for|is|are)|"
    r"n['’]\s*(?:est|sont|a|ont)\s+pas\s+(?:été\s+)?(?:précisée?s?|mentionnée?s?|indiquée?s?|fournie?s?|donnée?s?|"
    r"spécifiée?s?|communiquée?s?)|ne\s+(?:précise|mentionne|donne|fournit|indique|dit)n?t?\s+pas|"
    r"aucune\s+(?:information|donnée|mention|précision|indication)|"
    r"nicht\s+(?:explizit\s+)?(?:angegeben|erwähnt|genannt|enthalten|aufgeführt|beziffert)|"
    r"keine\s+(?:Angaben?|Informationen?|Daten|Zahlen))\b",
    re.IGNORECASE,
)
_CAPS = re.compile(r"(?<![\w-])[A-Z][A-Z0-9_]+(?![\w-])")  # LANG, LC_ALL, MAILTO: names of variables
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# "The current date" answers "which date does systemd assume"; "recently" answers no date question.
_NOW = re.compile(r"\b(?:current|today|now|actuel\w*|aujourd['’]hui|maintenant|aktuelle?[nrs]?|heute|heutige\w*|"
                  r"jetzt)\b", re.IGNORECASE)
# An interrogative word where a part of the question opens: its start, or after "and" (a second question).
_OPEN_PART = re.compile(r"(?:^|[,;]?\s(?:and|et|und|or|ou|oder)\s+)(?:(?:in|by|with|for|to|from|à|de|par|avec|pour|"
                        r"dans|mit|für|bei|von|zu|an)\s+)?(?P<ask>which|what|who|whom|whose|how|when|where|why|quel(?:le)?s?|"
                        r"lequel|laquelle|lesquel(?:le)?s|combien|comment|quand|où|qui|que|quoi|welche[rsmn]?|wie|was|"
                        r"wer|wem|wen|wann|wo|warum|womit|wofür|wozu|woher|wohin)\b", re.IGNORECASE)
# A second part of the question that asks for another name of the same kind: "…, and which one if no PAM session
# is needed?" (dev f10-md-en-su-runuser-setpriv), "… et quelle commande …", "… und welches Modul …".
_SECOND_NAME = re.compile(r"[,;]?\s(?:and|et|und)\s+(?:(?:in|by|with|for|from|à|de|par|avec|pour|dans|mit|für|bei|"
                          r"von)\s+)?(?:which\s+one\b|(?:which|quel(?:le)?s?|welche[rsmn]?)\s+(?:\w+\s+)?"
                          r"(?:options?|commands?|variables?|modules?|files?|programs?|commandes?|fichiers?|"
                          r"programmes?|befehle?|dateien|datei|programme?|modul|module)\b)", re.IGNORECASE)
# A question that asks who two people are ("quelles sont les deux personnes citées qui …", "which two officials"; not
# "what share of households had two people"): two names needed.
_TWO_PEOPLE = re.compile(r"\b(?:which|who\s+are\s+the|name\s+the|quel(?:le)?s(?:\s+sont\s+les)?|qui\s+sont\s+les|"
                         r"welche[nr]?|wer\s+sind\s+die|wie\s+heißen\s+die)\s+(?:two|deux|zwei|beiden)\s+(?:\w+\s+)?"
                         r"(?:people|persons|men|women|officials|experts|personnes|personnalités|hommes|femmes|"
                         r"responsables|personen|menschen|männer|frauen|experten|politiker)\b", re.IGNORECASE)
# An answer that opens with yes or no ("Ja, …", "Non."; not "Non seulement", "No. 1", "Non-résidents").
POLARITY = re.compile(r"^\W*(?:(?:yes|oui|ja|nein)\b(?!-)|(?:no|non)(?=\s*[,!:;–—]|\.(?!\s*\d)|\s*$))",
                      re.IGNORECASE)


_SAYS = {fold(w) for w in (
    "mention mentions mentioned mentioning say says said state states stated note notes noted indicate indicates "
    "indicated describe describes described explain explains explained write writes wrote written report reports "
    "reported article text document page manual paper mentionne mentionnent indique indiquent precise precisent "
    "explique expliquent dit disent affirme affirment ecrit decrit evoque article texte document page manuel "
    "erwahnt erwahnen sagt sagen besagt beschreibt beschreiben berichtet berichten schreibt erklart artikel text "
    "dokument seite handbuch handbuchseite").split()}
# Verbs and pronouns that say someone holds a post or a thing, and nothing of what it is.
_HOLDS = {"hold", "holds", "held", "holding", "serves", "served", "occupies", "occupied", "exerce", "exerçait",
          "occupe", "occupait", "detient", "bekleidet", "innehat", "inne", "hat", "hatte", "also", "aussi", "auch",
          "egalement", "ebenfalls", "another", "autre", "weiteres", "weitere",
          "he", "she", "it", "they", "il", "elle", "ils", "elles", "er", "sie", "es"}


def says_not_stated(answer: str) -> bool:
    """The answer says the documents do not give it ("the figure for 2023 is not provided")."""
    return bool(_NOT_STATED.search(strip_markers(answer)))


def own_language(quotes: list[Evidence], lang: str) -> bool:
    """Whether every quote is in the answer's language (where single words can be found again)."""
    return all((e.chunk.language or lang) == lang for e in quotes)


def claims_something(claims: Claims, question: str, wants: str | None, asked: list[Quantity], lang: str) -> list[str]:
    """An answer must state what was asked (`asked`: the question's own quantities), not only restate it: a share
    is a percentage or a fraction, a count no amount of money, "who" a name, "which file" a path or file name."""
    new_numbers = [q for q in claims.quantities if not any(same_quantity(q, a) for a in asked)]
    if wants == "number" and not new_numbers:
        return ["no number in the answer"]
    if asks_period(question) and not new_numbers and not matches_type("date", claims.text):
        return ["the question asks over what period; the answer gives no length or date"]
    if (asks_date(question) and not new_numbers and not dates_named(claims.text) - dates_named(question)
            and not _NOW.search(claims.text)):
        return ["the question asks for a year or a date; the answer names none"]
    if asks_version(question) and not set(_DIGITS.findall(claims.text)) - set(_DIGITS.findall(question)):
        return ["the question asks which version; the answer states no version number"]
    if asks_share(question) and not any(q.percent for q in new_numbers):
        return ["the question asks for a share; the answer states no percentage or fraction"]
    if asks_rate(question) and not any(q.percent for q in new_numbers):
        return ["the question asks for a rate of change; the answer states no percentage"]
    if asks_count(question) and new_numbers and all(q.money for q in new_numbers):
        return ["the question asks how many; the answer states an amount of money"]
    question_words = set(words(question))
    # Any capitalised word run counts as a name here ("Wu Yi": names_in skips two-letter words), the question's
    # own words aside (compared whole: "Xiong Li" is a name even when the question says Xiong'an).
    named = {fold(w) for r in NAME_RUN.finditer(claims.text) for w in r.group(1).split() if name_word(w, lang)}
    if wants == "person" and asks_who(question) and not (named - question_words):
        return ["the question asks who; the answer names no one"]
    if names_a_name_twice(claims.text):
        return ["the answer names the same one twice where it lists"]
    if _TWO_PEOPLE.search(question):
        in_question = {fold(r.group(1)) for r in NAME_RUN.finditer(question)}
        people = {fold(r.group(1)) for r in NAME_RUN.finditer(claims.text)
                  if any(name_word(w, lang) for w in r.group(1).split())} - in_question
        if len(people) < 2:
            return ["the question asks for two people; the answer names fewer"]
    if asks_site(question) and not [d for d in DOMAIN.findall(claims.text) if d.lower() not in question.lower()]:
        return ["the question asks on which website; the answer gives no address"]
    second = _SECOND_NAME.search(question)
    two_names = second is not None and asks_identifier(question[:second.start()])
    wants_name, wants_path = asks_identifier(question), asks_path(question)
    if wants_name or wants_path or two_names:
        # The options, paths and command names the answer gives that the question does not.
        given = {t.rstrip("=") for t in TECH.findall(claims.text) if t not in question}
        given |= set(identifiers(claims.text, lang)) - question_words
        spans = CODE_SPAN.findall(claims.text)
        caps = {w for w in _CAPS.findall(claims.text) if w not in question}
        if wants_name and not (given or spans or caps):
            return ["the question asks which variable, option, command or module; the answer names none"]
        if two_names:
            # Two names asked for: one named twice answers half of it.
            named = given | {c.strip() for c in spans if c not in question} | caps
            if len({re.sub(r"\(\d\w?\)$", "", n).strip("`") for n in named}) < 2:
                return ["the question asks for two names; the answer names one"]
        if wants_path and not (given or spans):
            return ["the question asks for a path or a file; the answer names none"]
    # "Beijing" is no new word for a question that says "Pekings" (dev f13-news-de-yin-yong-jingjinji).
    new_words = set(words(claims.text)) - with_exonyms(question_words)
    # Words that only say that a text says something add nothing: "The February 2024 article … mentions that Mayor Yin
    # Yong delivered the report at the two sessions" (dev f13-news-en-two-sessions-meaning) restates the question.
    answer_tokens = set(technical_terms(claims.text))
    new_tokens = answer_tokens - set(technical_terms(question))
    if not new_words - _SAYS and not new_numbers and not new_tokens:  # "L'option -s." names an option: no restatement
        return ["the answer only restates the question"]
    parts = second_question(question)
    if parts:
        # "Dans quel fichier …, et que devient l'option --shell …?" answered "Dans le fichier /etc/shells …" (dev
        # f13-md-fr-su-restricted-shell): the answer must speak of the second question too.
        # Two things stated (numbers, options, paths, names the question does not give) may answer both tersely.
        # Options and paths are compared whole: "/etc/shells" does not speak of "--shell".
        first, second = (TECH.sub(" ", p) for p in parts)
        own_tokens = set(technical_terms(parts[1])) - set(technical_terms(parts[0]))
        own = stems_of(second) - stems_of(first)
        stated = len(new_numbers) + len({t for t in answer_tokens if t not in question}) + len(named - question_words)
        spoken = bool(own_tokens & answer_tokens) or bool(own & stems_of(TECH.sub(" ", claims.text)))
        # An answer that answers the second question only in its own words ("sinon elle est ignorée") is refused too:
        # a second clause alone ("; sinon il est restreint") says nothing of it (review of the eighteenth pass).
        if (own or own_tokens) and stated < 2 and not spoken:
            return ["the question asks two things; the answer does not speak of the second"]
    if repeats_open_part(claims.text, question):
        return ["the answer repeats what the question asks instead of answering it"]
    # "Besides being deputy director, what other position does he hold?" answered "He holds the position of deputy
    # director" (dev f11-news-en-tian-congress): the words it adds must say more than "holds".
    if (asks_besides(question) and not new_numbers and not (new_words - FOLDED_STOPWORDS - _HOLDS)
            and not set(technical_terms(claims.text)) - set(technical_terms(question))):
        return ["the question asks for something besides what it names; the answer names only that"]
    return []


def repeats_open_part(answer: str, question: str) -> bool:
    """The answer repeats, word for word, a part of the question that asks: an interrogative word that opens the
    question or follows a conjunction, and the three words after it ("… et quel module PAM faut-il configurer …",
    dev f15-md-fr-su-lastlog). Relative pronouns after a comma ("ENV_PATH, qui définit le PATH") do not ask."""
    said = f" {' '.join(LETTERS.findall(fold(answer)))} "
    for m in _OPEN_PART.finditer(question):
        run = LETTERS.findall(fold(question[m.start("ask"):]))[:4]
        if len(run) == 4 and f" {' '.join(run)} " in said:
            return True
    return False


def adds_cited_words(answer: str, question: str, quotes: list[Evidence], lang: str) -> bool:
    """The answer says something beyond the question that a cited quote says. An answer with no verified number,
    name or token must at least give a sign ('#') that a quote holds, or, over quotes in its own language, a content
    word of a quote the question does not hold: "the default editor" for "which editor", or "when" answered by
    rewording the question, states nothing verified. Over quotes in another language single words cannot be found
    again reliably (embedding similarity ranks "afternoon" ~ "Nachmittag" below unrelated pairs such as "Abend" ~
    "matin"), so there only signs are judged."""
    signs = set(SYMBOL.findall(answer)) - set(SYMBOL.findall(question))
    if signs:
        return any(sign in e.support for sign in signs for e in quotes)
    if not own_language(quotes, lang):
        return True
    m, new = _added_terms(answer, question)
    return any(m.coverage([t], e.support, lang) > 0 for t in new for e in quotes)


def _added_terms(answer: str, question: str) -> tuple[TermMatcher, list[Term]]:
    """The content words an answer adds to its question, with a matcher of stems and cognates only (within one
    language a word is there or not)."""
    m = TermMatcher()
    asked = m.terms(question)
    asked_words = {t.word for t in asked}
    asked_stems = set().union(*(t.stems for t in asked)) if asked else set()
    return m, [t for t in m.terms(strip_markers(answer)) if t.word not in asked_words and not t.stems & asked_stems]


def mostly_cited(answer: str, question: str, quotes: list[Evidence], lang: str) -> bool:
    """Over quotes in its own language, at least half of the content words an answer adds to its question stand in
    its cited quotes. "auto_da_alloc bewirkt, dass das Dateisystem automatisch die Dateien … anordnet" (dev
    f17-md-de-na-fstab-auto-da-alloc) took one word of its quotes and invented the rest; a verified token ("fsck(8)")
    does not vouch for the sentence around it. Over quotes in another language words cannot be found again one by
    one (see `adds_cited_words`), and one added word is too few to judge."""
    if not own_language(quotes, lang):
        return True
    # Options, paths and unit names have their own checks: the words of "--one-file-system" are no words the quote
    # must hold (its option line above the description holds it).
    m, new = _added_terms(TECH.sub(" ", answer), question)
    # Numbers and dates have their own checks ("5. Februar 2026" from "2026-02-05"); the most frequent words of the
    # language ("ici", "doit", "müssen") say nothing a quote must hold. Both are read on the answer's own words:
    # a term's word is folded ("mussen", "decembre"), which the word lists do not know.
    plain = LETTERS.findall(strip_markers(answer))
    skip = {fold(w) for w in plain if dates_named(w) or function_word(w.lower(), lang)}
    new = [t for t in new if not t.word.isdigit() and t.word not in skip]
    if len(new) < 2:
        return True
    found = sum(any(m.coverage([t], e.support, lang) > 0 for e in quotes) for t in new)
    return 2 * found >= len(new)


def quoted_passages_ok(answer: str, quotes: list[str]) -> bool:
    """Any long quotation the model wrote must occur (tolerantly) in one of its cited quotes."""
    return all(any(locate_quote(q, src) for src in quotes) for q in _QUOTED.findall(answer))
