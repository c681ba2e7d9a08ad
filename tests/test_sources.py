"""Reading files strictly: what editors (and attackers) can put in a file is refused with a
Dutch message naming the file and, where it can, the line; nothing can hang the build."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ervaringsdeskundigheid.core import sources
from ervaringsdeskundigheid.core.sources import SourceError, parse_yaml, read_markdown, read_text


def problem(text: str, label: str = "data/x.yml") -> str:
    with pytest.raises(SourceError) as error:
        parse_yaml(text, label)
    return str(error.value.problem)


def test_duplicate_keys_are_refused_with_the_line():
    message = problem("name: A\nconsent:\n  date: 2025-01-01\n  withdrawn: 2025-02-01\nconsent:\n  date: 2025-03-01\n")
    assert "data/x.yml (regel 5)" in message and "'consent' staat twee keer" in message


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",
        'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n',
        "base: &b {x: 1}\nother:\n  <<: *b\n",
    ],
)
def test_anchors_aliases_and_merge_keys_are_refused(text):
    assert "anker (&) of verwijzing (*)" in problem(text)


def test_an_alias_bomb_is_refused_at_once():
    levels = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    levels += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    started = time.perf_counter()
    assert "anker" in problem("\n".join(levels) + "\n")
    assert time.perf_counter() - started < 1, "refused from the event stream, never expanded"


def test_deep_nesting_is_refused():
    assert "te diep genest" in problem("a: " + "[" * 5000 + "]" * 5000 + "\n")


@pytest.mark.parametrize("escape", ["\\x0b", "\\x00", "\\x1b", "\\u202e", "\\u2028", "\\x7f"])
def test_control_characters_in_quoted_strings_are_refused_naming_the_field(escape):
    message = problem(f'title: "Goed {escape} verhaal"\n')
    assert "veld 'title'" in message and "stuurteken" in message


@pytest.mark.parametrize("char", ["\x0b", "\x00", "\x1b", "\u202e", "\u2028", "\x85"])
def test_control_characters_in_files_are_refused_with_line_and_column(tmp_path, char):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/x.yml").write_text(f"a: 1\nb: twee{char}drie\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_text(tmp_path, "data/x.yml")
    assert error.value.problem.line == 2
    assert "kolom 8" in str(error.value.problem)


def test_tabs_colons_and_quotes_get_dutch_explanations():
    assert "tab" in problem("a:\n\tb: 1\n") or "teken dat hier niet mag" in problem("a:\n\tb: 1\n")
    assert "dubbele punt" in problem("title: Werk: een begin: ja\n")
    assert "niet gesloten" in problem('title: "open\n')
    for text in ("a:\n\tb: 1\n", "title: Werk: een begin: ja\n", 'title: "open\n', "a: [1, 2\n"):
        assert "mapping values" not in problem(text) and "while scanning" not in problem(text)


def test_yaml_reads_like_yaml_1_2():
    value = parse_yaml("a: No\nb: on\nc: 12:30\nd: true\ne: 2025-02-30\nf: 1_000\n", "x")
    assert value == {"a": "No", "b": "on", "c": "12:30", "d": True, "e": "2025-02-30", "f": 1000}


def test_python_tags_are_refused():
    assert "YAML-tag" in problem("a: !!python/object/apply:os.system [ls]\n")


def test_files_outside_the_project_and_symlinks_are_refused(tmp_path):
    outside = tmp_path / "buiten.md"
    outside.write_text("---\ntitle: x\n---\ngeheim\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "content/stories").mkdir(parents=True)
    os.symlink(outside, project / "content/stories/link.md")
    for relative in ("content/stories/link.md", "../buiten.md", "/etc/passwd"):
        with pytest.raises(SourceError):
            read_text(project, relative)
    assert sources.symlinks_below(project, "content")[0].file == "content/stories/link.md"


def test_size_limit(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/x.yml").write_bytes(b"a: " + b"x" * (sources.MAX_TEXT_BYTES + 10))
    with pytest.raises(SourceError, match="te groot"):
        read_text(tmp_path, "data/x.yml")


def test_bom_and_windows_line_ends_are_fine(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/x.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: Hoi\r\n---\r\nTekst\r\n")
    source = read_markdown(tmp_path, "docs/x.md")
    assert source.meta == {"title": "Hoi"} and source.body == "Tekst\n"


def test_not_utf8_is_refused(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/x.md").write_bytes("---\ntitle: Café\n---\n".encode("latin-1"))
    with pytest.raises(SourceError, match="geen UTF-8"):
        read_markdown(tmp_path, "docs/x.md")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_is_read_or_refused_in_dutch_never_crashes(text):
    """Random YAML: it parses, or it is refused with a Dutch problem; no other exception, no hang."""
    try:
        parse_yaml(text, "data/x.yml")
    except SourceError as error:
        assert error.problem.file == "data/x.yml"
        assert not any(word in error.problem.message for word in ("while scanning", "expected <", "found "))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["[", "]", "{", "}", "&a ", "*a", "- ", ": ", "\n", "  ", "x", '"', "'", "!!"]), max_size=300
    )
)
def test_structured_garbage_is_refused_quickly(tokens):
    started = time.perf_counter()
    try:
        parse_yaml("".join(tokens), "data/x.yml")
    except SourceError:
        pass
    assert time.perf_counter() - started < 2
