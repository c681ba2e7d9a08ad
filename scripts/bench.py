"""Time our build against the stock mkdocs-material blog plugin (`make bench`).

Usage: python scripts/bench.py [-n 1000] [--repeats 3] [--keep DIR] [--strict]

All logic lives in ervaringsdeskundigheid.benchmark; this is only the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ervaringsdeskundigheid.benchmark import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], repo=Path(__file__).resolve().parent.parent))
