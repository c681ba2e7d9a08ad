"""A person appears only with active consent (from its date until a withdrawal, compared with
the build's date) and only with the fields its scope covers; a name or e-mail address of a
person without it may appear in no published text."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from conftest import TODAY, check, messages, write_story
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.core.problems import ContentErrors
from ervaringsdeskundigheid.render import search

EXPERT = {
    "id": "karin-proef",
    "name": "Karin Proefpersoon",
    "organisation": "voorbeeldorganisatie",
    "function": "Ervaringsdeskundige armoede",
    "expertise": ["armoede"],
    "region": "Emmen",
    "email": "karin@example.org",
    "buddy": True,
    "categories": ["ervaringsdeskundige", "aspirant"],
}


def add_expert(project, **changes):
    path = project / "data/experts.yml"
    experts = yaml.safe_load(path.read_text(encoding="utf-8"))
    experts.append({**EXPERT, **changes})
    path.write_text(yaml.safe_dump(experts, allow_unicode=True, sort_keys=False), encoding="utf-8")


def published(project, today: dt.date = TODAY) -> str:
    """Everything the site would publish, as text: every file, with the search index read out."""
    session = BuildSession(project, mode="check", today=today)
    session.start()
    outputs = session.outputs()
    parts = [data for data in outputs.values() if isinstance(data, str)]
    return "\n".join(parts) + "\n" + search.indexed_text(outputs)


def test_active_consent_publishes_the_person_with_the_scoped_fields(project):
    add_expert(project, consent={"date": "2025-01-01", "scope": ["name", "function", "region"]})
    text = published(project)
    assert "Karin Proefpersoon" in text and "Emmen" in text
    assert "karin@example.org" not in text and "&#107;&#97;&#114;" not in text  # e-mail not in scope


@pytest.mark.parametrize(
    "consent",
    [
        {"date": "2026-06-01", "scope": ["name"]},  # in the future
        {"date": "2025-01-01", "withdrawn": "2025-06-01"},  # withdrawn (no scope needed)
        {"date": "2025-01-01", "withdrawn": "2026-01-01", "scope": ["name"]},  # withdrawn today
        {"date": "2025-01-01", "scope": []},  # empty scope
    ],
)
def test_without_active_consent_the_person_appears_nowhere(project, consent):
    add_expert(project, consent=consent)
    text = published(project)
    assert "Karin" not in text and "karin-proef" not in text and "Proefpersoon" not in text


@pytest.mark.parametrize(
    "consent, field, words",
    [
        (None, "consent", "'Toestemming' ('consent'): ontbreekt"),
        ({"date": "2025-01-01"}, "consent.scope", "'Wat mogen we tonen?' ('consent.scope'): ontbreekt"),
        ({"scope": ["name"]}, "consent.date", "'Datum van toestemming' ('consent.date'): ontbreekt"),
    ],
)
def test_no_consent_and_no_scope_are_never_assumed(project, consent, field, words):
    """A person without consent, or a consent that does not say what may be shown, is refused
    in the form's words: there is no default scope."""
    add_expert(project, **({"consent": consent} if consent else {}))
    output = messages(check(project))
    assert "data/experts.yml" in output and "Karin Proefpersoon" in output and words in output, output


def test_a_withdrawal_in_the_future_ends_the_consent_on_that_day(project):
    add_expert(project, consent={"date": "2025-01-01", "withdrawn": "2026-03-01", "scope": ["name"]})
    assert "Karin Proefpersoon" in published(project, today=dt.date(2026, 2, 28))
    assert "Karin" not in published(project, today=dt.date(2026, 3, 1))


def test_a_second_consent_block_cannot_override_a_withdrawal(project):
    path = project / "data/experts.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + """
- id: karin-proef
  name: "Karin Proefpersoon"
  organisation: voorbeeldorganisatie
  categories: [ervaringsdeskundige]
  consent:
    date: 2025-01-01
    withdrawn: 2025-06-01
  consent:
    date: 2025-07-01
""",
        encoding="utf-8",
    )
    output = messages(check(project))
    assert "data/experts.yml" in output and "'consent' staat twee keer" in output


@pytest.mark.parametrize("draft", [{"draft": True}, {}])
def test_a_new_person_as_a_draft_passes_the_check_with_fields_outside_the_scope(project, draft):
    """The check also builds the preview with drafts: there, too, a draft person shows only what the
    scope allows, so their own e-mail address is not reported as a name they may not publish."""
    add_expert(project, phone="06-27182818", consent={"date": "2025-01-01", "scope": ["name", "function"]}, **draft)
    assert messages(check(project)) == ""


def test_an_unknown_scope_field_is_an_error_with_a_suggestion(project):
    add_expert(project, consent={"date": "2025-01-01", "scope": ["name", "emial"]})
    output = messages(check(project))
    assert "item 'Karin Proefpersoon' ('karin-proef'), veld 'Wat mogen we tonen?' ('consent.scope[2]')" in output
    assert "Bedoel je 'email'?" in output


def test_a_scope_written_as_text_gets_its_own_words_as_a_list(project):
    add_expert(project, consent={"date": "2025-01-01", "scope": "name, function"})
    output = messages(check(project))
    assert "('consent.scope')" in output and "Schrijf het zo: [name, function]." in output, output
    assert "aspirant" not in output.split("consent.scope")[1], "no example of another field"


@pytest.mark.parametrize(
    "consent",
    [
        {"date": "2025-06-01", "withdrawn": "2025-01-06", "scope": ["name"]},  # day and month swapped
        {"date": "2025-01-01", "withdrawn": "2025-06-01", "scope": ["name", "emial"]},  # a typo in the scope
        {"date": "2025-01-01", "withdrawn": "2025-06-01", "scope": ["name", "photo"], "photo": "weg.jpg"},
    ],
)
def test_a_slip_in_an_ended_consent_never_keeps_the_person_online(project, consent):
    """A withdrawal wins: an error would stop the build, and the old site would keep the person.
    (The last case: the photo file was deleted first, its field not yet.)"""
    photo = consent.pop("photo", None)
    add_expert(project, consent=consent, **({"photo": f"afbeeldingen/{photo}", "photo_alt": "Karin"} if photo else {}))
    assert "Karin" not in published(project)


@pytest.mark.parametrize("slip", [{"organisation": "bestaat-niet"}, {"categories": ["aspirant", "bestaat-niet"]}])
def test_a_slip_elsewhere_in_a_withdrawn_entry_never_keeps_the_person_online(project, slip):
    """An organisation or category deleted since the withdrawal: the entry is not published, so its
    slip stops nothing, and its name still holds back a story that names her."""
    add_expert(project, consent={"date": "2025-01-01", "withdrawn": "2025-06-01", "scope": ["name"]}, **slip)
    write_story(
        project,
        "met-karin.md",
        "title: Een dag\ndate: 2025-03-01\ndescription: x\ncategories: [aspirant]",
        "Vandaag liep ik mee met Karin Proefpersoon.\n",
    )
    assert "Karin" not in published(project)
    assert messages(check(project)) == ""
    slip_in_a_published_entry = {
        **EXPERT,
        "id": "ander",
        "name": "Anna Ander",
        **slip,
        "consent": {"date": "2025-01-01", "scope": ["name"]},
    }
    add_expert(project, **slip_in_a_published_entry)
    assert "bestaat-niet" in messages(check(project)), "the same slip in a published entry is still an error"


@pytest.mark.parametrize("slip", ["categories", "buddy", "region"])
def test_an_entry_that_is_no_longer_valid_after_a_withdrawal_never_keeps_the_person_online(project, slip):
    """After a withdrawal an editor removes the person's other details, as the check advises, and
    removes a required one too (or leaves a wrong value): the entry is no longer valid. It stays off
    the site with a notice instead of stopping the build, and its name, e-mail address and anchor still
    hold back every text that shows them."""
    expert = {**EXPERT, "consent": {"date": "2025-01-01", "withdrawn": "2025-06-01", "scope": ["name"]}}
    if slip == "categories":
        del expert["categories"]  # required
    else:
        expert[slip] = {"buddy": "misschien", "region": ["Emmen", "Assen"]}[slip]  # a value of the wrong kind
    path = project / "data/experts.yml"
    experts = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump([*experts, expert], allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_story(
        project,
        "met-karin.md",
        "title: Een dag\ndate: 2025-03-01\ndescription: x\ncategories: [aspirant]",
        "Vandaag liep ik mee met Karin Proefpersoon (karin@example.org, [haar plek](/ervaringsdeskundigen/#karin-proef)).\n",
    )
    assert messages(check(project)) == ""
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    notices = [str(notice) for notice in session.site.notices]
    assert any("data/experts.yml, 'Karin Proefpersoon'" in n and "ingetrokken op 01-06-2025" in n for n in notices), (
        notices
    )
    text = published(project)
    assert "Karin" not in text and "karin@example.org" not in text and "karin-proef" not in text
    assert "met-karin" not in text, "the story that names her is held back"


def test_without_name_in_scope_no_id_or_anchor_reveals_the_name(project):
    add_expert(project, consent={"date": "2025-01-01", "scope": ["function", "region"]})
    text = published(project)
    assert "Karin" not in text and "karin-proef" not in text
    assert "Naam niet gepubliceerd" in text and "Emmen" in text
    import hashlib

    assert hashlib.sha256(b"karin-proef").hexdigest()[:10] not in text, "an id that can be confirmed by guessing"


def test_a_photo_is_published_only_with_photo_in_scope(project):
    add_expert(
        project,
        photo="afbeeldingen/koffietafel.jpg",
        photo_alt="Een tafel",
        consent={"date": "2025-01-01", "scope": ["name"]},
    )
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    assert not any("koffietafel" in html for html in (p.html for p in session.rendered.values()) if "Karin" in html)
    assert session.site.get("experts", "karin-proef").photo is None


def test_photo_paths_are_checked(project):
    add_expert(project, photo="../../etc/passwd.jpg", photo_alt="x", consent={"date": "2025-01-01", "scope": ["photo"]})
    assert "item 'Karin Proefpersoon' ('karin-proef'), veld 'Foto' ('photo')" in messages(check(project))


@pytest.mark.parametrize("where", ["story", "faq", "blog-title", "docs"])
def test_the_name_of_a_person_without_consent_may_not_appear_in_any_text(project, where):
    """Consent that has not started yet (a withdrawal holds back instead: tests/test_privacy.py)."""
    add_expert(project, consent={"date": "2026-06-01", "scope": ["name"]})
    if where == "story":
        write_story(
            project,
            "over-karin.md",
            "title: Een dag\ndate: 2025-03-01\ndescription: x\ncategories: [aspirant]",
            "Vandaag liep ik mee met karin  proefpersoon.\n",
        )
        expected = "content/stories/over-karin.md"
    elif where == "blog-title":
        write_story(
            project,
            "blog-karin.md",
            "title: Karin Proefpersoon vertelt\ndate: 2025-03-01\ndescription: x\n"
            "categories: [aspirant]\nauthor: redactie",
            kind="blogs",
        )
        expected = "content/blogs/blog-karin.md"
    elif where == "faq":
        path = project / "data/faq.yml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "answer: |\n", "answer: |\n    Mail naar karin@example.org voor meer informatie.\n", 1
            ),
            encoding="utf-8",
        )
        expected = "data/faq.yml"
    else:
        path = project / "docs/privacy.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nVragen? Bel Karin Proefpersoon.\n", encoding="utf-8")
        expected = "docs/privacy.md"
    output = messages(check(project))
    problem = next((line for line in output.splitlines() if line.startswith(expected)), "")
    assert "gaat pas later in" in problem and "Haal dit weg" in problem, output


def test_story_person_scope_and_dates(project):
    front = (
        "title: Marieke vertelt\ndate: 2025-03-01\ndescription: x\ncategories: [aspirant]\n"
        "person:\n  name: Marieke de Echte\n  consent:\n    date: {date}\n    scope: {scope}"
    )
    write_story(project, "marieke.md", front.format(date="2025-01-01", scope="[name]"), "Het verhaal.\n")
    assert "Marieke de Echte" in published(project)
    write_story(project, "marieke.md", front.format(date="2025-01-01", scope="[photo]"), "Het verhaal.\n")
    text = published(project)
    assert "Marieke de Echte" not in text and "Marieke vertelt" in text
    write_story(project, "marieke.md", front.format(date="2026-06-01", scope="[name]"), "Het verhaal.\n")
    assert "Marieke" not in published(project), "consent from a future date publishes nothing yet"
    write_story(project, "marieke.md", front.format(date="2025-01-01", scope="[naam]"), "Het verhaal.\n")
    assert "Bedoel je 'name'?" in messages(check(project))


def test_check_and_build_use_the_same_fixed_date(project, monkeypatch):
    """SECTION_TODAY fixes "today" for `make check` as for the build: a withdrawal between that
    date and the real date must not make check and build disagree."""
    from conftest import run_build, run_check
    from ervaringsdeskundigheid.core import clock

    real = dt.date.today()
    fixed = real - dt.timedelta(days=30)
    add_expert(
        project,
        consent={"date": "2025-01-01", "withdrawn": (real - dt.timedelta(days=10)).isoformat(), "scope": ["name"]},
    )
    write_story(
        project,
        "met-karin.md",
        "title: Een dag\ndate: 2025-03-01\ndescription: x\ncategories: [aspirant]",
        "Vandaag liep ik mee met Karin Proefpersoon.\n",
    )
    environment = {"SECTION_TODAY": fixed.isoformat()}
    monkeypatch.setenv("SECTION_TODAY", fixed.isoformat())
    assert clock.today() == fixed
    checked, built = run_check(project, **environment), run_build(project, project / "site", **environment)
    assert checked.returncode == built.returncode == 0, checked.stdout + built.stderr
    assert "Karin Proefpersoon" in (project / "site/ervaringsdeskundigen/index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("SECTION_TODAY", "1-2-2026")
    with pytest.raises(ContentErrors, match="JJJJ-MM-DD"):  # every command reports it in Dutch
        clock.today()


def _settings_saying(project, text: str) -> None:
    path = project / "data/site.yml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    settings["contact"]["message"] = text
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_withdrawn_person_in_the_settings_is_taken_out_and_every_page_stays(project):
    """The settings (data/site.yml) are on every page: a name left in them after a withdrawal is
    taken out of them, with a notice, instead of holding back every page that shows them."""
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    pages_before = sorted(path for path in session.outputs() if path.endswith(".html"))
    add_expert(project, consent={"date": "2025-01-01", "withdrawn": "2025-06-01", "scope": ["name"]})
    _settings_saying(project, "Hallo Karin Proefpersoon, ik heb een vraag.")
    assert messages(check(project)) == ""
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    outputs = session.outputs()
    assert sorted(path for path in outputs if path.endswith(".html")) == pages_before
    assert "Karin" not in published(project)
    notices = [str(notice) for notice in session.site.notices]
    assert any(n.startswith("data/site.yml") and "weggehaald" in n for n in notices), notices


def test_a_person_without_consent_in_the_settings_is_an_error_naming_the_field(project):
    starts = (TODAY + dt.timedelta(days=30)).isoformat()
    add_expert(project, consent={"date": starts, "scope": ["name"]})  # not given yet
    _settings_saying(project, "Hallo Karin Proefpersoon, ik heb een vraag.")
    found = messages(check(project))
    assert "data/site.yml" in found and "contact.message" in found and "Karin Proefpersoon" in found, found


def test_a_withdrawn_persons_address_the_settings_cannot_do_without_is_named_with_its_field(project):
    """The general e-mail address (required) cannot be taken out of data/site.yml: the pages that show
    it stay off the site. The editor is told which file and field to change, and to what."""
    add_expert(project, email="karin.proef@example.org", consent={"date": "2025-01-01", "withdrawn": "2025-06-01"})
    path = project / "data/site.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("info@alliantievankracht.nl", "karin.proef@example.org"),
        encoding="utf-8",
    )
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    assert "karin.proef" not in published(project)
    notices = [str(notice) for notice in session.site.notices if notice.file == "data/site.yml"]
    assert any("contact.email" in notice and "algemeen" in notice for notice in notices), notices


def test_a_withdrawn_person_in_the_contact_persons_role_is_taken_out_and_every_page_stays(project):
    """The contact person's own values are left to their own consent, but another person named in their
    role is taken out of the settings like anywhere else in them."""
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    pages_before = sorted(path for path in session.outputs() if path.endswith(".html"))
    add_expert(project, consent={"date": "2025-01-01", "withdrawn": "2025-06-01", "scope": ["name"]})
    path = project / "data/site.yml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    settings["contact"]["person"] = {
        "name": "Piet Jansen",
        "role": "opvolger van Karin Proefpersoon",
        "email": "piet@example.org",
        "consent": {"date": "2025-01-01", "scope": ["name", "role"]},
    }
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert messages(check(project)) == ""
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    assert sorted(path for path in session.outputs() if path.endswith(".html")) == pages_before
    text = published(project)
    assert "Karin" not in text and "Piet Jansen" in text and "piet@example.org" not in text
    assert any(n.file == "data/site.yml" and n.kind == "taken_out" for n in session.site.notices)


def test_the_notice_about_a_withdrawn_person_taken_out_of_the_settings_names_the_field(project):
    add_expert(project, consent={"date": "2025-01-01", "withdrawn": "2025-06-01", "scope": ["name"]})
    _settings_saying(project, "Hallo Karin Proefpersoon, ik heb een vraag.")
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    notices = [str(n) for n in session.site.notices if n.file == "data/site.yml"]
    assert any("contact.message" in n and "weggehaald" in n for n in notices), notices
