"""The consent rule on what is printed or mailed: every text of a poster, handout or newsletter,
and every file name. The site these are made from already leaves out what it may not publish
(types/privacy.py); this reads the finished texts once more, the way the website's own files are
read, so nothing a composition adds can name a person without consent. Paper cannot be taken
back: a finding here always stops the run, with a Dutch problem."""

from __future__ import annotations

from typing import Iterable

from ..core.problems import Problem
from ..core.site import Site


def printed_problems(site: Site, texts: Iterable[tuple[str, str]]) -> list[Problem]:
    """Problems for every (where, text) that names a person it may not: `where` is the file (or
    the poster) the text is printed in."""
    rule = site.extras.get("forbidden")
    if not rule:
        return []
    problems = []
    for where, text in texts:
        for finding in rule.find(text):
            problems.append(
                Problem(
                    where,
                    None,
                    (
                        f"noemt '{finding.found}', maar {finding.reason}. Dit komt op papier of in een mail; haal het "
                        "weg uit de tekst waar het vandaan komt en maak het opnieuw."
                    ),
                )
            )
    return sorted(set(problems), key=lambda problem: (problem.file, problem.message))
