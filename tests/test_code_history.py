"""Printed codes are forever, checked against git history (types/code_history.py).

A copy of the project is made into a real git repository. Deleting a location and its record
in one commit leaves files that look fine on their own; the check, `make check` and the build
must still refuse it, naming the code and where the poster hangs. A project without git
history skips the check.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest
import yaml

from conftest import check, copy_project, messages, run_build, run_check
from ervaringsdeskundigheid.core import git_history

IDENTITY = ["-c", "user.name=Redactie", "-c", "user.email=redactie@example.org"]
LOCATION = """      - name: personeelsruimte
        target: ervaringsdeskundige
        code: cosis-personeel
        copies: {A4: 3}
"""


def git(project, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), *IDENTITY, *args], check=True, capture_output=True, text=True
    ).stdout


def remove_location_and_record(project) -> None:
    partners = project / "data/partners.yml"
    text = partners.read_text(encoding="utf-8")
    assert LOCATION in text
    partners.write_text(text.replace(LOCATION, ""), encoding="utf-8")
    issued = project / "data/issued_codes.yml"
    text, count = re.subn(r"\n- code: cosis-personeel\n(?:  .*\n)+", "\n", issued.read_text(encoding="utf-8"))
    assert count == 1
    issued.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Begin")
    return project


def test_a_committed_deletion_of_a_printed_code_is_refused(repo):
    assert not check(repo)
    remove_location_and_record(repo)
    git(repo, "commit", "-qam", "Plek weg")
    report = messages(check(repo))
    assert "data/issued_codes.yml, item 'cosis-personeel'" in report
    assert "'cosis-personeel' is verdwenen" in report
    assert "Hangt bij Cosis · personeelsruimte" in report
    assert "retired:" in report
    # The block in the message is a valid record to paste back (once a target is chosen).
    block = report[report.index("- code: cosis-personeel") :]
    assert yaml.safe_load(block)[0]["code"] == "cosis-personeel"


def test_build_and_make_check_refuse_it_on_a_clean_checkout(repo):
    remove_location_and_record(repo)
    git(repo, "commit", "-qam", "Plek weg")
    assert not (repo / "site").exists()  # no earlier build to compare with
    built = run_build(repo)
    assert built.returncode != 0
    assert "cosis-personeel" in built.stdout + built.stderr
    assert "Hangt bij Cosis · personeelsruimte" in built.stdout + built.stderr
    assert not (repo / "site").exists()
    checked = run_check(repo)
    assert checked.returncode != 0
    assert "cosis-personeel" in checked.stdout + checked.stderr


def test_retiring_the_code_with_a_target_is_the_way_out(repo):
    remove_location_and_record(repo)
    issued = repo / "data/issued_codes.yml"
    issued.write_text(
        issued.read_text(encoding="utf-8")
        + (
            '\n- code: cosis-personeel\n  partner: cosis\n  location: "personeelsruimte"\n  medium: poster\n'
            '  campaign: posters-ronde-1\n  target: "ervaringsdeskundige"\n  issued: 2025-11-23\n'
            "  retired:\n    date: 2025-12-01\n"
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "Plek weg, code met pensioen")
    assert not check(repo)


def test_uncommitted_deletion_is_caught_too(repo):
    remove_location_and_record(repo)  # the working tree is what gets built
    assert "'cosis-personeel' is verdwenen" in messages(check(repo))


def test_the_base_branch_of_a_pull_request_counts(repo, monkeypatch):
    git(repo, "checkout", "-qb", "wijziging")
    # The branch's own history starts without the code (as a squashed or rewritten branch would).
    git(repo, "checkout", "-q", "--orphan", "schoon")
    remove_location_and_record(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Alles opnieuw")
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    monkeypatch.delenv("SECTION_BASE_REF", raising=False)
    assert not check(repo)  # this branch never had the code ...
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    assert "'cosis-personeel' is verdwenen" in messages(check(repo))  # ... but the base branch did


def test_a_code_only_ever_in_a_draft_partner_was_never_printed(repo):
    partners = repo / "data/partners.yml"
    original = partners.read_text(encoding="utf-8")
    partners.write_text(
        original
        + (
            "\n  - partner: accare\n    draft: true\n    locations:\n      - name: zolder\n        target: home\n"
            "        code: concept-code\n        copies: {A4: 1}\n"
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "Concept")
    partners.write_text(original, encoding="utf-8")
    git(repo, "commit", "-qam", "Concept weg")
    assert "concept-code" not in messages(check(repo))


def test_without_git_history_the_check_is_skipped(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")  # a plain folder, no .git
    remove_location_and_record(project)
    assert git_history.file_versions(project, ("data/issued_codes.yml",)) is None
    report = messages(check(project))
    assert "is verdwenen" not in report
    # Without a git program, a checkout is skipped as well.
    monkeypatch.setenv("PATH", str(tmp_path / "geen-git"))
    assert git_history.file_versions(project, ("data/issued_codes.yml",)) is None


def test_history_reading_is_bounded_and_sees_every_version(repo):
    for number in range(3):
        issued = repo / "data/issued_codes.yml"
        issued.write_text(issued.read_text(encoding="utf-8") + f"\n# versie {number}\n", encoding="utf-8")
        git(repo, "commit", "-qam", f"Versie {number}")
    versions = git_history.file_versions(repo, ("data/issued_codes.yml", "data/partners.yml"))
    assert sum(v.path == "data/issued_codes.yml" for v in versions) == 4
    assert sum(v.path == "data/partners.yml" for v in versions) == 1
    assert all(len(v.commit) == 10 and re.match(r"\d{4}-\d\d-\d\d$", v.date) for v in versions)
    assert git_history.TIMEOUT_S <= 30 and os.environ.get("GIT_DIR") is None
