"""Make the A4 handouts: the experts overview, the menukaart and one PDF per checklist.

Usage: python scripts/handouts.py [--per regio|organisatie]
       (or: make handouts ARGS="--per organisatie")

Writes to dist/handouts/. Only people with active consent appear, with only the fields in their
consent scope, exactly as on the site. All logic lives in ervaringsdeskundigheid.outreach.handouts;
this is only the command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ervaringsdeskundigheid.core.text import dutch_date
from ervaringsdeskundigheid.outreach.handouts import (
    EXPERTS_FILE,
    GROUPINGS,
    OUTPUT_DIR,
    HandoutErrors,
    generate_handouts,
)

ROOT = Path(__file__).resolve().parent.parent


def _pages(count: int) -> str:
    return "1 pagina" if count == 1 else f"{count} pagina's"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Maak de handouts om uit te delen (PDF, A4): ervaringsdeskundigen, menukaart en checklists."
    )
    parser.add_argument(
        "--per",
        choices=list(GROUPINGS),
        default="regio",
        help="deel de ervaringsdeskundigen in per regio (standaard) of per organisatie",
    )
    args = parser.parse_args(argv)
    try:
        run = generate_handouts(ROOT, grouping=args.per)
    except HandoutErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    for name, pages in run.files.items():
        print(f"  {OUTPUT_DIR}/{name} ({_pages(pages)})")
    people = "1 ervaringsdeskundige" if run.people == 1 else f"{run.people} ervaringsdeskundigen"
    print(f"Klaar: {len(run.files)} handouts in {run.seconds:.1f} s, met {people} (alleen met toestemming).")
    for person in run.ending:
        print(
            f"Let op: de toestemming van {person.name} eindigt op {dutch_date(person.ends)}. Deel "
            f"{OUTPUT_DIR}/{EXPERTS_FILE} daarna niet meer uit en maak een nieuwe lijst (make handouts). "
            "Op de lijst staat tot wanneer hij geldt."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
