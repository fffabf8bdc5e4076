"""The eval command line: `assistant eval ...` and `python -m evals ...` share these options."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The eval options."""
    p.add_argument("--split", choices=["dev", "test", "all"], default="all",
                   help="which gold files to run (every corpus): dev (tuning), test (held out) or all")
    p.add_argument("--gold", type=Path, action="append",
                   help="a gold file to run instead (repeatable)")
    p.add_argument("--subset", help="named subset (e.g. ci), ids, kind:X or lang:X, comma-separated")
    p.add_argument("--baseline", type=Path,
                   help="folder of baselines: fail (exit 1) when a metric moves beyond its tolerance")
    p.add_argument("--tolerance", type=float, default=0.0,
                   help="raise every metric's tolerated drop to at least this (default: per-metric tolerances)")
    p.add_argument("--write-baseline", dest="write_baseline", type=Path,
                   help="store this run's baselines in this folder")
    p.add_argument("--out", type=Path, default=Path("evals/reports/latest"), help="report folder")
    p.add_argument("--quiet", action="store_true")


def run(args: argparse.Namespace, settings) -> int:
    """Run the suite with parsed options and settings."""
    from evals.suite import gold_files, run_suite

    paths = args.gold or gold_files(args.split)
    return run_suite(settings, paths, subset=args.subset, out=args.out, baseline=args.baseline,
                     tolerance=args.tolerance, write_baseline=args.write_baseline, quiet=args.quiet)
