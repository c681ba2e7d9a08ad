"""Real MkDocs builds, end to end: the repository builds, a plain `mkdocs build` works the way a
hosting platform runs it, bad input leaves the site as it was (and `make check` agrees), two
builds at once publish a complete site, and the speed-ups change nothing in the output."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from audit import violations
from conftest import BUILD_ENV, check, messages, run_build, tree_digest, write_story


def test_the_repository_builds_a_complete_safe_site(repo_site):
    for path in (
        "index.html",
        "404.html",
        "feed.xml",
        "feed.json",
        "sitemap.xml",
        "_headers",
        "_redirects",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "assets/stylesheets/section.css",
        "assets/stylesheets/categories.css",
        "p/index.json",
        "verhalen/index.html",
        "begrippen/index.html",
    ):
        assert (repo_site / path).is_file(), path
    found = []
    for page in repo_site.rglob("*.html"):
        found += violations(page.read_text(encoding="utf-8"), str(page.relative_to(repo_site)))
    assert not found, found
    index = json.loads((repo_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(index["languages"]) == ["nl"] and index["languages"]["nl"]["page_count"] > 40
    assert not list(repo_site.glob("assets/javascripts/bundle.*")), "of Material only its stylesheet"
    sitemap = (repo_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/p/" not in sitemap and "<loc>https://" in sitemap
    headers = (repo_site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self'" in headers and "frame-ancestors 'none'" in headers


def test_the_404_page_is_dutch_and_works_at_any_depth(repo_site):
    page = (repo_site / "404.html").read_text(encoding="utf-8")
    assert "Sorry" in page and 'lang="nl"' in page
    assert 'href="/ervaringsdeskundigheid/"' in page and 'href="/ervaringsdeskundigheid/werkgevers/"' in page


def test_plain_mkdocs_build_in_a_fresh_virtualenv(tmp_path):
    """What a hosting platform does: install the lock into a new virtualenv and run `mkdocs
    build`, with nothing of `make` (the package is not installed)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    import sysconfig

    packages = Path(sysconfig.get_paths()["purelib"])
    own = Path(
        subprocess.check_output(
            [str(venv / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    (own / "lock.pth").write_text(f"{packages}\n")  # the lock's packages, not ervaringsdeskundigheid.pth
    probe = subprocess.run([str(venv / "bin/python"), "-c", "import ervaringsdeskundigheid"], capture_output=True)
    assert probe.returncode != 0, "the package must not be importable in this virtualenv"
    project = tmp_path / "project"
    from conftest import copy_project

    copy_project(project)
    result = subprocess.run(
        [str(venv / "bin/python"), "-m", "mkdocs", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**BUILD_ENV, "PATH": os.environ["PATH"]},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site/index.html").is_file()


BAD_EDITS = {
    "broken-yaml": (lambda p: write_story(p, "kapot.md", "title: [kapot"), "content/stories/kapot.md"),
    "alias-bomb-in-docs": (
        lambda p: (p / "docs/bom.md").write_text(
            '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
            "---\n# Bom\n",
            encoding="utf-8",
        ),
        "docs/bom.md",
    ),
    "script-in-body": (
        lambda p: write_story(
            p,
            "script.md",
            "title: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]",
            "<script>alert(1)</script>\n",
        ),
        "content/stories/script.md",
    ),
    "tracker-image": (
        lambda p: write_story(
            p,
            "pixel.md",
            "title: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]",
            "![x](https://tracker.example/p.png)\n",
        ),
        "content/stories/pixel.md",
    ),
    "symlink-outside": (
        lambda p: os.symlink("/etc/hostname", p / "content/stories/geheim.md"),
        "content/stories/geheim.md",
    ),
    "html-file-in-docs": (lambda p: (p / "docs/x.html").write_text("<script>alert(1)</script>"), "docs/x.html"),
    "category-path-collision": (
        lambda p: (p / "data/categories.yml").write_text(
            (p / "data/categories.yml").read_text(encoding="utf-8").replace("path: opleiding\n", "path: opleidingen\n")
        ),
        "data/categories.yml",
    ),
}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """The repository's sources with a built site, made once per worker."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def built_project(built_once, tmp_path):
    """A private copy of a project whose site was published by an earlier, good build."""
    project = shutil.copytree(built_once, tmp_path / "project", symlinks=True)
    site = project / "site"
    return project, site, tree_digest(site)


@pytest.mark.parametrize("case", sorted(BAD_EDITS))
def test_bad_input_leaves_the_site_untouched_and_check_agrees(built_project, case):
    project, site, before = built_project
    edit, file = BAD_EDITS[case]
    edit(project)
    started = time.perf_counter()
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert time.perf_counter() - started < 60
    assert result.returncode != 0, output
    assert "De site is niet gebouwd" in output and file in output, output
    assert "Traceback" not in output
    assert tree_digest(site) == before, "the existing site must stay exactly as it was"
    assert not list(site.parent.glob(".site-staging-*")), "no staging directory is left behind"
    found = messages(check(project))  # `make check` runs this same check (tests/test_editor.py)
    assert file in found, found


def test_a_search_index_that_fails_after_the_other_files_were_written_leaves_the_site_untouched(built_project):
    """MkDocs writes the other files while Pagefind works, and the index last: when Pagefind fails,
    the half-made new site is thrown away and the published one stays as it was."""
    project, site, before = built_project
    shutil.rmtree(project / ".cache" / "search")  # no kept index: Pagefind must run
    result = run_build(project, site, PAGEFIND_BINARY_PATH="/bin/false")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Pagefind kon de zoekindex niet maken" in output, output
    assert "Traceback" not in output
    assert tree_digest(site) == before, "the existing site must stay exactly as it was"
    assert not list(site.parent.glob(".site-*")), "no staging or previous folder is left behind"


def test_two_builds_at_once_publish_a_complete_site(project, tmp_path):
    reference = tmp_path / "reference"
    assert run_build(project, reference).returncode == 0
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    env = {**os.environ, **BUILD_ENV}
    first = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    second = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    outputs = [process.communicate(timeout=300)[0] for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    assert tree_digest(project / "site") == tree_digest(reference)
    assert not list(project.glob(".site-staging-*")) and not list(project.glob(".site-previous-*"))


def test_speed_ups_change_nothing_in_the_output(project, tmp_path):
    """Pages rendered and new photos encoded on every core, or all in one process: the same site."""
    from PIL import Image

    story = project / "content/stories/rob-begint-bij-de-voedselbank.md"
    for number, colour in enumerate(["#2a6f6b", "#8a3b12", "#5b3f8c"]):
        Image.new("RGB", (1600, 1000), colour).save(project / f"content/afbeeldingen/proef-{number}.jpg", quality=90)
        shutil.copy(story, story.with_name(f"proef-{number}.md"))
        text = story.with_name(f"proef-{number}.md").read_text(encoding="utf-8")
        story.with_name(f"proef-{number}.md").write_text(
            text.replace("afbeeldingen/koffietafel.jpg", f"afbeeldingen/proef-{number}.jpg"), encoding="utf-8"
        )
    parallel, serial = tmp_path / "parallel", tmp_path / "serial"
    result = run_build(project, parallel, SECTION_PARALLEL="1")  # the suite's default is one process
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.rmtree(project / ".cache" / "images")  # the serial build encodes them again
    assert run_build(project, serial, SECTION_PARALLEL="0").returncode == 0
    assert tree_digest(parallel) == tree_digest(serial)
    assert len(list(parallel.rglob("proef-*.webp"))) >= 3


def test_a_changed_template_shows_although_its_compiled_form_came_along(project, tmp_path):
    """A copy of the checkout brings the compiled templates of the repository (copy_project); the
    copy's own template, once changed, is compiled again: the source decides, not the cache."""
    assert any((project / ".cache" / "templates").iterdir())
    template = project / "src/ervaringsdeskundigheid/render/templates/home.html"
    template.write_text(template.read_text(encoding="utf-8").replace("Nieuwste verhalen", "Proefzin-7431", 1))
    assert run_build(project, tmp_path / "site").returncode == 0
    assert "Proefzin-7431" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


class Serve:
    """A real `mkdocs serve --dirty` (as `make serve`) on a project."""

    def __init__(self, project: Path):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", self.url[7:-1]],
            cwd=project,
            env={**os.environ, **BUILD_ENV},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def builds(self) -> int:
        return sum("Serving on" in line or "Reloading browsers" in line for line in self.lines)

    def wait_for(self, count: int):
        with self.cond:
            assert self.cond.wait_for(lambda: self.builds() >= count or self.process.poll() is not None, 120)
        assert self.builds() >= count, "".join(self.lines)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode()

    def stop(self):
        """Ctrl-C, as an editor stops it; on a machine full of other tests MkDocs can take long to
        shut down, which is not what these tests are about."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)  # it takes well under a second; once in a full run it took 30 s
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def test_preview_shows_drafts_and_rebuilds_after_an_edit(project):
    story = write_story(
        project,
        "concept.md",
        "title: Concept in wording\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\ndraft: true",
        "Eerste versie.\n",
    )
    server = Serve(project)
    try:
        server.wait_for(1)
        page = server.get("verhalen/concept/")
        assert "Concept in wording" in page and "Eerste versie" in page
        assert "Concept" in page
        time.sleep(1)
        story.write_text(story.read_text(encoding="utf-8").replace("Eerste versie", "Tweede versie"), encoding="utf-8")
        server.wait_for(2)
        assert "Tweede versie" in server.get("verhalen/concept/")
        time.sleep(1.5)  # the build reads every watched file: reading is no change, so no second rebuild
        assert server.builds() == 2, "".join(server.lines)
        assert not any("Traceback" in line for line in server.lines), "".join(server.lines)
    finally:
        server.stop()


def test_the_preview_watcher_passes_on_saves_but_not_reads_or_bytecode(tmp_path):
    """`make serve` hears of a save at once (build/watching.py); reading a file (as the build
    does) or Python writing bytecode is no change."""
    from watchdog.events import FileSystemEventHandler

    from ervaringsdeskundigheid.build.watching import SourceChanges

    story = tmp_path / "verhaal.md"
    story.write_text("eerste versie", encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    heard: list[str] = []
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: heard.append(str(event.src_path))  # type: ignore[method-assign]
    observer = SourceChanges()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.2)
        story.read_text(encoding="utf-8")
        (tmp_path / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
        time.sleep(0.5)
        assert heard == []
        story.write_text("tweede versie", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not heard and time.monotonic() < deadline:
            time.sleep(0.02)
        assert heard and all(path == str(story) for path in heard), heard
    finally:
        observer.stop()
        observer.join()
