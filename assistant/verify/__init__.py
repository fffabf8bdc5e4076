"""Step 5, verify: the generated answer's citations must exist and each claim must be what a cited quote says.

A number is supported only by a cited quote that states the same quantity (value, scale, percentage or
not) in the right relation: when the question itself states a number that the quote repeats ("per 10,000
inhabitants"), the claimed number must stand in the same clause as it; and the clause must be among the
quote's clauses that best cover the question's key terms. A name is supported when a cited quote contains
it (or its cognate: "China" ~ "Chine") and, for a question asking which one, it stands in such a clause.
An answer must also claim something: a number for "how many", a name for "who", words beyond the question.
"""

from assistant.verify.check import relevant, verify
from assistant.verify.claims import Fact, Verification
from assistant.verify.names import about_the_names, names_a_name_twice
from assistant.verify.options import names_an_argument, spelled_out, states_default, technical_terms
from assistant.verify.quantities import range_partner
from assistant.verify.restatement import mostly_cited, repeats_open_part

__all__ = [
    "Fact",
    "Verification",
    "about_the_names",
    "mostly_cited",
    "names_a_name_twice",
    "names_an_argument",
    "range_partner",
    "relevant",
    "repeats_open_part",
    "spelled_out",
    "states_default",
    "technical_terms",
    "verify",
]
