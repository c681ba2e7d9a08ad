"""The agenda (issue 25, deliverable 2): werkateliers, meetings, information sessions and open days.

- the overview lists what is coming by month, the next first, then what has no date yet;
- an upcoming event shows on the landing pages of its categories, a past one does not;
- after its day an event moves to the archive: its page stays, without sign-up or calendar link;
- every event has an .ics file and `agenda.ics` has everything coming: valid iCalendar (CRLF, lines
  of at most 75 octets, escaped text, UID, DTSTAMP, a VTIMEZONE) that two parsers read with the
  right local times, in winter and in summer;
- `make check` names file, item and field in Dutch for a new event in the past, an end before the
  start, a missing sign-up route and impossible dates or times;
- the web editor, `make new` and the newsletter know the agenda; render/ and build/ still name no type.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import lxml.html
import pytest
import vobject
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY, check, messages
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.types import load_site
from ervaringsdeskundigheid.types.agenda import calendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
AGENDA = "data/agenda.yml"
CATEGORY_PATHS = {
    c["id"]: c["path"] + "/" for c in yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))
}


def _events(root: Path = ROOT) -> list[dict]:
    return yaml.safe_load((root / AGENDA).read_text(encoding="utf-8"))


def _dated(root: Path = ROOT, today: dt.date = TODAY) -> list[dict]:
    """The repository's coming events with a date, the next first."""
    coming = [
        e
        for e in _events(root)
        if e.get("date") and dt.date.fromisoformat(str(e["date"])) >= today and not e.get("draft")
    ]
    return sorted(coming, key=lambda e: (str(e["date"]), e["start"]))


def _main(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html).xpath("//main")[0]


def _links(element) -> list[str]:
    return [a.get("href") for a in element.xpath(".//a[@href]")]


def _write(project: Path, events: list[dict], written: dt.date | None = dt.date(2026, 12, 1)) -> None:
    """data/agenda.yml with `events`, saved on `written` (without git, the file's date is the day an
    event was written down)."""
    path = project / AGENDA
    events = json.loads(json.dumps(events, default=str))  # no shared values: YAML would write anchors
    path.write_text(yaml.safe_dump(events, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if written is not None:
        stamp = dt.datetime.combine(written, dt.time(12)).timestamp()
        os.utime(path, (stamp, stamp))


def _outputs(project: Path, today: dt.date) -> dict[str, str | bytes]:
    session = BuildSession(project, mode="build", today=today)
    session.start()
    return session.outputs()


EVENT = {
    "slug": "avond-in-veendam",
    "title": "Avond in Veendam",
    "kind": "bijeenkomst",
    "date": "2026-03-10",
    "start": "19:00",
    "end": "21:00",
    "place": "Buurthuis De Kern, Veendam",
    "categories": ["werkgevers"],
    "in_short": "Een avond voor werkgevers.",
    "description": "We praten over werk.",
    "signup": {"email": "aanmelden@example.org"},
}


# --- The overview, the category pages and the event pages --------------------------------------


def test_the_overview_lists_what_is_coming_by_month_next_first(repo_site):
    main = _main((repo_site / "agenda/index.html").read_text(encoding="utf-8"))
    coming = _dated()
    assert len(coming) >= 3
    hrefs = [href for href in _links(main) if href.count("/") == 1 and href.endswith("/") and href != "../"]
    pages = [f"{event['slug']}/" for event in coming]
    assert [href for href in hrefs if href in pages] == pages, "every coming event, the next first"
    months = [h2.text_content() for h2 in main.xpath(".//section[@class='ed-agenda-month']/h2")]
    first = dt.date.fromisoformat(str(coming[0]["date"]))
    assert months[0] == f"{MONTHS[first.month - 1].capitalize()} {first.year}"
    assert len(set(months)) == len(months), "one heading per month"
    undated = [e for e in _events() if not e.get("date")]
    if undated:
        assert "Nog zonder vaste datum" in months
        later = main.xpath(".//section[h2[text()='Nog zonder vaste datum']]")[0]
        assert {f"{e['slug']}/" for e in undated} <= set(_links(later))
    assert "../agenda.ics" in _links(main)


def test_an_upcoming_event_is_on_the_pages_of_its_categories(repo_site):
    coming = _dated()
    for category, path in CATEGORY_PATHS.items():
        mine = [e for e in coming if category in e["categories"]]
        main = _main((repo_site / path / "index.html").read_text(encoding="utf-8"))
        if not mine:
            continue
        assert f"../agenda/{mine[0]['slug']}/" in _links(main), path
        assert mine[0]["title"] in main.text_content()
        assert "../agenda/" in _links(main)
    home = _main((repo_site / "index.html").read_text(encoding="utf-8"))
    assert f"agenda/{coming[0]['slug']}/" in _links(home)


def test_an_event_page_says_when_where_and_how_to_sign_up(repo_site):
    event = next(e for e in _dated() if "url" in e["signup"])
    html = (repo_site / f"agenda/{event['slug']}/index.html").read_text(encoding="utf-8")
    main = _main(html)
    text = " ".join(main.text_content().split())
    start = dt.time.fromisoformat(event["start"])
    assert f"{start.hour}.{start.minute:02d} tot" in text and "In het kort" in text
    assert event["signup"]["url"] in _links(main)
    [add] = main.xpath(".//a[contains(., 'Zet in je agenda')]")
    assert add.get("href") == f"../{event['slug']}.ics" and (repo_site / f"agenda/{event['slug']}.ics").is_file()
    [data] = lxml.html.fromstring(html).xpath("//script[@type='application/ld+json']")
    structured = json.loads(data.text)
    assert structured["@type"] == "Event"
    assert dt.datetime.fromisoformat(structured["startDate"]) == dt.datetime.combine(
        dt.date.fromisoformat(str(event["date"])), start, AMSTERDAM
    )


# --- The archive ------------------------------------------------------------------------------------


def test_after_its_day_an_event_moves_to_the_archive(project):
    _write(project, _events(project))
    first = _dated(project)[0]
    day = dt.date.fromisoformat(str(first["date"]))
    on_the_day = _outputs(project, day)
    assert f"{first['slug']}/" in _links(_main(on_the_day["agenda/index.html"]))
    assert "agenda/archief/index.html" not in on_the_day, "no empty archive"

    after = _outputs(project, day + dt.timedelta(days=1))
    assert check(project, today=day + dt.timedelta(days=1)) == [], "past is no error"
    assert f"{first['slug']}/" not in _links(_main(after["agenda/index.html"]))
    archive = _main(after["agenda/archief/index.html"])
    assert f"../{first['slug']}/" in _links(archive)
    assert "../archief/" in _links(_main(after["agenda/index.html"])) or "archief/" in _links(
        _main(after["agenda/index.html"])
    )
    page = _main(after[f"agenda/{first['slug']}/index.html"])  # its address stays
    assert "Deze activiteit is voorbij" in page.text_content()
    assert "Zet in je agenda" not in page.text_content() and "Aanmelden" not in page.text_content()
    for category in first["categories"]:
        landing = after[f"{CATEGORY_PATHS[category]}index.html"]
        assert first["slug"] not in landing
    feed = icalendar.Calendar.from_ical(after["agenda.ics"])
    assert first["title"] not in [str(event["SUMMARY"]).removeprefix("Voorbeeld: ") for event in feed.walk("VEVENT")]


# --- Calendar files ---------------------------------------------------------------------------------


def _ics_files(site: Path) -> dict[str, bytes]:
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in (site / "agenda").glob("*.ics")}
    files["agenda.ics"] = (site / "agenda.ics").read_bytes()
    return files


def assert_valid_icalendar(data: bytes) -> icalendar.Calendar:
    """RFC 5545 as calendar apps need it: CRLF line ends, lines of at most 75 octets, a VCALENDAR with
    VERSION and PRODID, a VTIMEZONE for every TZID used, and UID, DTSTAMP and DTSTART per event."""
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "only CRLF line ends"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character
    calendar_ = icalendar.Calendar.from_ical(data)
    assert str(calendar_["VERSION"]) == "2.0" and calendar_["PRODID"]
    zones = {str(zone["TZID"]) for zone in calendar_.walk("VTIMEZONE")}
    uids = []
    for event in calendar_.walk("VEVENT"):
        uids.append(str(event["UID"]))
        assert event["DTSTAMP"].dt.tzinfo is not None
        for name in ("DTSTART", "DTEND"):
            assert event[name].params["TZID"] in zones
    assert len(uids) == len(set(uids))
    return calendar_


def test_every_calendar_file_is_valid_and_has_the_right_local_times(repo_site):
    files = _ics_files(repo_site)
    coming = _dated()
    assert set(files) == {f"agenda/{e['slug']}.ics" for e in _events() if e.get("date")} | {"agenda.ics"}
    for path, data in files.items():
        parsed = assert_valid_icalendar(data)
        second = vobject.readOne(data.decode("utf-8"))  # a parser that reads our VTIMEZONE itself
        for event, other in zip(parsed.walk("VEVENT"), second.vevent_list, strict=True):
            slug = str(event["URL"]).rstrip("/").rsplit("/", 1)[1]
            source = next(e for e in _events() if e["slug"] == slug)
            day = dt.date.fromisoformat(str(source["date"]))
            for name, field in (("DTSTART", "start"), ("DTEND", "end")):
                expected = dt.datetime.combine(day, dt.time.fromisoformat(source[field]), AMSTERDAM)
                assert event[name].dt == expected and event[name].dt.tzinfo.key == "Europe/Amsterdam"
                assert getattr(other, name.lower()).value == expected
                assert getattr(other, name.lower()).value.utcoffset() == expected.utcoffset(), path
    feed = icalendar.Calendar.from_ical(files["agenda.ics"])
    assert [str(e["UID"]).split(".agenda@")[0] for e in feed.walk("VEVENT")] == [e["slug"] for e in coming]


def test_seven_in_the_evening_is_seven_in_winter_and_in_summer(project):
    winter = {**EVENT, "slug": "winter", "date": "2027-01-12"}
    summer = {**EVENT, "slug": "zomer", "date": "2027-07-06"}
    _write(project, [winter, summer])
    files = {path: data for path, data in _outputs(project, TODAY).items() if path.endswith(".ics")}
    utc = {}
    for slug in ("winter", "zomer"):
        event = vobject.readOne(files[f"agenda/{slug}.ics"].decode("utf-8")).vevent
        assert (event.dtstart.value.hour, event.dtstart.value.minute) == (19, 0)
        utc[slug] = event.dtstart.value.astimezone(dt.timezone.utc).hour
    assert utc == {"winter": 18, "zomer": 17}
    assert b"TZID=Europe/Amsterdam:20270112T190000" in files["agenda/winter.ics"]
    assert b"TZID=Europe/Amsterdam:20270706T190000" in files["agenda/zomer.ics"]


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120).filter(
    lambda value: value.strip() == value and value.strip()
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_text, place=_text)
def test_any_title_and_place_come_back_exactly_from_the_calendar_file(title, place):
    site = _site()
    item = site.of("agenda")[0]
    event = item.replace(
        data=item.data.model_copy(update={"title": title, "place": place, "online": False, "example": False})
    )
    data = calendar(site, [event])
    parsed = assert_valid_icalendar(data)
    [vevent] = parsed.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title and str(vevent["LOCATION"]) == place
    other = vobject.readOne(data.decode("utf-8")).vevent
    assert other.summary.value == title and other.location.value == place


_SITE: list = []


def _site():
    if not _SITE:
        _SITE.append(load_site(ROOT, today=TODAY))
    return _SITE[0]


def test_hostile_text_is_escaped_on_the_page_and_in_the_calendar(project):
    hostile = {
        **EVENT,
        "date": "2027-01-12",
        "title": "Avond <script>alert(1)</script>; met, komma's",
        "place": 'Zaal\\1, "A"',
        "description": "Tekst <img src=x onerror=alert(1)>\n\nMeer; ja, nee.",
    }
    _write(project, [hostile])
    found = messages(check(project))
    assert "data/agenda.yml" in found and "tekst" in found.lower(), "raw HTML in the description is refused"
    hostile["description"] = "Tekst met een regel.\n\nEn nog een; ja, nee \\ zo."
    _write(project, [hostile])
    outputs = _outputs(project, TODAY)
    page = outputs["agenda/avond-in-veendam/index.html"]
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    data = outputs["agenda/avond-in-veendam.ics"]
    assert b"SUMMARY:Avond <script>alert(1)</script>\\; met\\, komma's" in data
    [event] = assert_valid_icalendar(data).walk("VEVENT")
    assert str(event["LOCATION"]) == 'Zaal\\1, "A"'
    assert "En nog een; ja, nee \\ zo." in str(event["DESCRIPTION"])


# --- make check: Dutch errors that name file, item and field --------------------------------------


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"date": "2027-02-30"}, "'Datum' ('date')", "geen bestaande datum"),
        ({"date": "12-01-2027"}, "'Datum' ('date')", "Bedoel je 2027-01-12?"),
        ({"start": "25:00"}, "'Begintijd' ('start')", "geen bestaande tijd"),
        ({"end": "19.61"}, "'Eindtijd' ('end')", "geen bestaande tijd"),
        ({"start": "21:00", "end": "19:00"}, "'Eindtijd' ('end')", "ligt niet na de begintijd"),
        ({"end": "19:00"}, "'Eindtijd' ('end')", "ligt niet na de begintijd"),
        ({"start": None}, "'Begintijd' ('start')", "Bij een datum hoort een begintijd"),
        ({"signup": None}, "'Aanmelden' ('signup')", "Noem minstens één manier"),
        ({"signup": {}}, "'Aanmelden' ('signup')", "Noem minstens één manier"),
        ({"place": None}, "'Plek' ('place')", "zet 'Online' aan"),
        ({"signup": {"phone": "12345"}}, "'Telefoon' ('signup.phone')", "netnummer"),
    ],
)
def test_a_wrong_event_is_a_dutch_error_naming_file_item_and_field(project, change, field, words):
    event = {**EVENT, "date": "2027-01-12"}
    event.update(change)
    _write(project, [{k: v for k, v in event.items() if v is not None}])
    found = messages(check(project))
    assert "data/agenda.yml (regel " in found and "item 'Avond in Veendam' ('avond-in-veendam')" in found, found
    assert field in found and words in found, found


def test_a_new_event_in_the_past_is_an_error_an_old_one_goes_to_the_archive(project):
    """Without git, the day the file was saved counts as the day its events were written down."""
    past = {**EVENT, "date": "2025-12-10"}
    _write(project, [past], written=dt.date(2025, 12, 1))
    assert check(project) == [], "written down before its day: archived"
    _write(project, [past], written=dt.date(2025, 12, 20))
    found = messages(check(project))
    assert (
        "item 'Avond in Veendam' ('avond-in-veendam'), veld 'Datum' ('date'): 2025-12-10 ligt in het verleden" in found
        and "Klopt het jaar?" in found
    )


def _git(project: Path, *args: str, day: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Redactie",
        "GIT_AUTHOR_EMAIL": "redactie@example.org",
        "GIT_COMMITTER_NAME": "Redactie",
        "GIT_COMMITTER_EMAIL": "redactie@example.org",
    }
    if day:
        env.update(GIT_AUTHOR_DATE=f"{day}T12:00:00", GIT_COMMITTER_DATE=f"{day}T12:00:00")
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


def test_with_git_an_event_is_new_until_it_is_committed_before_its_day(project):
    _write(project, [EVENT], written=None)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "Agenda", day="2026-02-01")  # written down before 10 March
    assert check(project, today=dt.date(2026, 4, 1)) == [], "committed before its day: archived"
    late = {**EVENT, "slug": "te-laat", "title": "Te laat", "date": "2026-03-01"}
    _write(project, [EVENT, late], written=None)
    found = messages(check(project, today=dt.date(2026, 4, 1)))
    assert "item 'Te laat' ('te-laat'), veld 'Datum' ('date'): 2026-03-01 ligt in het verleden" in found
    assert "avond-in-veendam" not in found
    _git(project, "commit", "-qam", "Te laat", day="2026-03-20")  # committed after its day: still new
    assert "'te-laat'" in messages(check(project, today=dt.date(2026, 4, 1)))


# --- Editors' tools -------------------------------------------------------------------------------


def test_the_web_editor_has_the_agenda_with_dutch_labels_and_date_and_time_pickers():
    from ervaringsdeskundigheid.core.settings import SiteSettings
    from ervaringsdeskundigheid.render import webeditor as cms

    settings_ = SiteSettings.model_validate(yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8")))
    config = yaml.safe_load(cms.config_yaml(cms.editor_config(settings_)))
    [collection] = [c for c in config["collections"] if c["name"] == "agenda"]
    [file] = collection["files"]
    assert file["file"] == AGENDA and collection["label"] == "Activiteiten"
    fields = {f["name"]: f for f in file["fields"][0]["fields"]}
    assert (fields["date"]["widget"], fields["date"]["type"], fields["date"]["format"]) == (
        "datetime",
        "date",
        "YYYY-MM-DD",
    )
    assert fields["date"].get("required") is False  # no date yet: 'Nog zonder vaste datum'
    for name, label in (("start", "Begintijd"), ("end", "Eindtijd")):
        assert (fields[name]["widget"], fields[name]["type"], fields[name]["format"]) == ("datetime", "time", "HH:mm")
        assert fields[name]["label"] == label
    assert fields["kind"]["widget"] == "select" and "open dag" in fields["kind"]["options"]
    assert fields["categories"]["widget"] == "relation" and fields["categories"]["label"] == "Voor wie (categorieën)"
    signup = fields["signup"]
    assert signup["widget"] == "object" and signup["label"] == "Aanmelden" and "required" not in signup
    inner = {f["name"]: f for f in signup["fields"]}
    assert [inner[n]["label"] for n in ("url", "phone", "email", "person")] == [
        "Aanmeldpagina",
        "Telefoon",
        "E-mailadres",
        "Contactpersoon",
    ]
    scope = {f["name"]: f for f in inner["person"]["fields"]}["consent"]
    options = {f["name"]: f for f in scope["fields"]}["scope"]["options"]
    assert {option["value"] for option in options} == {"name", "role", "email", "phone", "whatsapp"}
    assert all(re.search(r"[a-z]", f["label"]) for f in file["fields"][0]["fields"])


def test_make_new_writes_a_draft_whose_placeholders_cannot_be_published(project):
    from ervaringsdeskundigheid.editor.scaffold import create

    path = create(project, "activiteit", "Werkatelier in Stadskanaal", today=TODAY)
    assert path == project / AGENDA
    assert check(project) == [], messages(check(project))
    [new] = [e for e in _events(project) if e["slug"] == "werkatelier-in-stadskanaal"]
    assert new["draft"] is True and new["start"] == "19:00" and new["end"] == "21:00"
    path.write_text(path.read_text(encoding="utf-8").replace("  draft: true", "  draft: false"), encoding="utf-8")
    found = messages(check(project))
    for field in (
        "'Plek' ('place')",
        "'In het kort' ('in_short')",
        "'Beschrijving' ('description')",
        "'Aanmeldpagina' ('signup.url')",
    ):
        assert (
            f"item 'Werkatelier in Stadskanaal' ('werkatelier-in-stadskanaal'), veld {field}: bevat nog de "
            "voorbeeldtekst" in found
        ), found


def test_the_newsletter_lists_the_next_events(tmp_path):
    from test_newsletter import assert_email_safe

    from ervaringsdeskundigheid.outreach.newsletter import make_newsletter

    coming = _dated()
    issue = dt.date.fromisoformat(str(coming[0]["date"])) + dt.timedelta(days=1)  # the first one is past then
    run = make_newsletter(ROOT, dt.date(2025, 9, 1), out_dir=tmp_path, issue=issue, today=TODAY)
    document = assert_email_safe(run.html.read_text(encoding="utf-8"))
    titles = [h3.text_content() for h3 in document.xpath("//h3")]
    assert titles == [e["title"] for e in coming[1:6]]
    assert "Binnenkort in de agenda" in document.text_content()
    for event in coming[1:6]:
        [link] = document.xpath(f"//h3/a[contains(@href, '/agenda/{event['slug']}/')]")
        assert "utm_medium=email" in link.get("href")
    text = run.text.read_text(encoding="utf-8")
    assert "BINNENKORT IN DE AGENDA" in text and all(e["title"] in text for e in coming[1:6])
    assert coming[0]["title"] not in text


# --- Owning its pages -------------------------------------------------------------------------------


def test_render_and_build_know_nothing_of_the_agenda():
    """The agenda's pages and files come from its declaration (types/agenda.py): a page set with a
    `files` method; render/ and build/ do not name it (tests/test_content_types.py checks every type)."""
    for folder in ("render", "build"):
        for path in (ROOT / "src/ervaringsdeskundigheid" / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8").lower()
            assert "agenda" not in text and ".ics" not in text, path


def test_an_event_cannot_take_the_address_of_the_archive(project):
    _write(
        project,
        [{**EVENT, "slug": "archief", "date": "2025-12-10"}, {**EVENT, "date": "2027-01-12"}],
        written=dt.date(2025, 12, 1),
    )
    found = messages(check(project))
    assert "veld 'Webadres (slug)' ('slug'): 'archief' is het adres van het archief" in found, found
