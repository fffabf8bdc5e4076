"""Roles a "who" question asks for, in English, French and German: the words that name the same role.

Single-word embeddings cannot tell roles apart (multilingual-e5-small, measured: "mayor" ~ "maire" 0.891, but
"mayor" ~ "général" 0.885 and ~ "ville" 0.899), so a role the question names is matched by this list.
Entries are folded stems: a word matches when it starts with one ("maires") or, for German compounds, ends
with one ("oberbürgermeister").
"""

from __future__ import annotations

from vectorstore.text import words

ROLES: list[frozenset[str]] = [frozenset(group.split()) for group in (
    "mayor maire burgermeister",
    "governor gouverneur gouverneure gouverneurin",
    "president presidente prasident",
    "chairman chairwoman chair vorsitzend",
    "director directeur directrice direktor leiter",
    "ceo pdg geschaftsfuhrer vorstandschef",
    "secretary secretaire sekretar",
    "minister ministre",
    "founder fondateur fondatrice grunder",
    "head chef",
    "deputy adjoint adjointe stellvertret",
    "spokesperson spokesman spokeswoman porte-parole sprecher",
    "professor professeur professorin",
    "researcher chercheur chercheuse forscher",
    "engineer ingenieur",
    "academician academicien akademiemitglied",
    "author auteur autorin verfasser verfasst written wrote ecrit geschrieben",
    "maintainer mainteneur",
)]


def _matches(word: str, stem: str) -> bool:
    return word.startswith(stem) or (len(stem) >= 6 and stem in word)


def role_of(word: str) -> frozenset[str] | None:
    """The role group a question word names, if any ("mayor" → {mayor, maire, burgermeister})."""
    return next((g for g in ROLES if any(_matches(word, s) for s in g)), None)


def names_role(role: frozenset[str], text: str) -> bool:
    """Whether the text names that role in any of the three languages."""
    return any(_matches(w, s) for w in words(text) for s in role)


DEPUTY = next(g for g in ROLES if "deputy" in g)


def is_deputy(text: str) -> bool:
    """Whether the text names a deputy or a vice role ("directeur adjoint", "vice-président", "stellvertretender")."""
    return names_role(DEPUTY, text) or any(w == "vice" or w.startswith("vize") for w in words(text))
