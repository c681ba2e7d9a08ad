"""Make the newsletter of new stories and blogs: e-mail-safe HTML, a plain-text twin and
suggested LinkedIn posts.

Usage: python scripts/newsletter.py [--since JJJJ-MM-DD] [--date JJJJ-MM-DD] [--tool mailchimp|laposta]
       (or: make newsletter ARGS="--since 2025-09-01")
Without --since: everything since the previous newsletter in dist/newsletter/, or else the
newest stories and blogs.

Writes dist/newsletter/<datum>.html, <datum>.txt and <datum>-linkedin.txt. All logic lives in
ervaringsdeskundigheid.outreach.newsletter; this is only the command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ervaringsdeskundigheid.core.problems import ContentErrors
from ervaringsdeskundigheid.outreach.newsletter import (
    DEFAULT_TOOL,
    OUTPUT_DIR,
    TOOLS,
    NewsletterErrors,
    make_newsletter,
)

ROOT = Path(__file__).resolve().parent.parent


def _date(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SystemExit(
            f"De nieuwsbrief is niet gemaakt: {option} '{value}' is geen datum. Schrijf de datum "
            "als JJJJ-MM-DD, bijvoorbeeld 2025-09-01."
        ) from None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Maak de nieuwsbrief met de nieuwe verhalen en blogs.")
    parser.add_argument(
        "--since",
        metavar="JJJJ-MM-DD",
        help="alles wat op of na deze datum is gepubliceerd (standaard: alles sinds de vorige "
        "nieuwsbrief in dist/newsletter/, of anders de nieuwste stukken)",
    )
    parser.add_argument("--date", metavar="JJJJ-MM-DD", help="datum van de nieuwsbrief (standaard: vandaag)")
    parser.add_argument(
        "--tool",
        choices=list(TOOLS),
        default=DEFAULT_TOOL,
        help=f"het programma waarmee je verstuurt, voor de afmeldlink (standaard: {DEFAULT_TOOL})",
    )
    args = parser.parse_args(argv)
    issue = _date("--date", args.date)
    try:
        run = make_newsletter(ROOT, _date("--since", args.since), issue=issue, tool=args.tool)
    except NewsletterErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    except ContentErrors as errors:  # e.g. SECTION_TODAY is no date
        print(errors.report("De nieuwsbrief is niet gemaakt: {count} {noun} gevonden."), file=sys.stderr)
        return 1
    count = len(run.items)
    period = f"sinds {run.since.isoformat()}" if run.since else "(de nieuwste)"
    print(f"Nieuwsbrief met {count} {'stuk' if count == 1 else 'stukken'} {period}:")
    for item in run.items:
        print(f"  - {item.kind}: {item.title}")
    for path, what in (
        (run.html, f"HTML voor {TOOLS[args.tool].label}; Laposta of Mailchimp kies je met --tool"),
        (run.text, "tekstversie"),
        (run.linkedin, "voorstellen voor LinkedIn"),
    ):
        print(f"  {OUTPUT_DIR}/{path.name}  ({what})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
