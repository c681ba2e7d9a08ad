"""`make new KIND=<soort> TITLE="..."`: a new item made from its content type's declaration."""

from __future__ import annotations

import sys
from pathlib import Path

from ervaringsdeskundigheid.core.problems import ContentErrors
from ervaringsdeskundigheid.editor.scaffold import ScaffoldError, create, kinds, with_github_links

ROOT = Path(__file__).resolve().parent.parent

GUIDE = ROOT / "CONTRIBUTING.md"


def write_links() -> int:
    """The links to GitHub's new-file page in CONTRIBUTING.md, for the repository in data/site.yml."""
    from ervaringsdeskundigheid.editor.scaffold import guide_repository

    repository = guide_repository(ROOT)
    GUIDE.write_text(with_github_links(GUIDE.read_text(encoding="utf-8"), repository), encoding="utf-8")
    print(f"De links in {GUIDE.name} zijn bijgewerkt voor {repository}.")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--links"]:
        return write_links()
    if len(argv) != 2 or not argv[0]:
        print(f'Gebruik: make new KIND=<soort> TITLE="Titel". Soorten: {", ".join(kinds())}.', file=sys.stderr)
        return 1
    try:
        path = create(ROOT, argv[0], argv[1])
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    except ContentErrors as errors:  # e.g. SECTION_TODAY is no date
        print(errors.report("Er is niets aangemaakt: {count} {noun} gevonden."), file=sys.stderr)
        return 1
    print(f"Aangemaakt in {path.relative_to(ROOT)} (als concept: draft: true).")
    print("Bekijk het met 'make serve'. Vervang de voorbeeldteksten en zet draft op false als het klaar is.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
