"""The eval suite: a gold set of questions, deterministic scorers, reports and a regression gate."""
