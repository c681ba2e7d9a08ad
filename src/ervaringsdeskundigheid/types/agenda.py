"""The agenda: werkateliers, meetings, information sessions and open days (seed 000 §2.3-2.4).

A type that owns its pages and files: an overview of what is coming (by month, the next first,
then what has no date yet), a page per event, an archive of past events, and calendar files
(iCalendar, RFC 5545) per event plus one feed of everything coming (`AgendaPages`). Times are
wall-clock times in Europe/Amsterdam. An event is "past" from the day after its date (the build
runs every night, and only knows its day), and then moves to the archive; its page stays.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel.dates import format_date
from pydantic import BeforeValidator, model_validator

from ..core import git_history, urls
from ..core.contact import PERSON_FIELDS, ContactPerson, PhoneNumber, Routes, person_problems, showing_person
from ..core.fields import Date, Email, InShort, Name, RuleViolation, Slug, Strict, Text, Url, hint, in_short_field
from ..core.git_history import FileVersion
from ..core.loading import LoadContext
from ..core.privacy import Person
from ..core.problems import Problem
from ..core.site import Item, Site
from .base import HOME_PLACE, Card, ContentType, Place, Section
from .pages import ItemPages, Page, category_trail, markdown_text

AGENDA_ID = "agenda"
ZONE = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(ZONE)
LIST_URL = "agenda/"
ARCHIVE_URL = "agenda/archief/"
FEED = "agenda.ics"  # outside agenda/, so no event's file can take its name
STYLESHEET = "assets/stylesheets/agenda.css"
Kind = Literal["werkatelier", "bijeenkomst", "informatiebijeenkomst", "open dag"]
KINDS: dict[str, str] = {
    "werkatelier": "Werkatelier",
    "bijeenkomst": "Bijeenkomst",
    "informatiebijeenkomst": "Informatiebijeenkomst",
    "open dag": "Open dag",
}
SIGNUP_PLACEHOLDER = "https://example.org/schrijf-hier-het-adres-van-de-aanmeldpagina"
PLACE_PLACEHOLDER = "Schrijf hier waar het is, zoals 'Buurthuis De Kern, Kerkstraat 1, Veendam'"


# --- Times ----------------------------------------------------------------------------------------

_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(uur)?\s*$")


def _time_of_day(value: Any) -> Any:
    """'19:00' or '19.00' (how people write it) as a time; anything else a Dutch message."""
    if isinstance(value, dt.time) or value is None:
        return value
    match = _CLOCK.match(value) if isinstance(value, str) else None
    hours, minutes = (int(match.group(1)), int(match.group(2))) if match else (-1, -1)
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise ValueError(
            f"'{value}' is geen bestaande tijd. Schrijf de tijd als uren en minuten, zoals 19:00 of "
            "09:30 (uren van 0 tot 23, minuten van 00 tot 59)."
        )
    return dt.time(hours, minutes)


TimeOfDay = Annotated[dt.time, BeforeValidator(_time_of_day)]


def clock(value: dt.time) -> str:
    """'19.00' (the Dutch way of writing a time)."""
    return f"{value.hour}.{value.minute:02d}"


# --- The data -------------------------------------------------------------------------------------


class SignUp(Strict):
    """How to sign up: a page, a phone number, an e-mail address or a named person (at least one)."""

    url: Url | None = hint(
        "De pagina waar je je aanmeldt, met https://.",
        label="Aanmeldpagina",
        default=None,
        placeholder=SIGNUP_PLACEHOLDER,
    )
    phone: PhoneNumber | None = hint(
        "Een telefoonnummer om je aan te melden, zoals 050 123 4567. Nooit een privénummer.",
        label="Telefoon",
        default=None,
    )
    email: Email | None = hint(
        "Een e-mailadres om je aan te melden, zoals aanmelden@voorbeeld.nl.", label="E-mailadres", default=None
    )
    person: ContactPerson | None = hint(
        "Een persoon bij wie je je aanmeldt. Alleen met toestemming: zonder toestemming staat de persoon nergens.",
        label="Contactpersoon",
        default=None,
    )


class Event(Strict):
    slug: Slug = hint("Staat in het webadres; nooit meer veranderen.", label="Webadres (slug)")
    draft: bool = hint(
        "true: alleen in de voorbeeldweergave (make serve).",
        label="Concept (nog niet publiceren)",
        default=False,
        example=True,
    )
    example: bool = hint(
        "true: een verzonnen voorbeeld (de site zet er 'Voorbeeld' bij).", label="Verzonnen voorbeeld", default=False
    )
    title: Name = hint("De naam van de activiteit, kort en duidelijk.", label="Titel")
    kind: Kind = hint(
        "werkatelier, bijeenkomst, informatiebijeenkomst of open dag.", label="Soort", example="werkatelier"
    )
    date: Date | None = hint(
        "De dag, zoals 2027-03-09. Nog geen vaste datum? Laat het leeg: dan staat de "
        "activiteit bij 'Nog zonder vaste datum'.",
        label="Datum",
        default=None,
    )
    start: TimeOfDay | None = hint(
        "Hoe laat het begint, zoals 19:00 (tijd in Nederland).", label="Begintijd", default=None, example="19:00"
    )
    end: TimeOfDay | None = hint(
        "Hoe laat het afloopt, zoals 21:00. Na de begintijd, op dezelfde dag.",
        label="Eindtijd",
        default=None,
        example="21:00",
    )
    place: Name | None = hint(
        "Waar het is: de plek en de plaats, zoals 'Buurthuis De Kern, Kerkstraat 1, "
        "Veendam'. Alleen online? Laat het leeg en zet 'Online' aan.",
        label="Plek",
        default=None,
        placeholder=PLACE_PLACEHOLDER,
    )
    online: bool = hint("true: je doet online mee (ook als er een plek is).", label="Online", default=False)
    categories: list[Slug] = hint(
        "Voor wie is het? Een of meer categorieën. De activiteit staat dan op die pagina's.",
        label="Voor wie (categorieën)",
        relation="categories",
        min_length=1,
        example=["werkgevers"],
    )
    audience: Text | None = hint(
        "Voor wie precies, in een paar woorden, zoals 'bestuurders en HR-managers'.",
        label="Voor wie precies",
        default=None,
    )
    in_short: InShort = in_short_field()
    description: Text = hint(
        "Wat gebeurt er, en wat heb je eraan? Twee tot vijf korte zinnen (B1).", label="Beschrijving", markdown=True
    )
    signup: SignUp | None = hint(
        "Zo meld je je aan: een aanmeldpagina, een telefoonnummer, een e-mailadres of een "
        "contactpersoon. Noem er minstens één.",
        label="Aanmelden",
        default=None,
        form_required=True,
    )
    cost: Name | None = hint(
        "Wat het kost, zoals 'Gratis' of '€ 25 per persoon'. Weet je het niet? Laat het leeg.",
        label="Kosten",
        default=None,
    )
    organisation: Slug | None = hint(
        "Wie organiseert het? De id in data/organisations.yml.",
        label="Organisatie",
        relation="organisations",
        default=None,
    )
    source: Text | None = hint(
        "Waar komen de gegevens vandaan? Bijvoorbeeld 'Projectplan 2025, §2.4'.", label="Bron", default=None
    )

    @model_validator(mode="after")
    def _rules(self) -> Event:
        if self.date is not None and self.start is None:
            raise RuleViolation("start", "ontbreekt. Bij een datum hoort een begintijd, zoals 19:00.")
        if self.date is not None and self.end is None:
            raise RuleViolation("end", "ontbreekt. Bij een datum hoort een eindtijd, zoals 21:00.")
        if self.date is None and (self.start or self.end):
            raise RuleViolation(
                "date",
                "ontbreekt, maar er staat wel een tijd. Vul de datum in, of haal de tijden "
                "weg als er nog geen vaste datum is.",
            )
        if self.start and self.end and self.end <= self.start:
            raise RuleViolation(
                "end",
                f"{clock(self.end)} uur ligt niet na de begintijd ({clock(self.start)} uur). "
                "Een activiteit eindigt na het begin, op dezelfde dag.",
            )
        if self.date is not None and not self.place and not self.online:
            raise RuleViolation("place", "ontbreekt. Schrijf waar het is, of zet 'Online' aan (online: true).")
        routes = self.signup
        if routes is None or not (routes.url or routes.phone or routes.email or routes.person):
            raise RuleViolation(
                "signup",
                "ontbreekt. Hoe meld je je aan? Noem minstens één manier: een "
                "aanmeldpagina (url), een telefoonnummer (phone), een e-mailadres (email) "
                "of een contactpersoon (person).",
            )
        return self


# --- When, where, and which events --------------------------------------------------------------


def starts(event: Item) -> dt.datetime:
    return dt.datetime.combine(event.date, event.start, AMSTERDAM)


def ends(event: Item) -> dt.datetime:
    return dt.datetime.combine(event.date, event.end, AMSTERDAM)


def is_past(event: Item, today: dt.date) -> bool:
    return event.date is not None and event.date < today


def upcoming(site: Site) -> list[Item]:
    """Events with a date from today on, the next first."""
    return [item for item in site.of(AGENDA_ID) if item.date is not None and not is_past(item, site.today)]


def undated(site: Site) -> list[Item]:
    return [item for item in site.of(AGENDA_ID) if item.date is None]


def archived(site: Site) -> list[Item]:
    """Past events, the latest first."""
    return sorted(
        (item for item in site.of(AGENDA_ID) if is_past(item, site.today)),
        key=lambda item: (item.date, item.start),
        reverse=True,
    )


def day_text(day: dt.date) -> str:
    """'dinsdag 19 januari 2027'."""
    return format_date(day, "EEEE d MMMM y", locale="nl_NL")


def day_box(day: dt.date) -> tuple[str, str, str]:
    """('di', '19', 'jan'): the day as a calendar leaf."""
    return (
        format_date(day, "EEE", locale="nl_NL").rstrip("."),
        str(day.day),
        format_date(day, "MMM", locale="nl_NL").rstrip("."),
    )


def short_day(day: dt.date) -> str:
    """'19 januari'."""
    return format_date(day, "d MMMM", locale="nl_NL")


def hours(event: Item) -> str:
    """'19.00 tot 21.00 uur'."""
    return f"{clock(event.start)} tot {clock(event.end)} uur"


def when(event: Item) -> str:
    """'dinsdag 19 januari 2027, 19.00 tot 21.00 uur', or that there is no date yet."""
    if event.date is None:
        return "Nog geen vaste datum. Vraag ernaar."
    return f"{day_text(event.date)}, {hours(event)}"


def where(event: Item) -> str:
    """'Veendam', 'Online', 'Veendam, of online'; '' when an event without a date has no place yet."""
    if event.place and event.online:
        return f"{event.place}, of online"
    return event.place or ("Online" if event.online else "")


def for_whom(event: Item, site: Site) -> str:
    return event.audience or ", ".join(site.category(key).title for key in event.categories)


def month_groups(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """[('Januari 2027', [...]), ...] in the items' order."""
    groups: list[tuple[str, list[Item]]] = []
    for item in items:
        label = format_date(item.date, "LLLL y", locale="nl_NL").capitalize()
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(item)
    return groups


def _order(item: Item) -> tuple[bool, dt.date, dt.time, int]:
    """Dated first, by day and time; then those without a date, in file order."""
    return (item.data.date is None, item.data.date or dt.date.min, item.data.start or dt.time(), item.index)


# --- Rules beyond the schema ----------------------------------------------------------------------


def check(item: Item, context: LoadContext) -> list[Problem]:
    event = item.data
    problems = person_problems(event.signup.person if event.signup else None, item.source, "signup.person", item.entry)
    if item.key == ARCHIVE_URL.split("/")[1]:
        problems.append(
            Problem(
                item.source,
                "slug",
                (f"'{item.key}' is het adres van het archief van de agenda. Kies een andere slug."),
                entry=item.entry,
            )
        )
    if event.date is not None and event.date < context.today and event.date < _added(context, item):
        problems.append(
            Problem(
                item.source,
                "date",
                (
                    f"{event.date.isoformat()} ligt in het verleden. Een nieuwe activiteit moet nog komen. Klopt het jaar? "
                    "Een activiteit die al voorbij is, zet je niet nieuw in de agenda."
                ),
                entry=item.entry,
            )
        )
    return problems


def _added(context: LoadContext, item: Item) -> dt.date:
    """The day an event was written down: its first commit (git); today when no commit has it yet;
    without git history, the day its file was last saved. A past event written down after its day
    is a mistake (a wrong year); one written down before it goes to the archive."""
    seen = _seen_in_load(context, item.source)
    if seen is not None:
        return seen.get(item.key or "", context.today)
    try:
        return dt.date.fromtimestamp((context.root / item.source).stat().st_mtime)
    except OSError:
        return context.today


_LAST_LOAD: list[Any] = [None, None]  # (load context, first seen): git is asked once per load, not per event


def _seen_in_load(context: LoadContext, source: str) -> dict[str, dt.date] | None:
    if _LAST_LOAD[0] is not context:
        _LAST_LOAD[:] = [context, first_seen(context.root, source)]
    seen: dict[str, dt.date] | None = _LAST_LOAD[1]
    return seen


def _slugs(text: str) -> list[str]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return []  # a broken old version names no events we can trust
    return (
        [entry["slug"] for entry in data if isinstance(entry, dict) and isinstance(entry.get("slug"), str)]
        if isinstance(data, list)
        else []
    )


@functools.lru_cache(maxsize=8)
def _seen_in(versions: tuple[FileVersion, ...], shallow: bool) -> dict[str, dt.date]:
    seen: dict[str, dt.date] = {}
    for version in versions:
        day = dt.date.fromisoformat(version.date)
        for slug in _slugs(version.text):
            seen[slug] = min(day, seen.get(slug, day))
    if shallow and versions:  # a clone without the older commits: its oldest version says nothing new
        seen.update(dict.fromkeys(_slugs(versions[-1].text), dt.date.min))
    return seen


def first_seen(root: Path, source: str) -> dict[str, dt.date] | None:
    """The day each event (by slug) was first committed, from git (HEAD, and the base branch of a
    pull request); an event that no commit has is not in it. None without git history (not a
    checkout, no git)."""
    versions = git_history.file_versions(root, (source,))
    if versions is None:
        return None
    return _seen_in(tuple(versions), bool(versions) and git_history.shallow(root))


# --- People ---------------------------------------------------------------------------------------


def people(item: Item) -> list[Person]:
    """The sign-up contact person (the consent rule: types/privacy.py)."""
    from .privacy import contact_person

    person = item.data.signup.person if item.data.signup else None
    return [contact_person(person)] if person else []


def public_view(item: Item, today: dt.date) -> tuple[Item, str | None]:
    """The event as published: its contact person only while shown, with the fields in scope."""
    data = showing_person(item.data, "signup", today)
    return (item if data is item.data else item.replace(data=data)), None


# --- Calendar files (iCalendar, RFC 5545) ---------------------------------------------------------


def ics_path(item: Item) -> str:
    return f"{LIST_URL}{item.key}.ics"


def _host(site: Site) -> str:
    return urlsplit(site.site_url).hostname or "localhost"


@functools.cache
def _text_type() -> type:
    """TEXT escaped exactly as RFC 5545 3.3.11 says. (icalendar's own escaping also reads a written
    backslash-N as a line break, so a title or place could change on the way.)"""
    import icalendar

    class Text(icalendar.vText):
        def to_ical(self) -> bytes:
            text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            return re.sub(r"\r\n|\r|\n", r"\\n", text).encode("utf-8")

    return Text


def _text(value: str) -> Any:
    return _text_type()(value)


def calendar(site: Site, events: list[Item], name: str | None = None) -> bytes:
    """One VCALENDAR with `events` (dated ones) and the time zone they use. Made by the icalendar
    package: CRLF line ends, lines folded at 75 octets, text escaped. DTSTAMP is the build's day,
    so the same content gives the same bytes."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site.settings.organisation}//{site.settings.site_name}//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)  # RFC 7986
        cal.add("x-wr-calname", name)  # what most calendar apps read
        cal.add("x-wr-timezone", ZONE)
        cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "P1D")
    stamp = dt.datetime.combine(site.today, dt.time(), dt.timezone.utc)
    years = [item.date.year for item in events] or [site.today.year]
    cal.add_component(
        icalendar.Timezone.from_tzid(
            ZONE, first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 2, 1, 1)
        )
    )
    for item in events:
        event = icalendar.Event()
        page = urls.absolute(site.site_url, item.url or LIST_URL)
        event.add("uid", f"{item.key}.agenda@{_host(site)}")
        event.add("dtstamp", stamp)
        event.add("dtstart", starts(item))
        event.add("dtend", ends(item))
        event.add("summary", _text(("Voorbeeld: " if item.example else "") + item.title))
        event.add("location", _text(where(item)))
        event.add("description", _text(_description(item, page)))
        event.add("url", page)
        event.add("categories", [KINDS[item.kind]])
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    return bytes(cal.to_ical())


def _description(item: Item, page: str) -> str:
    """The event in plain text: in short, what happens, how to sign up, where to read more."""
    parts = [item.in_short, " ".join(markdown_text(item.description).split())]
    person = signup_person(item)
    routes = [route.text for route in signup_routes(item)]
    if person or routes:
        parts.append("Aanmelden: " + "; ".join(filter(None, [person, *routes])) + ".")
    if item.cost:
        parts.append(f"Kosten: {item.cost}.")
    parts.append(f"Meer informatie: {page}")
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Route:
    """One way to sign up, as a link: `label` on the page, `text` in a calendar or newsletter."""

    kind: str  # "url", "phone" or "email"
    label: str
    href: str
    text: str


def signup_person(item: Item) -> str | None:
    """'Sanne de Vries, coördinator werkgevers': the contact person as shown (public_view), if any."""
    person = item.data.signup.person if item.data.signup else None
    return person.name + (f", {person.role}" if person.role else "") if person else None


def help_adds(item: Item, network: Routes) -> bool:
    """Whether the network's own routes (core/contact.py `Routes`) add something to the event's:
    not when they are only the same e-mail address."""
    signup = item.data.signup
    own = {signup.email, signup.person.email if signup.person else None} if signup else set()
    return network.spoken or network.email not in own


def signup_routes(item: Item) -> list[Route]:
    """Every way to sign up that is published: the page, phone and e-mail of the event, then the
    contact person's own phone and e-mail (only what their consent shows)."""
    from ..core.contact import mailto_link, tel_link

    signup = item.data.signup
    if signup is None:
        return []
    subject = f"Aanmelden: {item.title}"
    found = []
    if signup.url:
        found.append(Route("url", "Aanmelden op de website", signup.url, signup.url))
    if signup.phone:
        found.append(Route("phone", f"Bel {signup.phone}", tel_link(signup.phone), f"bel {signup.phone}"))
    if signup.email:
        found.append(Route("email", f"Mail {signup.email}", mailto_link(signup.email, subject), f"mail {signup.email}"))
    person = signup.person
    if person is not None:
        if person.phone:
            found.append(
                Route("phone", f"Bel {person.name}: {person.phone}", tel_link(person.phone), f"bel {person.phone}")
            )
        if person.email:
            found.append(
                Route("email", f"Mail {person.name}", mailto_link(person.email, subject), f"mail {person.email}")
            )
    return found


# --- Pages ----------------------------------------------------------------------------------------


def event_data(item: Item, site: Site) -> dict[str, Any] | None:
    """schema.org Event, for search engines (a dated event only)."""
    if item.date is None:
        return None
    page = urls.absolute(site.site_url, item.url or LIST_URL)
    mode = "Mixed" if item.place and item.online else ("Online" if item.online else "Offline")
    location = []
    if item.place:
        location.append({"@type": "Place", "name": item.place, "address": item.place})
    if item.online:
        location.append({"@type": "VirtualLocation", "url": page})
    organiser = site.get("organisations", item.organisation) if item.organisation else None
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item.title,
        "startDate": starts(item).isoformat(),
        "endDate": ends(item).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": location[0] if len(location) == 1 else location,
        "description": item.in_short,
        "url": page,
        "organizer": {"@type": "Organization", "name": organiser.name if organiser else site.settings.organisation},
    }


HELPERS = {
    "when": when,
    "where": where,
    "hours": hours,
    "day_text": day_text,
    "day_box": day_box,
    "kinds": KINDS,
    "signup_routes": signup_routes,
    "signup_person": signup_person,
    "help_adds": help_adds,
    "ics_path": ics_path,
}


def _event_context(item: Item, site: Site) -> dict[str, Any]:
    past = is_past(item, site.today)
    return {
        **HELPERS,
        "past": past,
        "for_whom": for_whom(item, site),
        "agenda_url": LIST_URL,
        "archive_url": ARCHIVE_URL,
        "structured_data": None if past else event_data(item, site),
    }


@dataclass(frozen=True)
class AgendaPages:
    """The agenda's pages: the overview at `agenda/` (coming events by month, then those without a
    date), a page per event, the archive at `agenda/archief/`; and its files: an .ics per dated
    event and the feed `agenda.ics` with everything coming (always there once the agenda has
    events, so a subscribed calendar never breaks)."""

    def plan(self, ctype: ContentType, site: Site) -> list[Page]:
        if not site.of(ctype.id):
            return []
        coming, later, past = upcoming(site), undated(site), archived(site)
        common = {
            **HELPERS,
            "for_whom": lambda item: for_whom(item, site),
            "feed": FEED,
            "feed_url": urls.absolute(site.site_url, FEED),
            "agenda_url": LIST_URL,
            "archive_url": ARCHIVE_URL if past else None,
            "ctype": ctype,
        }
        pages = [
            Page(
                url=LIST_URL,
                title=ctype.title,
                template="agenda.html",
                source=ctype.source,
                owner=f"de pagina {ctype.title} (uit {ctype.source})",
                description=ctype.description,
                context={
                    **common,
                    "months": month_groups(coming),
                    "undated": later,
                    "past": False,
                    "in_short": ctype.in_short,
                    "intro": ctype.intro,
                },
                label="Agenda",
                search=False,
                trail=category_trail(site, None),
                stylesheets=(STYLESHEET,),
                kind_class=f"ed-type--{ctype.id}",
            )
        ]
        if past:
            pages.append(
                Page(
                    url=ARCHIVE_URL,
                    title="Archief van de agenda",
                    template="agenda.html",
                    source=ctype.source,
                    owner=f"het archief van de agenda (uit {ctype.source})",
                    description="Activiteiten van het netwerk die al voorbij zijn.",
                    context={
                        **common,
                        "months": month_groups(past),
                        "undated": [],
                        "past": True,
                        "in_short": "Hier staan activiteiten die al voorbij zijn. Kijk in de agenda wat er nog komt.",
                        "intro": "",
                    },
                    label="Agenda",
                    search=False,
                    trail=category_trail(site, None) + ((ctype.title, LIST_URL),),
                    stylesheets=(STYLESHEET,),
                    kind_class=f"ed-type--{ctype.id}",
                )
            )
        for page in ItemPages("event.html", context=_event_context).plan(ctype, site):
            page.stylesheets = (STYLESHEET,)
            page.label = KINDS[page.context["item"].kind]
            pages.append(page)
        return pages

    def files(self, ctype: ContentType, site: Site) -> dict[str, bytes]:
        events = site.of(ctype.id)
        if not events:
            return {}
        dated = [item for item in events if item.date is not None]
        files = {ics_path(item): calendar(site, [item]) for item in dated}
        files[FEED] = calendar(
            site, upcoming(site), name=f"Agenda {site.settings.site_name} – {site.settings.organisation}"
        )
        return files


# --- On the landing pages -------------------------------------------------------------------------


def _card(item: Item, site: Site) -> Card:
    badge = "Voorbeeld" if item.example else None
    lines: list[tuple[str, str | None]] = [(when(item) if item.date else "Nog zonder vaste datum", None)]
    lines += [(where(item), badge)] if where(item) or badge else []
    return Card(lines=tuple(lines))


def _teaser(item: Item, site: Site) -> str:
    return short_day(item.date) if item.date else "Nog zonder datum"


AGENDA = ContentType(
    id=AGENDA_ID,
    label="Activiteit",
    plural="Activiteiten",
    schema=Event,
    source="data/agenda.yml",
    key="slug",
    list_url=LIST_URL,
    item_url=LIST_URL + "{slug}/",
    list_title="Agenda",
    description="Werkateliers, bijeenkomsten, informatiebijeenkomsten en open dagen van het netwerk, met hoe je "
    "je aanmeldt.",
    intro="Werkateliers voor teams, bijeenkomsten voor werkgevers en informatie voor wie ervaringsdeskundige wil "
    "worden.",
    in_short="Hier zie je wat er binnenkort is. Bij elke activiteit staat hoe je je aanmeldt.",
    pages=(AgendaPages(),),
    summary="in_short",
    nav="werkgevers",
    section=Section(
        "Agenda",
        limit=2,
        card=_card,
        teaser=_teaser,
        counted=False,
        shown=lambda item, today: not is_past(item, today),
        all_label="Hele agenda",
        places=(
            Place("aspirant", order=15),
            Place("opleiding", order=15),
            Place("ervaringsdeskundige", order=15),
            Place("werkgevers", order=25, limit=1),
            Place(HOME_PLACE, "Binnenkort", order=15),
        ),
    ),
    make_new="activiteit",
    sort_key=_order,
    examples=True,
    source_hint=False,
    optional=True,
    checks=(check,),
    people=people,
    public_view=public_view,
    person_fields=PERSON_FIELDS,
    editor_hint="De agenda: werkateliers, bijeenkomsten, informatiebijeenkomsten en open dagen. Zet bij elke "
    "activiteit de datum, de begin- en eindtijd (tijd in Nederland), waar het is (of online), voor wie "
    "het is en hoe je je aanmeldt. Na de datum gaat een activiteit vanzelf naar het archief. Verzin nooit "
    "een datum: geen vaste datum? Laat de datum leeg.",
    scaffold_extra="""\
# Aanmelden (verplicht): noem minstens één manier. Haal weg wat je niet gebruikt.
#   url: de aanmeldpagina; phone: een telefoonnummer; email: een e-mailadres;
#   person: een contactpersoon (alleen met toestemming: name, email, consent met date en scope).
signup:
  url: """
    + SIGNUP_PLACEHOLDER,
)
