"""Qualifiers that change what a figure measures, in English, French and German: a total is not what is new, a
figure at current prices is not one at constant prices.

The number checks find the same value said of the same thing; these catch the same value said of the other side
of a contrast that the question draws (dev f11-news-en-na-5g-new-2025: "how many new stations in 2025" answered
with "le nombre total … a atteint 153 400"; f11-news-de-na-digital-constant-prices: "zu konstanten Preisen"
answered from "(en prix courants)").
"""

from __future__ import annotations

import re

_NEW = re.compile(r"\b(?:new|newly|added|additional|nouve(?:au|aux|lle|lles|l)|supplémentaires?|neu(?:e[nrsm]?)?|"
                  r"zusätzliche?[nrsm]?)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:total|totale|totaux|au total|en tout|cumul\w*|in total|insgesamt|gesamt\w*|kumul\w*)\b",
                    re.IGNORECASE)
# Only as said of prices: "resté constant" or "wuchs konstant" qualify no figure's prices.
_CONSTANT = re.compile(r"\b(?:constant prices|prix constants|konstanten preisen|real terms|termes réels|"
                       r"inflationsbereinigt\w*|inflation-adjusted)\b", re.IGNORECASE)
_CURRENT = re.compile(r"\b(?:current prices|prix courants|jeweiligen preisen|laufenden preisen|nominal\w*)\b",
                      re.IGNORECASE)
# Names that hold "new": the Xiong'an New Area, new energy vehicles or new technologies are no new figure.
_NAMED = re.compile(r"\b(?:new (?:area|district|town|city|energ\w*|materials?|technolog\w*|infrastructure|economy|"
                    r"productive forces)|nouve(?:lle|lles|aux?) (?:zone|ville|région|énergies?|matériaux|technologies?|"
                    r"infrastructures?|économie|forces productives)|neue[nrs]? (?:gebiet|stadt|zone|bezirk|energie\w*|"
                    r"materialien|technologie\w*|infrastruktur|wirtschaft|produktivkräfte))\b", re.IGNORECASE)


def contradicts(question: str, clause: str, sentence: str) -> bool:
    """Whether the figure is qualified as the other side of a contrast the question draws: its clause counts a
    total (and nothing new) for a question about what is new, or its sentence gives current prices for a question
    at constant prices, or the reverse. "Nouveau" alone proves nothing for a question about a total: French news
    says "nouvelles forces productives" of anything."""
    question, clause = _NAMED.sub(" ", question), _NAMED.sub(" ", clause)
    if _NEW.search(question) and not _TOTAL.search(question) and _TOTAL.search(clause) and not _NEW.search(clause):
        return True
    for asked, other in ((_CONSTANT, _CURRENT), (_CURRENT, _CONSTANT)):
        if asked.search(question) and not other.search(question) and other.search(sentence) \
                and not asked.search(sentence):
            return True
    return False
