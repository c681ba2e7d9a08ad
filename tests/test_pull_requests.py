"""What a pull request gets: a preview that works when opened from disk (SECTION_LINKS=files),
one Dutch comment with the check's errors, B1 tips and the preview link, and workflows that
actionlint accepts, with pinned actions, a tested deploy and a nightly build."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, run_build, write_story
from ervaringsdeskundigheid.core import urls
from ervaringsdeskundigheid.core.problems import Problem
from ervaringsdeskundigheid.editor.check import CheckResult
from ervaringsdeskundigheid.editor.review import Run, review_comment

WORKFLOWS = ROOT / ".github" / "workflows"


# --- links for a copy opened from disk ------------------------------------------------------------

@pytest.mark.parametrize("href, expected", [
    ("../verhalen/", "../verhalen/index.html"), ("./", "./index.html"), ("../", "../index.html"),
    (".", "./index.html"), ("..", "../index.html"), ("werkgevers/#vragen", "werkgevers/index.html#vragen"),
    ("../../werkgevers/?utm_source=x&amp;a=b", "../../werkgevers/index.html?utm_source=x&amp;a=b"),
    ("feed.xml", "feed.xml"), ("../assets/stylesheets/section.css", "../assets/stylesheets/section.css"),
    ("#inhoud", "#inhoud"), ("https://www.alliantievankracht.nl/", "https://www.alliantievankracht.nl/"),
    ("mailto:info@example.org", "mailto:info@example.org"), ("/ervaringsdeskundigheid/", "/ervaringsdeskundigheid/"),
    ("", ""), ("?q=werk", "?q=werk"),
])
def test_a_link_to_a_folder_ends_in_index_html(href, expected):
    assert urls.file_link(href) == expected


segment = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,5})?", fullmatch=True)
folder = st.lists(segment, max_size=3).map(lambda parts: "".join(f"{p}/" for p in parts))


@given(target=folder, here=folder)
def test_every_link_between_pages_opens_the_target_page_from_disk(target, here):
    link = urls.file_link(urls.relative(target, here))
    assert link.endswith("index.html")
    assert posixpath.normpath(posixpath.join("/" + here, link)) == posixpath.normpath(f"/{target}index.html")


@pytest.fixture(scope="module")
def disk_copy(tmp_path_factory) -> Path:
    from conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    result = run_build(project, project / "site", SECTION_LINKS="files")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


HREF = re.compile(r'\shref="([^"]*)"')


def test_every_link_of_the_preview_opens_a_file_and_no_page_is_indexed(disk_copy):
    pages = [page for page in disk_copy.rglob("*.html") if page.name != "404.html"
             and not page.relative_to(disk_copy).as_posix().startswith("admin/")]
    assert len(pages) > 40
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex' in html, page
        for href in map(unescape, HREF.findall(html)):
            if not href or href.startswith(("#", "mailto:", "tel:", "https:", "http:", "?")):
                continue
            path = href.split("#")[0].split("?")[0]
            target = (page.parent / path).resolve()
            assert target.is_file(), f"{page.relative_to(disk_copy)}: {href}"
            checked += 1
    assert checked > 1000


def test_the_preview_works_in_a_browser_opened_from_disk(disk_copy, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((disk_copy / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Roboto")   # styles load
    page.get_by_role("link", name=re.compile("^Werkgevers")).locator("visible=true").first.click()
    assert page.url == (disk_copy / "werkgevers" / "index.html").as_uri()
    assert page.title().startswith("Werkgevers")
    categories = yaml.safe_load((disk_copy.parent / "data/categories.yml").read_text(encoding="utf-8"))
    question = next(c["question"] for c in categories if c["id"] == "werkgevers")
    assert page.get_by_role("heading", level=1).inner_text() == question
    assert errors == []
    context.close()


def test_an_unknown_links_setting_stops_the_build_in_dutch(tmp_path):
    from conftest import copy_project
    project = copy_project(tmp_path / "project")
    result = run_build(project, project / "site", SECTION_LINKS="bestanden")
    assert result.returncode != 0 and "SECTION_LINKS=files" in result.stdout + result.stderr
    assert not (project / "site").exists()


# --- the comment -----------------------------------------------------------------------------------

def test_the_comment_names_every_error_and_says_why_there_is_no_preview():
    problems = [Problem("content/stories/x.md", "date", "'31-12-2025' staat in de verkeerde volgorde. "
                        "Bedoel je 2025-12-31?"),
                Problem("data/experts.yml", "email", "noemt <script>@iemand</script>", entry="anna")]
    comment = review_comment(CheckResult(problems=problems), Run(build="failure", run_url="https://x.test/run",
                                                                  commit="0123456789abcdef"))
    assert comment.startswith("## ❌ Controle: 2 fouten gevonden")
    assert "content/stories/x.md, veld 'date'" in comment and "Bedoel je 2025-12-31?" in comment
    assert "<script>" not in comment and "@iemand" not in comment          # editors' text stays text
    assert "versie 0123456" in comment and "(https://x.test/run)" in comment
    assert "geen voorbeeld" in comment and "Download" not in comment


def test_the_comment_gives_b1_tips_and_the_preview_link():
    hints = ["Leesbaarheid: content/blogs/x.md (Titel) is waarschijnlijk moeilijker dan taalniveau B1.",
             "Voorbeelden: 2 verzonnen voorbeelden staan op de site."]
    comment = review_comment(CheckResult(hints=hints), Run(build="success", preview_url="https://x.test/zip"))
    assert comment.startswith("## ✅ Controle: geen fouten gevonden")
    assert "taalniveau B1" in comment and "content/blogs/x.md" in comment and "Voorbeelden" in comment
    assert "[Download het voorbeeld](https://x.test/zip)" in comment and "zoeken werkt niet" in comment
    many = review_comment(CheckResult(problems=[Problem(f"data/f{i}.yml", None, "x") for i in range(60)]), Run())
    assert "en nog 20 meer" in many and len(many) < 10_000


def test_the_review_script_checks_the_project_it_belongs_to(project, tmp_path):
    write_story(project, "fout.md", "title: Fout\ndate: 31-12-2025\ndescription: Een verhaal.\ncategories: [werkgever]")
    output = tmp_path / "comment.md"
    result = subprocess.run([sys.executable, str(project / "scripts/review.py"), "--output", str(output),
                             "--build", "failure"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    comment = output.read_text(encoding="utf-8")
    assert "content/stories/fout.md" in comment and "Bedoel je 2025-12-31?" in comment
    assert "Bedoel je 'werkgevers'?" in comment


# --- the workflows ---------------------------------------------------------------------------------

def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is missing: run make setup (it is in the test extras)"
    return found


def lint(*files: Path) -> subprocess.CompletedProcess:
    # shellcheck and pyflakes are left out, so the result does not depend on what else is installed.
    return subprocess.run([actionlint(), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def test_the_workflows_pass_actionlint():
    result = lint(*sorted(WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
                      .replace("runs-on:", "run-on:", 1).replace("steps.build.outcome", "steps.bild.outcome"),
                      encoding="utf-8")
    result = lint(broken)
    assert result.returncode != 0 and "run-on" in result.stdout and "bild" in result.stdout


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses", "") for step in job["steps"]]


def test_every_action_is_pinned_to_a_commit():
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d", line), f"{path.name}: {line.strip()}"


def test_the_deploy_is_tested_and_runs_every_night():
    deploy = workflow("deploy.yml")
    triggers = deploy[True]                      # YAML 1.1 reads the key 'on' as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"][0]["cron"]
    build = steps(deploy["jobs"]["build"])
    tests = next(i for i, run in enumerate(build) if "make test" in run)
    upload = next(i for i, run in enumerate(build) if "upload-pages-artifact" in run)
    assert tests < upload and any("make build" in run for run in build[tests:upload])


def test_a_pull_request_gets_a_preview_a_comment_the_check_and_the_tests():
    jobs = workflow("pull-request.yml")["jobs"]
    preview = jobs["preview"]
    build = next(step for step in preview["steps"] if step.get("id") == "build")
    assert build["env"]["SECTION_LINKS"] == "files" and build["run"] == "make build"
    assert any("upload-artifact" in run for run in steps(preview))
    assert any("scripts/review.py" in run for run in steps(preview))
    assert any("gh pr comment" in run and "--body-file comment.md" in run for run in steps(preview))
    assert steps(preview)[-1] == "make check"
    assert preview["permissions"]["pull-requests"] == "write"
    assert any("make test" in run for run in steps(jobs["test"]))
