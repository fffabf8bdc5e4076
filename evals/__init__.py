"""The eval suite: a gold set of questions, deterministic scorers, reports and a regression gate."""

from pathlib import Path

GOLD_PATH = Path(__file__).with_name("gold.yaml")
