"""`make check`: every check of the build, without building. Same steps, same Dutch
messages: the check runs the build's own session, then also looks at drafts and scheduled
items (the preview shows them). Readability hints and the notices of what stays off the
site are the build's too."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..build import publish
from ..build.session import BuildSession
from ..core.problems import ContentErrors, Notice, Problem
from ..core.site import Site
from ..render.readability import Readability


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # items that stay off the site, and why
    readability: list[Readability] = field(default_factory=list)  # texts likely above B1


def check_project(root: Path, today: dt.date | None = None, site: Path | None = None) -> CheckResult:
    """`site`: the folder the build publishes to (mkdocs.yml's `site_dir`; `site/` when not given)."""
    result = CheckResult()
    site = Path(site) if site is not None else Path(root) / "site"
    publish.restore_interrupted(site)  # a build killed mid-swap: its site comes back
    session = BuildSession(Path(root), mode="check", today=today, published=site)  # the last local build
    try:
        session.start()
        session.outputs()  # every step of the build, the web editor's files too
    except ContentErrors as errors:
        result.problems = list(errors.problems)
        result.notices = list(errors.notices)
    if session.site is not None:
        result.notices = list(session.site.notices)
    drafts = BuildSession(Path(root), mode="serve", today=today)
    published = _items_of(session.site)
    try:  # the preview's pages need rendering only when it has more (drafts, scheduled items)
        drafts.start(render=lambda site: published is None or _items_of(site) != published)
    except ContentErrors as errors:
        result.problems += [problem for problem in errors.problems if problem not in result.problems]
    if not result.problems:
        result.hints = session.hints()
        result.readability = [text for text in session.readability if text.likely_above_b1]
    return result


def _items_of(site: Site | None) -> set[tuple[str, str | None]] | None:
    """Every item a session renders a page or a place for, by type and key."""
    if site is None:
        return None
    return {(type_id, item.key) for type_id, items in site.items.items() for item in items}
