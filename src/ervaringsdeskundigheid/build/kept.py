"""What a build keeps for the next one is trusted only when this machine made it.

A build reads back what earlier builds left: conversions and the pages the consent rule found
clean (`.cache/memo`), compiled templates, photo variants, share images and the search bundle
(`.cache/`), and the short links of the published site. None of it is checked again. git ignores
these folders, but a pull request can add files there on purpose (`git add -f`), and a build of
that checkout would publish them: HTML that never went through the sanitiser, a page that names
a withdrawn person, other code. So a build refuses to start while git tracks anything there, or
when git cannot say.
"""

from __future__ import annotations

import shlex
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from ..core import git_history
from ..core.problems import Problem
from . import publish

CACHE_DIR = ".cache"  # inside the project: never shared between checkouts


def tracked_results(root: Path, published: Path | None) -> list[Problem]:
    """A Dutch problem for each folder where builds keep their results and git tracks files."""
    root = Path(root).resolve()
    folders = [CACHE_DIR]
    site = Path(published).resolve() if published is not None else None
    if site is not None and site.is_relative_to(root) and site != root:
        place = site.relative_to(root).as_posix()
        folders.append(place)
        beside = PurePosixPath(place).parent  # a build swaps the site with folders beside it
        folders += [(beside / f"{prefix}{site.name}-*").as_posix() for prefix in publish.SWAP_PREFIXES]
    listed = git_history.tracked(root, tuple(folders))
    if listed is None:
        return [_unreadable(root)] if _in_checkout(root) else []
    by_folder: dict[str, list[str]] = {}
    for name in listed:
        by_folder.setdefault(_folder_of(name, folders), []).append(name)
    return [
        Problem(
            file=names[0] if len(names) == 1 else f"{folder}/ ({len(names)} bestanden, zoals {names[0]})",
            field=None,
            message=(
                "dit staat in git, maar alleen de bouw zelf mag het maken. De bouw gebruikt het zonder het "
                "opnieuw te controleren, dus zo kan iets op de site komen dat de controles nooit zagen. "
                f"Haal het uit git en van de schijf met: git rm -r -f -- {shlex.quote(folder)} (de bouw maakt "
                "het opnieuw). Voeg deze wijziging niet samen."
            ),
        )
        for folder, names in sorted(by_folder.items())
    ]


def _folder_of(name: str, folders: list[str]) -> str:
    """The folder of `folders` that holds `name`, as git wrote it (its own letter case): the one
    to take out of git, and nothing beside it."""
    parts = PurePosixPath(name).parts
    for folder in folders:
        start = PurePosixPath(*parts[: len(PurePosixPath(folder).parts)]).as_posix()
        if fnmatchcase(start.lower(), folder.lower()):
            return start
    return parts[0]


def _in_checkout(root: Path) -> bool:
    return any((folder / ".git").exists() for folder in (root, *root.parents))


def _unreadable(root: Path) -> Problem:
    return Problem(
        file=".git",
        field=None,
        message=(
            "git kan deze map niet lezen, dus de bouw kan niet nagaan of er bestanden in git staan die alleen "
            f"de bouw zelf mag maken (in {CACHE_DIR}/ of de map van de site). Los het probleem met git op "
            "(git status laat het zien) en bouw opnieuw."
        ),
    )
