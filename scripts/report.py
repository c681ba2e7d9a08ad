"""`make report`: print the content report and write dist/rapport/index.html (for the team, not published)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from ervaringsdeskundigheid.core.problems import ContentErrors
from ervaringsdeskundigheid.editor.report import as_html, as_text, build_report

OUTPUT = ROOT / "dist" / "rapport" / "index.html"


def main() -> int:
    try:
        report = build_report(ROOT)
    except ContentErrors as errors:
        print(errors.report("Rapport niet gemaakt: {count} {noun} gevonden."), file=sys.stderr)
        return 1
    print(as_text(report))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(as_html(report), encoding="utf-8")
    print(f"\nRapport geschreven naar {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
