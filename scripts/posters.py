"""Make the print-ready posters and banners from data/partners.yml.

Usage: python scripts/posters.py [--partner ID] [--format A4|A3|A2|banner]
       (or: make posters ARGS="--partner lefier")

Writes PDFs, PNG previews, manifest.json, drukorder.csv and voor-de-drukker.txt to
dist/posters/, and records the printed codes in data/issued_codes.yml (commit that file).
All logic lives in ervaringsdeskundigheid.outreach; this is only the command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ervaringsdeskundigheid.types.partners import FORMATS, ISSUED_FILE
from ervaringsdeskundigheid.outreach.posters import (
    OUTPUT_DIR,
    PRINT_ORDER,
    PRINTER_NOTE,
    PosterErrors,
    generate_posters,
)

ROOT = Path(__file__).resolve().parent.parent


def _copies(count: int) -> str:
    return "1 exemplaar" if count == 1 else f"{count} exemplaren"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Maak de posters en banners met QR-code (PDF voor de drukker, PNG als voorbeeld)."
    )
    parser.add_argument("--partner", metavar="ID", help="alleen de posters van deze partner (id uit data/partners.yml)")
    parser.add_argument("--format", metavar="FORMAAT", dest="fmt", help=f"alleen dit formaat: {', '.join(FORMATS)}")
    args = parser.parse_args(argv)

    def progress(done: int, total: int, entry: dict) -> None:
        print(
            f"[{done:>{len(str(total))}}/{total}] {entry['partner']} · {entry['location']} · "
            f"{entry['format']} · {_copies(entry['copies'])} → {entry['file']}",
            flush=True,
        )

    print(f"Posters maken in {OUTPUT_DIR}/ ...", flush=True)
    try:
        run = generate_posters(ROOT, partner=args.partner, fmt=args.fmt, issue=True, progress=progress)
    except PosterErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    copies = sum(entry["copies"] for entry in run.manifest)
    print(f"Klaar: {run.count} bestanden voor {copies} exemplaren in {run.seconds:.1f} s.")
    print(f"Drukorder: {OUTPUT_DIR}/{PRINT_ORDER}. Uitleg voor de drukker: {OUTPUT_DIR}/{PRINTER_NOTE}")
    if run.new_codes:
        print(
            f"Nieuwe codes vastgelegd in {ISSUED_FILE}: {', '.join(run.new_codes)}. "
            "Zet dat bestand in git (commit), zodat deze codes altijd blijven werken."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
