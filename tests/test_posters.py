"""Posters and banners: print-ready PDFs whose QR codes scan, and Dutch errors for bad input.

The PDFs are checked the way a print shop and a phone see them: content streams and boxes
with pikepdf (print_checks.py), fonts with poppler's pdffonts, the QR code decoded by
zxing-cpp from a 700 px wide render of the whole sheet, and the text with pdftotext.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
import zxingcpp
from PIL import Image
from pypdf import PdfReader

import print_checks
from conftest import ROOT, tree_digest
from ervaringsdeskundigheid.types import partners as inv
from ervaringsdeskundigheid.outreach.poster_layout import THEMES
from ervaringsdeskundigheid.outreach.posters import PosterErrors, generate_posters
from ervaringsdeskundigheid.outreach.issued_codes import ISSUED_HEADER

MM = 72 / 25.4
BLEED = 3.0
SLUG = 7.0  # crop marks live here, outside the bleed
SAFE = 5.0  # text stays this far inside the trim
SETTINGS = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))
SITE_URL = SETTINGS["site_url"]
ORGANISATION_NAMES = {
    o["id"]: o["name"] for o in yaml.safe_load((ROOT / "data/organisations.yml").read_text(encoding="utf-8"))
}
INVENTORY = yaml.safe_load((ROOT / inv.PARTNERS_FILE).read_text(encoding="utf-8"))
CATEGORY_PATHS = {
    c["id"]: c["path"] for c in yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))
}
FORMATS = {"A4": (210, 297, 1.0), "A3": (297, 420, 1.5), "A2": (420, 594, 2.0), "banner": (850, 2000, 3.0)}
CATEGORY_QUESTIONS = {
    c["id"]: c.get("question") for c in yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """All posters of the repository's inventory, made once (the repository is only read)."""
    out = tmp_path_factory.mktemp("posters") / "posters"
    calls = []
    result = generate_posters(ROOT, out, progress=lambda done, total, entry: calls.append((done, total, entry)))
    return result, calls


@pytest.fixture(scope="module")
def manifest(run):
    result, _ = run
    return json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))


def _entries(manifest):
    return [pytest.param(entry, id=entry["file"]) for entry in manifest]


def expected_posters() -> set[tuple[str, str, str, int]]:
    return {
        (p["partner"], loc["name"], fmt, count)
        for p in INVENTORY["partners"]
        for loc in p["locations"]
        for fmt, count in loc["copies"].items()
        if count > 0
    }


def render(pdf: Path, width_px: int = 700) -> Image.Image:
    out = subprocess.run(
        ["pdftoppm", "-singlefile", "-scale-to-x", str(width_px), "-scale-to-y", "-1", str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    return Image.open(io.BytesIO(out)).convert("RGB")


def pdf_text(pdf: Path) -> str:
    return " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split()
    )


# --- The manifest and the files ------------------------------------------------------------


def test_manifest_lists_every_poster_of_the_inventory(run, manifest):
    result, _ = run
    assert manifest == result.manifest
    assert {(e["partner"], e["location"], e["format"], e["copies"]) for e in manifest} == expected_posters()
    for entry in manifest:
        assert {"partner", "location", "format", "copies", "file", "qr_url", "target_url", "trim_mm"} <= entry.keys()
        assert (result.out_dir / entry["file"]).read_bytes().startswith(b"%PDF-")
        assert Image.open(result.out_dir / entry["preview"]).format == "PNG"
    assert len({e["file"] for e in manifest}) == len(manifest)


def test_progress_is_reported_for_every_poster(run):
    result, calls = run
    assert [done for done, _, _ in calls] == list(range(1, result.count + 1))
    assert {total for _, total, _ in calls} == {result.count}
    assert sorted(e["file"] for _, _, e in calls) == sorted(e["file"] for e in result.manifest)


def test_qr_and_target_urls_carry_code_and_campaign(manifest):
    codes = {}
    for partner in INVENTORY["partners"]:
        for loc in partner["locations"]:
            codes[(partner["partner"], loc["name"], "poster")] = (loc.get("code"), loc["target"])
            codes[(partner["partner"], loc["name"], "banner")] = (loc.get("banner_code"), loc["target"])
    for entry in manifest:
        medium = "banner" if entry["format"] == "banner" else "poster"
        code, target = codes[(entry["partner"], entry["location"], medium)]
        assert entry["qr_url"] == f"{SITE_URL}p/{code}/"
        url = urlsplit(entry["target_url"])
        path = "" if target == "home" else f"{CATEGORY_PATHS.get(target, target.strip('/'))}/"
        assert f"{url.scheme}://{url.netloc}{url.path}" == SITE_URL + path
        assert parse_qs(url.query) == {
            "utm_source": [entry["partner"]],
            "utm_medium": [medium],
            "utm_campaign": [INVENTORY["campaign"]],
            "utm_content": [inv.slugify(entry["location"])],
        }


# --- Print-ready PDFs ----------------------------------------------------------------------


def test_every_pdf_has_trim_bleed_and_a_slug_for_the_crop_marks(run, manifest):
    result, _ = run
    for entry in manifest:
        width, height = FORMATS[entry["format"]][:2]
        assert entry["trim_mm"] == [width, height]
        assert len(PdfReader(result.out_dir / entry["file"]).pages) == 1
        [boxes] = print_checks.boxes_mm(result.out_dir / entry["file"])
        edge = BLEED + SLUG
        assert boxes["MediaBox"] == pytest.approx((0, 0, width + 2 * edge, height + 2 * edge), abs=0.05)
        assert boxes["TrimBox"] == pytest.approx((edge, edge, width + edge, height + edge), abs=0.05)
        assert boxes["BleedBox"] == pytest.approx(
            (SLUG, SLUG, width + SLUG + 2 * BLEED, height + SLUG + 2 * BLEED), abs=0.05
        )
        media, bleed = boxes["MediaBox"], boxes["BleedBox"]
        assert min(bleed[0] - media[0], bleed[1] - media[1], media[2] - bleed[2], media[3] - bleed[3]) >= 4


def test_every_pdf_is_cmyk_only_with_embedded_fonts_and_real_metadata(run, manifest):
    result, _ = run
    for entry in manifest:
        pdf = result.out_dir / entry["file"]
        print_checks.assert_print_ready(pdf, author=SETTINGS["organisation"])
        assert len(print_checks.qr_fill_colours(pdf)) == 1, entry["file"]  # the QR code, pure K
        meta = print_checks.info(pdf)
        assert ORGANISATION_NAMES[entry["partner"]] in meta["Title"] and entry["location"] in meta["Title"]


def test_font_subset_names_differ_between_files(run, manifest):
    result, _ = run
    seen: dict[str, str] = {}
    for entry in manifest:
        for font in print_checks.fonts(result.out_dir / entry["file"]):
            assert font.name not in seen, f"{font.name} in {seen.get(font.name)} and {entry['file']}"
            seen[font.name] = entry["file"]
    assert len(seen) >= 3 * len(manifest)


def test_text_stays_in_the_safe_zone_and_the_slug_note_is_cut_away(run, manifest):
    result, _ = run
    for entry in manifest:
        width, height = FORMATS[entry["format"]][:2]
        edge = BLEED + SLUG
        slug_words = []
        for word in print_checks.words(result.out_dir / entry["file"]):
            inside = (
                word.x0 >= edge + SAFE - 0.01
                and word.x1 <= edge + width - SAFE + 0.01
                and word.y0 >= edge + SAFE - 0.01
                and word.y1 <= edge + height - SAFE + 0.01
            )
            in_slug = word.y0 >= edge + height + BLEED
            assert inside or in_slug, (entry["file"], word)
            if in_slug:
                slug_words.append(word.text)
        assert entry["file"] in " ".join(slug_words)


@pytest.fixture(scope="module")
def decoded(run, manifest):
    """Each poster as a phone sees it from a distance: the whole page at 700 px wide."""
    result, _ = run
    found = {}
    for entry in manifest:
        image = render(result.out_dir / entry["file"])
        found[entry["file"]] = (image, zxingcpp.read_barcodes(image))
    return found


def test_qr_code_decodes_to_the_manifest_url_from_a_700px_render(manifest, decoded):
    for entry in manifest:
        image, barcodes = decoded[entry["file"]]
        assert image.width == 700
        assert [b.text for b in barcodes] == [entry["qr_url"]], entry["file"]
        assert barcodes[0].format == zxingcpp.BarcodeFormat.QRCode
        assert barcodes[0].ec_level in {"Q", "H"}, "a code in a canteen for years needs Q or H"
        assert barcodes[0].ec_level == entry["error_correction"]


def test_qr_code_is_at_least_a_tenth_of_the_viewing_distance_wide(manifest, decoded):
    for entry in manifest:
        image, barcodes = decoded[entry["file"]]
        position = barcodes[0].position
        width_px = position.top_right.x - position.top_left.x
        width_mm = width_px * (entry["trim_mm"][0] + 2 * (BLEED + SLUG)) / image.width
        distance_m = FORMATS[entry["format"]][2]
        assert width_mm >= 0.98 * distance_m * 100, (entry["file"], width_mm)


def test_qr_code_is_black_on_white_with_a_clear_zone_wider_than_four_modules(run, manifest):
    result, _ = run
    for entry in manifest:
        image = render(result.out_dir / entry["file"], 1400)
        position = zxingcpp.read_barcodes(image)[0].position
        left, top = position.top_left.x, position.top_left.y
        right, bottom = position.bottom_right.x, position.bottom_right.y
        module = (right - left) / entry["modules"]
        page_mm = entry["trim_mm"][0] + 2 * (BLEED + SLUG)
        # The quiet zone is 4 modules plus at least 1 mm to spare, and it is white paper all round
        # (the colour band and every text stay out of it).
        spare = 4 * module + 1.0 * image.width / page_mm
        assert entry["clear_zone_mm"] >= 4 * entry["module_mm"] + 1.0
        zone = image.crop(
            (int(left - spare + 1), int(top - spare + 1), int(right + spare - 1), int(bottom + spare - 1))
        ).convert("L")
        ink = zone.point(lambda value: 255 if value < 235 else 0).getbbox()
        offset = spare - 1
        assert ink == pytest.approx((offset, offset, offset + right - left, offset + bottom - top), abs=3), entry[
            "file"
        ]
        symbol = image.crop((int(left), int(top), int(right), int(bottom))).convert("L")
        darkest, lightest = symbol.getextrema()
        assert darkest < 50 and lightest > 235  # 100 % black ink (poppler shows it as 32) on white paper


def test_module_size_suits_the_viewing_distance(manifest):
    for entry in manifest:
        assert entry["module_mm"] * entry["modules"] == pytest.approx(entry["qr_mm"], abs=0.2)
        assert entry["module_mm"] >= 2.0 * entry["viewing_distance_m"] - 0.01, entry["file"]


def test_crop_marks_sit_in_the_slug_outside_the_bleed(run, manifest):
    result, _ = run
    entry = next(e for e in manifest if e["format"] == "A4")
    edge = BLEED + SLUG
    width, height = entry["trim_mm"][0] + 2 * edge, entry["trim_mm"][1] + 2 * edge
    image = render(result.out_dir / entry["file"], 2400).convert("L")
    per_mm = image.width / width

    def darkest(x0_mm, y0_mm, x1_mm, y1_mm):  # measured from the top-left of the page
        return image.crop(
            (int(x0_mm * per_mm), int(y0_mm * per_mm), int(x1_mm * per_mm), int(y1_mm * per_mm))
        ).getextrema()[0]

    for x, y in ((edge, edge), (width - edge, edge), (edge, height - edge), (width - edge, height - edge)):
        outward_x = -1 if x < width / 2 else 1
        outward_y = -1 if y < height / 2 else 1
        # A mark along each trim line in the slug, beyond the bleed ...
        horizontal = sorted((x + outward_x * (BLEED + 1), x + outward_x * (BLEED + 4)))
        vertical = sorted((y + outward_y * (BLEED + 1), y + outward_y * (BLEED + 4)))
        assert darkest(horizontal[0], y - 0.3, horizontal[1], y + 0.3) < 128, (x, y)
        assert darkest(x - 0.3, vertical[0], x + 0.3, vertical[1]) < 128, (x, y)
        # ... and nothing of the marks in the bleed at the corner.
        bleed_x = sorted((x + outward_x * 0.3, x + outward_x * (BLEED - 0.2)))
        bleed_y = sorted((y + outward_y * 0.3, y + outward_y * (BLEED - 0.2)))
        if y > height / 2:  # the bottom corners are white paper: the bleed there must stay empty
            assert darkest(bleed_x[0], y - 0.3, bleed_x[1], y + 0.3) > 200, (x, y)
            assert darkest(x - 0.3, bleed_y[0], x + 0.3, bleed_y[1]) > 200, (x, y)
    # No marks along the slug away from the corners.
    assert darkest(width / 2 - 5, 0, width / 2 + 5, SLUG) > 200


def test_printed_link_contact_and_location_lines(run, manifest):
    result, _ = run
    for entry in manifest:
        printed = print_checks.text(result.out_dir / entry["file"])
        # The address to type is the section's own, short enough to type: never the code's long link.
        assert entry["printed_url"] == SITE_URL.removeprefix("https://").rstrip("/")
        assert len(entry["printed_url"]) < 50
        assert entry["printed_url"].startswith("www.")  # data/site.yml: www_optional is false
        assert entry["printed_url"] in printed
        assert "/p/" not in printed
        assert "http://" not in printed and "https://" not in printed
        assert "Scan de code met de camera van je telefoon." in printed
        assert "Alliantie van Kracht" in printed
        assert f"Geen smartphone? Mail naar {SETTINGS['contact']['email']}." in printed
        assert f"Hangt bij {ORGANISATION_NAMES[entry['partner']]} · {entry['location']}" in printed


def test_www_optional_and_a_phone_number_shorten_the_printed_lines(project, tmp_path):
    site = project / "data" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8")
        .replace("www_optional: false", "www_optional: true")
        .replace("  email: info@alliantievankracht.nl", "  email: info@alliantievankracht.nl\n  phone: 050 123 45 67"),
        encoding="utf-8",
    )
    run = generate_posters(project, tmp_path / "out", partner="lefier", fmt="A4", previews=False)
    [entry] = run.manifest
    assert entry["printed_url"] == "alliantievankracht.nl/ervaringsdeskundigheid"
    printed = print_checks.text(tmp_path / "out" / entry["file"])
    assert entry["printed_url"] in printed and "www." not in printed
    assert "Geen smartphone? Bel 050 123 45 67." in printed
    assert "@" not in printed
    image = render(tmp_path / "out" / entry["file"])
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [entry["qr_url"]]  # the code itself is unchanged


def test_a_marks_free_file_for_upload_whose_page_is_the_bleed_box(run, manifest):
    result, _ = run
    for entry in manifest:
        width, height = FORMATS[entry["format"]][:2]
        upload = result.out_dir / entry["file_without_marks"]
        assert upload.name.endswith("-zonder-snijtekens.pdf")
        [boxes] = print_checks.boxes_mm(upload)
        assert boxes["MediaBox"] == pytest.approx((0, 0, width + 2 * BLEED, height + 2 * BLEED), abs=0.05)
        assert boxes["BleedBox"] == pytest.approx(boxes["MediaBox"], abs=0.05)
        assert boxes["TrimBox"] == pytest.approx((BLEED, BLEED, width + BLEED, height + BLEED), abs=0.05)
        print_checks.assert_print_ready(upload, author=SETTINGS["organisation"])
        # No marks and no slug note: the only text is the poster's, and the corners are paper or colour.
        assert entry["file"] not in print_checks.text(upload)
        image = print_checks.render(upload, 600).convert("L")
        assert image.getpixel((image.width - 1, image.height - 1)) > 200 or entry["format"] == "banner"
        assert [b.text for b in print_checks.decode(print_checks.render(upload, 700))] == [entry["qr_url"]]


def test_files_carry_a_pdfx_output_intent_without_a_profile(run, manifest):
    import pikepdf

    result, _ = run
    for name in (manifest[0]["file"], manifest[0]["file_without_marks"]):
        with pikepdf.open(result.out_dir / name) as pdf:
            assert pdf.pdf_version == "1.4"
            [intent] = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
            assert "/DestOutputProfile" not in intent  # no profile we may not ship
            assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1a:2003"
            assert str(pdf.docinfo.Trapped) == "/False" and "/ID" in pdf.trailer


def test_headlines_do_not_lean_on_the_long_word(manifest):
    for entry in manifest:
        headline = CATEGORY_QUESTIONS.get(entry["category"]) or THEMES[entry["category"]].headline
        assert "ervaringsdeskundige" not in headline.lower(), headline
        assert max(len(word) for word in re.findall(r"\w+", headline)) <= 15


def test_texts_in_the_manifest_are_what_is_printed(run, manifest):
    result, _ = run
    for entry in manifest:
        printed = print_checks.text(result.out_dir / entry["file"])
        for text in entry["texts"]:
            assert " ".join(text.split()) in printed or all(word in printed for word in text.split()), text


def test_before_and_after_sheet_for_the_team(run):
    result, _ = run
    sheet = Image.open(result.out_dir / "voor-en-na.png")
    assert sheet.format == "PNG" and sheet.width > 4 * sheet.height


def test_a_short_address_and_a_phone_number_when_site_yml_names_them(project, tmp_path):
    site = project / "data" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8").replace(
            "  email: info@alliantievankracht.nl", "  email: info@alliantievankracht.nl\n  phone: 0598 123 456"
        )
        + "short_url: alliantievankracht.nl/ed\n",
        encoding="utf-8",
    )
    run = generate_posters(project, tmp_path / "out", partner="lefier", fmt="A3", previews=False)
    [entry] = run.manifest
    assert entry["printed_url"] == "alliantievankracht.nl/ed/lefier-kantine"
    printed = print_checks.text(tmp_path / "out" / entry["file"])
    assert "alliantievankracht.nl/ed/lefier-kantine" in printed
    assert "Geen smartphone? Bel 0598 123 456." in printed
    site.write_text(
        site.read_text(encoding="utf-8").replace("short_url: alliantievankracht.nl/ed", "short_url: https://x.nl/ed"),
        encoding="utf-8",
    )
    with pytest.raises(PosterErrors, match="short_url"):
        generate_posters(project, tmp_path / "out2", partner="lefier", fmt="A3", previews=False)


def test_printer_note_says_what_the_files_are(run):
    result, _ = run
    note = (result.out_dir / "voor-de-drukker.txt").read_text(encoding="utf-8")
    for fact in (
        "CMYK",
        "FOGRA39",
        "3 mm afloop",
        "ingebed",
        "geen PDF/X-4",
        "A4-poster: snijmaat 210 × 297 mm",
        "-zonder-snijtekens.pdf",
        "PDF/X-1a:2003",
        "geen ICC-profiel",
        "niet met een gecertificeerde",
    ):
        assert fact in note


def test_wording_suits_the_target_category(run, manifest):
    result, _ = run
    for entry in manifest:
        text = pdf_text(result.out_dir / entry["file"])
        expected = CATEGORY_QUESTIONS.get(entry["category"]) or THEMES[entry["category"]].headline
        assert expected in text, entry["file"]
        assert THEMES[entry["category"]].audience in text and THEMES[entry["category"]].outcome in text
    categories = {e["category"] for e in manifest}
    assert {"aspirant", "werkgevers", "opleiding", "ervaringsdeskundige", "home"} <= categories


def test_no_personal_data_on_any_poster(run, manifest):
    result, _ = run
    experts = yaml.safe_load((ROOT / "data/experts.yml").read_text(encoding="utf-8")) or []
    personal = [
        value for expert in experts for value in (expert.get("name"), expert.get("email"), expert.get("phone")) if value
    ]
    assert personal, "the test needs people to look for"
    for entry in manifest:
        text = pdf_text(result.out_dir / entry["file"])
        # Only the network's general address, never a person's.
        assert set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)) == {SETTINGS["contact"]["email"]}
        for value in personal:
            assert value not in text, (entry["file"], value)


def test_print_order_has_copies_per_format_per_partner_and_totals(run):
    result, _ = run
    with (result.out_dir / "drukorder.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["partner", "organisatie", "A4", "A3", "A2", "banner", "totaal"]
    expected: dict[str, dict[str, int]] = {}
    for partner, _, fmt, count in expected_posters():
        expected.setdefault(partner, dict.fromkeys(FORMATS, 0))[fmt] += count
    body, total = rows[:-1], rows[-1]
    assert {row["partner"]: {f: int(row[f]) for f in FORMATS} for row in body} == expected
    for row in body:
        assert int(row["totaal"]) == sum(int(row[f]) for f in FORMATS)
    assert total["partner"] == "totaal"
    for fmt in FORMATS:
        assert int(total[fmt]) == sum(c[fmt] for c in expected.values())
    assert int(total["totaal"]) == sum(count for *_, count in expected_posters())


# --- Options -------------------------------------------------------------------------------


def test_one_partner_or_one_format(tmp_path):
    only_lefier = generate_posters(ROOT, tmp_path / "a", partner="lefier", previews=False)
    assert only_lefier.count > 0 and {e["partner"] for e in only_lefier.manifest} == {"lefier"}
    only_a3 = generate_posters(ROOT, tmp_path / "b", fmt="A3", previews=False)
    assert only_a3.count > 0 and {e["format"] for e in only_a3.manifest} == {"A3"}
    both = generate_posters(ROOT, tmp_path / "c", partner="lefier", fmt="A3", previews=False)
    assert [(e["partner"], e["format"]) for e in both.manifest] == [("lefier", "A3")]
    with (tmp_path / "c" / "drukorder.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["partner"] for r in rows] == ["lefier", "totaal"]


def test_unknown_partner_or_format_option_is_a_dutch_error(tmp_path):
    with pytest.raises(PosterErrors) as error:
        generate_posters(ROOT, tmp_path / "x", partner="bestaat-niet")
    assert "'bestaat-niet' staat niet in data/partners.yml" in error.value.report()
    with pytest.raises(PosterErrors) as error:
        generate_posters(ROOT, tmp_path / "x", fmt="A5")
    assert "'A5' is geen bekend formaat" in error.value.report()
    assert not (tmp_path / "x").exists()


# --- Bad input -----------------------------------------------------------------------------

GOOD_LOCATION = """\
      - name: kantine hoofdgebouw
        target: aspirant
        code: test-kantine
        copies: {A3: 2}
"""


def inventory(locations: str, partner: str = "lefier") -> str:
    return f"campaign: test\npartners:\n  - partner: {partner}\n    locations:\n{locations}"


# Messages from the loader (types/partners.py) name the partner and the location's index;
# the poster checks (target pages, QR size) name the location.
BAD = {
    "unknown-organisation": (
        inventory(GOOD_LOCATION, partner="lefiet"),
        ["data/partners.yml", "item 'lefiet'", "'partner'", "data/organisations.yml", "Bedoel je 'lefier'?"],
    ),
    "unknown-target-page": (
        inventory(GOOD_LOCATION.replace("target: aspirant", "target: verhalen/bestaat-niet/")),
        [
            "data/partners.yml",
            "item 'lefier / kantine hoofdgebouw'",
            "'target'",
            "'verhalen/bestaat-niet/' is geen bestaande pagina",
        ],
    ),
    "unknown-category-target": (
        inventory(GOOD_LOCATION.replace("target: aspirant", "target: aspirnt")),
        ["data/partners.yml", "item 'lefier / kantine hoofdgebouw'", "'target'", "Bedoel je 'aspirant'?"],
    ),
    "duplicate-code": (
        inventory(GOOD_LOCATION + GOOD_LOCATION.replace("kantine hoofdgebouw", "entree")),
        [
            "data/partners.yml",
            "item 'lefier / entree'",
            "'locations[2].code'",
            "'test-kantine'",
            "al gebruikt bij lefier / kantine hoofdgebouw",
        ],
    ),
    "negative-count": (
        inventory(GOOD_LOCATION.replace("A3: 2", "A3: -1")),
        ["data/partners.yml", "item 'lefier'", "'locations[1].copies.A3'", "minstens 0"],
    ),
    "count-not-a-number": (
        inventory(GOOD_LOCATION.replace("A3: 2", "A3: twee")),
        ["data/partners.yml", "item 'lefier'", "'locations[1].copies.A3'", "getal"],
    ),
    "count-not-whole": (
        inventory(GOOD_LOCATION.replace("A3: 2", "A3: 2.5")),
        ["data/partners.yml", "item 'lefier'", "'locations[1].copies.A3'", "getal"],
    ),
    "unknown-format": (
        inventory(GOOD_LOCATION.replace("A3: 2", "A5: 2")),
        [
            "data/partners.yml",
            "item 'lefier'",
            "'locations[1].copies.A5'",
            "'A5' is geen bekend formaat",
            "A4, A3, A2, banner",
        ],
    ),
    "banner-without-code": (
        inventory(GOOD_LOCATION.replace("A3: 2", "banner: 1")),
        ["data/partners.yml", "item 'lefier'", "'locations[1].banner_code'", "ontbreekt"],
    ),
    "issued-code-reused-elsewhere": (
        inventory(GOOD_LOCATION.replace("test-kantine", "cosis-personeel")),
        [
            "data/partners.yml",
            "item 'lefier / kantine hoofdgebouw'",
            "'locations[1].code'",
            "al uitgegeven voor cosis / personeelsruimte",
            "nieuwe code",
        ],
    ),
    "qr-too-small-for-distance": (
        inventory(GOOD_LOCATION.replace("copies: {A3: 2}", "copies: {A4: 1}\n        viewing_distance: {A4: 3}")),
        ["data/partners.yml", "item 'lefier / kantine hoofdgebouw'", "'viewing_distance.A4'", "minstens 30 cm"],
    ),
    "invalid-yaml": (
        "campaign: test\npartners:\n  - partner: [lefier\n",
        ["data/partners.yml", "geen geldige YAML", "regel"],
    ),
}

# The record a test inventory starts from: one retired code (its location left the inventory).
RETIRED_RECORD = """
- code: cosis-personeel
  partner: cosis
  location: "personeelsruimte"
  medium: poster
  campaign: posters-ronde-1
  target: "ervaringsdeskundige"
  issued: 2026-11-23
  retired:
    date: 2026-11-30
"""


@pytest.fixture
def poster_project(project):
    """A copy of the repository with an existing dist/posters/ from an earlier run, and a record
    of issued codes that fits the small test inventories."""
    (project / inv.ISSUED_FILE).write_text(ISSUED_HEADER + RETIRED_RECORD, encoding="utf-8")
    out = project / "dist" / "posters"
    out.mkdir(parents=True)
    (out / "manifest.json").write_text('["van de vorige keer"]\n', encoding="utf-8")
    (out / "lefier").mkdir()
    (out / "lefier" / "oud.pdf").write_bytes(b"%PDF-oud")
    return project


def _assert_nothing_changed(project: Path, dist_before: str, issued_before: bytes):
    assert tree_digest(project / "dist") == dist_before
    assert sorted(p.name for p in (project / "dist").iterdir()) == ["posters"]
    assert (project / inv.ISSUED_FILE).read_bytes() == issued_before


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gives_a_dutch_error_and_writes_nothing(poster_project, case):
    text, fragments = BAD[case]
    (poster_project / inv.PARTNERS_FILE).write_text(text, encoding="utf-8")
    dist_before = tree_digest(poster_project / "dist")
    issued_before = (poster_project / inv.ISSUED_FILE).read_bytes()
    with pytest.raises(PosterErrors) as error:
        generate_posters(poster_project, poster_project / "dist" / "posters", issue=True)
    report = error.value.report()
    assert report.startswith("De posters zijn niet gemaakt")
    for fragment in fragments:
        assert fragment in report, report
    _assert_nothing_changed(poster_project, dist_before, issued_before)


def test_every_problem_of_a_run_is_reported_together(poster_project):
    # Two problems the loader finds ...
    locations = GOOD_LOCATION.replace("A3: 2", "A3: -1") + GOOD_LOCATION.replace(
        "kantine hoofdgebouw", "entree"
    ).replace("test-kantine", "test-entree").replace("A3: 2", "A5: 1")
    (poster_project / inv.PARTNERS_FILE).write_text(inventory(locations), encoding="utf-8")
    with pytest.raises(PosterErrors) as error:
        generate_posters(poster_project, poster_project / "dist" / "posters")
    assert len(error.value.problems) == 2
    # ... and two that only the posters check: a page that does not exist, a code too small.
    locations = GOOD_LOCATION.replace("target: aspirant", "target: x/") + GOOD_LOCATION.replace(
        "kantine hoofdgebouw", "entree"
    ).replace("test-kantine", "test-entree").replace(
        "copies: {A3: 2}", "copies: {A4: 1}\n        viewing_distance: {A4: 3}"
    )
    (poster_project / inv.PARTNERS_FILE).write_text(inventory(locations), encoding="utf-8")
    with pytest.raises(PosterErrors) as error:
        generate_posters(poster_project, poster_project / "dist" / "posters")
    assert sorted(p.field for p in error.value.problems) == ["target", "viewing_distance.A4"]


def test_script_reports_bad_input_in_dutch_and_exits_non_zero(poster_project):
    (poster_project / inv.PARTNERS_FILE).write_text(BAD["negative-count"][0], encoding="utf-8")
    dist_before = tree_digest(poster_project / "dist")
    issued_before = (poster_project / inv.ISSUED_FILE).read_bytes()
    result = subprocess.run([sys.executable, "scripts/posters.py"], cwd=poster_project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "De posters zijn niet gemaakt" in result.stderr
    assert "data/partners.yml (regel 8), item 'lefier', veld 'locations[1].copies.A3'" in result.stderr
    assert "Traceback" not in result.stderr
    _assert_nothing_changed(poster_project, dist_before, issued_before)


# --- Issuing codes -------------------------------------------------------------------------


def test_script_makes_posters_with_progress_and_records_new_codes(poster_project):
    (poster_project / inv.PARTNERS_FILE).write_text(inventory(GOOD_LOCATION), encoding="utf-8")
    issued_before = (poster_project / inv.ISSUED_FILE).read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "scripts/posters.py", "--format", "A3"], cwd=poster_project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "[1/1] lefier · kantine hoofdgebouw · A3 · 2 exemplaren" in result.stdout
    assert "test-kantine" in result.stdout
    out = poster_project / "dist" / "posters"
    assert not (out / "lefier" / "oud.pdf").exists()
    assert [e["file"] for e in json.loads((out / "manifest.json").read_text())] == ["lefier/kantine-hoofdgebouw-A3.pdf"]
    issued = (poster_project / inv.ISSUED_FILE).read_text(encoding="utf-8")
    assert issued.startswith(issued_before.rstrip("\n"))  # earlier codes are kept as they were
    records = {r["code"]: r for r in yaml.safe_load(issued)}
    assert records["test-kantine"] == {
        "code": "test-kantine",
        "partner": "lefier",
        "location": "kantine hoofdgebouw",
        "medium": "poster",
        "campaign": "test",
        "target": "aspirant",
        "issued": dt.date.today(),
    }
    # Running again issues nothing new and keeps the file as it is.
    again = subprocess.run([sys.executable, "scripts/posters.py"], cwd=poster_project, capture_output=True, text=True)
    assert again.returncode == 0 and "Nieuwe codes" not in again.stdout
    assert (poster_project / inv.ISSUED_FILE).read_text(encoding="utf-8") == issued


def test_issued_code_keeps_its_campaign_and_location(poster_project):
    (poster_project / inv.PARTNERS_FILE).write_text(inventory(GOOD_LOCATION), encoding="utf-8")
    generate_posters(
        poster_project, poster_project / "dist" / "posters", issue=True, previews=False, today=dt.date(2025, 5, 1)
    )
    (poster_project / inv.PARTNERS_FILE).write_text(
        inventory(GOOD_LOCATION).replace("campaign: test", "campaign: ronde-2"), encoding="utf-8"
    )
    run = generate_posters(poster_project, poster_project / "dist" / "posters", issue=True, previews=False)
    assert parse_qs(urlsplit(run.manifest[0]["target_url"]).query)["utm_campaign"] == ["test"]
    records = {r["code"]: r for r in yaml.safe_load((poster_project / inv.ISSUED_FILE).read_text())}
    assert records["test-kantine"]["issued"] == dt.date(2025, 5, 1)
    # Moving the code to another location is refused: the printed poster keeps it.
    (poster_project / inv.PARTNERS_FILE).write_text(
        inventory(GOOD_LOCATION.replace("kantine hoofdgebouw", "kelder")), encoding="utf-8"
    )
    with pytest.raises(PosterErrors, match="al uitgegeven voor lefier / kantine hoofdgebouw"):
        generate_posters(poster_project, poster_project / "dist" / "posters")


def test_benchmark_inventory_is_valid_and_generates(project, tmp_path):
    from tools.benchmark import benchmark_inventory  # the fixture `make bench` uses

    organisations = [o["id"] for o in yaml.safe_load((project / "data/organisations.yml").read_text())][:2]
    categories = [c["id"] for c in yaml.safe_load((project / "data/categories.yml").read_text())]
    (project / inv.PARTNERS_FILE).write_text(
        benchmark_inventory(organisations, categories, locations=1), encoding="utf-8"
    )
    (project / inv.ISSUED_FILE).write_text(ISSUED_HEADER + "[]\n", encoding="utf-8")
    run = generate_posters(project, tmp_path / "out", previews=False)
    assert run.count == 2 * len(FORMATS)
    assert (project / inv.ISSUED_FILE).read_text(encoding="utf-8") == ISSUED_HEADER + "[]\n"  # nothing issued
