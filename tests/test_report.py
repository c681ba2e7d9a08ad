"""`make report`: targets per year, consents to renew, hard texts, drafts."""

from __future__ import annotations

import datetime as dt

import yaml

from conftest import write_story
from ervaringsdeskundigheid.report import as_html, as_text, build_report


def test_report_counts_targets_consents_and_drafts(project):
    write_story(project, "concept.md", "title: Wachtend concept\ndate: 2025-06-01\ndescription: x\n"
                                        "categories: [aspirant]\ndraft: true")
    path = project / "data/experts.yml"
    people = yaml.safe_load(path.read_text(encoding="utf-8"))
    people[0]["consent"]["date"] = "2022-01-01"
    path.write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    stories = len(list((project / "content/stories").glob("*.md"))) - 1
    report = build_report(project, today=dt.date(2025, 12, 31))
    assert (2025, stories, len(list((project / "content/blogs").glob("*.md")))) in report.per_year
    assert [who for _, who, _ in report.old_consents] == [people[0]["name"]]
    assert ("content/stories/concept.md", "Wachtend concept", "Concept") in report.drafts
    assert report.monitor_at_work == 133
    text = as_text(report)
    assert "doel: 12" in text and people[0]["name"] in text and "Wachtend concept" in text
    html = as_html(report)
    assert '<meta name="robots" content="noindex, nofollow">' in html and '<html lang="nl">' in html
