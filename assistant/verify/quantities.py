"""Numbers: whether a cited quote states the answer's figure, of the thing asked, in the same relation."""

from __future__ import annotations

import math
import re

from assistant.numbers import Quantity, measures, quantities, same_quantity, unit_of
from assistant.questions import common_word, dates_named
from assistant.terms import Term, TermMatcher, clause_at, cognate, matches, stems_of
from assistant.verify.text import LETTERS, exonyms, is_year, own_clause, window
from vectorstore.stemming import query_terms
from vectorstore.text import FOLDED_STOPWORDS, fold, split_sentences, words

_FOLLOWING = re.compile(r"(?:[\s\u00a0\u202f-]+[^\W\d_]+){1,3}")  # words right after a number
# Two numbers that bound a range: "1 à 4", "ein bis vier", "10–15 %", "between 2 and 5". A list ("4, 2 et 1") is no
# range: "and" needs a "between" before the range.
_RANGE_JOIN = re.compile(r"\s*(?:to|à|bis|-|–|—)\s*", re.IGNORECASE)
# Verbs of change: "from X to Y" after them is a before and an after, not a range.
_CHANGE = re.compile(r"\b(?:pass\w*|augment\w*|diminu\w*|progress\w*|grimp\w*|chut\w*|baiss\w*|recul\w*|"
                     r"cro[iî]\w*|grow\w*|grew|rise|rose|risen|rising|increas\w*|decreas\w*|declin\w*|fell|fall\w*|"
                     r"drop\w*|climb\w*|jump\w*|went|gone|chang\w*|stieg\w*|steig\w*|sank|sink\w*|gesunken|"
                     r"wuchs|wachs\w*|gewachsen|erh[öo]h\w*|zugenommen|nahm\w*|ver[äa]nder\w*)\b", re.IGNORECASE)
# A figure given as the size of a change: "une augmentation de 8,7 %", "ont bondi de 9 %", "legten um 9 % zu", "rose by
# 3 %", "grew 5 %" (not "passé de", which gives where a change started).
_BY_AMOUNT = re.compile(
    r"(?:\b(?:augment\w*|hausse|croissance|progress\w*|baiss\w*|recul\w*|diminu\w*|bondi\w*|grimp\w*|chut\w*|"
    r"accroissement|grew|grow\w*|increase[ds]?|rise|rose|risen|fell|fall\w*|decrease[ds]?|declin\w*|drop\w*|climb\w*|"
    r"jump\w*|expand\w*|up|down|gestiegen|stieg\w*|gewachsen|wuchs|gesunken|sank|Anstieg|Wachstum|Zuwachs|R[üu]ckgang|"
    r"erh[öo]h\w*|zugenommen|abgenommen)\s+(?:de\s+|d['’]|by\s+|of\s+|von\s+|um\s+)?|\bum\s+)"
    r"(?:(?:plus\s+de|près\s+de|environ|more\s+than|about|nearly|mehr\s+als|rund|fast|knapp)\s+)?$", re.IGNORECASE)
# "By how much does X exceed Y": two figures compared, not a change over time.
EXCEED_Q = re.compile(r"\b(?:exceed\w*|more\s+than|larger|greater|d[ée]passe\w*|de\s+plus\s+que|[üu]bertr\w*|"
                      r"mehr\s+als|gr[öo]ßer)\b", re.IGNORECASE)
# Where a change went from and to: "de 40 % en 2021 à 70 % en 2024", "from 40 % to 70 %", "von 40 % auf 70 %".
_FROM = re.compile(r"(?:\bde|\bfrom|\bvon|d['’])\s*$", re.IGNORECASE)
_TO = re.compile(r"\s*(?:(?:(?:en|in|im|au|à\s+la\s+fin\s+de|fin|end\s+of|Ende)\s+(?:(?:the\s+)?year\s+|Jahre?\s+|"
                 r"l['’]an(?:née)?\s+)?\d{4}|\(\d{4}\))\s*)?(?:à|to|auf|bis(?:\s+auf)?|jusqu['’]à)\s+", re.IGNORECASE)
# Two counts side by side: "145 laboratoires clés nationaux et 10 …" (a few words, then "and").
_SIDE_BY_SIDE = re.compile(r"(?:\s*[^\W\d]+){0,4}\s+(?:et|and|und)\s+", re.IGNORECASE)
POINTS = re.compile(r"\s*(?:percentage\s+points?|points?|Prozentpunkte?n?|Punkte?n?)\b", re.IGNORECASE)
_AND_JOIN = re.compile(r"\s*(?:and|et|und)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|entre|zwischen)\s*$", re.IGNORECASE)
# A question asking for a bound ("at most", "maximum", "höchstens", "since which version") is answered by one end of a
# range.
BOUND_Q = re.compile(r"\b(?:max(?:imum|imal\w*|i)?|min(?:imum|imal\w*|i)|at\s+(?:most|least)|up\s+to|upper|lower|"
                     r"au\s+(?:plus|moins)|jusqu\w*|h[öo]chstens|mindestens|bis\s+(?:zu|wann)|limit\w*|grenze\w*|borne\w*|"
                     r"until|till|since|seit|depuis|ab\s+wann|ab\s+welche\w*|[àa]\s+partir|from\s+which|"
                     r"first|last|premi\w+|derni\w+|erste\w*|letzte\w*|"
                     r"high\w*|low\w*|larg\w*|small\w*|long\w*|short\w*|plus\s+(?:grand|petit|[ée]lev|bas|long|court)\w*|"
                     r"h[öo]chst\w*|gr[öo](?:ß|ss)t\w*|kleinst\w*|niedrigst\w*|l[äa]ngst\w*|k[üu]rzest\w*|"
                     r"obergrenze\w*)\b", re.IGNORECASE)
# "single-request-reopen (seit Glibc 2.9)": a version in brackets dates the word before them, and nothing else (dev
# f10-md-en-resolv-search-unlimited took it for the search list).
_DATED_HEAD = re.compile(r"([\w.-]+)\s*\(\s*(?:seit|since|depuis|ab|from|à\s+partir\s+de)\s+(?:[\w.-]+\s+){0,2}$",
                         re.IGNORECASE)


def attached_word(quote: str, q: Quantity, stated: list[Quantity]) -> str:
    """The word a number quantifies when it follows it ("42 laboratoires"), within its clause and before the
    next number; empty when none does ("a atteint 153 400, soit ...")."""
    _, end = clause_at(quote, q.start)
    later = [r.start for r in stated if q.end <= r.start < end]
    after = words(quote[q.end:min(later, default=end)])
    return after[0] if after else ""


def _words_after(answer: str, q: Quantity) -> list[tuple[str, str]]:
    """The words right after a number (token, folded): at most three, joined by spaces or hyphens, up to the first
    stopword or word of fewer than four letters (particles such as "up" or "pro" are not what is counted)."""
    run = _FOLLOWING.match(answer, q.end)
    out: list[tuple[str, str]] = []
    for token in LETTERS.findall(run.group()) if run else []:
        word = fold(token)
        if len(word) < 4 or word in FOLDED_STOPWORDS:
            break
        out.append((token, word))
    return out


def counted_terms(answer: str, q: Quantity, terms: list[Term]) -> list[Term]:
    """The question's words the answer puts right after its number ("300 unicorn companies" -> unicorn, companies).

    At most three words, joined to the number by spaces or hyphens only (a full stop or a marker ends the run), up
    to the first that is no content word of the question; words of fewer than four letters end it too: they are
    particles ("up", "pro"), not what is counted."""
    out: list[Term] = []
    for token, word in _words_after(answer, q):
        stems = stems_of(token) or {word}
        term = next((t for t in terms if not t.name and (t.word == word or t.stems & stems)), None)
        if term is None:
            break
        out.append(term)
    return out


def _names_any(said: set[str], terms: list[Term], m: TermMatcher, lang: str) -> bool:
    """Whether the words after a number name one of the terms: by stem or cognate, or, for words that are no common
    word of the answer's language, by `m`'s translations (within one language single words sit close to unrelated
    ones: "Beschäftigte" ~ "Unternehmen")."""
    stems = set().union(*(st for w in said for st in query_terms(w)))
    if any(matches(t, said, stems) for t in terms):
        return True
    foreign = {w for w in said if not common_word(w, lang)}
    return bool(foreign) and m.translations is not None and any(matches(t, foreign, set(), m.translations)
                                                                for t in terms)


def counted_noun(answer: str, q: Quantity, asked: list[str], m: TermMatcher, lang: str) -> bool | None:
    """What the noun the answer puts after its number says of a "how many" question (`asked`: the words it counts):
    True when it is one of them (or, by `m`'s translations, one of them in another language: an answer may come in
    the quotes' language, "19 usines" for "how many factories"), False when it is another ("mehr als 90
    Einhorn-Unternehmen" for "wie viele Beschäftigte", dev f14-news-de-na-zgc-employees), None when the number
    stands alone."""
    said = {word for _, word in _words_after(answer, q)}
    if not said or not asked:
        return None
    return _names_any(said, [Term(a, frozenset(stems_of(a))) for a in asked], m, lang)


def counted_elsewhere(answer: str, q: Quantity, terms: list[Term], m: TermMatcher, lang: str) -> bool:
    """False when the answer's number counts a thing the question does not name: "300 Produzenten" for "Wie hoch
    waren die Technologieverträge" (dev de-contracts-cross). Percentages, money, years and units of measure
    ("60 000 petaflops") and days of a month are no counted things; a number standing alone counts nothing."""
    if q.percent or q.money or is_year(q):
        return True
    said = _words_after(answer, q)
    if not said or measures(said[0][0]) or dates_named(said[0][0]):  # "11 décembre" is a date
        return True
    return _names_any({word for _, word in said}, terms, m, lang)


def number_supported(claim: Quantity, quote: str, quote_lang: str, asked: list[Quantity],
                     terms: list[Term], m: TermMatcher, counted: list[Term] | None = None, unit: str = "",
                     claimed: list[Quantity] | None = None, bound: bool = False, said: str = "",
                     allies: list[Quantity] | None = None) -> bool:
    """The quote states the same quantity, said of what the question asks about, in the same unit when both name
    one (`unit`: the answer's); what the answer says it counts (`counted`) stands in the number's clause of the
    quote or in a neighbouring clause. One end of a range the quote gives is supported only with the other end
    among the answer's numbers (`claimed`) or the question's, unless the question asks for a bound (`bound`). A
    version in brackets after a word ("edns0 (seit Glibc 2.6)") counts only when the question or the answer
    (`said`: both) names that word."""
    stated = quantities(quote, quote_lang)
    # Without translations a word of another language cannot be found again: only same-language words are checked.
    counted = [t for t in counted or [] if m.translations is not None or not t.lang or t.lang == quote_lang]
    # A number of the question that the quote repeats ("per 10,000 inhabitants") ties the answer to the figure
    # next to it; a year only sets the context.
    anchors = [q for q in stated if any(same_quantity(q, a) for a in asked)]
    ties = [a for a in anchors if not is_year(a)]
    # For a question that asks two things, the answer's other numbers (`allies`) are no rivals: "8,7 % … représentant
    # 46,4 % du PIB" answers growth and share both. Otherwise they are: "10 laboratories and 145 institutions" swaps.
    rivals = [q for q in stated if q.percent == claim.percent and q not in anchors and not is_year(q)
              and not any(same_quantity(q, c) for c in allies or [] if c is not claim)]
    # "4 Oktalziffern" from "1 à 4 chiffres en octal" (dev f10-md-de-chmod-octal-digits) says half of what the quote
    # says. The same value said alone elsewhere in the quote counts only where it speaks of the question more than
    # the range does: "valeurs 4, 2 et 1" does not make the range whole, "La valeur par défaut est 4" answers.
    same = [q for q in stated if same_quantity(q, claim)]
    halves = [] if bound else [q for q in same if (o := range_partner(quote, q, stated)) is not None
                               and not any(same_quantity(o, c) for c in [*(claimed or []), *asked])]
    if halves:
        top = max(m.coverage(terms, own_clause(quote, q.start), quote_lang) for q in halves)
        same = [q for q in same
                if q not in halves and m.coverage(terms, own_clause(quote, q.start), quote_lang) >= top]
    for q in (r for r in same if r not in anchors):
        if unit and unit_of(quote, q) not in ("", unit):
            continue  # "1 milliseconde" from "1 Minute"
        head = _DATED_HEAD.search(quote, max(0, q.start - 80), q.start)
        # Only when the bracket follows a word that heads its line: an option or a keyword of a manual.
        if (said and head and not quote[quote.rfind("\n", 0, head.start()) + 1:head.start()].strip()
                and not re.search(rf"(?<![\w-]){re.escape(fold(head.group(1)))}(?![\w-])", fold(said))):
            continue  # whole words: "single-request" is not "single-request-reopen"
        # "300 unicorn companies" from "300 entreprises de composants": the quote counts something else. The
        # neighbouring clauses count too: "Le nombre de stations a atteint 153 400, soit 70 pour 10 000 habitants".
        if counted and m.coverage(counted, window(quote, q.start), quote_lang) < 1.0 - 1e-9:
            continue
        if ties:
            if rivals and any(min(rivals, key=lambda r: abs(r.start - a.start)) is q for a in ties):
                return True
            continue
        # "42 laboratoires et 1 200 chercheurs": a number that quantifies another noun than the one asked about
        # is not the answer, when another number quantifies a noun of the question.
        own = attached_word(quote, q, stated)
        if not own:
            return True
        # The quote's language, not a guess from one word: "nouvelles" guessed as English was "translated" into
        # a word of a French question, and "10 nouvelles institutions" passed for the laboratories asked about.
        own_cov = m.coverage(terms, own, quote_lang)
        if all(own_cov >= m.coverage(terms, w, quote_lang)
               for w in (attached_word(quote, r, stated) for r in rivals) if w):
            return True
    return False


def range_partner(quote: str, q: Quantity, stated: list[Quantity]) -> Quantity | None:
    """The other end when the quote gives `q` as one end of a range ("1 à 4 chiffres": 1 for 4, 4 for 1). Dates such
    as "24-12-2025" are no ranges (a number joined by a hyphen to a third one is not taken), nor are years: the ends
    of a period ("2021-2025") are asked for one by one, and "en 2021 à 70 %" is no range."""
    if is_year(q):
        return None
    for r in stated:
        if r is q or is_year(r):
            continue
        lo, hi = (r, q) if r.end <= q.start else (q, r)
        gap = quote[lo.end:hi.start]
        if _RANGE_JOIN.fullmatch(gap):
            if "-" in gap and (re.match(r"[-/.]\d", quote[hi.end:hi.end + 2])
                               or re.search(r"\d[-/.]$", quote[max(0, lo.start - 2):lo.start])):
                continue  # a date ("24-12-2025")
            if _CHANGE.search(quote[clause_at(quote, lo.start)[0]:lo.start]):
                continue  # "passée de 40 % à 70 %": a change, whose end is the figure now
            return r
        if _AND_JOIN.fullmatch(gap) and _BETWEEN.search(quote[:lo.start]):
            return r
    return None


def change_end(claim: Quantity, quote: str, quote_lang: str) -> bool:
    """Whether the quote gives the figure only as one of two figures of its kind (years aside) in its clause: where a
    change went from or to ("est passé de 40 % en 2021 à 70 % en 2024", "lag 2021 bei 40 % und 2024 bei 70 %"), or
    one of two counts ("145 laboratoires … et 10 nouvelles institutions"), and not as the size of a change ("une
    augmentation de 8,7 %", "expanded 5.2 percent"; but "stieg von 40 % … auf 70 %" starts a change). Such a
    figure does not say by how much one changed or exceeds the other."""
    stated = quantities(quote, quote_lang)
    same = [q for q in stated if same_quantity(q, claim)]
    for q in same:
        a, b = clause_at(quote, q.start)
        other = [r for r in stated if r is not q and a <= r.start < b and r.percent == q.percent and not is_year(r)]
        starts = bool(_TO.match(quote, q.end)) and any(r.start > q.end for r in other)
        if not other or (_BY_AMOUNT.search(quote[a:q.start]) and not starts):
            return False
    return bool(same)


def difference_in(claim: Quantity, points: bool, quote: str, quote_lang: str, compared: bool,
                  years: list[Quantity]) -> bool:
    """Whether the claim is the difference of the only two figures of one kind (years aside) that a sentence of the
    quote states, as the two ends of a change ("passé de 40 % en 2021 à 70 % en 2024": 30 points) or, when the
    question compares two things, side by side ("145 laboratoires … et 10 …": 135). A difference of percentages
    is a percentage or points (`points`: "30 Prozentpunkte"); the years the question asks must be the sentence's."""
    for x in split_sentences(quote):
        sentence = quote[x.start:x.end]
        stated = quantities(sentence, quote_lang)
        if years and not all(any(same_quantity(y, s) for s in stated) for y in years):
            continue
        pair = [q for q in stated if not is_year(q)
                and q.money == claim.money and q.percent == (claim.percent or points)]
        if len(pair) != 2:
            continue
        a, b = pair
        gap = sentence[a.end:b.start]
        ends = bool(_FROM.search(sentence[:a.start]) and _TO.fullmatch(gap)) and bool(_CHANGE.search(sentence))
        if (ends or (compared and _SIDE_BY_SIDE.fullmatch(gap))) and math.isclose(abs(a.value - b.value), claim.value):
            return True
    return False


# Where a quote names what a percentage is a share of: "29,3 % du PIB de la ville", "30 Prozent aller Großmodelle",
# "46.4 percent of GDP", "4 % d'investissements" (a growth rate names none: "a progressé de 10,4 %, représentant …").
_SHARE_OF = re.compile(r"\s*(?:(?:du|de\s+la|des|de|of(?:\s+the)?|der|des|aller|am|an\s+der|von)(?=\s)|"
                       r"de\s+l['’]|d['’])\s*")
# Words that qualify a whole without naming it: "the city's total GDP", "der gesamten Wirtschaftsleistung".
_GENERIC = {"total", "totale", "totaux", "whole", "entire", "overall", "ensemble", "gesamt", "gesamte", "gesamten",
            "gesamter", "ganze", "ganzen"}
_ELIDED = re.compile(r"^[dl]['’]", re.IGNORECASE)
# Words after which a question's noun phrase has ended (verbs and adverbs: "large models nationwide come from", "des
# BIP macht … aus"), and French adjectives before their noun ("des grands modèles", "des nouvelles entreprises").
_PHRASE_END = {"come", "comes", "came", "goes", "go", "went", "make", "makes", "made", "account", "accounts",
               "represent", "represents", "nationwide", "macht", "machen", "stellt", "stellen", "entfallt", "entfallen",
               "landesweit", "bundesweit", "represente", "representent", "pese", "pesent"}
_LEADING = {"grand", "grande", "grands", "grandes", "nouveau", "nouvel", "nouvelle", "nouveaux", "nouvelles", "petit",
            "petite", "petits", "petites", "principal", "principale", "principaux", "principales", "premier",
            "premiere", "premiers", "premieres"}
# Acronyms of a whole and the words they stand for (compared within one language).
_SPELLED = {"pib": ("produit", "interieur", "brut"), "gdp": ("gross", "domestic", "product"),
            "bip": ("bruttoinlandsprodukt",)}


def whole_phrase(text: str, size: int = 4, noun_phrase: bool = False) -> list[str]:
    """The first `size` content words of a phrase that names a whole, as written: no stopword, number, place name,
    genitive ("Beijing's", "Pekings") or word like "total"; none when it opens with a number (a stated whole: "des
    74,87 milliards de yuans" is checked as a number). With `noun_phrase`, they end at a stopword, a name or an
    elided article after the first ("PIB municipal l'économie …" -> PIB, municipal)."""
    out: list[str] = []
    for token in re.findall(r"[\w'’-]+", text):
        if token[0].isdigit():
            if not out:
                return []
            continue
        bare = _ELIDED.sub("", token)
        word = fold(bare)
        name = bool(exonyms(word)) or bool(re.search(r"['’]s$", token))
        if out and noun_phrase and (word in FOLDED_STOPWORDS or name or _ELIDED.match(token) or word in _PHRASE_END):
            break  # the noun phrase ends here
        if (word in FOLDED_STOPWORDS or len(word) < 3 or name or word in _GENERIC
                or (noun_phrase and not out and word in _LEADING)):
            continue
        out.append(bare)
        if len(out) == size:
            break
    return out


def whole_head(text: str, lang: str) -> str:
    """The noun that names the whole a share question asks about: the first word of its noun phrase in French
    ("l'économie numérique de Beijing" -> économie), the last in English and German ("China's national key
    laboratories" -> laboratories, "der landesweiten NEV-Produktion" -> NEV-Produktion)."""
    phrase = whole_phrase(text, size=3, noun_phrase=True)
    return "" if not phrase else phrase[0] if lang == "fr" else phrase[-1]


def _names_whole(head: str, said: list[str]) -> bool:
    """The head word is one of the words, by stem or cognate, or an acronym they spell out ("PIB" for "produit
    intérieur brut"; only the known ones: initials alone would take "projets industriels bénéficiaires")."""
    folded = [fold(w) for w in said]
    h = fold(head)
    if any(h == w or cognate(h, w) or stems_of(h) & stems_of(w) for w in folded):
        return True
    spelled = _SPELLED.get(h, ())
    return bool(spelled) and any(tuple(folded[i:i + len(spelled)]) == spelled for i in range(len(folded)))


def share_whole_agrees(claim: Quantity, quote: str, quote_lang: str, head: str) -> bool:
    """For a share question that names its whole (`head`: its noun), the quote gives the claimed percentage as a share
    of that whole (among the first words of what it names), or names no whole for it: "29,3 % du PIB de la ville" is
    no share of "l'économie numérique" (dev f19-news-fr-core-share-of-digital), "29,3 % des industries numériques"
    neither. Words are compared by stem or cognate, so only within one language: across languages single words
    cannot be found again reliably (see `adds_cited_words`)."""
    for q in quantities(quote, quote_lang):
        if not (q.percent and same_quantity(q, claim)):
            continue
        found = _SHARE_OF.match(quote, q.end)
        # What it is a share of ends with its clause: "29,3 % du PIB de la ville. L'économie …" names the GDP only.
        said = whole_phrase(re.split(r"[.,;:!?()]", quote[found.end():], maxsplit=1)[0]) if found else []
        if not said or _names_whole(head, said):
            return True
    return False
