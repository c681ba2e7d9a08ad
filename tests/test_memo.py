"""The results a build keeps for the next one (build/memo.py): used only when the same code made
them, never fatal when the file is damaged or cannot be written."""

from __future__ import annotations

import json
import os
import shutil
import shlex
import signal
import subprocess
import types
from contextlib import contextmanager

import pytest
from hypothesis import given, settings, strategies as st

from conftest import TODAY, run_build, run_check, tree_digest, write_story
from ervaringsdeskundigheid.build.memo import TextMemo, package_modules, text_key
from ervaringsdeskundigheid.core.cachefiles import code_version
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.core.problems import ContentErrors
from ervaringsdeskundigheid.render import images
from ervaringsdeskundigheid.render.markdown import MarkdownRenderer

FRONT = "title: {title}\ndate: 2025-03-01\ndescription: Een verhaal.\ncategories: [aspirant]"


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


def test_every_module_of_the_package_is_in_the_version_of_the_conversions():
    names = {path.name for path in package_modules()}
    assert {"markdown.py", "sanitize.py", "text.py", "pages.py", "memo.py"} <= names


def _conversions(monkeypatch) -> list[str]:
    """The Markdown texts converted (not taken from the last build)."""
    converted: list[str] = []
    convert = MarkdownRenderer._convert

    def converting(self, text, context):
        converted.append(text)
        return convert(self, text, context)

    monkeypatch.setattr(MarkdownRenderer, "_convert", converting)
    return converted


def _build(project) -> dict:
    session = BuildSession(project, mode="build", today=TODAY)
    session.start()
    return session.outputs()


def test_a_conversion_is_reused_only_while_its_text_and_every_answer_it_got_stay_the_same(project, monkeypatch):
    """The conversions of the last build are kept (.cache/memo/markdown.json). The same text is
    converted again when a question it asked about the site gets another answer (the page it links
    to is gone), when the glossary changed, or when the kept file is damaged."""
    shutil.rmtree(project / ".cache" / "memo", ignore_errors=True)
    write_story(project, "doel.md", FRONT.format(title="Doel"), "Een verhaal om naar te linken.\n")
    body = "Lees [het andere verhaal](doel.md). Daarna volg je een opleiding op het mbo.\n"
    write_story(project, "verwijzing.md", FRONT.format(title="Verwijzing"), body)
    page = "verhalen/verwijzing/index.html"

    converted = _conversions(monkeypatch)
    first = _build(project)
    assert len(converted) > 20 and 'href="../doel/"' in first[page]
    assert '<abbr title="middelbaar beroepsonderwijs">mbo</abbr>' in first[page]

    converted.clear()
    assert _build(project) == first and converted == []

    glossary = project / "data" / "begrippen.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace(
            "full: middelbaar beroepsonderwijs", "full: middelbaar beroeps&shy;onderwijs (school)", 1
        ),
        encoding="utf-8",
    )
    converted.clear()
    assert "middelbaar beroeps&amp;shy;onderwijs (school)" in _build(project)[page] and body in converted

    (project / ".cache" / "memo" / "markdown.json").write_text('{"version": "x"', encoding="utf-8")
    converted.clear()
    again = _build(project)
    assert len(converted) > 20
    converted.clear()
    assert _build(project) == again and converted == []

    (project / "content" / "stories" / "doel.md").unlink()
    converted.clear()
    with pytest.raises(ContentErrors) as refused:
        _build(project)
    assert body in converted
    assert any(
        problem.file.endswith("verwijzing.md") and "doel.md" in problem.message and "werkt niet" in problem.message
        for problem in refused.value.problems
    ), refused.value.problems


PLANTED = {
    "nested-too-deep-to-read": ("markdown", lambda kept: "[" * 100_000),
    "consent-nested-too-deep": ("consent", lambda kept: '{"version": ' + "[" * 100_000),
    "conversion-not-a-record": ("markdown", lambda kept: {key: 1 for key in kept}),
    "conversion-without-its-questions": ("markdown", lambda kept: {key: {} for key in kept}),
    "question-not-of-a-link-context": (
        "markdown",
        lambda kept: {k: {**v, "asked": [["source", [], "x"]]} for k, v in kept.items()},
    ),
    "question-with-other-arguments": (
        "markdown",
        lambda kept: {k: {**v, "asked": [["known", ["a", "b"], True]]} for k, v in kept.items()},
    ),
    "result-cut-short": ("markdown", lambda kept: {k: {**v, "result": {"html": "<p>x</p>"}} for k, v in kept.items()}),
    "anchor-of-another-shape": (
        "markdown",
        lambda kept: {k: {**v, "result": {**v["result"], "anchors": [["a"]]}} for k, v in kept.items()},
    ),
    "score-not-a-number": ("readability", lambda kept: {key: "hoog" for key in kept}),
}


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_a_kept_file_of_another_shape_is_worked_out_again_never_fatal(project, case):
    """A damaged or planted .cache/memo file with this very version (a nested JSON too deep to read,
    values of another shape) costs time only: the build publishes what it published before."""
    first = _build(project)
    name, make = PLANTED[case]
    path = project / ".cache" / "memo" / f"{name}.json"
    kept = json.loads(path.read_text(encoding="utf-8"))
    planted = make(kept["results"])
    path.write_text(planted if isinstance(planted, str) else json.dumps({**kept, "results": planted}), encoding="utf-8")
    assert _build(project) == first


def test_a_kept_photo_whose_list_of_sizes_is_nested_too_deep_is_encoded_again(project):
    """.cache/images (render/images.py) is trusted like the memo: a damaged file costs time only."""
    first = _build(project)
    kept = sorted((project / ".cache" / "images").glob("*/sizes.json"))
    assert kept
    for sizes in kept:
        sizes.write_text("[" * 100_000, encoding="utf-8")
    images._variants_cached.cache_clear()  # as a new process: nothing in memory
    assert _build(project) == first


class StillWaiting(Exception):  # not an OSError: the caches pass those over
    pass


@contextmanager
def _at_most(seconds: int):
    """Stops a build that waits longer (a read of a pipe waits until someone writes)."""

    def stop(signum, frame):
        raise StillWaiting(f"the build still waited after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_kept_file_that_is_no_file_is_not_read(project):
    """A pipe or a device where a kept result should be (the memo, a share image, the search
    bundle) is passed over: reading one waits forever, or never ends (/dev/zero)."""
    first = _build(project)
    cache = project / ".cache"
    kept = [
        *(cache / "memo").glob("*.json"),
        *(cache / "images").glob("share-*.png"),
        *(cache / "search").glob("*.zip"),
    ]
    assert len(kept) >= 5
    for path in kept:
        path.unlink()
        os.mkfifo(path)
    try:
        with _at_most(10):
            assert _build(project) == first
    finally:
        for path in kept:  # a reader still waiting on the pipe gets to its end
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass


def test_a_kept_template_or_photo_that_is_no_file_is_not_read(project, tmp_path):
    """The same for a compiled template and a photo's list of sizes and variants, read by a new
    build process (one process keeps them in memory)."""
    assert run_build(project, tmp_path / "first").returncode == 0
    kept = [*(project / ".cache/templates").glob("*.cache"), *(project / ".cache/images").glob("*/*.*")]
    assert any(path.suffix == ".cache" for path in kept) and any(path.name == "sizes.json" for path in kept)
    for path in kept:
        path.unlink()
        os.mkfifo(path)
    try:
        again = run_build(project, tmp_path / "again", timeout=60)
    finally:
        for path in kept:
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
    assert again.returncode == 0, again.stderr
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "first")


@pytest.mark.parametrize("kept", ["[]", '{"codes": 5}', "[" * 100_000, '{"codes": "abc"}'])
def test_a_damaged_list_of_the_last_sites_codes_is_not_used_and_never_fatal(project, tmp_path, kept):
    """The short links the last build published (p/index.json in the site it replaces): a file of
    another shape is not used, as a file that does not read as JSON is not."""
    previous = tmp_path / "site"
    (previous / "p").mkdir(parents=True)
    (previous / "p" / "index.json").write_text(kept, encoding="utf-8")
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    assert session.kept_shortlink_problems(previous) == []


def test_a_pull_request_that_adds_a_kept_result_is_refused_in_dutch_before_anything_is_read(project):
    """git ignores .cache/ and site/, but a pull request can add files there (`git add -f`). A
    build of that checkout would use them unchecked: a conversion that never went through the
    sanitiser, a page the consent rule 'found clean'. Build and check refuse to start."""
    _build(project)
    kept = project / ".cache" / "memo" / "markdown.json"
    assert kept.is_file()
    kept.write_text(kept.read_text(encoding="utf-8").replace("<p>", "<p><script>alert(1)</script>", 1))
    (project / "site").mkdir(exist_ok=True)
    (project / "site" / "p").mkdir(exist_ok=True)
    (project / "site" / "p" / "index.json").write_text("{}", encoding="utf-8")
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A", "content", "data"], check=True)
    subprocess.run([*git, "add", "-f", ".cache/memo/markdown.json", "site/p/index.json"], check=True)

    with pytest.raises(ContentErrors) as refused:
        _build(project)
    report = str(refused.value)
    assert ".cache/memo/markdown.json" in report and "git rm -r -f -- .cache " in report
    assert "site/p/index.json" not in report  # a build started by MkDocs names its own site (below)

    checked = run_check(project)
    assert checked.returncode == 1
    assert ".cache/memo/markdown.json" in checked.stdout and "site/p/index.json" in checked.stdout
    assert "staat in git" in checked.stdout and "<script>" not in checked.stdout

    subprocess.run([*git, "rm", "-q", "-r", "-f", "--", ".cache", "site"], check=True)  # as the message says
    assert not any("<script>" in str(page) for page in _build(project).values())


def _planted(project, *names: str) -> list[str]:
    """`names` force-added to a new git checkout of `project`."""
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True)
    for name in names:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("{}", encoding="utf-8")
    subprocess.run([*git, "add", "-f", "--", *names], check=True)
    return git


@pytest.mark.parametrize(
    "name, published, folder",
    [
        (".Cache/templates/shell.html", None, ".Cache"),  # a disk that ignores case opens it as .cache
        ("out/site/p/index.json", "out/site", "out/site"),  # only the site folder, never all of out/
        ("out/.site-previous-site-9/p/index.json", "out/site", "out/.site-previous-site-9"),  # beside it
        (".site-previous-site-1'$(touch gepakt)'/p/index.json", "site", ".site-previous-site-1'$(touch gepakt)'"),
    ],
)
def test_a_kept_result_in_git_is_refused_wherever_the_site_is_and_the_advice_removes_only_that(
    project, name, published, folder
):
    """The message's command takes out exactly the folder the build keeps its results in,
    quoted for the shell: a name from a pull request never runs as a command."""
    _planted(project, name)
    session = BuildSession(project, mode="build", today=TODAY, published=project / published if published else None)
    with pytest.raises(ContentErrors) as refused:
        session.start()
    command = next(line for line in str(refused.value).splitlines() if "git rm" in line)
    words = shlex.split(command.split("met: ", 1)[1].split(" (de bouw", 1)[0])
    assert words == ["git", "rm", "-r", "-f", "--", folder]


def test_a_checkout_git_cannot_read_is_refused_and_one_owned_by_someone_else_is_read(project):
    git = _planted(project, ".cache/memo/consent.json")
    if os.geteuid() == 0:  # git refuses a checkout of another owner unless told it is safe
        subprocess.run(["chown", "-R", "nobody", str(project)], check=True)
        with pytest.raises(ContentErrors, match="staat in git"):
            BuildSession(project, mode="build", today=TODAY).start()
        subprocess.run(["chown", "-R", "root", str(project)], check=True)
    (project / ".git" / "index").write_bytes(b"DIRC kapot")
    with pytest.raises(ContentErrors, match="git kan deze map niet lezen"):
        BuildSession(project, mode="build", today=TODAY).start()
    shutil.rmtree(project / ".git")  # no checkout: nothing a pull request could have added
    assert git and BuildSession(project, mode="check", today=TODAY).start() is None


def test_make_check_looks_where_mkdocs_yml_says_the_site_is(project):
    """A pull request that moves `site_dir` and adds that folder's files is refused by `make check`
    too, not only by the build."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "site_dir: site\n" in text
    config.write_text(text.replace("site_dir: site\n", "site_dir: openbaar\n"), encoding="utf-8")
    _planted(project, "openbaar/p/index.json")
    checked = run_check(project)
    assert checked.returncode == 1 and "openbaar/p/index.json" in checked.stdout, checked.stdout


@pytest.mark.parametrize("command", ["posters", "handouts", "newsletter"])
def test_the_printed_outputs_refuse_a_kept_result_in_git_too(project, tmp_path, command):
    """Posters, handouts and the newsletter read what the last build's consent rule found clean
    (`.cache/memo`), as the build does: a pull request that adds it to git is refused there too,
    before a poster could print a page the rule 'found clean'."""
    from ervaringsdeskundigheid.outreach.handouts import generate_handouts
    from ervaringsdeskundigheid.outreach.newsletter import make_newsletter
    from ervaringsdeskundigheid.outreach.posters import generate_posters

    _planted(project, ".cache/memo/consent.json")
    make = {
        "posters": lambda: generate_posters(project, tmp_path / "out", today=TODAY),
        "handouts": lambda: generate_handouts(project, tmp_path / "out", today=TODAY),
        "newsletter": lambda: make_newsletter(project, out_dir=tmp_path / "out", today=TODAY),
    }[command]
    with pytest.raises(ContentErrors, match="staat in git") as refused:
        make()
    assert ".cache/memo/consent.json" in str(refused.value) and not (tmp_path / "out").exists()
