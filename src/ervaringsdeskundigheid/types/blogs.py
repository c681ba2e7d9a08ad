"""Blogs: Markdown files in content/blogs/, each with an author from data/authors.yml."""

from __future__ import annotations

from typing import Any

from ..core.fields import Slug, hint
from ..core.site import Item, Site
from . import articles
from .base import ContentType
from .pages import ItemPages


class Blog(articles.Article):
    author: Slug = hint(
        "De schrijver: een id uit data/authors.yml, zoals 'redactie'.",
        label="Schrijver",
        relation="authors",
        example="redactie",
    )


def with_author(item: Item, site: Site) -> dict[str, Any]:
    return {"author": site.get("authors", item.data.author)}


BLOGS = ContentType(
    id="blogs",
    label="Blog",
    plural="Blogs",
    schema=Blog,
    source="content/blogs",
    list_url="blogs/",
    item_url="blogs/{slug}/",
    description="Alle blogs over ervaringsdeskundigheid.",
    in_short="Hier lees je blogs over werken met je ervaring. Met tips en uitleg.",
    pages=(articles.LIST, ItemPages("article.html", context=with_author)),
    summary="description",
    article=True,
    make_new="blog",
    published=articles.published,
    sort_key=articles.newest_first,
    examples=True,
    editor_hint="Blogs: meningen, tips en achtergrond.",
    checks=(articles.check_image,),
    body_template="\nSchrijf hier de blog. Gebruik korte zinnen.\n\n## Een tussenkop\n\nMeer tekst.\n",
    body_placeholders=("Schrijf hier de blog.",),
)
