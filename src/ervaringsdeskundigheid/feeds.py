"""RSS 2.0 and JSON Feed for newsletter tools: Dutch, absolute links, summaries, images."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from pathlib import Path

from . import images, urls
from .model import ARTICLE_KINDS, Entry, Site

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
ALL_FEED = "feed.xml"
JSON_FEED = "feed.json"


def kind_feed(kind) -> str:
    return f"{kind.url_prefix}/feed.xml"


def _published(entry: Entry) -> dt.datetime:
    return dt.datetime.combine(entry.meta.date, dt.time(9, 0), tzinfo=dt.timezone.utc)


def _image_url(site: Site, entry: Entry) -> str | None:
    if not entry.meta.image:
        return None
    return urls.absolute(site.site_url, images.default_variant(site.root, entry.meta.image).path)


def rss(site: Site, entries: list[Entry], title: str, path: str, page_url: str) -> str:
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
        ET.SubElement(item, "title").text = entry.meta.title
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", isPermaLink="true").text = link
        ET.SubElement(item, "pubDate").text = format_datetime(_published(entry))
        ET.SubElement(item, "description").text = entry.meta.description
        for category in entry.meta.categories:
            ET.SubElement(item, "category").text = site.category(category).title
        if entry.meta.image:
            ET.SubElement(item, "enclosure", url=_image_url(site, entry), type="image/jpeg",
                          length=str(len(images.default_variant(site.root, entry.meta.image).data)))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")


def json_feed(site: Site) -> str:
    items = []
    for entry in site.entries[:FEED_SIZE]:
        item = {"id": urls.absolute(site.site_url, entry.url), "url": urls.absolute(site.site_url, entry.url),
                "title": entry.meta.title, "summary": entry.meta.description,
                "content_text": entry.meta.description, "date_published": _published(entry).isoformat(),
                "tags": [site.category(c).title for c in entry.meta.categories] + list(entry.meta.tags),
                "language": "nl-NL"}
        if entry.meta.image:
            item["image"] = _image_url(site, entry)
        items.append(item)
    return json.dumps({"version": "https://jsonfeed.org/version/1.1",
                       "title": "Ervaringsdeskundigheid: verhalen en blogs",
                       "home_page_url": urls.absolute(site.site_url, urls.HOME),
                       "feed_url": urls.absolute(site.site_url, JSON_FEED),
                       "language": "nl-NL", "items": items}, ensure_ascii=False, indent=1)


def feed_files(site: Site) -> dict[str, str]:
    """Every feed, by its path in the site."""
    files = {ALL_FEED: rss(site, site.entries, "Verhalen en blogs", ALL_FEED, urls.HOME),
             JSON_FEED: json_feed(site)}
    for kind in ARTICLE_KINDS:
        files[kind_feed(kind)] = rss(site, site.of_kind(kind), kind.plural, kind_feed(kind),
                                     urls.overview_url(kind))
    return files


def write_feeds(site: Site, site_dir: Path) -> None:
    for path, text in feed_files(site).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
