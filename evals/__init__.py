"""The eval suite: gold sets per corpus and split, a strict fact matcher, scorers, reports and a gate."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(__file__).with_name("gold")
GOLD_PATH = GOLD_DIR / "news.dev.yaml"
