"""Routes to a person (issue 21): phone, WhatsApp, walk-in and a consented contact person from
data/site.yml, with per-category overrides (core/contact.py).

- phone and WhatsApp numbers are checked with Dutch messages naming the file and the field, and
  linked in international form (tel:+31…, wa.me/31…) whatever way they were written;
- WhatsApp opens a chat with a Dutch first line; e-mails have a subject and a first line;
- a contact person is shown only while the consent is active and only with the fields in scope;
- with a phone number set, the home page, every category page, every programme page and the 404
  page have a tel: link inside <main>, in the first phone screen (390 × 844);
- missing values leave no gap; the employers' page leads to a person or a short request; a
  programme says how to sign up near the word "aanmelden"; buddies can be asked to walk along
  only through what their consent allows.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY, check, copy_project, messages, run_build
from ervaringsdeskundigheid.core.consent import Consent
from ervaringsdeskundigheid.core.contact import (
    Contact,
    ContactPerson,
    ContactRoutes,
    international,
    mailto_link,
    routes,
    shown_person,
    whatsapp_link,
)

PHONE = "0598 123 456"
PHONE_E164 = "+31598123456"
WHATSAPP = "06-12 34 56 78"
WHATSAPP_DIGITS = "31612345678"
VIEWPORT = {"width": 390, "height": 844}
CATEGORY_PATHS = {
    c["id"]: c["path"] + "/" for c in yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))
}
PROGRAMMES = yaml.safe_load((ROOT / "data/opleidingen.yml").read_text(encoding="utf-8"))
PROGRAMMES = next(v for v in PROGRAMMES.values() if isinstance(v, list)) if isinstance(PROGRAMMES, dict) else PROGRAMMES


# --- Numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, expected",
    [
        ("050 123 4567", "+31501234567"),
        ("0598-123456", "+31598123456"),
        ("06 12345678", "+31612345678"),
        ("+31 6 1234 5678", "+31612345678"),
        ("+31 (0)6 124 13941", "+31612413941"),
        ("0031 50 123 4567", "+31501234567"),
        ("(050) 123 45 67", "+31501234567"),
        ("0800-1234", "+318001234"),
        ("0900 123 4567", "+319001234567"),
        ("+32 2 123 45 67", "+3221234567"),
    ],
)
def test_numbers_are_linked_in_international_form(written, expected):
    assert international(written) == expected


@pytest.mark.parametrize(
    "written, words",
    [
        ("bel ons", "geen telefoonnummer"),
        ("050 123 456", "10 cijfers"),
        ("050 123 45678", "10 cijfers"),
        ("50 123 4567", "netnummer"),
        ("+31 50 123", "10 cijfers"),
        ("+1", "internationaal"),
        ("06-1234567x", "geen telefoonnummer"),
    ],
)
def test_a_wrong_number_gets_a_dutch_reason(written, words):
    with pytest.raises(ValueError, match=words):
        international(written)


@settings(max_examples=200, deadline=None)
@given(
    digits=st.text("0123456789", min_size=8, max_size=8),
    first=st.sampled_from("123456789"),
    separators=st.lists(st.sampled_from(["", " ", "-", "."]), min_size=10, max_size=10),
    prefix=st.sampled_from(["0", "+31", "+31 ", "0031", "+31 (0)"]),
)
def test_any_way_of_writing_a_dutch_number_links_to_the_same_number(digits, first, separators, prefix):
    national = first + digits
    written = prefix + "".join(sep + ch for sep, ch in zip(separators[1:], national, strict=False))
    assert international(written) == "+31" + national
    link = whatsapp_link(written, "Hallo, ik heb een vraag.")
    assert link.startswith(f"https://wa.me/31{national}?text=")


def test_whatsapp_opens_a_chat_with_a_dutch_first_line_and_mail_has_a_subject():
    link = whatsapp_link("06 12345678", "Hallo, ik wil meelopen & meer weten?")
    parts = urlsplit(link)
    assert parts.netloc == "wa.me" and parts.path == "/31612345678"
    assert parse_qs(parts.query)["text"] == ["Hallo, ik wil meelopen & meer weten?"]
    mail = mailto_link("info@example.org", "Aanmelden: opleiding", "Hallo, ik wil me aanmelden.")
    query = parse_qs(urlsplit(mail).query)
    assert mail.startswith("mailto:info@example.org?") and "+" not in mail
    assert query == {"subject": ["Aanmelden: opleiding"], "body": ["Hallo, ik wil me aanmelden."]}


def _set_contact(project: Path, lines: str) -> None:
    path = project / "data/site.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "contact:\n  email: info@alliantievankracht.nl\n", "contact:\n  email: info@alliantievankracht.nl\n" + lines
        ),
        encoding="utf-8",
    )


def _set_category(project: Path, category: str, lines: str) -> None:
    path = project / "data/categories.yml"
    text = path.read_text(encoding="utf-8")
    marker = f"- id: {category}\n"
    assert marker in text
    path.write_text(text.replace(marker, marker + lines), encoding="utf-8")


@pytest.mark.parametrize(
    "lines, file, where, words",
    [
        ('  phone: "050 12"\n', "data/site.yml", "veld 'contact.phone'", "10 cijfers"),
        ('  whatsapp: "bel ons"\n', "data/site.yml", "veld 'contact.whatsapp'", "geen telefoonnummer"),
        ('  hours: "dinsdag 10 tot 12 uur"\n', "data/site.yml", "veld 'contact.hours'", "'address' ontbreekt"),
        (
            "  person:\n    name: Sanne de Vries\n    consent: {date: 2025-01-01, scope: [name, telefoon]}\n",
            "data/site.yml",
            "veld 'contact.person.consent.scope[2]'",
            "Kies uit: name, role",
        ),
    ],
)
def test_bad_contact_data_gets_a_dutch_error_naming_file_and_field(project, lines, file, where, words):
    _set_contact(project, lines)
    found = messages(check(project))
    line = next((line for line in found.splitlines() if line.startswith(file) and where in line), "")
    assert words in line, found


def test_a_category_contact_is_checked_too(project):
    _set_category(project, "werkgevers", '  contact:\n    whatsapp: "06 123"\n')
    found = messages(check(project))
    line = next(line for line in found.splitlines() if "('contact.whatsapp')" in line)
    assert line.startswith("data/categories.yml") and "('werkgevers')" in line and "10 cijfers" in line


# --- The contact person and the routes of a page -----------------------------------------------------


def _person(**consent) -> ContactPerson:
    return ContactPerson(
        name="Sanne de Vries",
        role="coördinator",
        email="sanne@example.org",
        phone="050 765 4321",
        consent=Consent(**consent) if consent else None,
    )


@pytest.mark.parametrize(
    "consent, shown",
    [
        ({}, False),
        ({"date": dt.date(2025, 1, 1), "scope": ["name", "role"]}, True),
        ({"date": dt.date(2026, 6, 1), "scope": ["name", "role"]}, False),  # not yet
        ({"date": dt.date(2025, 1, 1), "scope": ["name"], "withdrawn": dt.date(2025, 12, 1)}, False),
        ({"date": dt.date(2025, 1, 1), "scope": ["role", "email"]}, False),  # no name, no person
        ({"date": dt.date(2025, 1, 1), "scope": []}, False),
    ],
)
def test_a_contact_person_is_shown_only_with_active_consent(consent, shown):
    assert (shown_person(_person(**consent), TODAY) is not None) == shown


def test_a_contact_person_shows_only_the_fields_in_scope():
    person = shown_person(_person(date=dt.date(2025, 1, 1), scope=["name", "phone"]), TODAY)
    assert (person.name, person.phone, person.role, person.email) == ("Sanne de Vries", "050 765 4321", None, None)


def test_a_category_overrides_the_networks_routes_and_a_persons_own_number_comes_first():
    network = Contact(
        email="info@example.org",
        phone="050 123 4567",
        whatsapp="06 11111111",
        address="Kerkstraat 1, Veendam",
        hours="dinsdag",
    )
    employers = ContactRoutes(
        email="werkgevers@example.org",
        address="Markt 2, Groningen",
        person=_person(date=dt.date(2025, 1, 1), scope=["name", "role", "phone"]),
    )
    own = routes(network, employers, TODAY)
    assert (own.email, own.phone, own.whatsapp) == ("werkgevers@example.org", "050 765 4321", "06 11111111")
    assert (own.address, own.hours) == ("Markt 2, Groningen", None), "an address keeps its own hours"
    assert own.person.name == "Sanne de Vries" and own.phone_link == "tel:+31507654321"
    general = routes(network, None, TODAY)
    assert (general.email, general.phone, general.person, general.hours) == (
        "info@example.org",
        "050 123 4567",
        None,
        "dinsdag",
    )


# --- A built copy with a phone number, WhatsApp, walk-in hours and contact persons ------------------

CONTACT = f'''  phone: "{PHONE}"
  whatsapp: "{WHATSAPP}"
  address: "Kerkstraat 1, Veendam"
  hours: "dinsdag en donderdag van 10 tot 12 uur"
  person:
    name: Sanne de Vries
    role: coördinator
    email: sanne.de.vries@example.org
    consent: {{date: 2025-01-01, scope: [name, role]}}
'''
EMPLOYERS = """  contact:
    email: werkgevers@example.org
    person:
      name: Kees Achterhouden
      role: contact voor werkgevers
      consent: {date: 2025-01-01, scope: [name, role], withdrawn: 2025-06-01}
"""


@pytest.fixture(scope="module")
def contact_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("contact") / "project")
    _set_contact(project, CONTACT)
    _set_category(project, "werkgevers", EMPLOYERS)
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _main(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def _pages_with_a_route(site: Path) -> list[str]:
    programmes = [f"opleidingen/{p['slug']}/index.html" for p in PROGRAMMES]
    return ["index.html", "404.html", *(path + "index.html" for path in CATEGORY_PATHS.values()), *programmes]


def test_home_categories_programmes_and_404_have_tel_and_whatsapp_in_main(contact_site):
    for page in _pages_with_a_route(contact_site):
        main = _main(contact_site, page)
        assert f'href="tel:{PHONE_E164}"' in main, page
        chats = re.findall(r'href="(https://wa\.me/[^"]+)"', main)
        assert chats, page
        for chat in chats:
            parts = urlsplit(chat.replace("&amp;", "&"))
            assert parts.path == f"/{WHATSAPP_DIGITS}"
            assert parse_qs(parts.query)["text"][0].startswith("Hallo"), chat


def test_every_page_has_the_phone_number_in_its_footer(contact_site):
    pages = [
        p
        for p in contact_site.rglob("*.html")
        if not p.relative_to(contact_site).as_posix().startswith(("p/", "admin/"))
    ]
    missing = [
        p
        for p in pages
        if f'href="tel:{PHONE_E164}"'
        not in re.search(r"<footer\b.*?</footer>", p.read_text(encoding="utf-8"), re.S).group(0)
    ]
    assert len(pages) > 40 and not missing, missing[:5]


def test_the_contact_person_is_shown_with_consent_and_only_within_its_scope(contact_site):
    home = _main(contact_site, "index.html")
    assert "Sanne de Vries, coördinator" in home
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in contact_site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json", ".xml", ".txt"}
    )
    assert "sanne.de.vries@example.org" not in everything, "an e-mail address outside the scope"
    assert "Kees Achterhouden" not in everything, "a withdrawn contact person"
    employers = _main(contact_site, "werkgevers/index.html")
    assert "Sanne de Vries" in employers, "the category falls back to the network's person"


def test_the_employers_page_leads_to_a_person_or_a_short_request(contact_site):
    main = _main(contact_site, "werkgevers/index.html")
    hero = re.search(r'<div class="ed-hero">.*?</div>\s*(?=<section|<nav)', main, re.S).group(0)
    requests = yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))
    requests = next(c for c in requests if c["id"] == "werkgevers")["requests"]
    assert any("ervaringsdeskundige" in r["label"].lower() for r in requests)
    assert any("werkatelier" in r["label"].lower() for r in requests)
    import html as html_module

    hrefs = [html_module.unescape(h) for h in re.findall(r'href="([^"]+)"', hero)]
    for request in requests:
        mail = next(
            h
            for h in hrefs
            if h.startswith("mailto:") and parse_qs(urlsplit(h).query).get("subject") == [request["label"]]
        )
        assert urlsplit(mail).path == "werkgevers@example.org", "the category's own address"
        assert parse_qs(urlsplit(mail).query)["body"][0].startswith(request["message"])
        assert any(
            h.startswith("https://wa.me/") and parse_qs(urlsplit(h).query)["text"] == [request["message"]]
            for h in hrefs
        ), request["label"]
    assert f"tel:{PHONE_E164}" in hrefs
    assert "checklists/" not in " ".join(hrefs), "the checklist is a resource further down, not the next step"
    assert "checklists/checklist-voor-teams/" in main


@pytest.mark.parametrize("slug", [p["slug"] for p in PROGRAMMES if p.get("regional")])
def test_a_regional_programme_says_how_to_sign_up_next_to_the_word_aanmelden(contact_site, slug):
    main = _main(contact_site, f"opleidingen/{slug}/index.html")
    section = re.search(r'<section class="ed-signup".*?</section>', main, re.S).group(0)
    assert re.search(r"aanmelden|inschrijven", section, re.I)
    assert f'href="tel:{PHONE_E164}"' in section and "https://wa.me/" in section and "mailto:" in section


def test_a_schools_own_sign_up_route_comes_first_and_nothing_is_invented(project):
    """The repository's data names no school's phone or sign-up page (the seeds do not), so the
    pages use the network; a programme with `signup` shows the school's own route."""
    for programme in PROGRAMMES:
        assert not programme.get("signup"), f"{programme['slug']}: sign-up data needs a source in the seeds"
    path = project / "data/opleidingen.yml"
    text = path.read_text(encoding="utf-8")
    slug = next(p["slug"] for p in PROGRAMMES if p.get("regional"))
    text = text.replace(
        f"- slug: {slug}\n",
        f'- slug: {slug}\n  signup:\n    url: https://school.example.org/aanmelden\n    phone: "050 999 8877"\n',
        1,
    )
    path.write_text(text, encoding="utf-8")
    from ervaringsdeskundigheid.build.session import BuildSession

    session = BuildSession(project, mode="build", today=TODAY)
    session.start()
    section = re.search(
        r'<section class="ed-signup".*?</section>', session.pages()[f"opleidingen/{slug}/index.html"], re.S
    ).group(0)
    assert 'href="https://school.example.org/aanmelden"' in section and 'href="tel:+31509998877"' in section
    assert section.index("school.example.org") < section.index("mailto:"), "the school's route first"


def test_missing_values_leave_no_gap(repo_site):
    """The repository has only an e-mail address: no empty phone link, no 'Onbekend', no walk-in line."""
    for page in _pages_with_a_route(repo_site):
        main = _main(repo_site, page)
        assert "tel:" not in main and "wa.me/" not in main and "ed-contact__walkin" not in main, page
        assert "Onbekend" not in main and "None" not in main
        assert re.search(
            r'class="ed-contact__lead">Vragen\? Mail ons\.</p>|class="ed-contact__lead">[^<]*Mail ons\.', main
        ) or page.startswith("opleidingen/"), page


# --- In a real browser: a person in the first phone screen --------------------------------------


@pytest.fixture(scope="module")
def served_contact_site(contact_site):
    from tools.devserver import serve_directory
    from conftest import site_prefix

    with serve_directory(contact_site, site_prefix()) as base:
        yield base


REGIONAL = [f"opleidingen/{p['slug']}/" for p in PROGRAMMES if p.get("regional")]
# With a phone number set, these pages have a tel: link inside <main> in the first phone screen.
FIRST_SCREEN = ["", *CATEGORY_PATHS.values(), *REGIONAL, "bestaat-niet/"]
# One page of each way the routes are shown (with a person, with the employers' short requests,
# with a programme's sign-up, in the buddies' list, on the 404 page): axe checks them at two widths.
AXE_CHECKED = [
    "",
    "werkgevers/",
    "aspirant-ervaringsdeskundige/",
    REGIONAL[0],
    "opleidingen/",
    "ervaringsdeskundigen/",
    "bestaat-niet/",
]


@pytest.mark.parametrize("path", list(dict.fromkeys(FIRST_SCREEN + AXE_CHECKED)))
def test_the_routes_to_a_person_are_at_hand_and_accessible(new_page, served_contact_site, path):
    """In one visit per page, with every route shown: the phone link in the first phone screen
    (FIRST_SCREEN), and (AXE_CHECKED) axe at 390 and 1280 px, no tiny text and no sideways
    scrolling at 320 px."""
    from test_accessibility import problems_at_three_widths

    page = new_page(VIEWPORT["width"], VIEWPORT["height"])
    page.goto(served_contact_site + path, wait_until="load")
    problems = []
    if path in FIRST_SCREEN:
        box = page.locator(f'main a[href="tel:{PHONE_E164}"]').first.bounding_box()
        if not (box and box["y"] + box["height"] <= VIEWPORT["height"] and box["height"] >= 40):
            problems.append(f"/{path}: the phone link is not in the first phone screen: {box}")
    if path in AXE_CHECKED:
        problems += problems_at_three_widths(page, path)
    assert not problems, "\n".join(problems)


# --- Meelopen ------------------------------------------------------------------------------------------


def test_a_buddy_can_be_asked_only_through_what_their_consent_allows(repo_site):
    experts = yaml.safe_load((ROOT / "data/experts.yml").read_text(encoding="utf-8"))
    html = (repo_site / "ervaringsdeskundigen/index.html").read_text(encoding="utf-8")
    import html as html_module

    text = html_module.unescape(html)
    assert "2025" in text and "nog geen vaste regeling" in text, "honest: a target of the project, not a service"
    for expert in experts:
        scope = expert.get("consent", {}).get("scope") or []
        card = re.search(rf'<article class="ed-person" id="{expert["id"]}">.*?</article>', html, re.S)
        if card is None:
            continue
        card = html_module.unescape(card.group(0))
        meet = re.search(r'<div class="ed-meet">.*?</div>', card, re.S)
        if not (expert.get("buddy") and "buddy" in scope):
            assert meet is None, expert["id"]
            continue
        assert meet, expert["id"]
        links = [unquote(h) for h in re.findall(r'href="([^"]+)"', meet.group(0))]
        to_person = [h for h in links if expert.get("email") and h.startswith(f"mailto:{expert['email']}")]
        assert bool(to_person) == ("email" in scope), expert["id"]
        assert any("info@alliantievankracht.nl" in h and "meelopen" in h for h in links), "through the network"
        if "name" in scope:
            assert any(expert["name"] in h for h in links)


def test_a_contact_person_without_consent_may_not_be_named_in_any_text(project):
    _set_contact(
        project,
        '  person:\n    name: Kees Achterhouden\n    phone: "06 98765432"\n'
        "    consent: {date: 2026-06-01, scope: [name]}\n",
    )  # consent that starts later
    path = project / "docs/index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nBel Kees Achterhouden op 06-98 76 54 32.\n", encoding="utf-8")
    found = messages(check(project))
    assert "docs/index.md" in found and "Kees Achterhouden" in found and "06 98765432" in found, found


def test_a_withdrawn_contact_person_is_taken_off_the_home_page_without_stopping_the_build(project):
    from ervaringsdeskundigheid.build.session import BuildSession

    _set_contact(
        project,
        '  person:\n    name: Kees Achterhouden\n    phone: "06 98765432"\n'
        "    consent: {date: 2025-01-01, scope: [name], withdrawn: 2025-06-01}\n",
    )
    path = project / "docs/index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nBel Kees Achterhouden op 06-98 76 54 32.\n", encoding="utf-8")
    session = BuildSession(project, mode="build", today=TODAY)
    session.start()
    outputs = session.outputs()
    assert "Achterhouden" not in outputs["index.html"] and "98 76 54 32" not in outputs["index.html"]
    assert any(
        notice.file == "docs/index.md" and "Kees Achterhouden" in notice.reason for notice in session.site.notices
    )
