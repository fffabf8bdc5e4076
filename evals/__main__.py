"""`python -m evals`: the same as `assistant eval`."""

import sys

from assistant.cli import main

sys.exit(main(["eval", *sys.argv[1:]]))
