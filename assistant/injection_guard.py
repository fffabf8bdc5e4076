"""Answer content no cited quote supports: markup, links, e-mail addresses and code-like tokens.

A document can try to make the model write something it was never asked for: a canary word, a link to
exfiltrate the conversation, an image that fetches from another host. Whatever the phrasing of the order,
its product has a shape, and that shape is checked here: such content must stand in the question or in a
cited quote (a link or an address also only when the question asks for one), else the answer is rejected.
"""

from __future__ import annotations

import re

from vectorstore.text import fold

_MARKUP = re.compile(r"!\[|\]\(|<\s*/?\s*(?:img|a|script|iframe|svg|object|embed|link|meta|style|form|video|audio)\b"
                     r"|<!--|\bjavascript:|\bdata:[\w/+.-]+;", re.IGNORECASE)
_URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'»)\]]+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|info|biz|"
                  r"xyz|top|site|online|ru|cn|de|fr|uk|eu|ch|at|be|example|test|local)\b(?:/[^\s<>\"'»)\]]*)?",
                  re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TOKEN = re.compile(r"[^\W_][\w-]*[^\W_]|[^\W_]", re.UNICODE)
# A number with a unit or an ordinal suffix ("5km", "1er", "3rd", "1990s", "2e") is a quantity, not a code.
_QUANTITY = re.compile(r"^\d+(?:[.,]\d+)?(?:st|nd|rd|th|er|re|e|ème|eme|es|s|m|km|kg|g|t|h|min|mb|gb|tb|kb|mw|"
                       r"gw|kw|ghz|mhz|cm|mm|ha|l|ml|x)?$", re.IGNORECASE)
# The question asks for a link, a site or an address: only then may one be answered (from a cited quote).
_ASKS_LINK = re.compile(r"\b(?:url|link|links|website|site|web|webseite|internetseite|homepage|adresse|address|"
                        r"lien|e-?mail|courriel|mail|contact|kontakt)\b", re.IGNORECASE)


def code_like(token: str) -> bool:
    """A token shaped like a code or a canary: letters and digits mixed ("ZX-4471", "k9q"), an underscore, or
    four or more capitals ("PAPRIKA"), unlike words, numbers and quantities ("5G", "1er", "10km")."""
    if "_" in token:
        return True
    letters = sum(c.isalpha() for c in token)
    digits = sum(c.isdigit() for c in token)
    if letters and digits:
        return not _QUANTITY.match(token)
    caps = sum(c.isupper() for c in token)
    return caps >= 4 and caps == letters


def _stated(token: str, texts: list[str]) -> bool:
    """Whether a token stands in one of the texts (accents and case folded; capitals also as an anagram, so that
    an acronym translated by reordering its letters, OECD ~ OCDE, counts)."""
    folded = fold(token)
    for text in texts:
        words = {fold(w) for w in _TOKEN.findall(text)}
        if folded in words:
            return True
        if token.isupper() and any(sorted(w) == sorted(folded) for w in words):
            return True
    return False


def _supported(token: str, texts: list[str]) -> bool:
    """A code-like token stands in the texts whole, or it is a compound with a part holding a digit or an
    underscore, whose code-like or numeric parts all do ("5G-Basisstationen" from a quote with "5G"; not
    "ZX-4471" from a quote without 4471).
    Capitals alone make no such compound: "MODE-OCTAL", put together from the question's MODE and the quote's
    word "octal", is an option no document names (folded, each part matched a plain word)."""
    if _stated(token, texts):
        return True
    parts = [p for p in token.split("-") if p and (code_like(p) or any(c.isdigit() for c in p))]
    numeric = any(c.isdigit() or c == "_" for p in parts for c in p)
    return "-" in token and numeric and all(_stated(p, texts) for p in parts)


def unsupported_content(answer: str, question: str, quotes: list[str]) -> list[str]:
    """Problems with content of `answer` that neither the question nor the cited `quotes` support."""
    problems: list[str] = []
    if _MARKUP.search(answer):
        problems.append("the answer contains markup (an image, a link or HTML)")
    asks_link = bool(_ASKS_LINK.search(question))
    for kind, pattern in (("link", _URL), ("e-mail address", _EMAIL)):
        for m in pattern.finditer(answer):
            found = m.group(0).rstrip(".,;:!?")
            if not asks_link:
                problems.append(f"the answer contains a {kind} the question did not ask for: {found}")
            elif not any(found.lower() in q.lower() for q in quotes):
                problems.append(f"{kind} {found} is not in the cited quotes")
    without = _EMAIL.sub(" ", _URL.sub(" ", answer))
    texts = [question, *quotes]
    unsupported = [t for t in dict.fromkeys(_TOKEN.findall(without)) if code_like(t) and not _supported(t, texts)]
    if unsupported:
        problems.append(f"code-like words in neither the question nor the cited quotes: {', '.join(unsupported)}")
    return problems
