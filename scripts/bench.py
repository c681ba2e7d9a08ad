"""Time our build against the stock mkdocs-material blog plugin (`make bench`).

Usage: python scripts/bench.py [-n 600] [--repeats 3] [--keep DIR] [--strict] [--no-busy]

All logic lives in tools/benchmark.py; this is only the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools/ (the package itself is installed)

from tools.benchmark import main  # noqa: E402  (after the path)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], repo=ROOT))
