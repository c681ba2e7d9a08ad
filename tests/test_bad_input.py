"""Bad input fails the build with Dutch messages, and never touches the existing site."""

from __future__ import annotations

import pytest

from conftest import run_build, tree_digest, write_story

GOOD = """
title: Goed verhaal
date: 2025-03-05
description: Een korte samenvatting.
categories: [aspirant]
"""

# (file name, file bytes, expected fragments of the message: file, field, what is expected)
CASES = {
    "invalid-yaml": ("kapot.md", b"---\ntitle: [Kapot\ndate: 2025-01-01\n---\nTekst\n",
                     ["content/stories/kapot.md", "front matter", "geen geldige YAML", "regel"]),
    "missing-title": ("zonder-titel.md", b"---\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n---\nT\n",
                      ["content/stories/zonder-titel.md", "'title'", "verplicht"]),
    "missing-date": ("zonder-datum.md", b"---\ntitle: T\ndescription: x\ncategories: [aspirant]\n---\nT\n",
                     ["content/stories/zonder-datum.md", "'date'", "verplicht"]),
    "impossible-date": ("30-februari.md",
                        b"---\ntitle: T\ndate: 2025-02-30\ndescription: x\ncategories: [aspirant]\n---\nT\n",
                        ["content/stories/30-februari.md", "'date'", "geen bestaande datum", "JJJJ-MM-DD"]),
    "unknown-category": ("onbekend.md",
                         b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspiranten]\n---\nT\n",
                         ["content/stories/onbekend.md", "categories[1]", "'aspiranten'", "Kies uit"]),
    "missing-image": ("plaatje.md", b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n"
                      b"image: afbeeldingen/bestaat-niet.jpg\nimage_alt: Een foto\n---\nT\n",
                      ["content/stories/plaatje.md", "'image'", "bestaat niet"]),
    "image-without-alt": ("zonder-alt.md", b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\n"
                          b"categories: [aspirant]\nimage: afbeeldingen/x.jpg\n---\nT\n",
                          ["content/stories/zonder-alt.md", "'image_alt'", "beschrijving"]),
    "not-utf8": ("latin1.md", "---\ntitle: Café\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n"
                 "---\nCrème brûlée\n".encode("latin-1"),
                 ["content/stories/latin1.md", "geen UTF-8", "UTF-8"]),
    "empty-file": ("leeg.md", b"", ["content/stories/leeg.md", "is leeg"]),
    "typo-key": ("typo.md", b"---\ntitel: T\ntitle: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n"
                 b"---\nT\n", ["content/stories/typo.md", "'titel'", "onbekend veld", "Bedoel je 'title'?"]),
    "broken-link": ("kapotte-link.md", b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n"
                    b"---\nLees [dit verhaal](bestaat-niet.md).\n",
                    ["content/stories/kapotte-link.md", "bestaat-niet.md", "bestaat niet"]),
    "real-name-without-consent": ("naam.md", b"---\ntitle: T\ndate: 2025-01-01\ndescription: x\n"
                                  b"categories: [aspirant]\nperson:\n  name: Jan Echt\n---\nT\n",
                                  ["content/stories/naam.md", "person.name", "toestemming"]),
}


@pytest.fixture
def built_project(project, tmp_path):
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site, tree_digest(site)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_with_dutch_message_and_keeps_site(built_project, case):
    project, site, before = built_project
    name, data, expected = CASES[case]
    if case == "image-without-alt":
        (project / "content/afbeeldingen").mkdir(exist_ok=True)
        (project / "content/afbeeldingen/x.jpg").write_bytes(b"\xff\xd8\xff")
    (project / "content/stories" / name).write_bytes(data)
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "De site is niet gebouwd" in output
    for fragment in expected:
        assert fragment in output, (fragment, output)
    assert tree_digest(site) == before, "the existing site must stay exactly as it was"
    assert not list(site.parent.glob(".site-staging-*")), "no staging directory is left behind"


def test_all_errors_of_a_run_are_reported_together(built_project):
    project, site, before = built_project
    write_story(project, "een.md", "title: Een\ndate: 2025-13-01\ndescription: x\ncategories: [aspirant]")
    write_story(project, "twee.md", "date: 2025-01-01\ndescription: x\ncategories: [onbekend]")
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "3 fouten" in output
    assert "content/stories/een.md" in output and "content/stories/twee.md" in output
    assert tree_digest(site) == before


def test_duplicate_slug_names_both_files(built_project):
    project, site, before = built_project
    write_story(project, "eerste.md", GOOD + "slug: zelfde-adres")
    write_story(project, "tweede.md", GOOD + "slug: zelfde-adres")
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "'slug'" in output and "zelfde-adres" in output
    assert "content/stories/eerste.md" in output and "content/stories/tweede.md" in output
    assert tree_digest(site) == before


def test_blog_author_must_exist(built_project):
    project, site, before = built_project
    write_story(project, "blog.md", GOOD + "author: niemand", kind="blogs")
    output = run_build(project, site)
    assert output.returncode != 0
    assert "content/blogs/blog.md" in output.stdout + output.stderr
    assert "'author'" in output.stdout + output.stderr and "data/authors.yml" in output.stdout + output.stderr


def test_broken_data_file_fails_and_keeps_site(built_project):
    project, site, before = built_project
    (project / "data/categories.yml").write_text("- id: aspirant\n  title: [kapot\n", encoding="utf-8")
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/categories.yml" in output and "geen geldige YAML" in output
    assert tree_digest(site) == before
