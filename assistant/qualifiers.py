"""Qualifiers that change what a figure measures, in English, French and German: a total is not what is new, a
figure at current prices is not one at constant prices, a growth rate is not a share.

The number checks find the same value said of the same thing; these catch the same value said of the other side
of a contrast that the question draws (dev f11-news-en-na-5g-new-2025: "how many new stations in 2025" answered
with "le nombre total … a atteint 153 400"; f11-news-de-na-digital-constant-prices: "zu konstanten Preisen"
answered from "(en prix courants)").
"""

from __future__ import annotations

import re

_NEW = re.compile(r"\b(?:new|newly|added|additional|nouve(?:au|aux|lle|lles|l)|supplémentaires?|neu(?:e[nrsm]?)?|"
                  r"zusätzliche?[nrsm]?)\b", re.IGNORECASE)
# A question about one period alone ("in 2025 alone", "au cours de la seule année 2025") asks what is new in it.
_ALONE = re.compile(r"\b(?:alone|seule? (?:année|an|mois)|(?:année|mois) seule?|allein)\b", re.IGNORECASE)
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

# A percentage of change ("une croissance de 16,5 % en glissement annuel") against one of a whole ("représentant
# 46,4 % du PIB"): the same sign, two different figures (dev f13-news-fr-na-emerging-gdp-share).
_GROWTH = re.compile(r"\b(?:croissance|hausse|augment\w*|progress\w*|glissement annuel|sur un an|growth|grew|grow\w*|"
                     r"increas\w*|rose|rise|risen|year[- ]on[- ]year|wachstum|wuchs|gewachsen|gestiegen|stieg|"
                     r"steiger\w*|zuwachs|anstieg|vorjahr\w*|jahresvergleich)\b", re.IGNORECASE)
_SHARE = re.compile(r"\b(?:part|parts|représent\w*|proportion|pourcentage|share|accounts? for|accounting for|anteil\w*|"
                    r"machte?n?|du pib|of gdp|des bip|am bip)\b", re.IGNORECASE)


def contradicts(question: str, clause: str, sentence: str, percent: bool = False) -> bool:
    """Whether the figure is qualified as the other side of a contrast the question draws: its clause counts a
    total (and nothing new) for a question about what is new or about one period alone ("kilométrage cumulé" for
    "in 2025 alone"), or its sentence gives current prices for a question at constant prices, or the reverse; with
    `percent`, its clause gives a growth rate (and no share) for a question about a share, or the reverse.
    "Nouveau" alone proves nothing for a question about a total: French news says "nouvelles forces productives" of
    anything."""
    question, clause = _NAMED.sub(" ", question), _NAMED.sub(" ", clause)
    if ((_NEW.search(question) or _ALONE.search(question)) and not _TOTAL.search(question) and _TOTAL.search(clause)
            and not _NEW.search(clause)):
        return True
    for asked, other in ((_SHARE, _GROWTH), (_GROWTH, _SHARE)) if percent else ():
        if asked.search(question) and not other.search(question) and other.search(clause) \
                and not asked.search(clause):
            return True
    for asked, other in ((_CONSTANT, _CURRENT), (_CURRENT, _CONSTANT)):
        if asked.search(question) and not other.search(question) and other.search(sentence) \
                and not asked.search(sentence):
            return True
    return False
