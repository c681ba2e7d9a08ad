"""Fast on a phone: what the first paint and the largest paint wait for, in the built site.

Lighthouse measures the result (tests/test_lighthouse.py: the largest paint under 2.5 s with
phone throttling); these checks name the causes: no script in <head>, images as WebP with the
JPEG as fallback, the largest image of the first screen fetched first and never lazily, and a
story page that stays light whatever the number of items.
"""

from __future__ import annotations

import re

import lxml.html

from conftest import ROOT

# A story with an image (front matter `image:`), as the first screen of a story looks at its heaviest.
STORY = next(
    f"verhalen/{path.stem}/"
    for path in sorted((ROOT / "content/stories").glob("*.md"))
    if re.search(r"^image:", path.read_text(encoding="utf-8"), re.M)
)


def _document(site, path: str):
    return lxml.html.fromstring((site / path / "index.html").read_bytes())


def test_no_page_waits_for_a_script_before_it_paints(repo_site):
    for file in repo_site.rglob("*.html"):
        if "admin" in file.parts:
            continue
        head = lxml.html.fromstring(file.read_bytes()).find("head")
        blocking = [
            s.get("src")
            for s in head.iter("script")
            if s.get("src") and s.get("defer") is None and s.get("async") is None and s.get("type") != "module"
        ]
        assert blocking == [], f"{file.relative_to(repo_site)}: {blocking}"


def test_the_story_image_is_webp_first_and_fetched_first(repo_site):
    picture = _document(repo_site, STORY).find(".//figure//picture")
    assert picture is not None, "the story shows its image in a <picture>"
    source, image = picture.find(".//source"), picture.find(".//img")  # (lxml nests the img in the source)
    order = list(picture.iter())
    assert source.get("type") == "image/webp" and order.index(source) < order.index(image)
    assert image.get("fetchpriority") == "high" and image.get("loading") is None
    for candidate in source.get("srcset").split(","):
        webp = candidate.split()[0]
        jpeg = re.sub(r"\.webp$", ".jpg", webp)
        webp_file = (repo_site / STORY / webp).resolve()
        jpeg_file = (repo_site / STORY / jpeg).resolve()
        assert webp_file.read_bytes()[8:12] == b"WEBP"
        assert webp_file.stat().st_size < jpeg_file.stat().st_size, webp


def test_the_first_card_image_of_a_list_is_not_lazy_and_the_rest_are(repo_site):
    """The first card of a list may be on the first screen of a phone (an overview of stories):
    its image loads at once; the others only when they come near."""
    lists = 0
    for file in repo_site.rglob("index.html"):
        for cards in lxml.html.fromstring(file.read_bytes()).findall(".//ul[@class='ed-cards']"):
            first, *others = [card.findall(".//img") for card in cards.findall("li")]
            if not first:
                continue
            lists += 1
            assert first[0].get("loading") is None, file
            assert all(image.get("loading") == "lazy" for images in others for image in images), file
    assert lists, "no list of cards with images on the site"


def test_a_story_page_is_light_before_search_is_used(browser, served_site):
    from tools.pageweight import BUDGET_BYTES, measure

    weight = measure(browser, served_site + STORY)
    details = "\n".join(f"{size:>8} {url}" for url, size in sorted(weight.resources.items(), key=lambda i: -i[1]))
    assert weight.total <= BUDGET_BYTES, f"{weight.total} bytes:\n{details}"
    assert not [url for url in weight.resources if "pagefind" in url or "search_index" in url], details
