"""RSS 2.0 and JSON Feed for newsletter tools: Dutch, absolute links, summaries, images."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import feedgenerator

from ..core import urls
from . import images

FEED_SIZE = 50
ALL_FEED = "feed.xml"
JSON_FEED = "feed.json"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # never valid in XML 1.0


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def kind_feed(ctype) -> str:
    return f"{ctype.list_url}feed.xml"


def _published(entry) -> dt.datetime:
    return dt.datetime.combine(entry.date, dt.time(9, 0), tzinfo=dt.timezone.utc)


def _image_url(site, entry) -> str | None:
    if not entry.image:
        return None
    return urls.absolute(site.site_url, images.default_variant(site.root, entry.image).path)


def rss(site, entries: list, title: str, path: str, page_url: str) -> str:
    """RSS 2.0 (feedgenerator): the newest articles with their summary, categories and image."""
    feed = feedgenerator.Rss201rev2Feed(
        title=title,
        link=urls.absolute(site.site_url, page_url),
        language="nl-NL",
        description=f"{title} over ervaringsdeskundigheid bij Alliantie van Kracht in Groningen en Drenthe.",
        feed_url=urls.absolute(site.site_url, path),
    )
    for entry in entries[:FEED_SIZE]:
        link = urls.absolute(site.site_url, entry.url)
        enclosures = []
        if entry.image:
            variant = images.default_variant(site.root, entry.image)
            mime = "image/webp" if variant.path.endswith(".webp") else "image/jpeg"
            enclosures.append(feedgenerator.Enclosure(_image_url(site, entry), str(len(variant.data)), mime))
        # Feed readers show <description> as HTML: the plain text goes in HTML-escaped.
        feed.add_item(
            title=_xml_text(entry.title),
            link=link,
            unique_id=link,
            unique_id_is_permalink=True,
            pubdate=_published(entry),
            description=_xml_text(html.escape(entry.description)),
            categories=[_xml_text(site.category(c).title) for c in entry.categories],
            enclosures=enclosures,
        )
    return feed.writeString("utf-8")


def json_feed(site) -> str:
    items = []
    for entry in site.articles[:FEED_SIZE]:
        item = {
            "id": urls.absolute(site.site_url, entry.url),
            "url": urls.absolute(site.site_url, entry.url),
            "title": entry.title,
            "summary": entry.description,
            "content_text": entry.description,
            "date_published": _published(entry).isoformat(),
            "tags": [site.category(c).title for c in entry.categories] + list(entry.tags),
            "language": "nl-NL",
        }
        if entry.image:
            item["image"] = _image_url(site, entry)
        items.append(item)
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Ervaringsdeskundigheid: verhalen en blogs",
            "home_page_url": urls.absolute(site.site_url, urls.HOME),
            "feed_url": urls.absolute(site.site_url, JSON_FEED),
            "language": "nl-NL",
            "items": items,
        },
        ensure_ascii=False,
        indent=1,
    )


def feed_files(site) -> dict[str, str]:
    """Every feed, by its path in the site."""
    files = {ALL_FEED: rss(site, site.articles, "Verhalen en blogs", ALL_FEED, urls.HOME), JSON_FEED: json_feed(site)}
    for ctype in site.types.values():
        if ctype.article and ctype.list_url:
            files[kind_feed(ctype)] = rss(site, site.of(ctype.id), ctype.plural, kind_feed(ctype), ctype.list_url)
    return files
