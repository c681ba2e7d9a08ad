"""The results a build keeps for the next one (build/memo.py): used only when the same code made
them, never fatal when the file is damaged or cannot be written."""

from __future__ import annotations

import types

from hypothesis import given, settings, strategies as st

from ervaringsdeskundigheid.build.memo import TextMemo, code_version, text_key


def test_what_a_build_keeps_is_read_by_the_next_with_the_same_version_only(tmp_path):
    memo = TextMemo(tmp_path, "scores", "v1")
    memo.keep(text_key("Een tekst."), 71.5)
    memo.save()
    assert TextMemo(tmp_path, "scores", "v1").get(text_key("Een tekst.")) == 71.5
    assert TextMemo(tmp_path, "scores", "v2").get(text_key("Een tekst.")) is None
    assert TextMemo(tmp_path, "scores", "v1").get(text_key("Een andere tekst.")) is None
    assert TextMemo(None, "scores", "v1").get(text_key("Een tekst.")) is None


def test_only_what_the_last_build_asked_for_is_kept(tmp_path):
    first = TextMemo(tmp_path, "scores", "v1")
    first.keep("a", 1)
    first.keep("b", 2)
    first.save()
    second = TextMemo(tmp_path, "scores", "v1")
    second.keep("b", second.get("b"))
    second.save()
    assert TextMemo(tmp_path, "scores", "v1").earlier == {"b": 2}


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_a_damaged_file_is_not_used_and_never_fatal(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("memo")
    (folder / "memo").mkdir()
    (folder / "memo" / "scores.json").write_bytes(data)
    memo = TextMemo(folder, "scores", "v1")
    assert memo.earlier == {}
    memo.keep("a", 1)
    memo.save()
    assert TextMemo(folder, "scores", "v1").earlier == {"a": 1}


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path):
    (tmp_path / "memo").write_text("geen map", encoding="utf-8")  # a file where the folder should be
    memo = TextMemo(tmp_path, "scores", "v1")
    memo.keep("a", 1)
    memo.save()
    assert TextMemo(tmp_path, "scores", "v1").earlier == {}


def test_the_version_changes_with_the_code_and_the_settings(tmp_path):
    def module(source: str) -> types.ModuleType:
        path = tmp_path / f"m{abs(hash(source))}.py"
        path.write_text(source, encoding="utf-8")
        made = types.ModuleType("m")
        made.__file__ = str(path)
        return made

    one, other = module("A = 1\n"), module("A = 2\n")
    assert code_version([one], ["pyphen"]) == code_version([one], ["pyphen"])
    assert code_version([one]) != code_version([other])
    assert code_version([one], ["pyphen"]) != code_version([one])
    assert code_version([one], [], "regel 1") != code_version([one], [], "regel 2")
