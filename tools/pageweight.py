"""Page weight as a phone downloads it: every response while a page loads, gzip-compressed
as a web server would send it, images not counted. Used by the tests and `make bench`."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field

BUDGET_BYTES = 150 * 1024
# The pages a poster's QR code leads to: the section home and the four category pages.
QR_LANDING_PAGES = ["", "aspirant-ervaringsdeskundige/", "opleiding/", "ervaringsdeskundige/", "werkgevers/"]


@dataclass
class PageWeight:
    url: str
    resources: dict[str, int] = field(default_factory=dict)  # URL -> compressed bytes

    @property
    def total(self) -> int:
        return sum(self.resources.values())


def _compressed_size(body: bytes, content_type: str) -> int:
    if content_type.startswith(("font/", "image/")) or "woff" in content_type:
        return len(body)  # already compressed formats
    return len(gzip.compress(body, compresslevel=6))


def measure(browser, url: str, width: int = 390) -> PageWeight:
    """Load `url` in a fresh context (empty cache) and add up what was transferred."""
    weight = PageWeight(url)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()

    def record(response):
        content_type = (response.headers.get("content-type") or "").split(";")[0]
        if response.request.resource_type == "image" or content_type.startswith("image/"):
            return
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        weight.resources[response.url] = _compressed_size(body, content_type)

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    context.close()
    return weight
