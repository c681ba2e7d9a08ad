"""An article type (in the feeds and 'Lees ook') need not have a list page of its own: its
pages then link only to pages that exist (found by the type checker: the breadcrumb took the
missing list page as a link to 'None')."""

from __future__ import annotations

import re

import pytest

from conftest import TODAY
from ervaringsdeskundigheid import types as registry
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.types import ContentType, articles
from ervaringsdeskundigheid.types.pages import ItemPages

NEWS = ContentType(
    id="news",
    label="Nieuwsbericht",
    plural="Nieuws",
    schema=articles.Article,
    source="content/nieuws",
    item_url="nieuws/{slug}/",
    pages=(ItemPages("article.html"),),
    summary="description",
    article=True,
    published=articles.published,
    sort_key=articles.newest_first,
)


@pytest.fixture
def news(project):
    folder = project / "content/nieuws"
    folder.mkdir()
    (folder / "open-dag.md").write_text(
        "---\ntitle: Open dag bij de werkplaats\ndate: 2025-01-02\ndescription: Kom langs op de open dag.\n"
        "in_short: Kom langs op de open dag.\ncategories: [werkgevers]\n---\nWe openen de deuren.\n",
        encoding="utf-8",
    )
    before = list(registry.TYPES)
    registry.register(NEWS)
    yield project
    registry.TYPES[:] = before


def test_an_article_type_without_a_list_page_links_only_to_pages_that_exist(news):
    session = BuildSession(news, mode="check", today=TODAY)
    session.start()
    outputs = session.outputs()
    page = outputs["nieuws/open-dag/index.html"]
    assert "We openen de deuren." in page
    trail = re.search(r'<nav class="ed-trail".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]*)"', trail) == ["../../", "../../werkgevers/"]
    assert "None" not in page
    assert "nieuws/open-dag/" in outputs["feed.xml"]
