"""`make check`: every check of the build, without building. Same steps, same Dutch
messages: the check runs the build's own session, then also looks at drafts and scheduled
items (the preview shows them). Readability hints are the build's too."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..build.session import BuildSession
from ..core.problems import ContentErrors, Problem
from ..render import readability


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


def check_project(root: Path, today: dt.date | None = None) -> CheckResult:
    result = CheckResult()
    session = BuildSession(Path(root), mode="check", today=today)
    try:
        session.start()
    except ContentErrors as errors:
        result.problems = list(errors.problems)
    drafts = BuildSession(Path(root), mode="serve", today=today)
    try:
        drafts.start()
    except ContentErrors as errors:
        result.problems += [problem for problem in errors.problems if problem not in result.problems]
    site = session.site or drafts.site
    if site is not None and not result.problems:
        result.hints = readability_hints(site) + example_hints(site)
    return result


def readability_hints(site) -> list[str]:
    return [f"{text.source} ({text.title}) is waarschijnlijk moeilijker dan taalniveau B1 "
            f"(Flesch-Douma {text.score:.0f}, streef naar {readability.B1_THRESHOLD} of hoger). "
            "Zie CONTRIBUTING.md, 'Schrijven op B1'." for text in readability.site_readability(site)
            if text.likely_above_b1]


def example_hints(site) -> list[str]:
    """Example content (`example: true`) is fine for now, but the team should know it is there."""
    examples = [item for items in site.items.values() for item in items if getattr(item.data, "example", False)]
    if not examples:
        return []
    files = sorted({item.source for item in examples})
    return [f"{len(examples)} voorbeelden (example: true) staan op de site, in: {', '.join(files)}. "
            "Vervang ze door echte inhoud (met toestemming) voordat de site live gaat."]
