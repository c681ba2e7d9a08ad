"""Blogs: Markdown files in content/blogs/, each with an author from data/authors.yml."""

from __future__ import annotations

from ..core.fields import Slug, hint
from . import articles
from .base import ContentType


class Blog(articles.Article):
    author: Slug = hint("De schrijver: een id uit data/authors.yml, zoals 'redactie'.", relation="authors",
                        example="redactie")


BLOGS = ContentType(
    id="blogs", label="Blog", plural="Blogs", schema=Blog, source="content/blogs",
    list_url="blogs/", item_url="blogs/{slug}/", description="Alle blogs over ervaringsdeskundigheid.",
    in_short="Hier lees je blogs over werken met je ervaring. Met tips en uitleg.",
    list_template="overview.html", item_template="article.html", page_size=12, summary="description",
    make_new="blog", published=articles.published, sort_key=articles.newest_first, examples=True,
    editor_hint="Blogs: meningen, tips en achtergrond.",
    extra={"checks": (articles.check_image,),
           "placeholders": ("Schrijf hier de blog.",),
           "body_template": "\nSchrijf hier de blog. Gebruik korte zinnen.\n\n## Een tussenkop\n\nMeer tekst.\n"},
)
