"""Benchmarks: numbers a user can reproduce with `./dev bench` (JSON and a markdown table per run)."""
