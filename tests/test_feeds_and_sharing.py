"""Feeds for newsletter tools, share links and related items."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import feedparser
import yaml

from conftest import ROOT

SITE_URL = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))["site_url"]


def local_path(site, url: str):
    assert url.startswith(SITE_URL), url
    relative = url[len(SITE_URL):]
    return site / relative / "index.html" if relative.endswith("/") or not relative else site / relative


def test_rss_feeds_parse_and_link_to_existing_pages(repo_site):
    for path, prefix in (("feed.xml", ""), ("verhalen/feed.xml", "verhalen/"), ("blogs/feed.xml", "blogs/")):
        feed = feedparser.parse((repo_site / path).read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.version == "rss20"
        assert feed.feed.language == "nl-NL"
        assert feed.entries, path
        for entry in feed.entries:
            assert entry.link.startswith(SITE_URL + prefix)
            assert local_path(repo_site, entry.link).is_file(), entry.link
            assert entry.summary
    stories = feedparser.parse((repo_site / "verhalen/feed.xml").read_bytes())
    assert all("/verhalen/" in e.link for e in stories.entries)


def test_json_feed_parses_with_absolute_links(repo_site):
    # feedparser 6.0 reads no JSON Feed; check the JSON Feed 1.1 required fields directly.
    data = json.loads((repo_site / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1" and data["title"]
    assert data["language"] == "nl-NL" and data["items"]
    assert all(item["id"] and item["date_published"] for item in data["items"])
    for item in data["items"]:
        assert local_path(repo_site, item["url"]).is_file()
        assert item["summary"]


def test_feed_includes_image_when_present(project, tmp_path):
    from conftest import run_build, write_story
    (project / "content/afbeeldingen").mkdir(exist_ok=True)
    from PIL import Image
    Image.new("RGB", (1200, 800), "#0b5563").save(project / "content/afbeeldingen/koffie.png")
    write_story(project, "met-beeld.md", """
title: Met beeld
date: 2025-12-01
description: Een verhaal met een afbeelding.
categories: [aspirant]
image: afbeeldingen/koffie.png
image_alt: Een kop koffie op tafel
""")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    feed = feedparser.parse((site / "verhalen/feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title == "Met beeld")
    assert entry.enclosures[0].href == SITE_URL + "afbeeldingen/koffie-960.jpg"
    assert entry.enclosures[0].type == "image/jpeg" and int(entry.enclosures[0].length) > 0
    data = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert next(i for i in data["items"] if i["title"] == "Met beeld")["image"] == SITE_URL + "afbeeldingen/koffie-960.jpg"
    assert (site / "afbeeldingen/koffie-960.jpg").is_file()


def test_story_pages_have_plain_share_links(repo_site):
    story = next((ROOT / "content/stories").glob("*.md")).stem
    page = (repo_site / "verhalen" / story / "index.html").read_text(encoding="utf-8")
    share = re.search(r'<p class="ed-share">(.*?)</p>', page, re.S).group(1)
    hrefs = re.findall(r'href="([^"]+)"', share)
    assert any(urlsplit(h).netloc == "www.linkedin.com" for h in hrefs)
    assert any(h.startswith("mailto:") for h in hrefs)
    assert "<script" not in share


def test_related_items_share_categories_or_tags(repo_site):
    for path in (ROOT / "content/stories").glob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        page = (repo_site / "verhalen" / path.stem / "index.html").read_text(encoding="utf-8")
        related = page.split('id="ed-related"', 1)[1] if 'id="ed-related"' in page else ""
        links = re.findall(r'class="ed-card__title"><a href="\.\./\.\./(verhalen|blogs)/([^/]+)/"', related)
        assert 1 <= len(links) <= 3, path.name
        for kind, slug in links:
            assert slug != path.stem
            folder = "stories" if kind == "verhalen" else "blogs"
            other = yaml.safe_load((ROOT / "content" / folder / f"{slug}.md").read_text(encoding="utf-8").split("---")[1])
            assert set(other["categories"]) & set(meta["categories"]) or set(other.get("tags", [])) & set(meta.get("tags", []))
