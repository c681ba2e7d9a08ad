"""`make check`: validate all content and data without building the site.

Exit code 0 when everything is fine, 1 with Dutch messages otherwise.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ervaringsdeskundigheid.check import check_project
from ervaringsdeskundigheid.problems import ContentErrors

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    started = time.perf_counter()
    problems = check_project(ROOT)
    seconds = time.perf_counter() - started
    if problems:
        print(ContentErrors(problems).report("Controle mislukt: {count} {noun} gevonden."))
        return 1
    print(f"Alles in orde: geen fouten gevonden ({seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
