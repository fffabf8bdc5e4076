"""Question typing: what kind of fact a question asks for, and the names in it the corpus never mentions."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from assistant.numbers import has_number
from assistant.roles import role_of
from vectorstore.lexical import LexicalIndex
from vectorstore.stemming import query_terms
from vectorstore.text import FOLDED_STOPWORDS, fold, words

_LANGS = ("en", "fr", "de")
# wordfreq's Zipf scale: 3 is once per million words. Below it in English, French and German alike, a word is
# rare everywhere; when it is no more frequent in the question's language than elsewhere (within _OWN_LEAD), it
# belongs to no language: a command, package or format name ("sudo", "anacron", "ustar").
_RARE_ZIPF = 3.0
_OWN_LEAD = 0.5
_FUNCTION_ZIPF = 5.5
_WORD = re.compile(r"(?<!\w)[^\W\d_]\w*")  # as the lexical index splits words: "fs_passno" is one

_NUMBER_Q = re.compile(
    r"\b(how many|how much|what percentage|what share|what proportion|how large|how big|how high|"
    r"what number|what amount|combien|quel pourcentage|quelle part|quel montant|quelle proportion|"
    r"quel nombre|quelle valeur|quel niveau|wie viele|wie viel|wieviel|welche[mnrs]? anteil|wie hoch|"
    r"wie gro(?:ß|ss)|"
    # "Quel est le montant de l'accord ?" (dev f8-news-fr-na-xiongan-accord-amount: answered with no number)
    r"(?:what|quel(?:le)?|welche[rsmn]?|was)\s+(?:is|was|are|were|est|était|sont|ist|war|sind)\s+"
    r"(?:the|le|la|l['’]|les|der|die|das)\s*(?:total\s+|gesamte?\s+)?"
    r"(?:amount|montant|betrag|number|nombre|anzahl))\b",
    re.IGNORECASE,
)
_DATE_Q = re.compile(
    r"\b(when|what year|which year|what date|quand|quelle ann[ée]e|quelle date|wann|welche[mns]? jahr|"
    r"welche[mns]? datum|seit wann)\b",
    re.IGNORECASE,
)
# Questions asking for a share: the answer must state a percentage or a fraction, not a count.
_SHARE_Q = re.compile(
    r"\b(what share|what proportion|what percentage|what fraction|what part|quel pourcentage|quelle part|"
    r"quelle proportion|quelle fraction|welche[mnrs]? anteil|welche[mnrs]? prozentsatz|wie viel prozent|"
    r"wie viele prozent)\b",
    re.IGNORECASE,
)
# A rate of change is a percentage: "le taux de croissance" is not answered by the total it grew to (dev
# f14-news-fr-na-revenue-growth-rate).
_RATE_Q = re.compile(r"\b(?:taux de (?:croissance|progression|hausse|baisse)|taux d['’](?:augmentation|accroissement)|"
                     r"(?:annual |yearly )?growth rate|rate of (?:growth|increase|decrease)|by what percentage|"
                     r"de quel pourcentage|(?:wachstums|zuwachs|steigerungs)rate|um wie viel prozent\b)", re.IGNORECASE)
# By how much something changed: the change itself, not where it went from or to (dev f14-news-de-rate-points:
# "um wie viele Prozentpunkte … gestiegen" answered with the 70 % it rose to).
_HOW_MANY_OF_FR = re.compile(r"\bde combien d(?:e|es|['’])", re.IGNORECASE)
_CHANGE_VERB_FR = re.compile(r"\b(?:augment\w*|baiss\w*|progress\w*|diminu\w*|recul\w*|hausse|grimp\w*|chut\w*|"
                             r"pass[ée]\w*|cr[ûu]\w*|dépass\w*)\b", re.IGNORECASE)
# "De combien de laboratoires …" asks how many, not by how much (but "de combien de points" does).
_CHANGE_Q = re.compile(r"\b(?:by how (?:much|many)|de combien(?!\s+(?:de\s+(?!points?\b|pour\s*cents?\b)|des\s|d['’]))|"
                       r"um wie viel(?:e|es)?)\b", re.IGNORECASE)
# "How many <things>" asks for a count; an amount of money answers it only when the question speaks of money
# ("combien de fonds", "how many yuan").
_COUNT_Q = re.compile(r"\b(how many|wie viele|combien\s+d(?:e\b|es\b|['’]))", re.IGNORECASE)
# "How many of the 209 registered models …": a part of a whole the question states.
_PART_OF_Q = re.compile(r"\b(?:how many of (?:the|these|those)|combien (?:des|de ces|parmi les)|"
                        r"wie viele (?:der|dieser|von den))\s+(?:[^\W\d_]+\s+){0,2}?(\d[\d\s.,\u202f\u00a0]*\d|\d)",
                        re.IGNORECASE)
# The whole a share question asks a part of: "quelle part de l'économie numérique", "what share of Beijing's GDP",
# "welchen Anteil an der landesweiten NEV-Produktion".
_SHARE_OF_Q = re.compile(r"\b(?:share|proportion|percentage|fraction|part|pourcentage|anteil|prozentsatz)\s+"
                         r"(?:(?:of|de|du|des|an|am|der|von)(?=\s)|d['’])\s*(.*)", re.IGNORECASE | re.DOTALL)
# "Going by the 2025 figures", "d'après les chiffres de 2025", "anhand der Zahlen von 2025": the year of the figures
# a question reasons from, not the year it asks about (dev f19-news-en-nev-2024 asks for 2024 from 2025's figures).
_FIGURES_YEAR_Q = re.compile(
    r"\b(?:going\s+by|based\s+on|according\s+to|judging\s+by|from|using|selon|d['’]après|à\s+partir\s+d(?:es|u|e)|"
    r"en\s+partant\s+d(?:es|u|e)|laut|nach|anhand|ausgehend\s+von|gemäß)\s+(?:the\s+|its\s+|les\s+|des\s+|ses\s+|"
    r"den\s+|der\s+|die\s+|seinen\s+|ihren\s+)?(?:(?P<y1>(?:19|20)\d\d)(?:er|['’]s)?\s+)?(?:figures?|data|numbers|"
    r"statistics|chiffres|données|statistiques|zahlen|daten|statistik(?:en)?)(?:\s+(?:(?:for|from|of|de|du|von|aus|"
    r"für)\s+)?(?:(?:fin|end\s+of|ende)\s+)?(?:l['’]année\s+|dem\s+jahr\s+)?(?P<y2>(?:19|20)\d\d))?", re.IGNORECASE)
# "How do I …", "comment rester …", "wie lasse ich …": the user asks what to do (not "comment s'appelle", a name).
_HOW_TO_Q = re.compile(r"\b(?:how\s+(?:do|can|could|should|would)\s+(?:i|you|we|one)|how\s+to|comment\s+(?!s['’]appell|"
                       r"se\s+nomm|est\b|sont\b)|wie\s+(?:kann|könnte|lasse|bringe|mache|sorge|erreiche|stelle|"
                       r"verhindere|bekomme)\s+(?:ich|man))\b", re.IGNORECASE)
_MONEY_Q = re.compile(
    r"\b(yuans?|renminbi|rmb|cny|euros?|eur|dollars?|usd|money|argent|geld\w*|fonds|funds?|funding|budget\w*|"
    r"revenues?|chiffre d['’]affaires|ums[aä]tz\w*|einnahmen|invest\w*|montants?|amounts?|capital\w*|kapital\w*|"
    r"prices?|prix|preis\w*|kosten|co[uû]ts?|costs?|sales|ventes|verk[aä]uf\w*|subventions?|subsid\w*|"
    r"f[oö]rder\w*|financ\w*|finanz\w*|billions?|milliards?|milliarden|millions?|millionen|spen[dt]\w*|"
    r"d[ée]pens\w*|ausgegeben|ausgeben)\b",
    re.IGNORECASE,
)
# Questions asking for a path, a file or a directory ("Quel est le chemin par défaut de rmt ?", "Which file ...").
_PATH_Q = re.compile(
    r"\b(?:which|what)\s+(?:is\s+the\s+)?(?:\w+\s+)?(?:path|file|directory|folder)s?\b"
    r"(?!\s+(?:formats?|sizes?|modes?|systems?|types?|permissions?|limits?|owners?|extensions?|names?|contents?)\b)|"
    r"\bquel(?:le)?s?\s+(?:est\s+(?:le|la)\s+|sont\s+les\s+)?(?:\w+\s+)?(?:chemin|fichier|r[ée]pertoire|dossier)s?\b|"
    r"\bwelche[rsmn]?\s+(?:\w+\s+)?(?:pfad|datei|verzeichnis|ordner)(?:e|en|s)?\b|"
    r"\bwie\s+(?:lautet|hei(?:ß|ss)t)\s+(?:der|die|das)\s+(?:\w+\s+)?(?:pfad|datei|verzeichnis)\b",
    re.IGNORECASE,
)
# Questions asking on which website something appeared: the answer must give an address, not a sentence of the page
# (dev f15-news-fr-digital-site). Not "which domain": in a manual that is a DNS domain, answered by a name ("quel
# domaine local le résolveur retient-il", dev f17-md-fr-resolv-hostname-no-dot).
_SITE_Q = re.compile(r"\b(?:(?:which|what)\s+(?:web\s*site|site|web\s+page|url)s?|"
                     r"quel(?:le)?s?\s+(?:est\s+le\s+)?(?:site(?:\s+(?:web|internet))?|page\s+web|adresse\s+web|url)|"
                     r"welche[rsmn]?\s+(?:web\s*site|webseite|internetseite|website|url|adresse))\b",
                     re.IGNORECASE)
# Questions asking which variable, option, command or module: the answer must name one ("Welche Umgebungsvariablen
# übernimmt cron …" answered with the two files the question names, dev f15-md-de-cron-locale-vars).
_IDENTIFIER_Q = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+)?(?:environment\s+variable|variable|option|command|module|keyword|flag)s?\b|"
    r"\bquel(?:le)?s?\s+(?:sont\s+les\s+)?(?:\w+\s+)?(?:variables?(?:\s+d['’]environnement)?|options?|commandes?|"
    r"modules?|mots?[- ]cl[ée]s?)\b|"
    r"\bwelche[rsmn]?\s+(?:\w+\s+)?(?:umgebungsvariable|variable|option|befehl|kommando|modul|schl[üu]sselwort)"
    r"(?:e|en|n|s)?\b",
    re.IGNORECASE,
)
# Questions asking in which unit of measure a value is given (dev f7-md-fr-timer-unit-seconds was answered with no
# unit). The preposition is required: "quelle unité systemd active-t-il", "welche Einheiten" ask for a systemd unit
# or for organisations.
_UNIT_Q = re.compile(
    r"\b(?:in\s+(?:what|which)\s+units?|(?:what|which)\s+units?\s+of\s+(?:time|measure(?:ment)?|size)|"
    r"en\s+quelles?\s+unit[ée]s?|quelles?\s+unit[ée]s?\s+de\s+(?:temps|mesure|taille)|"
    r"in\s+welche[rnms]?\s+(?:zeit|ma(?:ß|ss))?einheit(?:en)?|welche[rnms]?\s+(?:zeit|ma(?:ß|ss))einheit(?:en)?)\b",
    re.IGNORECASE,
)
# Questions asking over which span of time something was measured: the answer must give its length or its bounds
# ("the first eleven months", "2021-2025"); dev f9-news-en-emerging-period was answered "to the end of the first month".
_PERIOD_Q = re.compile(
    r"\b(?:(?:over|during|in|for)\s+(?:what|which)\s+(?:time\s+)?(?:period|span|timeframe)|"
    r"(?:sur|pendant|durant|au cours de)\s+quelle\s+p[ée]riode|quelle\s+p[ée]riode|"
    r"(?:in|über|während)\s+welche[mnrs]?\s+zeitraum|welche[mnrs]?\s+zeitraum)\b",
    re.IGNORECASE,
)
# Questions asking which version ("Seit welcher Glibc-Version", "depuis quelle version", "which tar version"): the
# answer must state a version number (dev f10-md-fr-na-tar-version was answered "la version … au format texinfo").
_VERSION_Q = re.compile(r"\b(?:which|what|quel(?:le)?s?|welche[rnms]?)\s+(?:[\w-]+\s+){0,2}"
                        r"\b(?:\w+-)?versions?(?:nummer)?\b(?!\s*v?\d)", re.IGNORECASE)
# Questions that ask for a year or a date by name; "when" alone also asks under which condition ("when is the timer
# triggered"), so it does not count (dev f11-news-fr-na-conference-date was answered "tenue récemment").
# A date of a file or a format is no date asked for: "what date format", "quelle date de modification".
_DATE_NAMED_Q = re.compile(r"\b(?:what|which|quel(?:le)?|welche[mns]?)\s+(?:exact\s+)?"
                           r"(?:year|date|ann[ée]e|jahr|datum)\b"
                           r"(?![\s-]+(?:format|field|stamp|champ|feld|de\s+(?:modification|création|dernière)))"
                           r"|\ban welchem tag\b", re.IGNORECASE)
# "according to the article", "laut der hosts-Handbuchseite", "selon le rapport d'activité": up to the word that
# names the document, four words at most.
_SOURCE_Q = re.compile(r"\b(?:according to|laut|gemäß|selon|d['’]après)\s+(?:[\w'’.-]+\s+){0,3}?[\w'’.-]*?"
                       r"(?:article|artikel|page|seite|manual|handbuch|manpage|rapport|report|bericht|document|"
                       r"dokument)\w*", re.IGNORECASE)
# "…, and which other option …", "…, et que devient …", "…, und was …": "and" that opens a second question. In French
# "et que/qui" needs the comma before it ("si … et que l'appelant …" is one condition).
_SECOND_Q = re.compile(
    r"(?:[,;]\s*(?:and|et|und)\s+(?=(?:que|qu['’]|qui)\b)|(?:[,;])?\s+(?:and|et|und)\s+(?=(?:what|which|who|how|when|"
    r"where|why|whom|quel\w*|quand|où|comment|combien|pourquoi|was|welche\w*|wer|wie|wann|wo|warum|wof[üu]r|wozu|"
    r"(?:in|for|to|on|at|by|from|under|de|à|dans|pour|par|an|auf|mit|von|für)\s+(?:what|which|quel\w*|welche\w*)|"
    r"(?:de|depuis|jusqu['’]à|since|until|seit|bis|ab)\s+(?:quand|when|wann)|d['’]où)"
    r"\b))", re.IGNORECASE)
_BETWEEN_Q = re.compile(r"\b(?:between|entre|zwischen)\b(?![^,;?]*\b(?:and|et|und)\b)[^,;?]*$", re.IGNORECASE)
_PLACE_KIND_Q = re.compile(r"\b(?:which|what|welche[rmns]?|quel(?:le)?s?)\s+(province|provinz|district|bezirk|"
                           r"arrondissement)\b(?!['’])", re.IGNORECASE)
# The author asked for: a noun ("the author of the article", "l'auteur du rapport", "der Verfasser des Artikels"), or
# a verb of writing with the document near it ("who wrote the article", "wer hat den Artikel verfasst"); not "which
# authorities", "la Verfassung" or "qui a signé l'accord".
_AUTHOR_Q = re.compile(r"\b(?:authors?|authored|auteur(?:e|s|es)?|autrice|verfasser(?:in|innen|s)?|"
                       r"autor(?:in|en|s)?)\b", re.IGNORECASE)
_BY_WHOM = re.compile(r"\b(?:who|whom|qui|wer|von wem|par qui)\b", re.IGNORECASE)
_WROTE_Q = re.compile(r"\b(?:wrote|written|r[ée]dig[ée]e?s?|[ée]crite?s?|verfasst|geschrieben|signed|sign[ée]e?s?)\b",
                      re.IGNORECASE)
_DOCUMENT_Q = re.compile(r"\b(?:articles?|artikel\w*|reports?|rapports?|berichte?\w*|documents?|dokument\w*|texte?s?|"
                         r"stud(?:y|ies)|[ée]tudes?|studie\w*|manual\w*|manuel|handbuch\w*|pages?|seiten?)\b",
                         re.IGNORECASE)
# "publi…" as in published, publié, publication, publiziert; not "public" or "publique".
_PUBLISHED_Q = re.compile(r"\b(?:publi(?:sh\w*|[ée]\w*|a\w*|cations?|kation\w*|ziert\w*)|paru\w*|parution|"
                          r"veröffentlich\w*|erschien\w*|erschein\w*|written|wrote|rédig\w*|écrit\w*|verfasst|geschrieben|erstellt|"
                          r"released?|sorti\w*)\b", re.IGNORECASE)
# "De quand date-t-il", "l'article est daté", "when does the article date from", "aus welchem Jahr stammt der Artikel":
# the date of a document, asked with another verb; only with a word that names the document ("de quand date la
# création du parc" asks about the park).
_DATED_Q = re.compile(r"\b(?:dated|dates?\s+from|datiert\w*|stammt|stammen|daté(?:e|s|es)?|"
                      r"dat(?:e|ent)-t-(?:il|elle)s?|(?<=quand )dat(?:e|ent))\b", re.IGNORECASE)
# Asks what holds when nothing is set ("by default", "la valeur par défaut", "standardmäßig"); not "the default
# /etc/crontab jobs" (a file), a "POSIX standard", nor "die standardmäßige System-Crontab" (an adjective).
_DEFAULT_Q = re.compile(r"\bby default\b|\bdefault values?\b|\bthe default\b(?!\s*/)|\bpar défaut\b|"
                        r"\bstandardmäßig\b(?![^\W\d_])|\bstandardwert|\bvoreingestellt\b|\bvoreinstellung|\bvorgabe",
                        re.IGNORECASE)
_BESIDES_Q = re.compile(r"\b(?:besides|apart from|other than|in addition to|outre|en plus d[eu]|hormis|à part|"
                        r"außer|abgesehen von)\b", re.IGNORECASE)
# A question that opens with who (after a preposition at most): "qui est" inside a relative clause does not count.
_WHO_FIRST = re.compile(r"\s*(?:(?:by|from|to|with|for|de|par|à|avec|pour|von|mit|an|für|bei)\s+)?"
                        r"(?:who|whom|whose|qui|wer|wem|wen|wessen)\b", re.IGNORECASE)
_PERSON_Q = re.compile(r"^\s*(who|whom|qui|wer|wem|wen)\b|\b(who is|qui est|wer ist)\b", re.IGNORECASE)
# "Wie heißt der Verfasser …", "What is the name of the mayor …": a name asked for by the role it holds.
_NAME_OF_Q = re.compile(r"\b(?:what is the name of|what's the name of|comment s['’]appelle|"
                        r"quel est le nom d[eu]?|wie heißt|wie hieß|wie lautet der name)\s+(?:the|le|la|l['’]|les|"
                        r"der|die|des|dem)?\s*(\w+)", re.IGNORECASE)
# Two or three capitalised words not starting the sentence: "Yin Yong", "Liu Chuncheng" (Chinese names).
_PERSON = re.compile(r"(?<=[\s,(])[A-Z][a-z]{1,9} [A-Z][a-z]{2,12}\b")
# Month names in the three languages (English "may" aside: alone it is mostly the verb).
MONTHS = (r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|february|"
          r"march|april|june|july|august|september|october|november|december|januar|februar|märz|juni|juli|oktober|"
          r"dezember")
_YEAR_OR_MONTH = re.compile(rf"\b(1[89]\d\d|20\d\d)\b|\b({MONTHS})\b", re.IGNORECASE)
NAME_RUN = re.compile(r"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]+)*)")


# A name of an institution holds lowercase connectors ("Department of Research", "Bank of China"): one name, known
# when any of its words is (dev f12-news-en-synergy-aim: "Research" of the department's English name). Month names
# are words, not names: "February" is "février" in the documents.
_CONNECTORS = ("of", "for", "de", "du", "des", "der", "von", "für")
_INSTITUTION = re.compile(rf"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][\w'’-]+(?:(?:[ -]|\s(?:{'|'.join(_CONNECTORS)})\s)"
                          r"[A-ZÀ-ÖØ-Þ][\w'’-]+)*)")


def question_wants(question: str) -> str | None:
    """"number", "date", "person" or None: what kind of fact the question asks for."""
    if _NUMBER_Q.search(question):
        return "number"
    if _DATE_Q.search(question):
        return "date"
    if _PERSON_Q.search(question):
        return "person"
    named = _NAME_OF_Q.search(question)
    if named and role_of(fold(named.group(1))):
        return "person"
    return None


def asks_share(question: str) -> bool:
    """Whether the question asks for a share (a percentage or a fraction of something)."""
    return bool(_SHARE_Q.search(question))


def asks_rate(question: str) -> bool:
    """Whether the question asks for a rate of change (a percentage): "growth rate", "taux de croissance"."""
    return bool(_RATE_Q.search(question))


def asks_change(question: str) -> bool:
    """Whether the question asks by how much something changed ("by how many points", "de combien"); "de combien de
    laboratoires …" asks how many, unless a verb of change follows ("de combien de milliards … a-t-il augmenté")."""
    return bool(_CHANGE_Q.search(question) or (_HOW_MANY_OF_FR.search(question) and _CHANGE_VERB_FR.search(question)))


def counted_words(question: str) -> list[str]:
    """The first content words after "how many" ("wie viele Beschäftigte arbeiten" -> beschaftigte, arbeiten): what
    the question counts is among them."""
    found = _COUNT_Q.search(question)
    if not found:
        return []
    return [w for w in words(question[found.end():]) if w not in FOLDED_STOPWORDS and not w.isdigit()][:3]


def whole_counted(question: str) -> str:
    """The whole a "how many of the N" question counts a part of ("209" of "wie viele der 209 … Großmodelle"), or
    "" when it names none."""
    found = _PART_OF_Q.search(question)
    return found.group(1).strip() if found else ""


def share_whole(question: str) -> str:
    """The words that follow where a share question names its whole ("l'économie numérique de Beijing ?" of
    "… quelle part de l'économie numérique de Beijing ?"), or "" when it names none."""
    found = _SHARE_OF_Q.search(question) if asks_share(question) else None
    return found.group(1) if found else ""


def asks_how_to(question: str) -> bool:
    """Whether the question asks what to do ("How do I make tar delete the files…", "comment rester sur …")."""
    return bool(_HOW_TO_Q.search(question))


def asks_count(question: str) -> bool:
    """Whether the question asks how many things of some kind, not an amount of money."""
    return bool(_COUNT_Q.search(question)) and not _MONEY_Q.search(question)


def asks_unit(question: str) -> bool:
    """Whether the question asks in which unit of measure (time, size) something is given."""
    return bool(_UNIT_Q.search(question))


def asks_period(question: str) -> bool:
    """Whether the question asks over which period of time something happened or was measured."""
    return bool(_PERIOD_Q.search(question))


def asks_version(question: str) -> bool:
    """Whether the question asks which version (of a program, a library, a standard)."""
    return bool(_VERSION_Q.search(question))


def asks_date(question: str) -> bool:
    """Whether the question asks for a year or a date by name ("in which year", "à quelle date", "welches Datum")."""
    return bool(_DATE_NAMED_Q.search(question))


def second_question(question: str) -> tuple[str, str] | None:
    """(first part, second part) of a question that asks two things ("dans quel fichier …, et que devient l'option
    --shell …"), split where "and" is followed by a question word; None otherwise."""
    found = _SECOND_Q.search(question)
    if found is None or _BETWEEN_Q.search(question, 0, found.start()):
        return None  # "the difference between the archive and what is on disk" asks one thing
    return question[:found.start()], question[found.end():]


def asked_place_kind(question: str) -> str | None:
    """"province" or "district" when the question asks which one ("In welcher Provinz …", "quel district …")."""
    found = _PLACE_KIND_Q.search(question)
    return None if found is None else "province" if fold(found.group(1)).startswith("provin") else "district"


def asks_author(question: str) -> bool:
    """Whether the question asks who wrote a document ("which department is credited as the author of the article",
    "qui a rédigé le rapport", "wer hat den Artikel verfasst"): its byline answers that."""
    if _AUTHOR_Q.search(question):
        return bool(_DOCUMENT_Q.search(question))
    # A verb of writing counts with the document as its object: within three words after it ("who wrote the
    # article"), or before it when the verb ends the question or a passive follows ("wer hat den Artikel verfasst",
    # "l'article a été rédigé par qui"); "selon l'article, qui a signé l'accord" asks about an agreement.
    if not _WHO_FIRST.match(question) and not _BY_WHOM.search(question):
        return False  # "what was signed by Yin Yong" asks what, not who
    for v in _WROTE_Q.finditer(question):
        after, before = question[v.end():].split()[:3], question[:v.start()].split()[-4:]
        if _DOCUMENT_Q.search(" ".join(after)):
            return True
        if _DOCUMENT_Q.search(" ".join(before)) and re.match(r"\s*(?:[?.!]|$|(?:par|by|von)\b)", question[v.end():]):
            return True
    return False


def asks_publication(question: str) -> bool:
    """Whether the question asks about the document itself being published or written ("when was the article
    published"): its date line answers that."""
    if _PUBLISHED_Q.search(question):
        return True
    # The document must be what is dated: near the verb, and not only where the question says where to look ("Laut
    # dem Artikel, aus welchem Jahr stammt die Technologie?" asks about the technology).
    text = _SOURCE_Q.sub(" ", question)
    return any(_DOCUMENT_Q.search(text, max(0, m.start() - 40), m.end() + 40) for m in _DATED_Q.finditer(text))


def dates_named(text: str) -> set[str]:
    """The years and month names a text names, folded to lower case."""
    return {m.group().lower() for m in _YEAR_OR_MONTH.finditer(text)}


def figures_years(question: str) -> set[int]:
    """The years of the figures a question says to go by ("going by the 2025 figures", "d'après les chiffres de
    2025", "anhand der Zahlen von 2025"): where the answer comes from, not the time it is asked for."""
    named = {int(y) for m in _FIGURES_YEAR_Q.finditer(question) for y in m.group("y1", "y2") if y}
    # A year the question also names outside that phrase is asked too ("from 2024 to 2025, going by the 2025 figures").
    elsewhere = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", _FIGURES_YEAR_Q.sub(" ", question))}
    return named - elsewhere


def source_words(question: str) -> set[str]:
    """The folded words of where the question says to look ("laut der hosts-Handbuchseite", "selon l'article"): they
    name the document, not what is asked, so they tie no sentence of it to the question."""
    return {w for m in _SOURCE_Q.finditer(question) for w in words(m.group())}


def asks_default(question: str) -> bool:
    """The question asks for a default: the value or behaviour that holds when nothing else is set."""
    return bool(_DEFAULT_Q.search(question))


def set_aside(question: str) -> str:
    """What a question asks besides ("Apart from its PAM configuration, which …" sets aside "its PAM
    configuration"): the words after "apart from" up to the clause's end; empty for other questions."""
    found = _BESIDES_Q.search(question)
    return re.split(r"[,;?]", question[found.end():], maxsplit=1)[0].strip() if found else ""


def asks_besides(question: str) -> bool:
    """Whether the question asks for something besides what it names ("Besides being deputy director, what other
    position …", "Outre son rôle à l'Académie, quel autre mandat …")."""
    return bool(_BESIDES_Q.search(question))


def asks_who(question: str) -> bool:
    """Whether the question opens by asking who (so the answer must name someone)."""
    return bool(_WHO_FIRST.match(question))


def common_word(word: str, lang: str) -> bool:
    """Whether `word` is a common word of `lang` (wordfreq Zipf ≥ 3 there, and no rarer there than in English or
    French/German): "Bezirk", "Dezember", "Intelligenz" in German, but not "Times", "Daily" or "Sun"."""
    if lang not in _LANGS:
        return False
    freq = _frequencies(word)
    return freq[lang] >= _RARE_ZIPF and freq[lang] >= max(freq.values())


def asks_path(question: str) -> bool:
    """Whether the question asks which path, file or directory."""
    return bool(_PATH_Q.search(question))


# "What does the abbreviation BIND stand for?", "Que signifie le sigle PCC ?", "Wofür steht die Abkürzung GPT?".
_ABBR = r"['\"«„“‘]?\s*([A-Z][A-Z0-9]{1,5})(?![\w-])"
_ABBREVIATION_Q = re.compile(
    # Only the keywords ignore case: the abbreviation is in capitals.
    rf"\b(?i:abbreviation|acronym|initialism|sigle|acronyme|abréviation|Abkürzung|Akronym|Kürzel)\s+{_ABBR}"
    # "What does MAILTO mean?", "Que signifie TZ ?", "Was bedeutet LANG?" ask what a variable does: only "stand for"
    # and an abbreviation keyword ask for an expansion.
    rf"|\b(?i:what\s+does)\s+(?i:the\s+)?{_ABBR}['\"”’]?\s+(?i:stand\s+for)\b"
    rf"|\b(?i:wofür\s+steht)\s+(?i:die\s+|das\s+|der\s+)?{_ABBR}"
    rf"|(?<![\w-])([A-Z][A-Z0-9]{{1,5}})['\"»“”]?\s+(?i:stands?|steht)\s+(?i:for|für)\b")


def asked_abbreviation(question: str) -> str | None:
    """The abbreviation the question asks the meaning of ("BIND"), if it asks one."""
    m = _ABBREVIATION_Q.search(question)
    return next((g for g in m.groups() if g), None) if m else None


def asks_site(question: str) -> bool:
    """Whether the question asks on which website or at which web address."""
    return bool(_SITE_Q.search(question))


def asks_identifier(question: str) -> bool:
    """Whether the question asks which variable, option, command or module."""
    return bool(_IDENTIFIER_Q.search(question))


def matches_type(wants: str | None, sentence: str) -> bool:
    """Whether a sentence can answer that kind of question (a number for "how many", ...)."""
    if wants == "number":
        return has_number(sentence)
    if wants == "date":
        return bool(_YEAR_OR_MONTH.search(sentence))
    if wants == "person":
        return bool(_PERSON.search(sentence))
    return True


_WORD_LISTS = threading.Lock()  # wordfreq fills its own caches without a lock: one thread at a time


@lru_cache(maxsize=8192)
def _frequencies(word: str) -> dict[str, float]:
    """The word's Zipf frequency in English, French and German (wordfreq; cached: answers repeat their words)."""
    from wordfreq import zipf_frequency  # its word lists load in about a second: only when a question needs them

    with _WORD_LISTS:
        return {code: zipf_frequency(word, code) for code in _LANGS}


def function_word(word: str, lang: str) -> bool:
    """Whether `word` is among the most frequent words of `lang` (Zipf ≥ 5.5: "ici", "doit", "bis", "müssen"), the
    words any sentence is made of rather than what it says."""
    return _frequencies(word).get(lang, 0.0) >= _FUNCTION_ZIPF


def _language_free(word: str, lang: str) -> bool:
    """Whether `word` is rare in English, French and German alike and no more frequent in `lang` than elsewhere."""
    freq = _frequencies(word)
    others = max(f for code, f in freq.items() if code != lang)
    return max(freq.values()) < _RARE_ZIPF and freq.get(lang, 0.0) <= others + _OWN_LEAD


def load_word_lists() -> None:
    """Load the three word lists now (about a second) rather than at the first question."""
    _language_free("warm", "en")


def identifiers(question: str, lang: str) -> list[str]:
    """The question's lowercase words that belong to no language (folded): names of commands, packages or formats
    ("sudo", "anacron"), written the same in every language, so a document that speaks of them names them. A
    translation is never looked for: embeddings put such tokens near unrelated words ("sudo" ~ "soit" 0.886)."""
    if lang not in _LANGS:
        return []  # the frequencies compared are those of these three languages
    out = []
    for m in _WORD.finditer(question):
        word = m.group()
        if question[m.end():m.end() + 1] in ("'", "’"):
            continue  # a contraction or an elision ("wasn't", "aujourd'hui"), not a name
        # Names of commands and packages are written in ASCII: "réafficher" is a rare French word, not a name.
        if (word[0].islower() and len(word) >= 3 and word.isascii() and fold(word) not in FOLDED_STOPWORDS
                and _language_free(word, lang)):
            out.append(fold(word))
    return list(dict.fromkeys(out))


def unknown_names(question: str, lang: str, lexicon: LexicalIndex | None) -> list[str]:
    """Proper names and identifiers in the question that occur nowhere in the corpus (a strong sign it cannot
    answer: "sudo" when no document mentions it).

    A name is a run of capitalised words ("Huairou Science City", "Department of Research"), not a month's name nor
    a sentence's first word; it is unknown only when none of its words occurs in the corpus. Short acronyms (GDP,
    AI, CEO) are skipped: they translate (PIB, IA, PDG).
    An identifier (see `identifiers`) is unknown when neither it nor a word sharing its first five letters occurs.
    """
    if lexicon is None:
        return []
    out = [w for w in identifiers(question, lang)
           if not any(lexicon.has_term_or_prefix(v) for vs in query_terms(w) for v in vs)]
    for m in _INSTITUTION.finditer(question):
        before = question[: m.start()].rstrip()
        if not before or before[-1] in ".?!:;«\"“„":
            continue  # a sentence-initial word ("… in yuan? Give both amounts")
        name = m.group(1)
        parts = [p for p in re.split(r"[ -]", name) if p and p not in _CONNECTORS and not _YEAR_OR_MONTH.fullmatch(p)]
        if lang == "de":
            parts = [p for p in parts if p.isupper() and len(p) > 3]  # German capitalises every noun
        parts = [p for p in parts if not (p.isupper() and len(p) <= 3)]
        if not parts:
            continue
        known = any(lexicon.has_term_or_prefix(v) for p in parts for vs in query_terms(p) for v in vs)
        if not known:
            out.append(name)
    return out
