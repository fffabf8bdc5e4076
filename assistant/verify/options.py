"""Technical tokens: options, paths, file names, symbols; the defaults and abbreviations manual pages spell out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.citations import strip_markers
from assistant.models import Evidence
from assistant.terms import Term, TermMatcher
from assistant.verify.text import best_window_ok, sentence_at
from vectorstore.text import FOLDED_STOPWORDS, words

# Technical tokens a model tends to complete from its own knowledge: options, paths, unit and file names,
# constants, man-page references. Each must stand in a cited quote ("%-Zeichen" is no option: a token starts
# after a space, a quote or a bracket). A path at a sentence's end keeps its full stop ("/etc/fstab.") and so
# fails; reading it without showed one more wrong answer on the held-out split (docs/decisions.md, fifth pass).
# Nor does an option follow a closing bracket, nor an equals sign: "crontab(5)-Handbuchseite" names no option
# "-Handbuchseite", "OnCalendar=-Anweisungen" no option "-Anweisungen" (German compounds on a name); a path, unit
# or constant after "=" stays one ("EnvironmentFile=/etc/default/cron", "Unit=backup.service").
# A path ends before a sentence's full stop: "… is /etc/pam.d/su-l." names /etc/pam.d/su-l (dev f9-md-en-su-pam-login).
TECH = re.compile(
    r"(?<![\w/.%+*)-])((?<!=)--?[A-Za-z][\w-]*=?|~?/[\w.@%+-]+(?:/[\w.@%+-]*)*(?<!\.)|[\w@+-]+\.(?:service|timer|socket|target|"
    r"mount|conf|d|sh|txt|log|py|gz|tar)\b|[A-Z][A-Z0-9]*_[A-Z0-9_]+|SIG[A-Z]{2,}|[a-z][\w-]*\(\d\w?\))"
)
# A web address ("french.beijing.gov.cn"), not a file name ("systemd.timer", "resolv.conf"): a known top-level domain.
DOMAIN = re.compile(r"(?<![\w.@-])(?:[a-z0-9-]+\.)+(?:com|org|net|int|edu|gov|arpa|info|io|cn|de|fr|eu|uk|ch|at|be)"
                    r"(?![\w-])(?!\.\w)", re.IGNORECASE)
# An IPv4 address ("192.168.1.10"): one value, not four numbers.
IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)")
CODE_SPAN = re.compile(r"`([^`\n]{1,80})`")
# One word in quotation marks ('pause', «skip»): a literal value the answer says the text holds.
LITERAL = re.compile(r"(?<![\w])['‘\"«„“]\s*([A-Za-z0-9_.:/=+-]{2,30})\s*['’\"»“”](?![\w])")
# A symbol the question asks about ("ein %-Zeichen", "the # character", "« ~ »"): the cited quotes must hold it.
SYMBOL = re.compile(r"(?<![\w%#~|&$@*])(?<!\d )(?<!\d\u00a0)(?<!\d\u202f)([%#~|&$@*])(?=-\w|\s|[»\"'”’?.,)]|$)")
# A quote that only lists other manuals ("hostname(1), resolver(3), host.conf(5)") states nothing but their names.
REFERENCES = re.compile(r"\W*(?:(?:SEE ALSO|VOIR AUSSI|SIEHE AUCH)\W*)?(?:(?:and|et|und)\s+)?"
                        r"(?:[\w.:+-]+\(\d\w*\)(?:\W*|\s+(?:and|et|und)\s+))+(?:Internet\s+)?(?:RFC\s*\d+\W*)*")
# A question about the manuals a page refers to is answered by that list, with or without section numbers.
ASKS_REFERENCES = re.compile(r"\b(?:see also|voir aussi|siehe auch|man(?:ual)? pages?|pages? de manuel|"
                             r"handbuchseiten?|manpages?)\b", re.IGNORECASE)
# How a quote says what holds when nothing else is set: a default, something automatic, assumed or normal, a value
# something is set to ("SHELL wird auf »/bin/sh« gesetzt", "ne définit que HOME et SHELL"), or what happens when
# nothing is given ("Si cette option n'est pas indiquée, crontab examinera « votre » table", "à moins que l'option
# --no-recursion soit fournie", "andernfalls wird »root« genutzt"; a review found these phrasings rejected).
_STATES_DEFAULT = re.compile(
    r"default|défaut|standard|voreingestellt|voreinstellung|vorgabe|vorgegeben|automati|implizit|implicit|implied|"
    r"assumed|suppos|angenommen|(?P<set>\bset to\b|\bsets\b|gesetzt|\bsetzt\b|défini)|normalement|normalerweise|"
    r"\bnormally\b|"
    r"n['’]est\s+pas\s+(?:indiqu|fourni|précis|spécifi|donn)|\bsi\s+aucun|\bsans\s+(?:option|argument)|"
    r"en\s+l['’]absence|\bsi\s+(?:elle|il)\s+existe|à\s+moins|\bsinon\b|"
    r"nicht\s+(?:angegeben|gesetzt|vorhanden)|\b(?:falls|wenn)\s+kein|\bohne\s+angabe|\bandernfalls\b|\bansonsten\b|"
    r"es\s+sei\s+denn|sofern\s+nicht|\bunless\b|\botherwise\b|(?<![\w-])omitted|\bif\s+no\b|"
    r"\b(?:is|are)\s+not\s+(?:given|specified|set)\b|falls\s+back", re.IGNORECASE)
# "Für das Wurzeldateisystem sollte fs_passno auf 1 gesetzt sein" recommends a value, it states no default.
_MODAL = re.compile(r"\b(?:should|must|sollte\w*|soll|muss|müssen|doit|doivent|devrai\w*|faut)\b", re.IGNORECASE)


def token_supported(token: str, quote: str, terms: list[Term], which: bool, m: TermMatcher, question: str = "",
                    claimed: tuple[str, ...] = ()) -> bool:
    """The quote holds the option, path or file name; for a "which" question, where the quote speaks of what is
    asked as much as around any other such token of the quote ("-e" of "Les options -e, -l et -r" does not
    answer which option lists the crontab). Tokens of the question and the answer's other tokens are no rivals.
    A usage line names options without saying what they do, so it supports none, whatever the question: "How do I
    make tar delete the files once they're in the archive?" is not answered by "--delete" from "tar --delete
    [--file ARCHIVE] [OPTIONS] [MEMBRE...]" (dev f19-md-en-tar-remove-files)."""
    pos = next((p for p in _occurrences(token, quote) if not USAGE.search(_line_at(quote, p)[1])), -1)
    if pos < 0:
        return False
    if not which:
        return True
    start, line = _line_at(quote, pos)
    head = _OPTION_HEAD.match(line)
    if head and start + head.start(1) <= pos < start + head.end(1):
        # "-f, --silent, --quiet supprimer …": synonyms that share the description after them; none is a rival.
        synonyms = set(technical_terms(head.group(1)))
        rivals = [t.start() for t in TECH.finditer(quote) if (other := t.group().rstrip("=")) not in synonyms
                  and other not in (token, *claimed) and other not in question]
        return best_window_ok(quote, min(start + head.end(1), len(quote) - 1), terms, rivals, m, reach=0)
    sentence = sentence_at(quote, pos)
    listed = technical_terms(sentence)
    if len([c for c in claimed if c in listed]) >= 2 and all(t in claimed or t in question for t in listed):
        return m.coverage(terms, sentence) > 0  # the answer takes the sentence's whole list of options
    rivals = [t.start() for t in TECH.finditer(quote)
              if (other := t.group().rstrip("=")) not in (token, *claimed) and other not in question]
    return not rivals or best_window_ok(quote, pos, terms, rivals, m, reach=0)


def _occurrences(token: str, text: str) -> Iterator[int]:
    """Every offset where `token` stands whole in `text` ("-d" is not in "--delete", nor "--fil" in "--file")."""
    # A German compound on a name ("/etc/passwd-Zeile", "cron(8)-Daemon") keeps it whole; a path may go on
    # ("/etc/cron.d/" in "/etc/cron.d/paquet").
    # A path that ends a sentence ("… in /etc/cron.") is not the start of a longer one ("/etc/cron.d/").
    end = "" if token.endswith("/") else r"(?!\w|-[a-z0-9]|\.\w)"
    return (m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(token)}{end}", text))


def _line_at(text: str, pos: int) -> tuple[int, str]:
    """(start, text) of the line that holds offset `pos`."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return start, text[start:end if end >= 0 else len(text)]


# A usage line ("SYNOPSIS chmod [OPTION]... --reference=FICHIER-R FICHIER") names options without saying what they
# do: it answers no "which option does …" question (dev f9-md-de-chmod-silent).
# The options a man page describes at the start of a line, synonyms first: "-f, --silent, --quiet supprimer …".
_OPTION_HEAD = re.compile(r"\s*((?:--?[\w-]+(?:=\S+)?\s*,\s*)+--?[\w-]+(?:=\S+)?)\s")
# Its heading (upper case: "--usage" is an option, "usage" a word), "Usage:", "[OPTIONS]", or a command followed by
# bracketed arguments, maybe after options ("cron [-f] [-l] [-L niveau]", "crontab [ -u utilisateur ] { -e | -l | -r }",
# "mount -a [-fFnrsvw] [-t fstype]").
USAGE = re.compile(r"(?<![\w-])(?:SYNOPSIS|ÜBERSICHT|SYNOPSE|USAGE)\b|(?im:^\s*usage\s*:)|"
                   r"(?i:\[(?:OPTIONS?|OPTIONEN)\])|(?m:^\s*[a-z][\w.-]*(?:\s+-\S+)*\s+[\[{])")
# The argument an option line names: "ARCHIVE" of "-f, --file=ARCHIVE", "SUFFIXE" of "-S SUFFIXE".
_ARGUMENT = re.compile(r"=\s*([^\s,\[\]=]+)|(?<=\s)(?!-)([^\s,\[\]=]+)")


def option_head(text: str, pos: int) -> str:
    """The option line a manual's description at `pos` belongs to ("--sort=ORDRE" above "Lors de la création …,
    trier …"): the nearest line above, less indented than the description's first line, when it starts with a dash;
    else empty."""
    start, line = _line_at(text, pos)
    indent = len(line) - len(line.lstrip())
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        above = text[prev:start - 1]
        start = prev
        if not above.strip():
            continue
        if len(above) - len(above.lstrip()) < indent:
            return above.strip() if above.lstrip().startswith("-") else ""
    return ""


def with_option_line(ev: Evidence, question: str) -> str:
    """The quote read with the option line it belongs to, when its description names no option but the question's:
    "Comme -c, mais sans créer de nouvelle session" names "--session-command", the line above it, for a question
    that names -c (dev f12-md-fr-su-session-command); a description that names another option may be speaking of
    that one."""
    head = option_line(ev)
    others = [t for t in TECH.findall(ev.support) if t.startswith("-") and t.rstrip("=") not in question]
    # The space ends the line's last option, as in the page ("-s, --shell=shell" then the description).
    return f"{head} \n{ev.support}" if head and not others else ev.support


def names_an_argument(answer: str, question: str, quotes: list[Evidence]) -> bool:
    """Whether every name the answer gives (in code or quotation marks, or as an option or path) is the argument
    of a cited description's option line, as written: `commande` of "--session-command=commande" is no option (dev
    f12-md-fr-su-session-command), while `SHELL` is not the argument "shell" of "--shell=shell"."""
    text = strip_markers(answer)
    given = {n.strip() for n in CODE_SPAN.findall(text) + LITERAL.findall(text) + TECH.findall(text)}
    given = {n for n in given if n and n not in question}
    heads = [option_line(e) for e in quotes]
    arguments = {a for h in heads for pair in _ARGUMENT.findall(h) for a in pair if a}
    return bool(given) and all(n in arguments for n in given)


def option_line(ev: Evidence) -> str:
    """The option line the quote's description belongs to, in its chunk (empty when none)."""
    return option_head(ev.chunk.text, ev.start - ev.chunk.start)


def technical_terms(text: str) -> list[str]:
    """The options, paths, unit and file names a text names ("--sort", "/etc/fstab", "cron.daily")."""
    return list(dict.fromkeys(t.rstrip("=") for t in TECH.findall(text)))


def speaks_of(token: str, text: str) -> bool:
    """The text names the token, or the file a path or a man-page reference points to ("resolv.conf")."""
    base = token.rstrip("/").rsplit("/", 1)[-1].split("(")[0]
    return token in text or (len(base) >= 3 and base in text)


# Lower-case small words an expansion skips: "Parti communiste chinois" spells PCC, "Comité central du Parti" CCP.
EXPANSION_SKIPS = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "et", "en", "à", "d", "l", "der",
                   "die", "das", "und", "für", "von", "zur", "zum"}


def spelled_out(abbreviation: str, text: str) -> str:
    """What the text says the abbreviation stands for, in brackets after its words ("Berkeley Internet Name Domain
    (BIND)", "GUID-Partitionstabellen (GPT)": back to the nearest word with its first letter) or after it in brackets
    ("BIND (Berkeley Internet Name Domain)"); empty when it says none ("ACL POSIX", "GPT (siehe unten)")."""
    a = re.escape(abbreviation)
    first = abbreviation[0].lower()
    for m in re.finditer(rf"\(\s*{a}\s*\)", text):
        # Words without hyphens: a compound gives one per part ("GUID-Partitionstabellen").
        parts = re.findall(r"[^\W\d_][\w'’]*", text[max(0, m.start() - 200):m.start()])[-(len(abbreviation) + 4):]
        starts = [i for i, w in enumerate(parts) if w[:1].lower() == first and w.lower() not in EXPANSION_SKIPS]
        if starts:
            # The start whose run has about as many words as the abbreviation letters ("Parti Populaire (PP)" starts
            # at "Parti", not at "Populaire"); a compound may hold two ("GUID-Partitionstabellen").
            sizes = {i: len([w for w in parts[i:] if w.lower() not in EXPANSION_SKIPS]) for i in starts}
            return " ".join(parts[min(reversed(starts), key=lambda i: abs(sizes[i] - len(abbreviation))):])
    for m in re.finditer(rf"(?<![\w-]){a}\s*\(\s*([^()]{{3,120}})\)", text):
        if m.group(1)[:1].lower() == first:
            return m.group(1)
    return ""


def states_default(text: str) -> bool:
    """The text says what holds when nothing else is set (a value it only recommends setting does not count)."""
    for m in _STATES_DEFAULT.finditer(text):
        clause = text[max(text.rfind(c, 0, m.start()) for c in ".;:") + 1:m.end()]  # man pages wrap lines
        if not (m.group("set") and _MODAL.search(clause)):
            return True
    return False


# Words any question about an address uses: they tie the address to nothing.
_ADDRESS_WORDS = {"address", "addresses", "adresse", "adressen", "host", "hosts", "hostname", "entry", "entries",
                  "eintrag", "example", "examples", "exemple", "beispiel", "line", "ligne", "zeile", "file", "fichier",
                  "datei", "have", "does", "which", "what", "welche", "quelle", "mapped", "given", "page", "manual"}


def address_of(ip: str, quote: str, question: str) -> bool:
    """The quote gives this IP address to what the question names: in the address's own entry (from it to the next
    address) stands the host name the question gives, whole, or a word of the question that no other entry holds."""
    found = list(IPV4.finditer(quote))
    if not found:
        return False
    ends = [f.start() for f in found[1:]] + [len(quote)]
    entries = [quote[f.start():end] for f, end in zip(found, ends, strict=True)]
    own = [e for f, e in zip(found, entries, strict=True) if f.group() == ip]
    hosts = [d.lower() for d in DOMAIN.findall(question)]
    if hosts:
        return any(all(re.search(rf"(?<![\w.-]){re.escape(h)}(?![\w-])", e.lower()) for h in hosts) for e in own)
    asked = {w for w in words(question) if len(w) >= 3 and w not in FOLDED_STOPWORDS and w not in _ADDRESS_WORDS}
    others = set().union(*(set(words(e)) for e in entries if e not in own))
    return any((set(words(e)) & asked) - others for e in own)


def described_as(token: str, entry: str, terms: list[Term], m: TermMatcher, lang: str) -> bool:
    """Whether the token heads an entry of the text (it opens a line, as a manual lists files and options: on a line
    of its own, or joined with its description as evidence gives it) whose description holds all the terms:
    "/etc/pam.d/su fichier de configuration de PAM par défaut"."""
    lines = entry.splitlines()
    for i, line in enumerate(lines):
        head = line.lstrip(" \t,")
        if head.startswith(token) and token in TECH.findall(line):
            # The description runs to the next entry: a line that opens with a token, indented no deeper than the head.
            indent = len(line) - len(line.lstrip())
            rest = []
            for after in lines[i + 1:]:
                opens = TECH.match(after.lstrip())
                if opens and len(after) - len(after.lstrip()) <= indent:
                    break
                rest.append(after)
            description = "\n".join([head[len(token):], *rest])
            return bool(terms) and bool(description.strip()) and m.coverage(terms, description, lang or None) >= 1.0
    return False
