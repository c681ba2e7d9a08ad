"""Handouts: A4 PDFs for the food bank, the wijkteam and the community centre.

They are read as a print shop and a reader with a phone would: CMYK-only content, embedded
fonts and real metadata (print_checks.py), the text with pdftotext, and every QR code decoded
by zxing-cpp from a 1000 px wide render of the page (a phone photo of a sheet on a table).
Consent is checked on a copy of the project with people who may not appear.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import yaml

import print_checks
from conftest import ROOT, tree_digest
from ervaringsdeskundigheid.outreach.handouts import HandoutErrors, generate_handouts
from ervaringsdeskundigheid.core.text import dutch_date

SETTINGS = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))
SITE_URL = SETTINGS["site_url"]
EXPERTS = yaml.safe_load((ROOT / "data/experts.yml").read_text(encoding="utf-8"))
CHECKLISTS = yaml.safe_load((ROOT / "data/checklists.yml").read_text(encoding="utf-8"))
MENU = yaml.safe_load((ROOT / "data/menukaart.yml").read_text(encoding="utf-8"))
A4 = (0.0, 0.0, 210.0, 297.0)
PHONE_PX = 1000


def stand(day: dt.date) -> str:
    return f"Stand van {dutch_date(day)}"


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts") / "handouts"
    run = generate_handouts(ROOT, out)
    return run


def _expected_files() -> set[str]:
    return {"ervaringsdeskundigen.pdf", "menukaart.pdf", *(f"{c['slug']}.pdf" for c in CHECKLISTS)}


def test_every_handout_is_written(handouts):
    assert set(handouts.files) == _expected_files()
    assert {p.name for p in handouts.out_dir.iterdir()} == _expected_files()
    assert handouts.files["menukaart.pdf"] <= 2


def test_every_handout_is_print_ready_a4(handouts):
    for name in handouts.files:
        pdf = handouts.out_dir / name
        print_checks.assert_print_ready(pdf, author=SETTINGS["organisation"])
        for boxes in print_checks.boxes_mm(pdf):
            for box in ("MediaBox", "TrimBox", "BleedBox"):
                assert boxes[box] == pytest.approx(A4, abs=0.05), (name, box)


def test_every_page_says_the_date_and_leads_online(handouts):
    for name, pages in handouts.files.items():
        texts = print_checks.page_texts(handouts.out_dir / name)
        assert len(texts) == pages
        for number, page in enumerate(texts, start=1):
            assert stand(dt.date.today()) in page, (name, number)
            assert f"Pagina {number} van {pages}" in page
            assert "Online: www.alliantievankracht.nl/ervaringsdeskundigheid/" in page
            assert f"Vragen? Mail naar {SETTINGS['contact']['email']}." in page


def test_no_text_runs_into_the_margin_or_over_other_text(handouts):
    """A long address online is broken onto a second line; the page number never covers it."""
    margin = 15 - 0.5  # mm, with room for rounding
    for name, pages in handouts.files.items():
        for number in range(1, pages + 1):
            words = print_checks.words(handouts.out_dir / name, number)
            outside = [w.text for w in words if w.x0 < margin or w.x1 > A4[2] - margin]
            assert not outside, (name, number, outside)
            overlaps = [
                (a.text, b.text)
                for i, a in enumerate(words)
                for b in words[i + 1 :]
                if a.x0 < b.x1 - 0.3 and b.x0 < a.x1 - 0.3 and a.y0 < b.y1 - 0.3 and b.y0 < a.y1 - 0.3
            ]
            assert not overlaps, (name, number, overlaps[:5])


def _decoded(pdf, pages: int) -> list[list[str]]:
    result = []
    for page in range(1, pages + 1):
        result.append(sorted(b.text for b in print_checks.decode(print_checks.render(pdf, PHONE_PX, page))))
    return result


def test_every_qr_code_decodes_to_its_page_online(handouts):
    out = handouts.out_dir
    experts = _decoded(out / "ervaringsdeskundigen.pdf", handouts.files["ervaringsdeskundigen.pdf"])
    assert experts == [[f"{SITE_URL}ervaringsdeskundigen/"]] * handouts.files["ervaringsdeskundigen.pdf"]
    menu = _decoded(out / "menukaart.pdf", handouts.files["menukaart.pdf"])
    found = [url for page in menu for url in page]
    steps = [f"{SITE_URL}menukaart/#{step['slug']}" for step in MENU]
    assert sorted(found) == sorted([f"{SITE_URL}menukaart/"] * len(menu) + steps)
    for checklist in CHECKLISTS:
        name = f"{checklist['slug']}.pdf"
        assert (
            _decoded(out / name, handouts.files[name])
            == [[f"{SITE_URL}checklists/{checklist['slug']}/"]] * handouts.files[name]
        )
    # Every QR path in the files was found by the phone: none is too small to scan.
    for name, pages in handouts.files.items():
        assert len(print_checks.qr_fill_colours(out / name)) == sum(
            len(page) for page in _decoded(out / name, pages)
        ), name


def test_menukaart_shows_every_step_in_order(handouts):
    text = print_checks.text(handouts.out_dir / "menukaart.pdf")
    positions = [text.index(step["title"]) for step in MENU]
    assert positions == sorted(positions)
    assert "Onbekend" not in text


def test_checklists_show_every_item(handouts):
    for checklist in CHECKLISTS:
        text = print_checks.text(handouts.out_dir / f"{checklist['slug']}.pdf")
        assert " ".join(checklist["title"].split()) in text
        for section in checklist["sections"]:
            assert section["title"] in text
            for item in section["items"]:
                assert " ".join(item.split()) in text, item


# --- Consent: the same rule as the site ------------------------------------------------------


def _in_scope(expert: dict, field: str) -> bool:
    scope = expert["consent"].get("scope") or ["name", "organisation", "function"]
    return field in scope


def test_experts_only_with_their_consented_fields(handouts):
    text = print_checks.text(handouts.out_dir / "ervaringsdeskundigen.pdf")
    for expert in EXPERTS:
        assert expert["name"] in text
        for field in ("email", "phone"):
            if expert.get(field):
                assert (expert[field] in text) == _in_scope(expert, field), (expert["id"], field)
    assert "Onbekend" not in text


NOT_CONSENTED = """
- id: zonder-toestemming
  example: true
  name: "Zeno Zondertoestemming"
  organisation: cosis
  function: "Ervaringsdeskundige"
  region: "Veendam"
  email: "zeno@example.org"
  phone: "06 99999999"
  categories: [ervaringsdeskundige]
  consent:                        # recorded, but it starts later: not shown yet
    date: 2099-01-01
    scope: [name, organisation, function, region, email, phone]

- id: ingetrokken
  example: true
  name: "Ina Ingetrokken"
  organisation: lefier
  region: "Veendam"
  email: "ina@example.org"
  categories: [ervaringsdeskundige]
  consent:
    date: 2025-01-01
    withdrawn: 2025-06-01
    scope: [name, organisation, email]

- id: zonder-mail
  example: true
  name: "Mila Zondermail"
  organisation: accare
  function: "Ervaringsdeskundige jeugd"
  region: "Winschoten"
  email: "mila@example.org"
  phone: "06 88888888"
  buddy: true
  categories: [ervaringsdeskundige]
  consent:
    date: 2025-03-01
    scope: [name, organisation, function, region]
"""


def test_people_without_consent_or_outside_scope_are_left_out(project, tmp_path):
    experts = project / "data" / "experts.yml"
    experts.write_text(experts.read_text(encoding="utf-8") + NOT_CONSENTED, encoding="utf-8")
    run = generate_handouts(project, tmp_path / "handouts")
    pdf = tmp_path / "handouts" / "ervaringsdeskundigen.pdf"
    text = print_checks.text(pdf)
    raw = pdf.read_bytes()
    for absent in (
        "Zeno",
        "Zondertoestemming",
        "zeno@example.org",
        "06 99999999",
        "Ina Ingetrokken",
        "ina@example.org",
        "mila@example.org",
        "06 88888888",
    ):
        assert absent not in text, absent
        assert absent.encode() not in raw, absent
    assert "Mila Zondermail" in text and "Winschoten" in text
    # Mila's scope has no 'buddy': she is not shown as a maatje either (her card is the last one).
    drawn = print_checks.text(pdf, raw=True)
    assert drawn.rindex("Mila Zondermail") > drawn.rindex("@example.org")
    assert "Maatje:" not in drawn[drawn.index("Mila Zondermail") :]
    for expert in EXPERTS:
        assert expert["name"] in text
    assert run.people == len(EXPERTS) + 1
    assert stand(dt.date.today()) in text
    assert (tmp_path / "handouts" / "menukaart.pdf").exists()


def test_grouped_by_region_or_by_organisation(tmp_path):
    by_region = generate_handouts(ROOT, tmp_path / "regio")
    text = print_checks.text(by_region.out_dir / "ervaringsdeskundigen.pdf", raw=True)  # column after column
    regions = sorted({e["region"] for e in EXPERTS if _in_scope(e, "region")}, key=str.casefold)
    positions = [text.index(f"{region} · ") for region in regions]
    assert positions == sorted(positions)
    assert "Ingedeeld per regio" in text
    by_org = generate_handouts(ROOT, tmp_path / "organisatie", grouping="organisatie")
    text = print_checks.text(by_org.out_dir / "ervaringsdeskundigen.pdf", raw=True)
    assert "Ingedeeld per organisatie" in text
    names = {o["id"]: o["name"] for o in yaml.safe_load((ROOT / "data/organisations.yml").read_text())}
    for expert in EXPERTS:
        heading = f"{names[expert['organisation']]} · "
        assert heading in text
        assert text.index(heading) < text.index(expert["name"])


def test_about_ten_people_per_page(project, tmp_path):
    people = []
    for number in range(30):
        people.append(f"""
- id: persoon-{number}
  example: true
  name: "Persoon {number} Voorbeeld"
  organisation: cosis
  function: "Ervaringsdeskundige armoede en schulden"
  expertise: ["armoede", "schulden", "wonen"]
  region: "{["Veendam", "Stadskanaal", "Emmen"][number % 3]}"
  email: "persoon{number}@example.org"
  buddy: {str(number % 2 == 0).lower()}
  categories: [ervaringsdeskundige]
  consent:
    date: 2025-03-01
    scope: [name, organisation, function, expertise, region, email, buddy]
""")
    (project / "data" / "experts.yml").write_text("".join(people), encoding="utf-8")
    run = generate_handouts(project, tmp_path / "handouts")
    pages = run.files["ervaringsdeskundigen.pdf"]
    assert 3 <= pages <= 4  # 30 people, about ten per page
    texts = print_checks.page_texts(tmp_path / "handouts" / "ervaringsdeskundigen.pdf")
    assert sum(text.count("@example.org") for text in texts) == 30


def test_no_people_is_said_plainly(project, tmp_path):
    (project / "data" / "experts.yml").write_text("[]\n", encoding="utf-8")
    run = generate_handouts(project, tmp_path / "handouts")
    text = print_checks.text(run.out_dir / "ervaringsdeskundigen.pdf")
    assert "Er staan nu geen ervaringsdeskundigen in het overzicht." in text


# --- The command line ------------------------------------------------------------------------


def _script_project(project):
    return project


def test_script_writes_the_handouts(project):
    _script_project(project)
    result = subprocess.run(
        [sys.executable, "scripts/handouts.py", "--per", "organisatie"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "dist/handouts/ervaringsdeskundigen.pdf" in result.stdout
    assert "Klaar: " in result.stdout
    assert {p.name for p in (project / "dist" / "handouts").iterdir()} == _expected_files()


def test_bad_content_gives_a_dutch_error_and_changes_nothing(project):
    _script_project(project)
    out = project / "dist" / "handouts"
    out.mkdir(parents=True)
    (out / "menukaart.pdf").write_bytes(b"%PDF-oud")
    before = tree_digest(project / "dist")
    experts = project / "data" / "experts.yml"
    organisation = EXPERTS[0]["organisation"]
    experts.write_text(
        experts.read_text(encoding="utf-8").replace(
            f"organisation: {organisation}", f"organisation: {organisation}x", 1
        ),
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, "scripts/handouts.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("De handouts zijn niet gemaakt")
    assert "data/experts.yml" in result.stderr and f"'{organisation}x'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "dist") == before
    with pytest.raises(HandoutErrors, match="'per-straat' kan niet"):
        generate_handouts(project, grouping="per-straat")


# --- Paper that reads ------------------------------------------------------------------------


def test_text_is_large_enough_to_read_on_paper(handouts):
    for name in handouts.files:
        sizes = print_checks.text_sizes(handouts.out_dir / name)
        assert min(sizes) >= 11.5, (name, sizes)
        body = max(sizes, key=sizes.get)  # the size most characters have
        assert body >= 12, (name, sizes)


def test_secondary_text_is_not_lighter_than_sixty_percent_black(handouts):
    import pikepdf

    for name in handouts.files:
        with pikepdf.open(handouts.out_dir / name) as pdf:
            for page in pdf.pages:
                fill = (0.0, 0.0, 0.0, 1.0)
                for operands, operator in pikepdf.parse_content_stream(page):
                    if str(operator) == "k":
                        fill = tuple(float(v) for v in operands)
                    elif str(operator) in {"Tj", "TJ"}:
                        c, m, y, k = fill
                        # Black ink of at least 60 %, a full category colour (titles) or paper white (the
                        # number on a coloured disc); never a light tint.
                        assert k >= 0.6 or max(c, m, y) >= 0.5 or fill == (0, 0, 0, 0), (name, fill)


WEB_WORDS = ("op deze site", "deze pagina", "hieronder", "hierboven", "klik", "tik op")


def test_no_web_wording_on_paper_even_when_the_data_has_it(project, tmp_path):
    menu = project / "data" / "menukaart.yml"
    menu.write_text(
        menu.read_text(encoding="utf-8").replace(
            'text: "Je hebt iets zwaars meegemaakt',
            'text: "Klik op de knop om te beginnen. Hieronder staat wat je kunt doen. Lees ook de uitleg hierboven. '
            "Kijk op deze pagina. Je hebt iets zwaars meegemaakt",
            1,
        ),
        encoding="utf-8",
    )
    checklists = project / "data" / "checklists.yml"
    checklists.write_text(
        checklists.read_text(encoding="utf-8").replace(
            'intro: "Wil je met ervaringsdeskundigen gaan werken?',
            'intro: "Meer tips staan op deze site. Wil je met ervaringsdeskundigen gaan werken?',
            1,
        ),
        encoding="utf-8",
    )
    run = generate_handouts(project, tmp_path / "handouts")
    for name in run.files:
        text = print_checks.text(run.out_dir / name).lower()
        for word in WEB_WORDS:
            assert word not in text, (name, word)
    menu_text = print_checks.text(run.out_dir / "menukaart.pdf")
    assert "Op onze website staat wat je kunt doen." in menu_text  # rewritten, not lost
    assert "Doe de zelfcheck op onze website." in menu_text
    assert "Je hebt iets zwaars meegemaakt" in menu_text


def test_the_repository_menukaart_has_no_web_wording(handouts):
    text = print_checks.text(handouts.out_dir / "menukaart.pdf").lower()
    for word in WEB_WORDS:
        assert word not in text, word


def test_qr_codes_are_far_enough_apart_to_scan_one_at_a_time(handouts):
    for name, pages in handouts.files.items():
        for page in range(1, pages + 1):
            image = print_checks.render(handouts.out_dir / name, PHONE_PX, page)
            codes = print_checks.decode(image)
            boxes = [
                (
                    min(p.x for p in (b.position.top_left, b.position.bottom_left)),
                    min(p.y for p in (b.position.top_left, b.position.top_right)),
                    max(p.x for p in (b.position.top_right, b.position.bottom_right)),
                    max(p.y for p in (b.position.bottom_left, b.position.bottom_right)),
                )
                for b in codes
            ]
            px_per_mm = image.width / 210
            for box in boxes:
                assert (box[2] - box[0]) / px_per_mm >= 20, (name, page)  # at least 2 cm wide
            for index, a in enumerate(boxes):
                for b in boxes[index + 1 :]:
                    gap = max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3]) / px_per_mm
                    assert gap >= 15, (name, page, gap)  # 1.5 cm of white between codes


def test_handouts_carry_the_build_date_and_warn_about_consents_that_end_soon(project, tmp_path, monkeypatch):
    experts = project / "data" / "experts.yml"
    experts.write_text(
        experts.read_text(encoding="utf-8")
        + """
- id: stopt-binnenkort
  example: true
  name: "Sanne Stoptbinnenkort"
  organisation: cosis
  region: "Veendam"
  categories: [ervaringsdeskundige]
  consent:
    date: 2025-01-01
    scope: [name, organisation, region]
    withdrawn: 2026-02-10
""",
        encoding="utf-8",
    )
    monkeypatch.setenv("SECTION_TODAY", "2026-01-20")
    result = subprocess.run([sys.executable, "scripts/handouts.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Let op: de toestemming van Sanne Stoptbinnenkort eindigt op 10 februari 2026" in result.stdout
    pdf = project / "dist" / "handouts" / "ervaringsdeskundigen.pdf"
    text = print_checks.text(pdf)
    assert "Stand van 20 januari 2026" in text and stand(dt.date.today()) not in text
    assert "Deel deze lijst uit tot en met 9 februari 2026." in text
    assert "Sanne Stoptbinnenkort" in text  # still consented today
    assert print_checks.creation_date(pdf).date() == dt.date(2026, 1, 20)
    menu = print_checks.text(project / "dist" / "handouts" / "menukaart.pdf")
    assert "Stand van 20 januari 2026" in menu and "Deel deze lijst" not in menu
    # Further away than 30 days: no warning.
    monkeypatch.setenv("SECTION_TODAY", "2026-01-01")
    result = subprocess.run([sys.executable, "scripts/handouts.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0 and "Let op" not in result.stdout
    assert "Deel deze lijst" not in print_checks.text(pdf)


def test_a_phone_number_is_the_first_route_on_paper(project, tmp_path):
    site = project / "data" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8").replace(
            "  email: info@alliantievankracht.nl", "  email: info@alliantievankracht.nl\n  phone: 0598 123 456"
        ),
        encoding="utf-8",
    )
    run = generate_handouts(project, tmp_path / "handouts")
    for name in run.files:
        for page in print_checks.page_texts(run.out_dir / name):
            assert "Geen smartphone? Bel 0598 123 456." in page


def test_printed_texts_of_a_handout_are_in_one_place():
    from ervaringsdeskundigheid.outreach.handouts import handouts_for, printed_texts
    from ervaringsdeskundigheid.types import load_site

    site = load_site(ROOT)
    for handout in handouts_for(site):
        texts = " ".join(printed_texts(handout))
        assert handout.title in texts
    menu = next(h for h in handouts_for(site) if h.file == "menukaart.pdf")
    assert all(step["title"] in " ".join(printed_texts(menu)) for step in MENU)
