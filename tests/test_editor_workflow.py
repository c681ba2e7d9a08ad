"""Editors' workflow: `make new` templates, `make check`, pre-commit and CI workflows."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time

import pytest
import yaml

from conftest import ROOT, run_build
from ervaringsdeskundigheid.check import check_project
from ervaringsdeskundigheid.scaffold import KINDS, create

TODAY = dt.date(2025, 12, 1)


def test_new_story_gets_slug_date_and_draft_and_builds_once_draft_is_off(project, tmp_path):
    path = create(project, "verhaal", "Een nieuw verhaal: Één stap", today=TODAY)
    assert path.name == "een-nieuw-verhaal-een-stap.md"
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["draft"] is True and meta["date"] == "2025-12-01" if isinstance(meta["date"], str) else True
    assert "# Titel" in text, "the template explains its fields in Dutch"
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    assert not (site / "verhalen/een-nieuw-verhaal-een-stap").exists()
    path.write_text(text.replace("draft: true", "draft: false"), encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "verhalen/een-nieuw-verhaal-een-stap/index.html").is_file()


def test_new_items_get_unique_slugs(project):
    first = create(project, "blog", "Dubbel", today=TODAY)
    second = create(project, "blog", "Dubbel", today=TODAY)
    assert first.stem == "dubbel" and second.stem == "dubbel-2"


@pytest.mark.parametrize("kind", sorted(name for name, k in KINDS.items() if k.key and name != "partner"))
def test_new_data_item_validates_and_builds_once_draft_is_off(project, tmp_path, kind):
    path = create(project, kind, "Nieuw Voorbeeld Item", today=TODAY)
    assert check_project(project) == []
    spec = KINDS[kind]
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    new = next(i for i in items if i[spec.key] == "nieuw-voorbeeld-item")
    assert new["draft"] is True
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  draft: true                  #", "  draft: false                 #"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nieuw Voorbeeld Item" in "".join(p.read_text() for p in site.rglob("index.html"))


def test_check_passes_on_the_repository_and_is_fast():
    started = time.perf_counter()
    result = subprocess.run(["make", "--no-print-directory", "check"], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Alles in orde" in result.stdout
    assert elapsed < 20, elapsed


def test_check_fails_on_a_broken_file_and_names_it(project):
    (project / "content/stories/kapot.md").write_text("---\ntitel: Kapot\n---\nTekst\n", encoding="utf-8")
    problems = check_project(project)
    text = "\n".join(map(str, problems))
    assert "content/stories/kapot.md" in text and "'titel'" in text and "Bedoel je 'title'?" in text


def test_pre_commit_runs_make_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(re.search(r"\bmake\b.*\bcheck$", hook["entry"]) for hook in hooks)


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):(?!=)", text, re.M))


def test_ci_workflows_parse_and_call_existing_make_targets():
    targets = make_targets()
    workflows = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
                 for p in (ROOT / ".github/workflows").glob("*.yml")}
    assert {"pull-request.yml", "deploy.yml"} <= set(workflows)
    pr = workflows["pull-request.yml"]
    assert "pull_request" in pr[True]  # YAML 1.1 reads the key `on` as True
    commands = []
    for workflow in workflows.values():
        for job in workflow["jobs"].values():
            commands += [step["run"] for step in job["steps"] if "run" in step]
    used = {match for command in commands for match in re.findall(r"\bmake ([\w-]+)", command)}
    assert "test" in used and used <= targets, (used, targets)
    pr_steps = [s for job in pr["jobs"].values() for s in job["steps"]]
    assert any("make test" in s.get("run", "") for s in pr_steps)
    assert any("upload-artifact" in s.get("uses", "") for s in pr_steps)


def test_new_partner_is_a_draft_until_switched_on_then_gets_a_short_link(project, tmp_path):
    organisations = yaml.safe_load((project / "data/organisations.yml").read_text(encoding="utf-8"))
    partners = yaml.safe_load((project / "data/partners.yml").read_text(encoding="utf-8"))["partners"]
    free = next(o for o in organisations if o["id"] not in {p["partner"] for p in partners})
    path = create(project, "partner", free["name"], today=TODAY)
    assert check_project(project) == []
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    assert not (site / f"p/{free['id']}-kantine").exists()
    text = path.read_text(encoding="utf-8").replace("    draft: true ", "    draft: false")
    path.write_text(text, encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / f"p/{free['id']}-kantine/index.html").is_file()


def test_new_partner_needs_a_known_organisation(project):
    with pytest.raises(ValueError, match="make new KIND=organisatie"):
        create(project, "partner", "Bestaat Niet BV", today=TODAY)
