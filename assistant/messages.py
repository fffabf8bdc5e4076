"""Short user-facing sentences in the three languages the assistant answers in."""

from __future__ import annotations

_MESSAGES = {
    "abstain": {
        "en": "The documents do not contain the answer to this question.",
        "fr": "Les documents ne contiennent pas la réponse à cette question.",
        "de": "Die Dokumente enthalten keine Antwort auf diese Frage.",
    },
    "extractive": {
        "en": "The documents say:",
        "fr": "Les documents indiquent :",
        "de": "Die Dokumente besagen:",
    },
    "model_down": {
        "en": "The language model is unavailable, so here is the quoted evidence instead.",
        "fr": "Le modèle de langue est indisponible ; voici les passages cités.",
        "de": "Das Sprachmodell ist nicht verfügbar; hier sind die zitierten Belege.",
    },
    "unverified": {
        "en": "The generated answer could not be verified against its sources; showing the quoted evidence.",
        "fr": "La réponse générée n'a pas pu être vérifiée ; voici les passages cités.",
        "de": "Die erzeugte Antwort ließ sich nicht belegen; hier sind die zitierten Belege.",
    },
    "sources": {
        "en": "Sources:",
        "fr": "Sources :",
        "de": "Quellen:",
    },
}


def message(key: str, lang: str) -> str:
    """The message `key` in `lang` (English when the language is not covered)."""
    table = _MESSAGES[key]
    return table.get(lang, table["en"])
