"""Count the poster scans in the web server's access log, without tracking anyone.

Usage: python scripts/bereik.py LOG [LOG ...] [--window MINUTES]
       (or: make bereik LOG=access.log, or LOG="logs/access.log*" for rotated logs)

Writes scans per week and per code (CSV), the pages reached from posters, two charts (SVG and
PNG) and uitleg.txt to dist/bereik/. All logic lives in ervaringsdeskundigheid.outreach.reach;
this is only the command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ervaringsdeskundigheid.outreach.reach import EXPLANATION, OUTPUT_DIR, WINDOW_MINUTES, ReachError, generate_reach

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Tel hoe vaak de QR-codes van de posters zijn gescand, uit het logboek van de webserver."
    )
    parser.add_argument(
        "logs",
        nargs="*",
        metavar="LOG",
        help="het logbestand (access.log, ook .gz); meer bestanden of een patroon mag ook",
    )
    parser.add_argument(
        "--window",
        type=int,
        default=WINDOW_MINUTES,
        metavar="MINUTEN",
        help=f"dezelfde telefoon binnen zoveel minuten telt één keer (standaard {WINDOW_MINUTES})",
    )
    args = parser.parse_args(argv)
    if args.window < 1:
        print("--window moet minstens 1 minuut zijn.", file=sys.stderr)
        return 1
    try:
        run = generate_reach(ROOT, args.logs, window_minutes=args.window)
    except ReachError as error:
        print(error, file=sys.stderr)
        return 1
    tally = run.tally
    print(
        f"Klaar in {run.seconds:.1f} s: {tally.lines} regels gelezen, {tally.total_scans} scans geteld "
        f"en {sum(tally.pages.values())} pagina's bezocht via een poster."
    )
    print(
        f"Niet meegeteld: {tally.bots} door bots, {tally.repeats} herhalingen, {tally.failed} mislukt, "
        f"{tally.malformed} onleesbare regels."
    )
    print(f"De cijfers staan in {OUTPUT_DIR}/. Lees eerst {OUTPUT_DIR}/{EXPLANATION}.")
    print("Let op: het logbestand zelf bevat IP-adressen. Gooi het weg als je klaar bent.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
