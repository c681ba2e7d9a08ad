"""Dutch readability: hard pages are listed as warnings, never as errors."""

from __future__ import annotations

from conftest import run_build, write_story
from ervaringsdeskundigheid.readability import B1_THRESHOLD, douma

HARD = ("De implementatie van ervaringsdeskundigheid binnen organisatorische structuren vereist een "
        "systematische benadering waarbij institutionele randvoorwaarden nadrukkelijk geadresseerd dienen "
        "te worden teneinde duurzame verankering te bewerkstelligen. ") * 6
EASY = "Ik heb zelf schulden gehad. Nu help ik anderen. Dat voelt goed. Je staat er niet alleen voor. " * 6


def test_douma_separates_plain_from_hard_dutch():
    assert douma(EASY) >= B1_THRESHOLD > douma(HARD)


def test_build_warns_about_a_hard_page_and_still_succeeds(project, tmp_path):
    write_story(project, "moeilijk.md", """
title: Moeilijk verhaal
date: 2025-05-01
description: Een lastige tekst.
categories: [werkgevers]
""", body=HARD)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Leesbaarheid: content/stories/moeilijk.md" in output and "B1" in output
    assert "content/stories/maaike-vindt-betaald-werk.md" not in output.split("Leesbaarheid")[-1]
