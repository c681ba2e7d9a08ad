"""One golden snapshot of the generated pages: a fixed copy of the content (tests/golden/project)
rendered to the main text of every page. A change to how pages are made shows up here as a
readable diff; when it is intended, refresh the snapshot with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

The render cache of `make serve` is checked against the same pages: after an edit it reuses only
pages that would come out the same."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from lxml import html as lxml_html

from conftest import TODAY
from ervaringsdeskundigheid.build.cache import RenderCache
from ervaringsdeskundigheid.build.session import BuildSession

GOLDEN = Path(__file__).parent / "golden"


def snapshot(project: Path) -> str:
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    parts = []
    for src in sorted(session.rendered):
        tree = lxml_html.fromstring(session.rendered[src].html)
        article = tree.find(".//article")
        text = lxml_html.tostring(article, encoding="unicode", pretty_print=True) if article is not None else ""
        parts.append(f"=== {src}\n{text.strip()}\n")
    return "\n".join(parts)


def test_generated_pages_match_the_snapshot():
    current = snapshot(GOLDEN / "project")
    expected_file = GOLDEN / "pages.txt"
    if os.environ.get("UPDATE_GOLDEN") or not expected_file.exists():
        expected_file.write_text(current, encoding="utf-8")
    assert current == expected_file.read_text(encoding="utf-8"), "run with UPDATE_GOLDEN=1 if the change is intended"


def test_the_preview_cache_reuses_only_unchanged_pages(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(GOLDEN / "project", project)
    cache = RenderCache()
    first = BuildSession(project, mode="serve", today=TODAY, cache=cache)
    first.start()
    story = next((project / "content/stories").glob("*.md"))
    story.write_text(
        story.read_text(encoding="utf-8").replace("\n---\n", "\n---\nEen nieuwe eerste zin.\n\n", 1), encoding="utf-8"
    )
    cache.hits = cache.misses = 0
    cached = BuildSession(project, mode="serve", today=TODAY, cache=cache)
    cached.start()
    fresh = BuildSession(project, mode="serve", today=TODAY)
    fresh.start()
    assert cache.hits > 0 and 0 < cache.misses < len(fresh.rendered) / 2
    assert {src: page.html for src, page in cached.rendered.items()} == {
        src: page.html for src, page in fresh.rendered.items()
    }
