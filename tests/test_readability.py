"""Readability hints: a text above B1 is named in `make check`, plain texts are not, and our
fast Flesch-Douma gives exactly textstat's score."""

from __future__ import annotations

import shutil

import textstat
from hypothesis import given, settings, strategies as st

from conftest import ROOT, TODAY, write_story
from ervaringsdeskundigheid.editor.check import check_project
from ervaringsdeskundigheid.render import readability
from ervaringsdeskundigheid.types import load_site


def textstat_douma(text: str) -> float:
    scorer = type(textstat.textstat)()
    scorer.set_lang("nl")
    return scorer.flesch_reading_ease(text)


def test_every_text_of_the_repository_scores_as_textstat_scores_it():
    site = load_site(ROOT, today=TODAY)
    texts = [readability.plain_text(markdown) for _, _, markdown in readability.texts(site)]
    assert len(texts) > 20
    for text in texts:
        assert readability.flesch_douma(text) == textstat_douma(text), text[:80]


_PIECES = st.sampled_from(
    [
        "werk",
        "ervaringsdeskundige",
        "Het",
        "gemeente",
        "'s",
        "avonds",
        "zo'n",
        "don't",
        "'t",
        "café",
        "ideeën",
        "«quote»",
        '"zei"',
        "-",
        "—",
        "e-mail",
        "2025",
        "€1.900",
        ".",
        "!",
        "?",
        "...",
        ",",
        ";",
        "(ja)",
        "'",
        "A.B.",
        "ijs",
        "IJssel",
        "x",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40))
def test_any_text_scores_as_textstat_scores_it(pieces):
    text = " ".join(pieces)
    assert readability.flesch_douma(text) == textstat_douma(text)


def test_check_names_a_story_above_b1_and_not_a_plain_one(project):
    hard = (
        "De gemeentelijke beleidsmedewerkers constateerden dat de implementatie van "
        "participatievoorzieningen onvoldoende gecoördineerd verliep, waardoor de "
        "ervaringsdeskundigheidsontwikkeling binnen maatschappelijke organisaties stagneerde. "
    ) * 6
    plain = "Ik had schulden. Ik schaamde me. Nu help ik anderen. Dat voelt goed. Ik ben trots. " * 6
    front = (
        "title: {title}\ndate: 2025-10-01\ndescription: Een verhaal.\ncategories: [aspirant]\n"
        "person:\n  name: Sam\n  pseudonym: true\n"
    )
    write_story(project, "moeilijk-verhaal.md", front.format(title="Moeilijk verhaal"), hard)
    write_story(project, "makkelijk-verhaal.md", front.format(title="Makkelijk verhaal"), plain)
    result = check_project(project, today=TODAY)
    assert not result.problems, result.problems
    readable = [hint for hint in result.hints if hint.startswith("Leesbaarheid")]
    assert any("content/stories/moeilijk-verhaal.md" in hint and "B1" in hint for hint in readable), readable
    assert not any("makkelijk-verhaal" in hint for hint in readable)


def test_a_build_scores_only_the_texts_that_changed_since_the_last(project, monkeypatch):
    """The scores of the last build are kept (.cache/memo/readability.json): the next build scores
    only new or changed texts, and gives the same hints as a build that scored them all."""
    scored: list[str] = []
    score = readability.douma
    monkeypatch.setattr(readability, "douma", lambda text: scored.append(text) or score(text))

    def long_texts_scored() -> list[str]:
        long = {text for _, _, text in readability.texts(load_site(project, today=TODAY))}
        return [text for text in scored if text in long]

    shutil.rmtree(project / ".cache" / "memo", ignore_errors=True)  # what the repository's build kept
    first = check_project(project, today=TODAY)
    assert len(long_texts_scored()) > 20
    scored.clear()
    assert check_project(project, today=TODAY).hints == first.hints and scored == []  # "In het kort" too

    hard = "De implementatie van participatievoorzieningen verliep onvoldoende gecoördineerd. " * 8
    front = "title: Moeilijk\ndate: 2025-10-01\ndescription: Een verhaal.\ncategories: [aspirant]"
    write_story(project, "moeilijk-verhaal.md", front, hard)
    scored.clear()
    changed = check_project(project, today=TODAY)
    assert [text.strip() for text in long_texts_scored()] == [hard.strip()]
    assert any("moeilijk-verhaal.md" in hint and "B1" in hint for hint in changed.hints)

    (project / ".cache/memo/readability.json").write_text('{"version": 1, "results": []}', encoding="utf-8")
    scored.clear()
    assert check_project(project, today=TODAY).hints == changed.hints and len(long_texts_scored()) > 20
