"""Hostile and careless text in any field of any content type: the site is either refused
with Dutch messages naming the file, or built without a script or handler we did not write
and without anything loaded from another host. Property-based (hypothesis); the pages are
checked with a real HTML parser (tests/audit.py)."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from audit import violations
from conftest import ROOT, TODAY
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.core.problems import ContentErrors
from ervaringsdeskundigheid.types import TYPES

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "[klik](javascript:alert(1))",
    "![x](https://tracker.example/p.png)",
    "![x](//evil.example/x.png)",
    "<iframe src=https://evil.example>",
    "<a href='https://x.example' onclick=alert(1)>x</a>",
    '{: onclick="alert(1)" }',
    "<svg onload=alert(1)>",
    "<style>@import url(https://evil.example/x.css)</style>",
    "<form action=https://evil.example><input>",
    "<base href=https://evil.example/>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "' \" ` < > &",
    "\u202e\u2066",
    "\x0b\x1b",
    "ünïcödé — „aanhalingstekens”",
    "#" * 3,
    "x" * 3000,
    "<img srcset='https://evil.example/a.png 1x'>",
    "[ref]: javascript:alert(1)\n\n[ref]",
    "<object data=x>",
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    "<video poster=https://evil.example/p.png>",
]


def _text_fields(value, path=(), prose_only=False):
    """Paths to every string in parsed YAML or front matter (or only to prose: sentences)."""
    if isinstance(value, str):
        if not prose_only or (" " in value.strip() and len(value) > 15):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _text_fields(item, (*path, key), prose_only)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_fields(item, (*path, index), prose_only)


def _set(value, path, text):
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = text


@pytest.fixture(scope="module")
def base_project(tmp_path_factory) -> Path:
    """The sources the checks read (data, content, docs) and the encoded images of earlier builds
    (so an example does not encode the photos again): copied for every example."""
    base = tmp_path_factory.mktemp("fuzz") / "base"
    for part in ("data", "content", "docs", ".cache/images"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, base / part, ignore=shutil.ignore_patterns("*.tmp"))
    return base


@functools.cache
def _targets_of_base(base: Path, prose_only: bool) -> list[tuple[str, tuple]]:
    """The targets of the untouched sources: the same for every example."""
    return _targets(base, prose_only)


def _targets(project: Path, prose_only: bool) -> list[tuple[str, tuple]]:
    """(file, field path) for every text field of every content type (or every prose field),
    and each article body."""
    targets = []
    for ctype in TYPES:
        if ctype.is_markdown:
            for path in sorted((project / ctype.source).glob("*.md"))[:2]:
                meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
                relative = path.relative_to(project).as_posix()
                targets += [(relative, field) for field in _text_fields(meta, prose_only=prose_only)]
                targets.append((relative, ("<body>",)))
        elif (project / ctype.source).exists():
            data = yaml.safe_load((project / ctype.source).read_text(encoding="utf-8"))
            targets += [(ctype.source, field) for field in _text_fields(data, prose_only=prose_only)]
    targets.append(("docs/privacy.md", ("<body>",)))
    return targets


def _inject(project: Path, file: str, field: tuple, text: str) -> None:
    path = project / file
    if file.endswith(".md"):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        if field == ("<body>",):
            body = body + "\n\n" + text + "\n"
        else:
            meta = yaml.safe_load(front)
            _set(meta, field, text)
            front = "\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path.write_text(f"---{front}---{body}", encoding="utf-8")
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _set(data, field, text)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


TEXT = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=40)), min_size=1, max_size=4).map(" ".join)


@pytest.fixture(scope="module", autouse=True)
def _render_in_this_process():
    """Each example is a small build: starting worker processes for it costs more than it saves
    (the parallel path is compared with this one in test_build.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECTION_PARALLEL", "0")
        yield


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_hostile_text_in_any_field_is_refused_or_built_safely(base_project, tmp_path, data):
    project = tmp_path / "p"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(base_project, project)
    targets = _targets_of_base(base_project, prose_only=data.draw(st.integers(0, 9)) < 7)  # mostly texts readers see
    for _ in range(data.draw(st.integers(1, 3))):
        file, field = data.draw(st.sampled_from(targets))
        _inject(project, file, field, data.draw(TEXT))
    session = BuildSession(project, mode="check", today=TODAY)
    try:
        session.start()
    except ContentErrors as errors:
        event("refused with Dutch messages")
        assert errors.problems, "a refusal names what is wrong"
        for problem in errors.problems:
            assert problem.file and problem.message
            assert not any(word in problem.message for word in ("Traceback", "Error:", "invalid", "expected"))
        return
    event("built")
    found = []
    for src, page in session.rendered.items():
        found += violations(page.html, src)
    assert not found, found
