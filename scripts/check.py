"""`make check`: every check of the build, without building the site.

Exit code 0 when everything is fine, 1 with Dutch messages naming file, item, field and line
otherwise. Items that stay off the site (a draft, a date ahead, no active consent) are named
either way, with the reason and what to do.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from ervaringsdeskundigheid.core.problems import ContentErrors
from ervaringsdeskundigheid.editor.check import check_project

ROOT = Path(__file__).resolve().parent.parent


def site_dir() -> Path:
    """Where `mkdocs build` publishes (mkdocs.yml's `site_dir`): the codes it published, and files
    there that git must not track, are checked."""
    try:
        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        config = None
    value = config.get("site_dir") if isinstance(config, dict) else None
    return ROOT / value if isinstance(value, str) and value.strip() else ROOT / "site"


def main() -> int:
    started = time.perf_counter()
    result = check_project(ROOT, site=site_dir())
    seconds = time.perf_counter() - started
    if result.notices:
        print(
            f"Niet op de site: {len(result.notices)} {'stuk' if len(result.notices) == 1 else 'stukken'} "
            "(geen fout, wel goed om te weten)."
        )
        for notice in result.notices:
            print(f"  - {notice}")
    if result.problems:
        print(
            ContentErrors(result.problems).report(
                "Controle mislukt: {count} {noun} gevonden. Verbeter ze en probeer het opnieuw."
            )
        )
        return 1
    for hint in result.hints:
        print(f"Tip: {hint}")
    print(f"Alles in orde: geen fouten gevonden ({seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
