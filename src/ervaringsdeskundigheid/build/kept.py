"""What a build keeps for the next one is trusted only when this machine made it.

A build reads back what earlier builds left: conversions and the pages the consent rule found
clean (`.cache/memo`), compiled templates, photo variants, share images and the search bundle
(`.cache/`), and the short links of the published site. None of it is checked again. git ignores
these folders, but a pull request can add files there on purpose (`git add -f`), and a build of
that checkout would publish them: HTML that never went through the sanitiser, a page that names
a withdrawn person, other code. So a build refuses to start while git tracks anything there.
"""

from __future__ import annotations

from pathlib import Path

from ..core import git_history
from ..core.problems import Problem
from . import publish

CACHE_DIR = ".cache"  # inside the project: never shared between checkouts


def tracked_results(root: Path, published: Path | None) -> list[Problem]:
    """A Dutch problem for each folder where builds keep their results and git tracks files."""
    root = Path(root).resolve()
    places = [CACHE_DIR, f"{publish.STAGING_PREFIX}*", f"{publish.PREVIOUS_PREFIX}*"]
    if published is not None and Path(published).resolve().is_relative_to(root):
        places.append(Path(published).resolve().relative_to(root).as_posix())
    by_folder: dict[str, list[str]] = {}
    for name in git_history.tracked(root, tuple(places)):
        by_folder.setdefault(name.split("/")[0], []).append(name)
    return [
        Problem(
            file=names[0] if len(names) == 1 else f"{folder}/ ({len(names)} bestanden, zoals {names[0]})",
            field=None,
            message=(
                "dit staat in git, maar alleen de bouw zelf mag het maken. De bouw gebruikt het zonder het "
                "opnieuw te controleren, dus zo kan iets op de site komen dat de controles nooit zagen. "
                f"Haal het uit git en van de schijf met: git rm -r -f -- '{folder}' (de bouw maakt het opnieuw). "
                "Voeg deze wijziging niet samen."
            ),
        )
        for folder, names in sorted(by_folder.items())
    ]
