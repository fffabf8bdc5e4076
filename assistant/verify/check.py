"""The orchestration: every claim of a generated answer checked against its cited quotes."""

from __future__ import annotations

import re

from assistant.citations import strip_markers
from assistant.generate import MARKER
from assistant.injection_guard import unsupported_content
from assistant.models import Evidence, GeneratedAnswer
from assistant.numbers import quantities, same_quantity, unit_of, units_named
from assistant.questions import (
    NAME_RUN,
    asked_abbreviation,
    asked_place_kind,
    asks_author,
    asks_change,
    asks_default,
    asks_how_to,
    asks_identifier,
    asks_publication,
    asks_unit,
    common_word,
    counted_words,
    figures_years,
    second_question,
    set_aside,
    share_whole,
    source_words,
    whole_counted,
)
from assistant.terms import TermMatcher
from assistant.verify.claims import Fact, Verification, claims_of, settle
from assistant.verify.dates import (
    DOCUMENT,
    ONE_YEAR,
    dated_by_context,
    dated_itself,
    figure_of_the_year,
    qualified_alike,
    timed_years,
    year_in_relation,
)
from assistant.verify.names import (
    PLACE_KINDS,
    about_the_names,
    called_a,
    gives_byline,
    name_supported,
    name_word,
    question_names,
)
from assistant.verify.options import (
    ASKS_REFERENCES,
    CODE_SPAN,
    DOMAIN,
    EXPANSION_SKIPS,
    IPV4,
    LITERAL,
    REFERENCES,
    SYMBOL,
    TECH,
    USAGE,
    address_of,
    described_as,
    names_an_argument,
    option_line,
    speaks_of,
    spelled_out,
    states_default,
    technical_terms,
    token_supported,
    with_option_line,
)
from assistant.verify.quantities import (
    BOUND_Q,
    EXCEED_Q,
    POINTS,
    change_end,
    counted_elsewhere,
    counted_noun,
    counted_terms,
    difference_in,
    number_supported,
    share_whole_agrees,
    whole_head,
)
from assistant.verify.restatement import (
    POLARITY,
    adds_cited_words,
    claims_something,
    mostly_cited,
    own_language,
    quoted_passages_ok,
    says_not_stated,
)
from assistant.verify.text import COMMON, LETTERS, is_year, name_in
from vectorstore.text import fold, words

# A capital inside a word ("OpenAI", "DeepSeek"; not "KI-Modelle"): a name even in German, which capitalises nouns
# only at their start (dev f8-news-de-na-haidian-framework-name showed an invented 'OpenAI').
_INNER_CAPITAL = re.compile(r"[a-zß-ÿ][A-ZÀ-ÖØ-Þ]")
# A version written with a "v" ("util-linux v2.22") is no quantity: it is checked as written.
_V_VERSION = re.compile(r"(?<![\w.])[vV](\d+(?:\.\d+)+)\b")


# A question that opens with which/what, after a preposition at most ("For which newspaper …", "Dans quel district
# …", "In welchem Bezirk …"; dev f9-news-en-photo-newspaper was not checked as a "which" question), or whose asking
# sentence does after a sentence of context ("Some files I archive are unreadable … Which option should I use?",
# dev f17-md-en-tar-ignore-failed-read: "--delete" from a usage line was taken as the answer).
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
_WHICH_FIRST = re.compile(r"\s*(?:(?:for|in|on|at|by|from|to|with|of|de|du|par|à|au|avec|pour|dans|sur|en|von|mit|an|"
                          r"für|bei|auf|zu|aus|nach)\s+)?(?:which|what|quel|quelle|quels|quelles|welche[mnrs]?)\b",
                          re.IGNORECASE)


def _names_asked(wants: str | None, question: str) -> bool:
    return wants == "person" or any(_WHICH_FIRST.match(s) for s in _SENTENCE_END.split(question))


def check_claims(answer: str, lang: str, quotes: list[tuple[int, Evidence]], question: str, wants: str | None,
                 m: TermMatcher) -> tuple[list[str], list[Fact]]:
    """(problems, verified facts): each number and name of the answer against the cited quotes."""
    which = _names_asked(wants, question)
    claims = claims_of(answer, lang, which)
    asked = quantities(question, lang)
    asked_years = [a for a in asked if is_year(a)]
    # The year of the figures the question reasons from is not the year it asks about, when it asks about another.
    based = figures_years(question)
    if any(int(a.value) not in based for a in asked_years):
        asked_years = [a for a in asked_years if int(a.value) not in based]
    one_year = bool(asked_years) and bool(ONE_YEAR.search(question))
    timed = timed_years(question, asked_years, lang)
    bound = bool(BOUND_Q.search(question))
    said = f"{question}\n{claims.text}"  # what names a bracketed version's head word
    terms = [t for t in m.terms(question) if not t.word.isdigit()]
    source = frozenset(source_words(question))
    published = asks_publication(question)
    document_date = published and bool(DOCUMENT.search(question))  # "when was the article published", not "cron"
    problems: list[str] = []
    facts: list[Fact] = []
    # A question that asks two things is answered by two facts: neither is the other's rival in the quote.
    two_parts = second_question(question) is not None
    allies = claims.quantities if two_parts else []
    allies_named = tuple(claims.names) if two_parts else ()
    # A number that counts another thing answers "how many" only beside one that counts the thing asked ("300
    # companies from three regions").
    counting = counted_words(question)
    whole = quantities(whole_counted(question), lang)
    share_of = whole_head(share_whole(question), lang)
    nouns = {id(q): counted_noun(claims.text, q, counting, m, lang) for q in claims.quantities}
    counts_asked = any(n is True for n in nouns.values())
    for q in claims.quantities:
        if any(same_quantity(q, a) for a in asked):
            continue  # restating the question is no claim
        text = claims.text[q.start:q.end].strip()
        if nouns[id(q)] is False and not counts_asked:
            problems.append(f"number {text!r} counts something other than what the question asks")
            continue
        if nouns[id(q)] is None and not counting and not counted_elsewhere(claims.text, q, terms, m, lang):
            problems.append(f"number {text!r} counts something the question does not name")
            continue
        counted = counted_terms(claims.text, q, terms)
        unit = unit_of(claims.text, q)
        where = [n for n, e in quotes
                 if number_supported(q, e.support, e.chunk.language or lang, asked, terms, m, counted, unit,
                                     claims.quantities, bound, said, allies)]
        if wants == "date" and is_year(q):
            where = [n for n, e in quotes if n in where and year_in_relation(q, e.support, e.chunk.language or lang,
                                                                             terms, m, source, published,
                                                                             document_date)]
        elif not is_year(q):
            where = [n for n, e in quotes if n in where and figure_of_the_year(q, e.support, e.chunk.language or lang,
                                                                               asked_years)
                     and dated_by_context(e, e.chunk.language or lang, asked_years, timed)
                     and qualified_alike(q, e.support, e.chunk.language or lang, question)
                     and (not one_year or dated_itself(q, e.support, e.chunk.language or lang, asked_years))]
        if asks_change(question):
            compared = bool(EXCEED_Q.search(question))
            where = [n for n, e in quotes if n in where and not change_end(q, e.support, e.chunk.language or lang)]
            if not where:
                # The size of a change the quote gives by its two ends is their difference, checked here.
                points = bool(POINTS.match(claims.text, q.end))
                where = [n for n, e in quotes if difference_in(q, points, e.support, e.chunk.language or lang,
                                                               compared, asked_years)]
        if whole:
            # A part of the whole the question names comes from a quote that names that whole: "11" (platforms) is
            # not how many of the 209 registered models (dev f15-news-de-na-registered-models-zgc).
            where = [n for n, e in quotes if n in where and any(
                same_quantity(w, x) for w in whole for x in quantities(e.support, e.chunk.language or lang))]
        if share_of and q.percent:
            where = [n for n, e in quotes if n in where and ((e.chunk.language or lang) != lang or share_whole_agrees(
                q, e.support, e.chunk.language or lang, share_of))]
        settle(text, where, f"number {text!r} is not what the cited quotes state", facts, problems)
    question_words = set(words(question))
    # German capitalises every noun: there only acronyms are checked, and in runs of two or more capitalised words
    # that are no stopwords, the words that are no German words ("Xi Jinping", „Beijing Times“; not "Bezirk" of
    # "Bezirk Shijingshan", nor "Künstliche Intelligenz" or "Ende Dezember"), on every question
    # (dev f7-news-de-digital-source showed „Beijing Times“ for Beijing Daily).
    person_runs = {w for r in NAME_RUN.finditer(claims.text)
                   if len(ws := [w for w in r.group(1).split() if w not in COMMON]) >= 2
                   for w in ws if not common_word(w, "de")} if lang == "de" else set()
    for name in claims.names:
        if lang == "de" and not (name.isupper() or any(c.isdigit() for c in name) or name in person_runs
                                 or _INNER_CAPITAL.search(name)):
            continue
        # "OpenAI" is no cognate of "open source": a name with a capital inside is compared whole.
        whole = fold(name.strip("'’")) if _INNER_CAPITAL.search(name) else ""
        if fold(name) in question_words or (whole in question_words if whole else name_in(name, question)):
            continue
        where = [n for n, e in quotes if name_supported(name, e.support, terms, which, m, wants == "person", question,
                                                        allies_named)
                 and (not whole or whole in words(e.support))]
        settle(name, where, f"name {name!r} is not in the cited quotes, or not in that relation", facts, problems)
    kind = asked_place_kind(question)
    if kind:
        # "In welcher Provinz liegt die Xiong'an New Area?" is not answered by "Beijing" from "aus Beijing koordinierte
        # Dienstleistungen" (dev f9-news-de-xiongan-province): the place must be called a province in a cited quote.
        said = [w for r in NAME_RUN.finditer(claims.text) for w in re.split(r"[\s-]+", r.group(1))
                if name_word(w, lang) and not name_in(w, question) and not re.match(PLACE_KINDS[kind], w, re.I)]
        # One of the places named must be called one ("Shunyi district in Beijing" names Beijing as well).
        if said and not any(called_a(name, e.support, kind) for name in said for _, e in quotes):
            problems.append(f"{', '.join(dict.fromkeys(said))}: not called a {kind} in the cited quotes")
    tokens = list(dict.fromkeys(TECH.findall(claims.text)))
    bare = tuple(t.rstrip("=") for t in tokens)
    entries = {n: with_option_line(e, question) for n, e in quotes} if tokens else {}
    aside_text = set_aside(question)
    aside = m.terms(aside_text) if aside_text else []
    quoted = dict(quotes)
    for token, plain in zip(tokens, bare, strict=True):
        if token in question:
            continue
        where = [n for n, _ in quotes if token_supported(plain, entries[n], terms, which, m, question, bare)]
        if aside and where:
            # "Apart from its PAM configuration, which configuration files does su read?" is not answered by the file
            # whose entry describes it as "fichier de configuration de PAM": that is what the question sets aside.
            kept = [n for n in where if not described_as(plain, entries[n], aside, m, quoted[n].chunk.language)]
            if not kept:
                problems.append(f"{token!r} is what the question sets aside")
                continue
            where = kept
        if where:
            facts.append(Fact(token, where[0], tuple(where)))
        elif any(plain in e.support for _, e in quotes):
            problems.append(f"{token!r} is in the cited quotes, but not where they speak of what is asked")
        else:
            problems.append(f"{token!r} is not in the cited quotes")
    for version in dict.fromkeys(_V_VERSION.findall(claims.text)):
        exact = re.compile(rf"(?<![\d.]){re.escape(version)}(?![\d]|\.\d)")
        if exact.search(question):
            continue
        where = [n for n, e in quotes if exact.search(e.support)]
        settle(version, where, f"version {version!r} is not in the cited quotes", facts, problems)
    # A code span the model writes (`options search`) claims that text word for word: a cited quote must hold it.
    code = list(dict.fromkeys(" ".join(c.split()) for c in CODE_SPAN.findall(claims.text)))
    for span in code:
        if not span or span in question or any(span == f.text for f in facts):
            continue
        where = [n for n, e in quotes if span in " ".join(e.support.split())]
        settle(span, where, f"`{span}` is not in the cited quotes", facts, problems)
    # So does a single word in quotation marks: "accepts 'pause', 'continue', 'abort'" (dev
    # f14-md-en-na-tar-checkpoint-actions) named values no cited quote holds.
    for word in dict.fromkeys(LITERAL.findall(claims.text)):
        exact = re.compile(rf"(?<![\w-]){re.escape(fold(word))}(?![\w-])")
        if not exact.search(fold(question)) and not any(exact.search(fold(e.support)) for _, e in quotes):
            problems.append(f"'{word}' is not in the cited quotes")
    # A web address is copied, never completed: it must stand in a cited quote as written.
    for domain in dict.fromkeys(d.lower() for d in DOMAIN.findall(claims.text)):
        if domain not in question.lower():
            where = [n for n, e in quotes if domain in e.support.lower()]
            settle(domain, where, f"address {domain!r} is not in the cited quotes", facts, problems)
    # An IP address answers for the host its line names (dev f19-md-en-hosts-foo-ip: "192.168.1.10" for
    # foo.example.org, a bare value with no claim the checks read); the next line's address is another host's.
    asked_ips = set(IPV4.findall(question))
    for ip in dict.fromkeys(IPV4.findall(claims.text)):
        if ip not in asked_ips:
            where = [n for n, e in quotes if address_of(ip, e.support, question)]
            settle(ip, where, f"address {ip!r} is not what the cited quotes give to what the question names", facts,
                   problems)
    if asks_unit(question):
        # "En quelle unité ?": the unit the answer names must be one a cited quote names (by the units table, so
        # "secondes" is found in "in Sekunden"), and naming none answers nothing.
        named = units_named(claims.text)
        if not named:
            problems.append("the question asks for a unit; the answer names none")
        for unit in sorted(named):
            where = [n for n, e in quotes if unit in units_named(e.support)
                     or any(unit_of(e.support, q) == unit for q in quantities(e.support, e.chunk.language or lang))]
            settle(unit, where, f"unit {unit!r} is not what the cited quotes name", facts, problems)
    problems += claims_something(claims, question, wants, asked, lang)
    return problems, facts


def verify(gen: GeneratedAnswer, evidence: list[Evidence], question: str, lang: str, wants: str | None = None,
           m: TermMatcher | None = None, relevance: float = 0.0) -> Verification:
    """Check a (found) generated answer against the evidence it cites (only that: re-citing an answer to other
    evidence that happens to hold its claims showed 3 wrong answers on dev, see docs/decisions.md)."""
    by_number = {e.number: e for e in evidence}
    cited = [n for n in gen.cited if n in by_number]
    if not cited:
        # No valid marker: attribute each stated quantity to the evidence that states it.
        for q in quantities(MARKER.sub(" ", gen.text), lang):
            cited += [n for n, e in by_number.items()
                      if n not in cited and any(same_quantity(q, s) for s in quantities(e.support, e.chunk.language))]
    if not cited:
        return Verification([], ["no valid citation"])
    m = m or TermMatcher()
    quotes = [(n, by_number[n]) for n in cited]
    problems, facts = check_claims(gen.text, lang, quotes, question, wants, m)
    if not facts and not problems and not adds_cited_words(gen.text, question, [e for _, e in quotes], lang):
        problems.append("the answer says nothing beyond the question that the cited quotes say")
    if not mostly_cited(gen.text, question, [e for _, e in quotes], lang):
        problems.append("most of what the answer adds to the question is in none of its cited quotes")
    on_topic = {n for n, e in quotes if relevant(e.support, question, m, relevance)}
    # A "see also" list supports the manual names the answer takes from it, and nothing else (dev
    # f11-md-en-na-hosts-dns-order: "/etc/hosts is consulted first" cited "gethostbyname(3), resolver(3), …").
    listing = {n for n, e in quotes if REFERENCES.fullmatch(" ".join(e.support.split()))}
    if not ASKS_REFERENCES.search(question):
        on_topic -= listing - {x for f in facts for x in f.quotes}
    if not on_topic:
        problems.append("the cited quotes do not speak of what the question asks")
    bylines = [e.chunk.byline for _, e in quotes if e.chunk.byline]
    if asks_author(question) and bylines and not gives_byline(gen.text, question, bylines, lang):
        problems.append("the question asks who wrote the document; the answer does not give its byline")
    if asks_identifier(question) and names_an_argument(gen.text, question, [e for _, e in quotes]):
        problems.append("the answer names the argument of an option's line, not an option")
    tokens = technical_terms(question)
    # A description under another option's line speaks of that option, not of one named elsewhere in its chunk (dev
    # f11-md-fr-tar-o-option: "-o" answered from the description of "--sort=ORDRE"). Only when the
    # question names one option: "what does -w do when --login cleans the environment" names a second one as context,
    # which the description of -w need not repeat.
    where = {n: f"{e.source}\n{e.chunk.title}\n{e.chunk.text}\n{e.support}" for n, e in quotes}
    options = [t for t in tokens if t.startswith("-")]
    heads = {n: option_line(e) for n, e in quotes}  # the option line each quote's description belongs to, if any
    if len(options) == 1:
        under = {n: f"{heads[n]}\n{e.support}" if heads[n] else where[n] for n, e in quotes}
    else:
        under = where

    def quote_speaks_of(token: str, n: int) -> bool:
        return speaks_of(token, under[n] if token in options else where[n])

    speaks = {n for n in where if all(quote_speaks_of(t, n) for t in tokens)}
    missing = [t for t in tokens if not any(quote_speaks_of(t, n) for n in where)]
    if missing:
        problems.append(f"the cited evidence does not speak of {', '.join(missing)}")
    symbols = [sym for sym in dict.fromkeys(SYMBOL.findall(question)) if not any(sym in e.support for _, e in quotes)]
    if symbols:
        problems.append(f"the cited quotes do not contain {', '.join(symbols)}")
    about = {n for n, e in quotes if about_the_names(question, lang, e)}
    if not about:
        names = ", ".join(" ".join(run) for run in question_names(question, lang))
        problems.append(f"the cited quotes do not speak of {names}")
    # A claim counts as a verified fact only from a quote that speaks of the question and of what it names; a claim
    # that only such other quotes hold is in the wrong relation (dev f9-md-de-chmod-silent: '--reference' from a
    # synopsis line, next to an on-topic quote from another page).
    good = on_topic & speaks & about
    if good:
        for f in facts:
            if not set(f.quotes) & good:
                problems.append(f"{f.text!r} stands only in cited quotes that do not speak of what is asked")
    facts = [Fact(f.text, n, f.also) for f in facts
             if (n := next((x for x in f.quotes if x in good), None)) is not None]
    if asks_how_to(question) and not TECH.search(strip_markers(gen.text)) and any(heads.values()):
        # "Comment rester sur le système de fichiers local ?" answered with a copy of --force-local's description ("Le
        # fichier d'archive est local …", dev f19-md-fr-tar-one-file-system): over an option's description, what to
        # do is the option; the description alone names none, and it may be another option's.
        problems.append("the question asks how to do something; the cited quote describes an option, the answer "
                        "names none")
    if not quoted_passages_ok(gen.text, [e.support for _, e in quotes]):
        problems.append("quotation not found in the cited evidence")
    if len(strip_markers(gen.text).split()) < 2 and not facts:
        problems.append("no answer text besides citation markers")
    problems += unsupported_content(gen.text, question, [e.support for _, e in quotes])
    # Only quotes that speak of what is asked count, when some do: "par défaut" in a quote from another page does
    # not make fstab's recommended "1" its default (dev f13-md-fr-fstab-freq-passno-default).
    asked = [e for n, e in quotes if n in good] or [e for _, e in quotes]
    if asks_default(question) and not any(states_default(e.support) for e in asked):
        # "Which format does tar use by default?" answered "oldgnu" from a line that lists the format (dev
        # f13-md-en-na-tar-default-format), or a default read into "Falls RemainAfterElapse= ausgeschaltet ist":
        # what the quotes state is no default, so none of it is shown as the answer either.
        return Verification(cited, [*problems, "the question asks for a default; no cited quote states one"], [])
    abbreviation = asked_abbreviation(question)
    expansions = [x for _, e in quotes if (x := spelled_out(abbreviation, e.support))] if abbreviation else []
    if abbreviation and not expansions:
        # "que signifie le sigle ACL" answered from "la prise en charge des ACL POSIX" (dev
        # f17-md-fr-na-tar-acl-meaning): a quote that only uses the abbreviation says nothing of what it stands for,
        # and the model supplies its own expansion (or restates the question).
        return Verification(cited, [*problems, f"the question asks what {abbreviation} stands for; no cited quote "
                                    "spells it out"], [])
    said = {fold(w) for w in LETTERS.findall(strip_markers(gen.text))} if expansions else set()
    if expansions and own_language([e for _, e in quotes], lang) and not any(
            all(fold(w) in said for w in LETTERS.findall(x) if w.lower() not in EXPANSION_SKIPS)
            for x in expansions):
        # In the quote's own language the answer must give the quote's expansion, every word of it: "PCC signifie
        # Parti central chinois" is not "Parti communiste chinois (PCC)". Across languages words are not compared.
        return Verification(cited, [*problems, f"the answer does not give what the cited quote says {abbreviation} "
                                    "stands for"], [])
    if POLARITY.match(strip_markers(gen.text)) and not facts:
        # "Ja, man kann … einen Kommentar hinter einen Cron-Befehl schreiben" (dev f16-md-de-crontab-inline-comment:
        # the page says the opposite): the words after the yes were in a quote, the yes itself was not checked.
        return Verification(cited, [*problems, "a yes or no answer with no verified fact: its polarity is unchecked"],
                            [])
    if says_not_stated(gen.text):
        # Whatever figures it gives then answer something else (another year, another place).
        return Verification(cited, [*problems, "the answer says the documents do not state it"], [])
    # A usage line or a "see also" list that holds none of the verified facts supports nothing the answer says: it is
    # not shown as a source (dev md-en-fu-tar-zstd cited two usage lines and a see-also list beside "--zstd").
    held = {x for f in facts for x in f.quotes}
    decorative = {n for n, e in quotes if n not in held and (n in listing or USAGE.search(e.support))}
    if facts and set(cited) - decorative:
        cited = [n for n in cited if n not in decorative]
    return Verification(cited, problems, facts)


def relevant(sentence: str, question: str, m: TermMatcher, threshold: float) -> bool:
    """Whether a sentence speaks of what the question asks (its key terms cover at least `threshold`)."""
    terms = m.terms(question)
    return not terms or m.coverage(terms, sentence) >= threshold
