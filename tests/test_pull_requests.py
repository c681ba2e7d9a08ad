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
from ervaringsdeskundigheid.editor import review
from ervaringsdeskundigheid.editor.review import Run

WORKFLOWS = ROOT / ".github" / "workflows"


# --- links for a copy opened from disk ------------------------------------------------------------


@pytest.mark.parametrize(
    "href, expected",
    [
        ("../verhalen/", "../verhalen/index.html"),
        ("./", "./index.html"),
        ("../", "../index.html"),
        (".", "./index.html"),
        ("..", "../index.html"),
        ("werkgevers/#vragen", "werkgevers/index.html#vragen"),
        ("../../werkgevers/?utm_source=x&amp;a=b", "../../werkgevers/index.html?utm_source=x&amp;a=b"),
        ("feed.xml", "feed.xml"),
        ("../assets/stylesheets/section.css", "../assets/stylesheets/section.css"),
        ("#inhoud", "#inhoud"),
        ("https://www.alliantievankracht.nl/", "https://www.alliantievankracht.nl/"),
        ("mailto:info@example.org", "mailto:info@example.org"),
        ("/ervaringsdeskundigheid/", "/ervaringsdeskundigheid/"),
        ("", ""),
        ("?q=werk", "?q=werk"),
    ],
)
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
    pages = [
        page
        for page in disk_copy.rglob("*.html")
        if page.name != "404.html" and not page.relative_to(disk_copy).as_posix().startswith("admin/")
    ]
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
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Roboto")  # styles load
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


def data(**parts) -> dict:
    return {"format": review.FORMAT, "problems": [], "notices": [], "tips": [], "other": [], "settings": [], **parts}


PROBLEM = {
    "file": "content/stories/x.md",
    "line": 3,
    "title": "Sanne vindt werk",
    "entry": None,
    "field": "date",
    "label": "Datum",
    "message": "'31-12-2025' staat in de verkeerde volgorde. Bedoel je 2025-12-31?",
}


def test_the_comment_starts_with_what_to_do_and_lists_problems_per_file_in_the_forms_words():
    expert = {
        "file": "data/experts.yml",
        "line": 40,
        "title": "Anna de Vries",
        "entry": "anna",
        "field": "consent",
        "label": "Toestemming",
        "message": "ontbreekt. Dit veld is verplicht.",
    }
    comment = review.comment(
        data(problems=[PROBLEM, expert]),
        Run(conclusion="failure", run_url="https://github.com/o/r/actions/runs/1", commit="0123456789abcdef"),
    )
    lines = comment.splitlines()
    assert lines[0] == review.MARKER  # found again and updated in place
    assert lines[1] == "## ❌ Nog niet klaar: 2 fouten om te verbeteren"
    assert lines[3].startswith("**Wat moet je doen?** Verbeter de fouten")
    assert "**content/stories/x.md**" in comment and "**data/experts.yml**" in comment
    assert "- regel 3, 'Sanne vindt werk', veld **Datum** (date): " in comment
    assert "Bedoel je 2025-12-31?" in comment and "veld **Toestemming**" in comment
    assert "versie 0123456" in comment and "(https://github.com/o/r/actions/runs/1)" in comment
    assert "geen voorbeeld" in comment and "Bekijk het voorbeeld" not in comment


def test_a_passing_check_gives_the_preview_link_and_b1_tips_of_the_changed_files():
    tip = {
        "file": "content/blogs/x.md",
        "title": "Titel",
        "score": 48,
        "target": 60,
        "sentences": [{"sentence": "Een heel lange zin.", "why": "Deze zin heeft 31 woorden.", "example": "Korter."}],
    }
    comment = review.comment(
        data(tips=[tip]), Run(conclusion="success", preview_url="https://o.github.io/r/pr-7/index.html")
    )
    assert comment.splitlines()[1] == "## ✅ Klaar om na te kijken"
    assert "[**Bekijk het voorbeeld**](https://o.github.io/r/pr-7/index.html)" in comment
    assert "De zin: *Een heel lange zin.*" in comment and "Waarom: Deze zin heeft 31 woorden." in comment
    assert "Eenvoudiger: Korter." in comment
    assert "Flesch" not in comment and "-6" not in comment  # no jargon
    many = review.comment(data(problems=[dict(PROBLEM, file=f"data/f{i}.yml") for i in range(60)]), Run())
    assert "en nog 20 meer" in many and len(many) < 20_000


def test_a_change_of_site_url_or_repository_is_named_at_the_top():
    change = {
        "field": "site_url",
        "old": "https://www.alliantievankracht.nl/ervaringsdeskundigheid/",
        "new": "https://elders.example/",
    }
    comment = review.comment(data(settings=[change]), Run(conclusion="success"))
    assert comment.splitlines()[1].startswith("> **Let op: alle QR-codes**")
    assert "elders.example" in comment


HOSTILE = [
    "Titel\n## ✅ Goedgekeurd door de beheerder",
    "[klik hier](https://evil.example/x)",
    "<img src=x onerror=alert(1)>",
    "@beheerder kijk",
    "![plaatje](https://evil.example/p.png)",
    "https://evil.example/ www.evil.example",
    "**vet** _schuin_ `code` | tabel |",
    "#12 fixes",
]


@given(st.lists(st.sampled_from(HOSTILE) | st.text(max_size=40), min_size=1, max_size=5))
def test_nothing_from_the_change_becomes_markdown_html_a_link_or_a_mention(parts):
    text = " ".join(parts)
    hostile = {"file": text, "line": 2, "title": text, "entry": text, "field": text, "label": text, "message": text}
    notice = {"file": text, "title": text, "reason": text, "fix": text}
    tip = {"file": text, "title": text, "sentences": [{"sentence": text, "why": text, "example": text}]}
    comment = review.comment(
        data(
            problems=[hostile],
            notices=[notice],
            tips=[tip],
            other=[text],
            settings=[{"field": "site_url", "old": text, "new": text}],
        ),
        Run(conclusion="failure", preview_url=text, run_url=text, commit=text),
    )
    ours = {
        review.MARKER,
        "## ❌ Nog niet klaar: 1 fout om te verbeteren",
        "### Voorbeeld van de site",
        "### Fouten, per bestand",
        "### Niet op de site",
        "### Tips voor eenvoudige taal",
        "### Andere tips",
    }
    for line in comment.splitlines():
        assert not line.startswith("#") or line in ours, line
    assert "<img" not in comment and "<script" not in comment
    assert "https://evil" not in comment and "www.evil" not in comment  # no bare link either
    assert "](https://evil" not in comment and "@beheerder" not in comment and "#12" not in comment
    for markup in ("[klik", "**vet**", "`code`"):
        assert not re.search(r"(?<!\\)" + re.escape(markup), comment), markup


def test_the_review_script_collects_in_one_job_and_comments_in_another(project, tmp_path):
    write_story(project, "fout.md", "title: Fout\ndate: 31-12-2025\ndescription: Een verhaal.\ncategories: [werkgever]")
    changed = tmp_path / "changed.txt"
    changed.write_text("content/stories/fout.md\n", encoding="utf-8")
    collected = tmp_path / "review.json"
    result = subprocess.run(
        [
            sys.executable,
            str(project / "scripts/review.py"),
            "collect",
            "--output",
            str(collected),
            "--changed-files",
            str(changed),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    output = tmp_path / "comment.md"
    # The comment job has no virtualenv: the standard library must do.
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            str(ROOT / "scripts/review.py"),
            "comment",
            "--input",
            str(collected),
            "--output",
            str(output),
            "--conclusion",
            "failure",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    comment = output.read_text(encoding="utf-8")
    assert "**content/stories/fout.md**" in comment and "Bedoel je 2025-12-31?" in comment
    assert "Bedoel je 'werkgevers'?" in comment and "veld **Datum**" in comment


# --- the workflows ---------------------------------------------------------------------------------


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is missing: run make setup (it is in the test extras)"
    return found


def lint(*files: Path) -> subprocess.CompletedProcess:
    # shellcheck and pyflakes are left out, so the result does not depend on what else is installed.
    return subprocess.run(
        [actionlint(), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_workflows_pass_actionlint():
    result = lint(*sorted(WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        (WORKFLOWS / "pull-request.yml")
        .read_text(encoding="utf-8")
        .replace("runs-on:", "run-on:", 1)
        .replace("steps.build.outcome", "steps.bild.outcome"),
        encoding="utf-8",
    )
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


def test_the_deploy_is_tested_runs_every_night_and_keeps_the_previews():
    """A push publishes only after the whole suite; the nightly run (consent dates take effect
    on their day) publishes whenever the build passes, so a withdrawal is never held up by an
    unrelated test."""
    deploy = workflow("deploy.yml")
    triggers = deploy[True]  # YAML 1.1 reads the key 'on' as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"][0]["cron"]
    assert any("make test" in run for run in steps(deploy["jobs"]["test"]))
    build = steps(deploy["jobs"]["build"])
    assert any("make build" in run for run in build) and any("upload-artifact" in run for run in build)
    publish = deploy["jobs"]["publish"]
    assert set(publish["needs"]) == {"build", "test"}
    condition = publish["if"]
    assert "needs.build.result == 'success'" in condition and "needs.test.result == 'success'" in condition
    assert "github.event_name != 'push'" in condition
    assert any("pages_branch.sh site" in run for run in steps(publish))


def permissions(workflow_file: dict, job: dict) -> dict:
    value = job.get("permissions", workflow_file.get("permissions", {}))
    return value if isinstance(value, dict) else {"all": value}


def test_no_job_that_can_write_runs_code_from_the_pull_request():
    """A job with any write permission is triggered only where it runs the default branch's
    code (workflow_run, pull_request_target, push, schedule), checks out only the default
    branch and installs or builds nothing; a pull_request job only reads."""
    for path in sorted(WORKFLOWS.glob("*.yml")):
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = set(flow[True]) if isinstance(flow[True], dict) else {flow[True]}
        for name, job in flow["jobs"].items():
            granted = permissions(flow, job)
            writes = [key for key, value in granted.items() if value == "write" or key == "all"]
            if "pull_request" in triggers:
                assert not writes, f"{path.name}: {name} may write: {writes}"
            if not writes or triggers & {"push", "schedule"}:
                continue
            for step in job["steps"]:
                ref = (step.get("with") or {}).get("ref")
                if "actions/checkout" in step.get("uses", ""):
                    assert ref == "${{ github.event.repository.default_branch }}", (
                        f"{path.name}: {name} checks out {ref}"
                    )
                run = step.get("run", "")
                for command in ("make", "pip", "npm", ".venv", "mkdocs", "pytest"):
                    assert not re.search(rf"(^|\s){re.escape(command)}\b", run), f"{path.name}: {name} runs {command}"


def test_the_comment_is_written_by_the_trusted_workflow_and_updated_in_place():
    flow = workflow("comment.yml")
    assert flow[True]["workflow_run"]["workflows"] == [workflow("pull-request.yml")["name"]]
    job = flow["jobs"]["comment"]
    runs = "\n".join(steps(job))
    assert "scripts/review.py comment" in runs and "python3" in runs
    assert "--method PATCH" in runs and "issues/comments/$id" in runs and "startswith" in runs
    assert runs.index("--method PATCH") < runs.index("--method POST")  # edit first, add only when there is none
    assert "gh pr comment" not in runs
    assert "pulls/$number" in runs and "HEAD_SHA" in runs  # the number from the artifact is checked
    cleanup = workflow("preview-cleanup.yml")
    assert cleanup[True]["pull_request_target"]["types"] == ["closed"]
    assert "pages_branch.sh remove" in "\n".join(steps(cleanup["jobs"]["remove"]))


def test_a_pull_request_gets_a_preview_the_review_data_the_check_and_the_tests():
    jobs = workflow("pull-request.yml")["jobs"]
    preview = jobs["preview"]
    build = next(step for step in preview["steps"] if step.get("id") == "build")
    assert build["env"]["SECTION_LINKS"] == "files" and build["run"] == "make build"
    assert sum("upload-artifact" in run for run in steps(preview)) == 2
    assert any("scripts/review.py collect" in run for run in steps(preview))
    assert steps(preview)[-1] == "make check"
    assert preview["permissions"] == {"contents": "read"}
    assert any("make test" in run for run in steps(jobs["test"]))


def test_the_pages_branch_script_keeps_previews_apart(tmp_path):
    """scripts/pages_branch.sh on a local stand-in for GitHub: a preview goes under pr-N/ without
    the web editor, the site keeps the previews, and closing removes only that preview."""
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    script = (ROOT / "scripts/pages_branch.sh").read_text(encoding="utf-8")
    local = tmp_path / "pages_branch.sh"
    local.write_text(script.replace('"https://github.com/${GITHUB_REPOSITORY:?}.git"', f'"{origin}"'), encoding="utf-8")
    env = {
        "GH_TOKEN": "x",
        "GITHUB_REPOSITORY": "o/r",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    site, preview = tmp_path / "site", tmp_path / "preview"
    for folder, text in ((site, "site"), (preview, "preview")):
        (folder / "admin").mkdir(parents=True)
        (folder / "index.html").write_text(text, encoding="utf-8")
        (folder / "admin/index.html").write_text("editor", encoding="utf-8")
    (preview / ".git").mkdir()
    (preview / ".git/config").write_text("[core]\n", encoding="utf-8")

    def run(*args):
        result = subprocess.run(["bash", str(local), *args], env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr

    def files() -> set[str]:
        listed = subprocess.run(
            ["git", "--git-dir", str(origin), "ls-tree", "-r", "--name-only", "gh-pages"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return set(listed.split())

    run("site", str(site))
    run("preview", "7", str(preview))
    assert files() == {".nojekyll", "index.html", "admin/index.html", "pr-7/index.html"}
    run("site", str(site))
    assert "pr-7/index.html" in files()
    run("remove", "7")
    assert files() == {".nojekyll", "index.html", "admin/index.html"}
