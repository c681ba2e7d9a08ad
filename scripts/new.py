"""`make new KIND=<soort> TITLE="..."`: a new item made from its content type's declaration."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ervaringsdeskundigheid.editor.scaffold import ScaffoldError, create, kinds  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0]:
        print(f'Gebruik: make new KIND=<soort> TITLE="Titel". Soorten: {", ".join(kinds())}.', file=sys.stderr)
        return 1
    try:
        path = create(ROOT, argv[0], argv[1])
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Aangemaakt in {path.relative_to(ROOT)} (als concept: draft: true).")
    print("Bekijk het met 'make serve'. Vervang de voorbeeldteksten en zet draft op false als het klaar is.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
