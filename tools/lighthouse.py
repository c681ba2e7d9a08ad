"""Lighthouse (npm, pinned in package-lock.json) in Debian's Chromium with mobile emulation, on the
pages a poster leads to: the home page, the four category pages and a story.

Used by tests/test_lighthouse.py (accessibility, best practices and SEO must be 100) and by
`make bench` (performance, goal >= 95, reported and never asserted: it depends on the load of
the machine). Nothing leaves the machine: the site is served on 127.0.0.1 under its production
path, and Chromium resolves no other host (see tools/lighthouse.mjs).

Usage: python tools/lighthouse.py [SITE_DIR] [--categories performance,...] [--runs 3] [--reports DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tools" / "lighthouse.mjs"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PERFECT = ("accessibility", "best-practices", "seo")  # asserted at 100 by the tests
PERFORMANCE_GOAL = 95
CATEGORY_PAGES = ("aspirant-ervaringsdeskundige/", "opleiding/", "ervaringsdeskundige/", "werkgevers/")
TIMEOUT = 900


class LighthouseError(RuntimeError):
    pass


def missing() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not shutil.which("node"):
        return "node is missing (make setup installs nodejs and npm)"
    if not (ROOT / "node_modules" / "lighthouse" / "package.json").is_file():
        return "node_modules/lighthouse is missing (make setup runs npm ci)"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (Debian package chromium)"
    return None


def story_of(site: Path) -> str:
    """The newest story of a built site, as a path below its root."""
    feed = site / "feed.json"
    if feed.is_file():
        for item in json.loads(feed.read_text(encoding="utf-8")).get("items", []):
            url = item.get("url", "")
            if "/verhalen/" in url:
                return "verhalen/" + url.split("/verhalen/", 1)[1]
    stories = sorted(p.parent.name for p in (site / "verhalen").glob("*/index.html") if p.parent.name != "pagina")
    if not stories:
        raise LighthouseError(f"no story in {site}/verhalen/")
    return f"verhalen/{stories[0]}/"


def pages_of(site: Path) -> list[str]:
    """The home page, the four category pages and a story."""
    return ["", *CATEGORY_PAGES, story_of(site)]


def run(base: str, paths: list[str], categories=CATEGORIES, reports: Path | None = None) -> dict:
    """One Lighthouse run per path (relative to `base`, or a whole URL), in one Chromium. The
    runner's JSON: per path its scores (0-100), failing audits and requests to other hosts."""
    reason = missing()
    if reason:
        raise LighthouseError(reason)
    command = ["node", str(RUNNER), base, "--categories", ",".join(categories), *paths]
    if reports:
        command[3:3] = ["--reports", str(reports)]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROMIUM}
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise LighthouseError(
            f"Lighthouse gave no report (exit {result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        ) from None
    if result.returncode != 0:
        errors = {
            path: page.get("runtimeError") for path, page in report.get("pages", {}).items() if page.get("runtimeError")
        }
        raise LighthouseError(f"Lighthouse failed: {report.get('error') or errors}\n{result.stderr[-2000:]}")
    return report


def run_on_site(
    site: Path, paths: list[str] | None = None, categories=CATEGORIES, runs: int = 1, reports: Path | None = None
) -> list[dict]:
    """Serve `site` under its production path and run Lighthouse `runs` times on `paths`."""
    from tools.devserver import serve_directory

    paths = pages_of(site) if paths is None else paths
    with serve_directory(site, _prefix(site)) as base:
        return [run(base, paths, categories, reports) for _ in range(runs)]


def _prefix(site: Path) -> str:
    """The site's production path, from its canonical links (e.g. /ervaringsdeskundigheid/)."""
    import re
    from urllib.parse import urlsplit

    index = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', index)
    return urlsplit(match.group(1)).path if match else "/"


@dataclass
class Summary:
    """Scores per page and category over several runs, and the largest paint (ms) when measured."""

    scores: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # page -> category -> runs
    largest_paint: dict[str, list[float]] = field(default_factory=dict)  # page -> runs

    @classmethod
    def of(cls, reports: list[dict]) -> "Summary":
        summary = cls()
        for report in reports:
            for path, page in report["pages"].items():
                for category, score in page["scores"].items():
                    summary.scores.setdefault(path, {}).setdefault(category, []).append(score)
                if (page.get("metrics") or {}).get("lcp") is not None:
                    summary.largest_paint.setdefault(path, []).append(page["metrics"]["lcp"])
        return summary

    def median(self, path: str, category: str) -> float:
        return statistics.median(self.scores[path][category])

    def lines(self) -> list[str]:
        out = []
        for path, categories in self.scores.items():
            parts = [
                f"{name} {statistics.median(values):.0f}" + (f" (min {min(values)})" if len(values) > 1 else "")
                for name, values in categories.items()
            ]
            if path in self.largest_paint:
                parts.append(f"largest paint {statistics.median(self.largest_paint[path]):.0f} ms")
            out.append(f"/{path}: " + ", ".join(parts))
        return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse (mobile) on the home page, the categories and a story.")
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("--categories", default=",".join(CATEGORIES))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's full JSON report per page here")
    args = parser.parse_args(argv)
    try:
        reports = run_on_site(args.site, categories=args.categories.split(","), runs=args.runs, reports=args.reports)
    except LighthouseError as error:
        print(error, file=sys.stderr)
        return 1
    summary = Summary.of(reports)
    for line in summary.lines():
        print(line)
    for report in reports:
        for path, page in report["pages"].items():
            for audit in page["failing"]:
                if audit["category"] != "performance":
                    print(f"  /{path} {audit['category']}: {audit['id']} {audit['title']}")
    return 0


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    sys.exit(main())
