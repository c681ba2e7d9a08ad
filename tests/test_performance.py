"""The speed-ups change nothing visible: raw HTML bypass, navigation memo, and the
incremental `make serve` (mkdocs serve --dirty). Timings are not tested here;
`make bench` prints them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from conftest import FIXED_TODAY, MkDocsServer, run_build, tree_digest, write_story

from ervaringsdeskundigheid import parallel, rawhtml, templatecache
from ervaringsdeskundigheid.benchmark import articles, write_corpus

# --- rawhtml ---------------------------------------------------------------------------------


def test_html_block_accepts_only_complete_block_level_html():
    assert rawhtml.html_block('<div class="a"><p>x <a href="y">z</a></p><img src="i.png"></div>') is not None
    assert rawhtml.html_block("<div>a</div><p>b</p>") == "<div>a</div>\n<p>b</p>"   # as Markdown writes it
    for chunk in ("Tekst", "<a href='x'>inline</a> tekst", "<div>open", "<div>a</div> los", "</div>",
                  '<div markdown="1">**x**</div>', "<script>var a = 1 < 2;</script>", "<div>a</div>\ntekst"):
        assert rawhtml.html_block(chunk) is None, chunk


def test_protect_and_restore_round_trip_outside_code_fences():
    markdown = ('<div id="kop">Kop</div>\n\nTekst met *nadruk*.\n\n```html\n\n<div>code</div>\n\n```\n\n'
                '<ul><li>a</li></ul>\n')
    protected = rawhtml.protect(markdown)
    assert len(protected.blocks) == 2 and "<div>code</div>" in protected.markdown
    assert protected.anchor_ids() == {"kop"}
    html = "\n".join(f"<!--section-html-{n}-->" for n in range(2))
    assert rawhtml.restore(html, protected) == '<div id="kop">Kop</div>\n<ul><li>a</li></ul>'


def test_folder_key_shares_nav_between_sibling_pages_only():
    nav = ["", "opleiding/", "opleidingen/"]
    assert templatecache.folder_key("verhalen/a/", nav) == templatecache.folder_key("verhalen/b/", nav) == "verhalen/"
    assert templatecache.folder_key("opleidingen/x/", nav) == "opleidingen/"
    assert templatecache.folder_key("opleiding/", nav) is None          # a nav item lies inside


def test_speed_ups_do_not_change_the_built_site(project, tmp_path):
    """The same site, byte for byte, with every speed-up off (raw HTML bypass, navigation
    memo, template cache, search worker, rendering ahead, writer threads), and when the
    child that renders ahead fails at once (the main process then renders every page)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SECTION_TODAY": FIXED_TODAY}
    plain = ("import ervaringsdeskundigheid.rawhtml as R, ervaringsdeskundigheid.templatecache as T\n"
             "import ervaringsdeskundigheid.parallel as P\n"
             "R.protect = lambda md: R.Protected(md)\nT.memoize = lambda *a, **k: None\n"
             "T.compiled_templates = lambda environment: None\nP.offload_search = lambda plugins: False\n"
             "def off(*a, **k):\n    raise OSError('off')\n"
             "P.RenderAhead = off\nP.BackgroundWriter = lambda *a, **k: None\n")
    failing = ("import ervaringsdeskundigheid.parallel as P\n"
               "def fail(config, files, order, in_child, problems, conn, parent_end):\n"
               "    conn.send(('error', None, 'test'))\n"
               "P._render_pages = fail\n")
    sites = {}
    for name, patch in (("fast", ""), ("plain", plain), ("failing", failing)):
        sites[name] = tmp_path / name
        code = patch + ("import sys\nsys.argv = ['mkdocs', 'build', '-q', '-f', sys.argv[1], '-d', sys.argv[2]]\n"
                        "from mkdocs.__main__ import cli\ncli()\n")
        result = subprocess.run([sys.executable, "-c", code, str(project / "mkdocs.yml"), str(sites[name])],
                                capture_output=True, text=True, env=env, cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Page skipped" not in result.stderr
    assert tree_digest(sites["fast"]) == tree_digest(sites["plain"]) == tree_digest(sites["failing"])


def test_build_errors_still_name_the_file_with_pages_rendered_ahead(project):
    """A broken link in a page rendered by the child is reported like any other."""
    for number in range(4):
        write_story(project, f"verhaal-{number}.md", f"""
title: Verhaal {number}
date: 2025-05-0{number + 1}
description: Een verhaal.
categories: [aspirant]
person: {{name: Piet, pseudonym: true}}
""", body=f"Lees [dit](bestaat-niet-{number}.md).\n")
    result = run_build(project)
    assert result.returncode != 0
    for number in range(4):
        assert f"content/stories/verhaal-{number}.md" in result.stdout + result.stderr


# --- parallel ---------------------------------------------------------------------------------


def test_forked_worker_returns_results_in_order():
    worker = parallel.ForkedWorker(lambda item: (item * 2, os.getpid()))
    for item in range(50):
        worker.send(item)
    results = worker.results()
    assert [value for value, _ in results] == [item * 2 for item in range(50)]
    assert {pid for _, pid in results} != {os.getpid()}                 # the work ran in the child


def test_forked_worker_redoes_the_work_when_the_child_fails():
    parent = os.getpid()

    def handle(item):
        if os.getpid() != parent:
            raise RuntimeError("kapot")
        return item + 1

    worker = parallel.ForkedWorker(handle)
    for item in range(3):
        worker.send(item)
    assert worker.results() == [1, 2, 3]


def test_background_call():
    assert parallel.Background(sum, [1, 2, 3]).result() == 6


# --- make serve (mkdocs serve --dirty) --------------------------------------------------------


def test_serve_dirty_rebuilds_what_an_edit_changes(project):
    write_story(project, "nog-een-concept.md", """
title: Nog een concept
date: 2025-05-01
description: Alleen in de preview.
categories: [aspirant]
draft: true
""", body="Tekst van het concept.\n\n## Eerste kop\n\nMeer tekst.\n")
    story = project / "content" / "stories" / "nog-een-concept.md"
    server = MkDocsServer(project, "--dirty")
    try:
        server.wait_for_builds(1)
        assert "Nog een concept" in server.get("verhalen/nog-een-concept/")      # drafts show in the preview
        index = json.loads(server.get("search/search_index.json"))["docs"]
        pages = {doc["location"].split("#")[0] for doc in index}
        time.sleep(1.1)
        story.write_text(story.read_text(encoding="utf-8")
                         .replace("Nog een concept", "Een nieuwe titel")
                         .replace("## Eerste kop", "## Andere kop"), encoding="utf-8")
        server.wait_for_builds(2)
        assert "Een nieuwe titel" in server.get("verhalen/nog-een-concept/")
        assert "Een nieuwe titel" in server.get("verhalen/")                     # the overview follows
        assert "Een nieuwe titel" in server.get("aspirant-ervaringsdeskundige/")  # and the category page
        after = json.loads(server.get("search/search_index.json"))["docs"]
        assert {doc["location"].split("#")[0] for doc in after} == pages          # no page lost from search
        assert len({doc["location"] for doc in after}) == len(after)              # and none twice
        titles = {doc["title"] for doc in after if doc["location"].startswith("verhalen/nog-een-concept/")}
        assert "Andere kop" in titles and "Eerste kop" not in titles
    finally:
        server.stop()


# --- the benchmark corpus ----------------------------------------------------------------------


def test_benchmark_corpus_is_deterministic_and_builds(tmp_path):
    assert articles(6) == articles(6)
    from conftest import ROOT, run_build
    corpus = write_corpus(ROOT, tmp_path, 6)
    result = run_build(corpus.ours, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "verhalen" / "verhaal-00003" / "index.html").is_file()
    assert len(list((corpus.stock / "docs" / "blog" / "posts").rglob("*.md"))) == 6
