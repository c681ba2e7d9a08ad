"""Shared test helpers: the checks in process, real MkDocs builds of the repository or of a
temporary copy, and Debian's Chromium on the built site served under its production path."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", ".gitignore", "docs", "content", "data", "hooks", "src", "scripts")
FIXED_TODAY = "2026-01-01"
TODAY = dt.date.fromisoformat(FIXED_TODAY)
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SECTION_TODAY": FIXED_TODAY}

# The suite already keeps every core busy (pytest-xdist): a build in a test renders its pages in
# its own process instead of forking worker processes for them, which only costs time here. The
# repository's own site is built the default way (repo_site), and test_build.py compares the two.
os.environ.setdefault("SECTION_PARALLEL", "0")


def pytest_configure(config):
    """Compile the package once, before the workers start, when Python may keep compiled modules
    (`make test` lets it), and the caches of a first build: every copy of the project then takes
    them along (copy_project)."""
    if not sys.dont_write_bytecode:
        import compileall

        for part in ("src", "hooks", "scripts"):
            compileall.compile_dir(ROOT / part, quiet=1)
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        _warm_caches()


def _warm_caches():
    """Build the repository once in process, as its first build would: the compiled templates and
    encoded images land in its .cache/, and every copy of the project takes them along
    (copy_project), so a test's build need not make them again. A failure here is only a cold
    cache: the tests that build the repository report it."""
    from ervaringsdeskundigheid.build.session import BuildSession

    try:
        BuildSession(ROOT, mode="build", today=TODAY).start()
    except Exception:
        pass


# The longest modules first (`--dist loadfile --no-loadscope-reorder` in pyproject.toml): xdist then
# starts them while the short ones wait, so neither worker is left with a long module at the end.
# Seconds per module on 2 cores, December 2026 (pytest --durations=0); the rest keep their order.
LONGEST_MODULES_FIRST = [
    "test_privacy",  # 43 s
    "test_accessibility",  # 39 s
    "test_build",  # 30 s
    "test_lighthouse",  # 28 s, one Lighthouse run
    "test_cms_browser",  # 25 s
    "test_consent",  # 22 s
    "test_memo",  # 20 s
    "test_browser_safety",  # 17 s
    "test_search",  # 17 s
    "test_reader",  # 16 s
    "test_editor",  # 13 s
    "test_posters",  # 12 s
    "test_commands",  # 12 s
    "test_contact",  # 12 s
    "test_launch",  # 11 s
    "test_fuzz",  # 11 s
]


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        module = item.nodeid.split("::", 1)[0].rsplit("/", 1)[-1].removesuffix(".py")
        return LONGEST_MODULES_FIRST.index(module) if module in LONGEST_MODULES_FIRST else len(LONGEST_MODULES_FIRST)

    items.sort(key=rank)  # stable: within a module and among the others, the order stays


def copy_project(target: Path) -> Path:
    """A copy of the repository's site sources. The compiled modules come along (a build of the
    copy imports the package from the copy's src/), so its Python processes need not compile them."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns(".cache"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    for cached in ("images", "templates", "memo"):  # what the first build made (_warm_caches)
        if (ROOT / ".cache" / cached).is_dir():
            shutil.copytree(
                ROOT / ".cache" / cached, target / ".cache" / cached, ignore=shutil.ignore_patterns("*.tmp")
            )
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the repository's site sources, free to break."""
    return copy_project(tmp_path / "project")


def run_build(
    project: Path, site_dir: Path | None = None, python: str = sys.executable, timeout: float = 300, **env
) -> subprocess.CompletedProcess:
    """A real `mkdocs build` of `project`, as `make build` runs it."""
    command = [python, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    if site_dir is not None:
        command += ["-d", str(site_dir)]
    environment = {**os.environ, **BUILD_ENV, **env}
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=project, timeout=timeout)


def run_check(project: Path, **env) -> subprocess.CompletedProcess:
    """`make check` of `project` (its own scripts/check.py)."""
    environment = {**os.environ, **BUILD_ENV, **env}
    return subprocess.run(
        [sys.executable, str(project / "scripts" / "check.py")],
        capture_output=True,
        text=True,
        env=environment,
        cwd=project,
        timeout=300,
    )


def check(project: Path, today: dt.date = TODAY):
    """The problems `make check` finds, in process (fast)."""
    from ervaringsdeskundigheid.editor.check import check_project

    return check_project(project, today=today).problems


def messages(problems) -> str:
    return "\n".join(str(problem) for problem in problems)


def tree_digest(directory: Path) -> str:
    """A digest of every file path and content below `directory`."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        digest.update(str(path.relative_to(directory)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


IN_SHORT = "in_short: Dit is een kort stuk in gewone taal."


def with_in_short(front_matter: str) -> str:
    """Front matter with the required "In het kort" (`in_short`), unless the test writes its own
    (or tests what happens without it, by naming it)."""
    if "in_short" in front_matter:
        return front_matter
    return front_matter.rstrip("\n") + "\n" + IN_SHORT


def write_story(
    project: Path, name: str, front_matter: str, body: str = "Tekst van het verhaal.\n", kind: str = "stories"
) -> Path:
    path = project / "content" / kind / name
    path.write_text(f"---\n{with_in_short(front_matter.strip())}\n---\n{body}", encoding="utf-8")
    return path


def search_text(site: Path) -> str:
    """What the built site's search index holds, as lower-case text (render/search.py)."""
    from ervaringsdeskundigheid.render import search

    return search.indexed_text(
        {
            path.relative_to(site).as_posix(): path.read_bytes()
            for path in (site / search.OUTPUT).rglob("*")
            if path.is_file()
        }
    ).lower()


def site_prefix() -> str:
    import yaml

    site_url = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))["site_url"]
    return urlsplit(site_url).path


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The repository, built once per test run into a temporary folder that every xdist worker
    shares (the first worker builds it; the others wait on a lock). Tests only read it."""
    import fcntl

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    project = shared / "repo-site" / "project"
    with open(shared / "repo-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "repo-site" / "built").exists():
            shutil.rmtree(project.parent, ignore_errors=True)
            copy_project(project)
            result = run_build(project, project / "site", SECTION_PARALLEL="1")  # as `make build` does
            assert result.returncode == 0, result.stdout + result.stderr
            (shared / "repo-site" / "built").touch()
    return project / "site"


@pytest.fixture(scope="session")
def served_site(repo_site):
    """The built site on a local HTTP server under its production path; yields the base URL."""
    from tools.devserver import serve_directory

    with serve_directory(repo_site, site_prefix()) as base:
        yield base


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    """Debian's Chromium engine, driven by Playwright: its headless shell, as Playwright runs it."""
    from tools.devserver import launch_chromium

    instance = launch_chromium(_playwright, shell=True)
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def full_browser(_playwright):
    """Debian's Chromium itself: printing to PDF as a reader's browser does it (the headless
    shell lays out printed text a little differently)."""
    from tools.devserver import launch_chromium

    instance = launch_chromium(_playwright)
    yield instance
    instance.close()


PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def _browser_contexts(browser):
    contexts: dict = {}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture
def new_page(browser, _browser_contexts):
    """`new_page(width, height, **context_options)`: a fresh page, closed after the test, in a
    browser context that the module's tests with the same options share. A new context costs
    about as much as loading two pages; a page of its own keeps each test apart, and the tests
    share only the site's storage (a read-aloud speed at most) and the browser's cache."""
    pages = []

    def make(width: int = PHONE["width"], height: int = PHONE["height"], **options):
        key = tuple(sorted(options.items()))
        if key not in _browser_contexts:
            _browser_contexts[key] = browser.new_context(viewport=PHONE, **options)
        page = _browser_contexts[key].new_page()
        if (width, height) != (PHONE["width"], PHONE["height"]):
            page.set_viewport_size({"width": width, "height": height})
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def axe_violations(page, options: dict) -> list[dict]:
    """axe-core (bundled with the PyPI package axe-playwright-python) on the page as it is now.
    The script goes into the page once per loaded document, not before every run."""
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options)", options)["violations"]
