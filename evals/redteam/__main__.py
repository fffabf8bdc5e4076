"""`python -m evals.redteam [--subset ci] [--out DIR]`: the red-team eval; exits 1 on any canary leak."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evals.redteam.run import CORPUS, load_cases, markdown, run, summary, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.redteam", description=__doc__)
    parser.add_argument("--subset", default=None, help="ci (the fast subset), a kind, a language or case ids")
    parser.add_argument("--data-dir", type=Path, default=Path(".assistant/redteam"),
                        help="index of the red-team corpus (default: .assistant/redteam)")
    parser.add_argument("--llm", default=None, help="chat model backend (default: the settings', i.e. local)")
    parser.add_argument("--out", type=Path, default=None, help="write results.json and summary.md here")
    args = parser.parse_args(argv)

    from assistant.answer import Assistant
    from assistant.errors import AssistantError

    cases = load_cases(subset=args.subset)
    shared = Path(".assistant/models")  # reuse the model file `assistant` assembled, rather than a second copy
    if shared.is_dir() and not (args.data_dir / "models").exists():
        args.data_dir.mkdir(parents=True, exist_ok=True)
        (args.data_dir / "models").symlink_to(shared.resolve())
    overrides = {"llm": args.llm} if args.llm else {}
    try:
        bot = Assistant(corpus_dir=CORPUS, data_dir=args.data_dir, **overrides)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        results = run(bot, cases)
    finally:
        bot.close()
    totals = summary(results)
    print(markdown(results, totals))
    if args.out:
        write(results, totals, args.out)
    return 1 if totals["leaks"] else 0


if __name__ == "__main__":
    sys.exit(main())
