"""The communications team's tools: make new, make check and make report."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from conftest import ROOT, TODAY, check, copy_project, messages, run_check, write_story
from ervaringsdeskundigheid.editor.report import as_text, build_report
from ervaringsdeskundigheid.editor.scaffold import ScaffoldError, create, kinds


def test_new_story_gets_slug_date_draft_and_explanations(project):
    path = create(project, "verhaal", "Een nieuw verhaal: Één stap", today=TODAY)
    assert path.name == "een-nieuw-verhaal-een-stap.md"
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["draft"] is True and str(meta["date"]) == TODAY.isoformat()
    assert "# Titel: kort en duidelijk." in text
    assert check(project) == []


def test_new_items_get_unique_slugs(project):
    first = create(project, "blog", "Dubbel", today=TODAY)
    second = create(project, "blog", "Dubbel", today=TODAY)
    assert first.stem == "dubbel" and second.stem == "dubbel-2"


@pytest.mark.parametrize("kind", sorted(set(kinds()) - {"verhaal", "blog", "partner"}))
def test_new_data_item_is_valid_as_a_draft_and_refused_with_its_examples(project, kind):
    path = create(project, kind, "Nieuw Voorbeeld Item", today=TODAY)
    assert check(project) == [], messages(check(project))
    path.write_text(path.read_text(encoding="utf-8").replace("  draft: true", "  draft: false"), encoding="utf-8")
    problems = check(project)
    if problems:
        assert all(p.file == path.relative_to(project).as_posix() for p in problems), messages(problems)


def test_new_partner_must_be_an_existing_organisation(project):
    with pytest.raises(ScaffoldError, match="staat niet in data/organisations.yml"):
        create(project, "partner", "Bestaat Niet", today=TODAY)
    create(project, "partner", "voorbeeldorganisatie", today=TODAY)
    assert check(project) == []


def test_unknown_kind_suggests_one():
    with pytest.raises(ScaffoldError, match="Bedoel je 'verhaal'"):
        create(ROOT, "verhal", "x")


def test_make_check_names_the_file_and_prints_no_english_line(project):
    (project / "content/stories/kapot.md").write_text("---\ntitle: [kapot\n---\nx\n", encoding="utf-8")
    # The repository's Makefile on the broken copy, with the repository's setup (-o: not redone).
    result = subprocess.run(["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-o", "setup", "check",
                             f"BIN={ROOT / '.venv/bin'}"], cwd=project, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/stories/kapot.md" in output and "Controle mislukt" in output
    assert "Error" not in output and "make:" not in output and "Traceback" not in output


def test_check_script_agrees_with_the_checks(project):
    result = run_check(project)
    assert result.returncode == 0 and "Alles in orde" in result.stdout, result.stdout + result.stderr
    write_story(project, "kapot.md", "title: [kapot")
    result = run_check(project)
    assert result.returncode != 0 and "content/stories/kapot.md" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_report_lists_missing_facts_examples_and_drafts(project):
    create(project, "verhaal", "Nog een concept", today=TODAY)
    report = build_report(project, today=TODAY)
    text = as_text(report)
    assert "Gegevens die nog ontbreken" in text and report.missing
    assert "content/stories/nog-een-concept.md" in text
    assert "Voorbeelden (example: true)" in text


def test_report_lists_a_summary_above_a2(project):
    assert build_report(project, today=TODAY).hard_summaries == []
    write_story(project, "moeilijk.md", "title: Moeilijk\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n"
                "in_short: Het UWV coördineert de implementatie van participatievoorzieningen.")
    report = build_report(project, today=TODAY)
    assert [(where, reasons[-1]) for where, _, reasons in report.hard_summaries] == [
        ("content/stories/moeilijk.md", "afkorting: UWV")]
    assert "'In het kort' waarschijnlijk moeilijker dan A2: 1" in as_text(report)
