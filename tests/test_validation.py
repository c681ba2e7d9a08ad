"""Bad input gets a Dutch message naming the file, the field and what is expected, with the
fix where one can be guessed. These run the same checks as the build, in process."""

from __future__ import annotations

import pytest

from conftest import TODAY, check, messages, write_story

GOOD = """
title: Goed verhaal
date: 2025-03-05
description: Een korte samenvatting.
in_short: Een kort verhaal.
categories: [aspirant]
"""

# (file name, file bytes, expected fragments of the message: file, field, what is expected)
CASES = {
    "invalid-yaml": (
        "kapot.md",
        b"---\ntitle: [Kapot\ndate: 2025-01-01\n---\nTekst\n",
        ["content/stories/kapot.md", "front matter", "geen geldige YAML", "regel"],
    ),
    "missing-title": (
        "zonder-titel.md",
        b"---\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n---\nT\n",
        ["content/stories/zonder-titel.md", "'title'", "verplicht"],
    ),
    "impossible-date": (
        "dertig-februari.md",
        b"---\ntitle: T\ndate: 2025-02-30\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n---\nT\n",
        ["content/stories/dertig-februari.md", "'date'", "geen bestaande datum", "JJJJ-MM-DD"],
    ),
    "day-month-year": (
        "datum.md",
        b"---\ntitle: T\ndate: 31-12-2025\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n---\nT\n",
        ["content/stories/datum.md", "'date'", "Bedoel je 2025-12-31?"],
    ),
    "category-typo": (
        "onbekend.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\ncategories: [werkgever]\n---\nT\n",
        ["content/stories/onbekend.md", "categories[1]", "'werkgever'", "Bedoel je 'werkgevers'?"],
    ),
    "missing-image": (
        "plaatje.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n"
        b"image: afbeeldingen/bestaat-niet.jpg\nimage_alt: Een foto\n---\nT\n",
        ["content/stories/plaatje.md", "'image'", "bestaat niet"],
    ),
    "image-without-alt": (
        "zonder-alt.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\n"
        b"categories: [aspirant]\nimage: afbeeldingen/koffietafel.jpg\n---\nT\n",
        ["content/stories/zonder-alt.md", "'image_alt'", "beschrijving"],
    ),
    "not-utf8": (
        "latin1.md",
        "---\ntitle: Café\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n"
        "---\nCrème brûlée\n".encode("latin-1"),
        ["content/stories/latin1.md", "geen UTF-8"],
    ),
    "empty-file": ("leeg.md", b"", ["content/stories/leeg.md", "is leeg"]),
    "typo-key": (
        "typo.md",
        b"---\ntitel: T\ntitle: T\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n---\nT\n",
        ["content/stories/typo.md", "'titel'", "onbekend veld", "Bedoel je 'title'?"],
    ),
    "broken-link": (
        "kapotte-link.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n"
        b"---\nLees [dit verhaal](bestaat-niet.md).\n",
        ["content/stories/kapotte-link.md", "bestaat-niet.md", "bestaat niet"],
    ),
    "broken-page-link": (
        "kapot-adres.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n"
        b"---\nZie [de lijst](../../opleidingen-oud/).\n",
        ["content/stories/kapot-adres.md", "opleidingen-oud", "bestaat niet"],
    ),
    "real-name-without-consent": (
        "naam.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\n"
        b"categories: [aspirant]\nperson:\n  name: Jan Echt\n---\nT\n",
        ["content/stories/naam.md", "person.name", "toestemming"],
    ),
    "file-name-not-a-slug": (
        "Mijn Verhaal.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\ncategories: [aspirant]\n---\nT\n",
        ["content/stories/Mijn Verhaal.md", "kleine letters", "mijn-verhaal.md"],
    ),
    "title-too-long": (
        "lang.md",
        b"---\ntitle: " + b"x" * 300 + b"\ndate: 2025-01-01\ndescription: x\nin_short: Kort.\n"
        b"categories: [aspirant]\n---\nT\n",
        ["content/stories/lang.md", "'title'", "te lang"],
    ),
    "missing-in-short": (
        "zonder-kort.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n---\nT\n",
        ["content/stories/zonder-kort.md", "'in_short'", "verplicht"],
    ),
    "in-short-too-long": (
        "te-lang-kort.md",
        b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n"
        b"in_short: Een. Twee. Drie. Vier.\n---\nT\n",
        ["content/stories/te-lang-kort.md", "'in_short'", "4 zinnen", "hoogstens 3"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_story_gets_a_dutch_message_naming_file_and_field(project, case):
    name, data, expected = CASES[case]
    (project / "content/stories" / name).write_bytes(data)
    output = messages(check(project))
    for fragment in expected:
        assert fragment in output, (fragment, output)


def test_all_problems_of_a_run_are_reported_together(project):
    write_story(project, "een.md", "title: Een\ndate: 2025-13-01\ndescription: x\ncategories: [aspirant]")
    write_story(project, "twee.md", "date: 2025-01-01\ndescription: x\ncategories: [onbekend]")
    problems = check(project)
    assert {p.file for p in problems} >= {"content/stories/een.md", "content/stories/twee.md"}
    assert len(problems) >= 3


def test_duplicate_slug_names_both_files(project):
    write_story(project, "eerste.md", GOOD + "slug: zelfde-adres")
    write_story(project, "tweede.md", GOOD + "slug: zelfde-adres")
    output = messages(check(project))
    assert "'slug'" in output and "zelfde-adres" in output
    assert "content/stories/eerste.md" in output and "content/stories/tweede.md" in output


def test_author_given_by_name_suggests_the_id(project):
    write_story(project, "blog.md", GOOD + "author: Jolanda Verzonnen", kind="blogs")
    output = messages(check(project))
    assert "content/blogs/blog.md" in output and "'author'" in output and "data/authors.yml" in output
    assert "Bedoel je 'jolanda-verzonnen'?" in output


def test_broken_data_file_names_the_file_and_line(project):
    (project / "data/categories.yml").write_text("- id: aspirant\n  title: [kapot\n", encoding="utf-8")
    output = messages(check(project))
    assert "data/categories.yml" in output and "geen geldige YAML" in output and "regel" in output


def test_data_item_problems_name_the_item(project):
    path = project / "data/opleidingen.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: opleiding", "kind: opleding", 1), encoding="utf-8")
    output = messages(check(project))
    line = path.read_text(encoding="utf-8").split("\n").index("  kind: opleding") + 1
    title = next(p.title for p in check(project) if p.entry == "noorderpoort-veendam")
    assert title and title in path.read_text(encoding="utf-8")  # the item by its title, the key second
    assert (
        f"data/opleidingen.yml (regel {line}), item '{title}' ('noorderpoort-veendam'), veld 'Soort' ('kind')"
    ) in output
    assert "Bedoel je 'opleiding'?" in output


def test_a_reference_to_a_draft_is_an_error_not_a_crash(project):
    path = project / "data/organisations.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- id: noorderpoort\n", "- id: noorderpoort\n  draft: true\n", 1), encoding="utf-8")
    output = messages(check(project))
    assert "data/opleidingen.yml" in output and "'noorderpoort'" in output and "niet gepubliceerd" in output


def test_a_huge_number_is_refused_not_drawn(project):
    path = project / "data/monitor.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("goal: 180", "goal: " + "9" * 100), encoding="utf-8")
    output = messages(check(project))
    assert "data/monitor.yml" in output and "'goal'" in output and "hoogstens" in output


def test_untouched_make_new_text_cannot_be_published(project):
    from ervaringsdeskundigheid.editor.scaffold import create

    path = create(project, "verhaal", "Mijn eerste verhaal")
    assert check(project) == [], "a draft may keep the example texts"
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    output = messages(check(project))
    assert "content/stories/mijn-eerste-verhaal.md" in output
    assert "Schrijf hier een korte samenvatting." in output and "Schrijf hier het verhaal." in output
    assert "Schuilnaam" in output


def test_a_link_to_a_place_that_is_not_on_the_page_names_the_editors_file(project):
    write_story(
        project,
        "anker.md",
        GOOD,
        "Lees [Maaike](maaike-en-de-ervaringsdeskundige.md#bestaat-niet) en [hier](#kop).\n\n## Kop\n\nTekst.\n",
    )
    (project / "docs/index.md").write_text(
        (project / "docs/index.md").read_text(encoding="utf-8") + "\n[Privacy](privacy.md#bestaat-niet)\n",
        encoding="utf-8",
    )
    output = messages(check(project))
    assert "content/stories/anker.md" in output and "'#bestaat-niet'" in output and "docs/index.md" in output
    assert "#kop" not in output


def test_yaml_tags_are_refused(project):
    write_story(project, "tag.md", GOOD.replace("title: Goed verhaal", "title: !!binary R29lZA=="))
    assert "content/stories/tag.md" in messages(check(project)) and "YAML-tag" in messages(check(project))


def test_a_truncated_image_is_refused_not_a_crash(project):
    image = project / "content/afbeeldingen/koffietafel.jpg"
    image.write_bytes(image.read_bytes()[:4000])
    output = messages(check(project))
    assert "afbeeldingen/koffietafel.jpg" in output and "beschadigd" in output


def test_control_characters_in_a_file_name_are_shown_not_printed(project):
    write_story(project, "ver\nhaal.md", GOOD)
    output = messages(check(project))
    assert "content/stories/ver\\nhaal.md" in output


def test_figures_money_or_rules_without_a_source_get_a_hint(project):
    from ervaringsdeskundigheid.editor.check import check_project

    path = project / "data/faq.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text
        + "\n- id: nieuwe-vraag\n  question: Hoeveel krijg je?\n  in_short: Je krijgt geld.\n  answer: Je krijgt €100 per maand.\n"
        "  categories: [aspirant]\n",
        encoding="utf-8",
    )
    result = check_project(project, today=TODAY)
    assert result.problems == []
    assert any("data/faq.yml, item 'nieuwe-vraag'" in hint and "geen bron" in hint for hint in result.hints)


def test_a_broken_link_in_a_draft_is_found_by_the_check(project):
    """`make check` also reads what only the preview shows: a draft's broken link is a Dutch problem
    (the preview's pages are rendered when it has items the build does not)."""
    write_story(
        project,
        "concept.md",
        "title: Concept\ndate: 2025-01-01\ndescription: Een concept.\ncategories: [aspirant]\ndraft: true",
        "Zie [dit verhaal](bestaat-niet.md).\n",
    )
    found = messages(check(project, TODAY))
    assert "content/stories/concept.md" in found and "de link 'bestaat-niet.md' werkt niet" in found, found


def test_a_list_of_groups_written_as_text_is_not_answered_with_the_words_as_a_list(project):
    """'[kantine, entree]' would give the next error: each location is a group of fields of its own."""
    path = project / "data/partners.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    locations:\n", text.index("partner: hanzehogeschool"))
    end = text.index("\n\n", start)
    path.write_text(text[:start] + "    locations: hal, kantine" + text[end:], encoding="utf-8")
    output = messages(check(project))
    assert "data/partners.yml" in output and "'locations'" in output and "moet een lijst zijn" in output, output
    assert "[hal, kantine]" not in output and "eigen regel" in output, output


def test_a_list_with_a_stray_bracket_is_answered_with_a_list_that_reads_back(project):
    """'categories: aspirant, werkgevers]' (the first bracket forgotten) is text: the advice is the list
    with one pair of brackets, not '[aspirant, werkgevers]]', which is no YAML."""
    write_story(project, "haakje.md", GOOD.replace("categories: [aspirant]", "categories: aspirant, werkgevers]"))
    output = messages(check(project))
    assert "Schrijf het zo: [aspirant, werkgevers]." in output, output
