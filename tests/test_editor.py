"""The communications team's tools: make new, make check and make report."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from conftest import ROOT, TODAY, check, messages, run_check, write_story
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


@pytest.mark.parametrize("kind", sorted(set(kinds()) - {"verhaal", "blog", "partner", "ervaringsdeskundige"}))
def test_new_data_item_is_valid_as_a_draft_and_refused_with_its_examples(project, kind):
    path = create(project, kind, "Nieuw Voorbeeld Item", today=TODAY)
    assert check(project) == [], messages(check(project))
    path.write_text(path.read_text(encoding="utf-8").replace("  draft: true", "  draft: false"), encoding="utf-8")
    problems = check(project)
    if problems:
        assert all(p.file == path.relative_to(project).as_posix() for p in problems), messages(problems)


def test_new_expert_gets_no_invented_consent_and_is_refused_until_it_is_filled_in(project):
    """Consent is a fact the person supplies: `make new` writes an empty consent, and `make check`
    says in the form's words what to fill in, for the person by name."""
    path = create(project, "ervaringsdeskundige", "Petra Nieuw", today=TODAY)
    text = path.read_text(encoding="utf-8")
    new = text[text.index("# Nieuw: ervaringsdeskundige") :]
    assert TODAY.isoformat() not in new.replace(f"aangemaakt op {TODAY.isoformat()}", "")
    assert "  consent:\n    date:\n    scope:\n" in new
    output = messages(check(project))
    assert "item 'Petra Nieuw' ('petra-nieuw'), veld 'Datum van toestemming' ('consent.date'): is leeg" in output
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(number for number, value in enumerate(lines, start=1) if value == "    date:" and number > 100)
    assert f"data/experts.yml (regel {line})" in output
    filled = new.replace("    date:\n    scope:\n", "    date: 2025-11-01\n    scope: [name, function]\n")
    path.write_text(text.replace(new, filled), encoding="utf-8")
    assert check(project) == [], messages(check(project))


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
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-f",
            str(ROOT / "Makefile"),
            "-o",
            "setup",
            "check",
            f"BIN={ROOT / '.venv/bin'}",
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
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


def test_make_report_runs_on_its_own_date(project, monkeypatch):
    """`make report` as the team runs it: no `today=` from a test, the date from the clock."""
    from conftest import BUILD_ENV
    import os
    import sys

    monkeypatch.delenv("SECTION_TODAY", raising=False)
    report = build_report(project)  # today from core.clock
    assert "Inhoudsrapport" in as_text(report)
    environment = {key: value for key, value in os.environ.items() if key != "SECTION_TODAY"}
    environment["NO_MKDOCS_2_WARNING"] = BUILD_ENV["NO_MKDOCS_2_WARNING"]
    result = subprocess.run(
        [sys.executable, str(project / "scripts/report.py")],
        capture_output=True,
        text=True,
        env=environment,
        cwd=project,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Inhoudsrapport" in result.stdout and (project / "dist/rapport/index.html").is_file()


def test_what_stays_off_the_site_is_named_by_check_and_build_with_reason_and_fix(project):
    """Nothing silent: a draft, a date ahead and a withdrawn consent are each named, with why
    and what to do, by `make check` and by the build."""
    from conftest import run_build

    write_story(
        project,
        "nog-niet-klaar.md",
        "title: Nog niet klaar\ndate: 2025-03-01\ndescription: x\ncategories: [aspirant]\ndraft: true",
    )
    write_story(project, "straks.md", "title: Straks online\ndate: 2026-05-01\ndescription: x\ncategories: [aspirant]")
    path = project / "data/experts.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + (
            "\n- id: wim-weg\n  name: Wim Weg\n  categories: [aspirant]\n"
            "  consent:\n    date: 2025-01-01\n    withdrawn: 2025-09-01\n"
        ),
        encoding="utf-8",
    )
    expected = [
        "content/stories/nog-niet-klaar.md, 'Nog niet klaar': staat niet op de site: het is een concept",
        "Zet 'Concept' uit (draft: false).",
        "content/stories/straks.md, 'Straks online': komt pas op 01-05-2026 op de site",
        "data/experts.yml, 'Wim Weg': staat niet meer op de site: de toestemming is ingetrokken op 01-09-2025.",
        "Laat de naam en de toestemming staan",
    ]
    checked = run_check(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Niet op de site: 3 stukken" in checked.stdout
    built = run_build(project, project / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    for fragment in expected:
        assert fragment in checked.stdout, (fragment, checked.stdout)
        assert fragment in built.stdout + built.stderr, (fragment, built.stderr)


# --- the guide (CONTRIBUTING.md) ------------------------------------------------------------------

GUIDE = ROOT / "CONTRIBUTING.md"


def guide_sections() -> dict[str, str]:
    import re

    parts = re.split(r"^(#{1,3} .+)$", GUIDE.read_text(encoding="utf-8"), flags=re.M)
    return {
        heading.strip("# ").strip(): text
        for heading, text in zip(parts[1::2], parts[2::2], strict=False)
        if text.strip()
    }


def test_every_section_of_the_guide_reads_at_b1():
    """The project's own measure (render/readability.py) on every section of CONTRIBUTING.md."""
    from ervaringsdeskundigheid.render.readability import B1_THRESHOLD, douma

    sections = guide_sections()
    assert len(sections) >= 15
    scores = {heading: douma(text) for heading, text in sections.items()}
    assert all(score >= B1_THRESHOLD for score in scores.values()), scores
    assert (
        douma(
            "De implementatie van arbeidsparticipatiebevorderende maatregelen geschiedt conform de "
            "desbetreffende beleidsuitgangspunten."
        )
        < B1_THRESHOLD
    )  # the measure does bite


def test_the_guide_explains_pull_request_branch_and_commit():
    text = GUIDE.read_text(encoding="utf-8")
    for word in ("commit", "branch", "pull request"):
        assert f"- Een **{word}** is " in text, word


def test_the_new_story_and_blog_links_open_githubs_editor_with_the_make_new_template(project):
    """The links in the guide are made from `make new`'s own template (only the day is left for the
    editor), for the repository in data/site.yml."""
    import re
    from urllib.parse import parse_qs, unquote, urlsplit

    from ervaringsdeskundigheid.editor.scaffold import (
        GITHUB_LINKS,
        GITHUB_TITLE,
        github_new_file_url,
        guide_repository,
        with_github_links,
    )

    guide = GUIDE.read_text(encoding="utf-8")
    assert with_github_links(guide, guide_repository(ROOT)) == guide, "run: python scripts/new.py --links"
    for kind, text in GITHUB_LINKS.items():
        [url] = re.findall(rf"\[{re.escape(text)}\]\(([^)]+)\)", guide)
        assert url == github_new_file_url(guide_repository(ROOT), kind)
        parts = urlsplit(url)
        folder = "content/stories" if kind == "verhaal" else "content/blogs"
        assert parts.path.endswith(f"/new/main/{folder}")
        query = parse_qs(parts.query)
        value = query["value"][0]
        made = create(project, kind, GITHUB_TITLE, today=TODAY).read_text(encoding="utf-8")
        stem = unquote(query["filename"][0]).removesuffix(".md")
        assert value == made.replace(f"date: {TODAY.isoformat()}\n", "date:\n").replace(
            "# slug: schrijf-hier-de-titel\n", f"# slug: {stem}\n"
        )
        assert "example: true" not in value and "Verzonnen" not in value
        assert unquote(query["filename"][0]).endswith(".md")
        # Filled in as the guide says, it passes the check; unchanged, it cannot be published.
        path = project / folder / "ingevuld.md"
        path.write_text(value, encoding="utf-8")
        assert "(regel 5), item 'Schrijf hier de titel', veld 'Datum' ('date'): is leeg" in messages(check(project))
        path.write_text(
            value.replace("date:\n", "date: 2025-11-01\n").replace("draft: true", "draft: false"), encoding="utf-8"
        )
        assert "bevat nog de voorbeeldtekst" in messages(check(project))
        filled = (
            value.replace("date:\n", "date: 2025-11-01\n")
            .replace("Schrijf hier de titel", "Een dag werk")
            .replace("Schrijf hier een korte samenvatting.", "Een korte samenvatting.")
            .replace("Schrijf hier het verhaal.", "Het verhaal.")
            .replace("Schrijf hier de blog.", "De blog.")
            .replace("name: Schuilnaam", "name: Tineke")
        )
        path.write_text(filled, encoding="utf-8")
        assert check(project) == [], messages(check(project))
        path.unlink()
        for made_file in (project / folder).glob("schrijf-hier*.md"):
            made_file.unlink()


def test_b1_tips_name_the_sentence_why_and_a_simpler_example():
    from ervaringsdeskundigheid.editor.tips import tips

    text = (
        "Wij helpen je graag. Ervaringsdeskundigen die in dienst zijn bij organisaties in het netwerk krijgen "
        "een loon dat past bij het werk, en zij worden geholpen door een coördinator die hen begeleidt. "
        "Indien je vragen hebt, kun je ons reeds bellen."
    )
    found = tips(text)
    assert [tip.sentence.split()[0] for tip in found] == ["Ervaringsdeskundigen", "Indien"]
    long, words = found
    assert "28 woorden" in long.why and "10 tot 15" in long.why
    first, second = long.example.split(". ", 1)
    assert len(first.split()) >= 4 and second.startswith("Zij worden geholpen")
    assert "'Indien'" in words.why and words.example == "Als je vragen hebt, kun je ons al bellen."
    assert tips("Wij helpen je graag. Bel ons als je vragen hebt.") == []


def test_report_lists_a_summary_above_a2(project):
    assert build_report(project, today=TODAY).hard_summaries == []
    write_story(
        project,
        "moeilijk.md",
        "title: Moeilijk\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n"
        "in_short: Het UWV coördineert de implementatie van participatievoorzieningen.",
    )
    report = build_report(project, today=TODAY)
    assert [(where, reasons[-1]) for where, _, reasons in report.hard_summaries] == [
        ("content/stories/moeilijk.md", "afkorting: UWV")
    ]
    assert "'In het kort' waarschijnlijk moeilijker dan A2: 1" in as_text(report)
