"""`make new KIND=<soort> TITLE="..."`: a new item from a template (see ervaringsdeskundigheid.scaffold)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ervaringsdeskundigheid.scaffold import KINDS, create

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description="Maak een nieuw verhaal, blog of gegeven aan.")
    parser.add_argument("kind", help=f"soort: {', '.join(KINDS)}")
    parser.add_argument("title", help="titel of naam")
    args = parser.parse_args()
    try:
        path = create(ROOT, args.kind, args.title)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Aangemaakt in {path.relative_to(ROOT)} (als concept: draft: true).")
    print("Bekijk het met 'make serve'. Zet draft op false als het klaar is.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
