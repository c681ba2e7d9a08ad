"""Lighthouse (npm lighthouse@12.2.3, pinned in package-lock.json) in Debian's Chromium with mobile
emulation, on the pages a poster leads to: the home page, the four category pages and a story.

Accessibility, best practices and SEO must be 100. The performance score depends on the load of
the machine, so `make bench` reports it (goal >= 95) and no test asserts it; the largest paint
must stay under 2.5 s with Lighthouse's phone throttling (simulated slow 4G and a 4x slower
CPU), about 1.4 s today, and nothing but stylesheets may block the first paint. Nothing leaves the
machine: the site is served on 127.0.0.1 under its production path and Chromium resolves no
other host; every request Lighthouse saw is on the local server.

No audit is skipped. On 127.0.0.1 Lighthouse treats the page as a secure context, finds no
robots.txt at the origin's root (not applicable, weight 0) and accepts the canonical link to
the production host, exactly as in production (see /work/scratch/before/LIGHTHOUSE.md).
"""

from __future__ import annotations

import pytest

from tools import lighthouse

PAGES = ["", *lighthouse.CATEGORY_PAGES, "story"]


@pytest.fixture(scope="module")
def report(repo_site, served_site) -> dict:
    reason = lighthouse.missing()
    assert reason is None, f"Lighthouse cannot run: {reason}"
    paths = lighthouse.pages_of(repo_site)
    result = lighthouse.run(served_site, paths, categories=("performance", *lighthouse.PERFECT))
    pages = dict(zip(PAGES, (result["pages"][path] for path in paths), strict=False))
    return pages


def _failing(page: dict, category: str) -> str:
    lines = []
    for audit in page["failing"]:
        if audit["category"] == category:
            lines.append(f"- {audit['id']}: {audit['title']}")
            for item in audit["items"][:6]:
                lines.append(
                    f"    {item.get('selector') or item.get('href') or item.get('url')}: "
                    f"{item.get('snippet') or item.get('text') or ''}"
                )
    return "\n".join(lines)


@pytest.mark.parametrize("category", lighthouse.PERFECT)
@pytest.mark.parametrize("page", PAGES, ids=[p.strip("/") or "home" for p in PAGES])
def test_category_scores_100(report, page, category):
    result = report[page]
    assert not result.get("runtimeError"), result.get("runtimeError")
    assert result["scores"][category] == 100, f"{category} on /{page}:\n{_failing(result, category)}"


@pytest.mark.parametrize("page", PAGES, ids=[p.strip("/") or "home" for p in PAGES])
def test_lighthouse_saw_only_the_local_server(report, page):
    result = report[page]
    assert result["requests"] > 3, "Lighthouse saw almost no requests: did the page load?"
    assert result["offOrigin"] == [], result["offOrigin"]


LARGEST_PAINT_MS = 2500


@pytest.mark.parametrize("page", PAGES, ids=[p.strip("/") or "home" for p in PAGES])
def test_the_largest_paint_comes_within_2_5_s_on_a_phone(report, page):
    metrics = report[page]["metrics"]
    assert metrics["lcp"] is not None and metrics["lcp"] < LARGEST_PAINT_MS, metrics
    assert metrics["cls"] < 0.1, metrics
    scripts = [url for url in report[page]["blocking"] if not url.endswith(".css")]
    assert scripts == [], f"render-blocking scripts on /{page}: {scripts}"


def test_the_runner_reports_a_failing_audit(tmp_path):
    """The runner sees a real problem: a page with an English vague link text and no
    description scores below 100 in SEO."""
    from tools.devserver import serve_directory

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>'
        '<meta name="viewport" content="width=device-width,initial-scale=1"></head>'
        '<body><main><h1>Proef</h1><p><a href="elders.html">click here</a></p></main></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "elders.html").write_text("<!doctype html><title>Elders</title>", encoding="utf-8")
    with serve_directory(tmp_path) as base:
        result = lighthouse.run(base, [""], categories=("seo",))
    page = result["pages"][""]
    failing = {audit["id"] for audit in page["failing"]}
    assert page["scores"]["seo"] < 100 and {"link-text", "meta-description"} <= failing, page
