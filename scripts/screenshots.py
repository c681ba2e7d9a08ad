"""Screenshot built pages at phone and desktop width with Debian's Chromium.

Usage: python scripts/screenshots.py [URL-PATH ...]   (default: a few key pages)
Writes PNGs to dist/screenshots/. Run `make build` first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools/ (the package itself is installed)

from tools.devserver import launch_chromium, serve_directory  # noqa: E402  (after the path)

WIDTHS = {"telefoon": 390, "desktop": 1280}
DEFAULT_PATHS = ["", "aspirant-ervaringsdeskundige/", "verhalen/", "verhalen/maaike-en-de-ervaringsdeskundige/"]


def main(paths: list[str]) -> None:
    out = ROOT / "dist" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    import yaml
    from urllib.parse import urlsplit

    prefix = urlsplit(yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))["site_url"]).path
    with serve_directory(ROOT / "site", prefix) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        for path in paths:
            for label, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(base + path)
                name = (path.strip("/").replace("/", "_") or "home") + f"-{label}.png"
                page.screenshot(path=str(out / name), full_page=True)
                page.close()
                print(out / name)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT_PATHS)
