"""RSS 2.0 and JSON Feed for newsletter tools: Dutch, absolute links, summaries, images."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from ..core import urls
from . import images

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
ALL_FEED = "feed.xml"
JSON_FEED = "feed.json"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")   # never valid in XML 1.0


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
    ET.register_namespace("atom", ATOM)
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = urls.absolute(site.site_url, page_url)
    ET.SubElement(channel, "description").text = (
        f"{title} over ervaringsdeskundigheid bij Alliantie van Kracht in Groningen en Drenthe.")
    ET.SubElement(channel, "language").text = "nl-NL"
    ET.SubElement(channel, f"{{{ATOM}}}link", href=urls.absolute(site.site_url, path), rel="self",
                  type="application/rss+xml")
    if entries:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(_published(entries[0]))
    for entry in entries[:FEED_SIZE]:
        link = urls.absolute(site.site_url, entry.url)
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = _xml_text(entry.title)
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", isPermaLink="true").text = link
        ET.SubElement(item, "pubDate").text = format_datetime(_published(entry))
        # Feed readers show <description> as HTML: the plain text goes in HTML-escaped.
        ET.SubElement(item, "description").text = _xml_text(html.escape(entry.description))
        for category in entry.categories:
            ET.SubElement(item, "category").text = _xml_text(site.category(category).title)
        if entry.image:
            ET.SubElement(item, "enclosure", url=_image_url(site, entry), type="image/jpeg",
                          length=str(len(images.default_variant(site.root, entry.image).data)))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")


def json_feed(site) -> str:
    items = []
    for entry in site.articles[:FEED_SIZE]:
        item = {"id": urls.absolute(site.site_url, entry.url), "url": urls.absolute(site.site_url, entry.url),
                "title": entry.title, "summary": entry.description,
                "content_text": entry.description, "date_published": _published(entry).isoformat(),
                "tags": [site.category(c).title for c in entry.categories] + list(entry.tags),
                "language": "nl-NL"}
        if entry.image:
            item["image"] = _image_url(site, entry)
        items.append(item)
    return json.dumps({"version": "https://jsonfeed.org/version/1.1",
                       "title": "Ervaringsdeskundigheid: verhalen en blogs",
                       "home_page_url": urls.absolute(site.site_url, urls.HOME),
                       "feed_url": urls.absolute(site.site_url, JSON_FEED),
                       "language": "nl-NL", "items": items}, ensure_ascii=False, indent=1)


def feed_files(site) -> dict[str, str]:
    """Every feed, by its path in the site."""
    files = {ALL_FEED: rss(site, site.articles, "Verhalen en blogs", ALL_FEED, urls.HOME),
             JSON_FEED: json_feed(site)}
    for ctype in site.types.values():
        if ctype.article and ctype.list_url:
            files[kind_feed(ctype)] = rss(site, site.of(ctype.id), ctype.plural, kind_feed(ctype), ctype.list_url)
    return files
