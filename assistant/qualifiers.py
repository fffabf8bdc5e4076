"""Qualifiers that change what a figure measures, in English, French and German: a total is not what is new, a
figure at current prices is not one at constant prices.

The number checks find the same value said of the same thing; these pairs catch the same value said of the
other side of a contrast that the question draws (dev f11-news-en-na-5g-new-2025: "how many new stations in
2025" answered with "le nombre total … a atteint 153 400"; f11-news-de-na-digital-constant-prices: "zu konstanten
Preisen" answered from "(en prix courants)").
"""

from __future__ import annotations

import re

_SIDES: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (  # what is new or added in a period, against the running total
        re.compile(r"\b(?:new|newly|added|additional|nouve(?:au|aux|lle|lles|l)|supplémentaires?|"
                   r"neu(?:e[nrsm]?)?|zusätzliche?[nrsm]?)\b", re.IGNORECASE),
        re.compile(r"\b(?:total|totale|totaux|au total|en tout|cumul\w*|in total|insgesamt|gesamt\w*|"
                   r"kumul\w*)\b", re.IGNORECASE),
    ),
    (  # constant (real) prices, against current (nominal) prices
        re.compile(r"\b(?:constant|constants|constantes?|konstante?[nrsm]?|real terms|en termes réels|"
                   r"inflation-adjusted|bereinigt\w*)\b", re.IGNORECASE),
        re.compile(r"\b(?:current prices|courants?|nominal\w*|jeweilige?[nrsm]? preise\w*|laufende?[nrsm]? "
                   r"preise\w*)\b", re.IGNORECASE),
    ),
]


# Names that hold "new": the Xiong'an New Area is no new figure.
_NAMED = re.compile(r"\b(?:new (?:area|district|town|city)|nouvelle (?:zone|ville|région)|neue[nrs]? "
                    r"(?:gebiet|stadt|zone|bezirk))\b", re.IGNORECASE)


def contradicts(question: str, sentence: str) -> bool:
    """Whether the sentence qualifies its figures with the other side of a contrast the question draws, and not
    with the question's side ("total" for a question about what is new; "new and in total" is both)."""
    question, sentence = _NAMED.sub(" ", question), _NAMED.sub(" ", sentence)
    for a, b in _SIDES:
        for asked, other in ((a, b), (b, a)):
            if (asked.search(question) and not other.search(question)
                    and other.search(sentence) and not asked.search(sentence)):
                return True
    return False
