"""`make bereik`: poster scans counted from a web server's access log. A generated log with known
counts (bots, repeats, failed requests, broken lines, gzip, rotated files, both forms of a short
link, unknown and retired codes) gives exactly those counts; junk never crashes and is counted;
nothing personal reaches the output; a missing or broken log gives a Dutch error and changes
nothing."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from tools.accesslog import BOTS, DESKTOP, IPHONE, PHONE, line

from ervaringsdeskundigheid.outreach import reach

ZONE = dt.timezone(dt.timedelta(hours=1))
BASE = "/ervaringsdeskundigheid/"
LANDING = (
    f"{BASE}aspirant-ervaringsdeskundige/?utm_source=lefier&utm_medium=poster&"
    "utm_campaign=posters-ronde-1&utm_content=kantine-hoofdgebouw"
)
RETIRED = """
- code: oude-kantine
  partner: lefier
  location: "oude kantine"
  medium: poster
  campaign: posters-ronde-0
  target: "aspirant"
  issued: 2024-01-10
  retired:
    date: 2025-01-01
    reason: "verbouwing"
"""
APACHE_AGENT = 'Mozilla/5.0 (Linux; Android 13; SM-A536B) \\"Samsung\\" Chrome/125.0 Mobile'
BROKEN_LINES = [
    "",
    "not a log line at all",
    "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    '10.9.9.9 - - [31/Feb/2025:10:00:00 +0100] "GET /ervaringsdeskundigheid/p/hanze-hal/ HTTP/1.1" 200 5 "-" "x"',
    '10.9.9.8 - - [05/Mar/2025:10:00:00 +0100] "GET /ervaringsdeskundigheid/p/hanze-hal/',
]


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=ZONE)


def scan(client: str, when: dt.datetime, code: str, slash: bool = True, **options) -> str:
    return line(client, when, f"{BASE}p/{code}" + ("/" if slash else ""), **options)


def as_file(lines: list[str]) -> str:
    return "".join(text if text.endswith("\n") else text + "\n" for text in lines)


def older_log() -> list[str]:
    """Week 10 of 2025 (3-9 March), written gzip'ed as the rotated file."""
    return [
        # lefier-kantine: three phones; the printed form without slash forwards (301) to the slash form
        scan("10.0.0.1", at(3, 9), "lefier-kantine", slash=False, status=301),
        scan("10.0.0.1", at(3, 9), "lefier-kantine"),  # same scan
        line("10.0.0.1", at(3, 9), LANDING),
        scan("10.0.0.2", at(4, 12), "lefier-kantine", agent=IPHONE),
        line("10.0.0.2", at(4, 12), LANDING, agent=IPHONE),
        scan("10.0.0.3", at(5, 8), "lefier-kantine", agent=DESKTOP, status=302),
        scan("10.0.0.3", at(5, 8, 10), "lefier-kantine", agent=DESKTOP),  # repeat within 30 min
        # the same phone at the same code hours later counts again
        scan("10.0.0.1", at(5, 14), "lefier-kantine"),
        # hanze-hal: one HEAD and one GET by different phones; bots and failures do not count
        scan("10.0.1.1", at(6, 10), "hanze-hal", method="HEAD"),
        scan("10.0.1.2", at(6, 11), "hanze-hal"),
        *[scan("10.0.1.3", at(6, 12), "hanze-hal", agent=bot) for bot in BOTS],
        scan("10.0.1.4", at(6, 13), "hanze-hal", agent="-"),
        scan("10.0.1.5", at(6, 14), "hanze-hal", status=404),
        scan("10.0.1.6", at(6, 15), "hanze-hal", method="POST"),
        scan("10.0.1.7", at(6, 16), "hanze-hal", status=500),
        # a retired code still counts under its own code
        scan("10.0.2.1", at(7, 10), "oude-kantine"),
        scan("10.0.2.2", at(7, 11), "oude-kantine", slash=False),
        # the end of the old file, continued in the new one
        scan("10.0.3.1", at(9, 23, 50), "noorderpoort-veendam"),
        *BROKEN_LINES[:3],
    ]


def newer_log() -> list[str]:
    """Week 11 (10-16 March), the plain current file."""
    return [
        scan("10.0.3.1", at(10, 0, 5, month=3), "noorderpoort-veendam"),  # repeat across the files
        scan("10.0.3.2", at(10, 9), "noorderpoort-veendam", agent=APACHE_AGENT),  # Apache's \" in a field
        scan("10.0.0.9", at(11, 9), "lefier-kantine"),
        line("10.0.0.9", at(11, 9), f"{BASE}p/lefier-kantine/?fbclid=abc"),  # same scan, with a query
        scan("10.0.4.1", at(12, 9), "bestaat-niet"),  # not on any poster
        line("10.0.4.2", at(12, 9), "/nieuws/p/2/"),  # another part of the website
        line("10.0.4.3", at(12, 9), f"{BASE}assets/stylesheets/section.css?utm_medium=poster"),
        line("10.0.4.4", at(12, 10), f"{BASE}?utm_source=nieuwsbrief&utm_medium=email"),
        line("10.0.4.5", at(13, 10), LANDING, agent=BOTS[0]),
        "www.alliantievankracht.nl:443 " + scan("10.0.4.6", at(13, 11), "sua-inloop-banner"),  # vhost_combined
        *BROKEN_LINES[3:],
    ]


EXPECTED_SCANS = {
    ("2025-W10", "lefier-kantine"): 4,
    ("2025-W10", "hanze-hal"): 2,
    ("2025-W10", "oude-kantine"): 2,
    ("2025-W10", "noorderpoort-veendam"): 1,
    ("2025-W11", "noorderpoort-veendam"): 1,
    ("2025-W11", "lefier-kantine"): 1,
    ("2025-W11", "bestaat-niet"): 1,
    ("2025-W11", "sua-inloop-banner"): 1,
}


@pytest.fixture
def logged(project, tmp_path):
    """A project with a retired code, and its log as a gzip'ed rotated file plus the current one."""
    issued = project / "data/issued_codes.yml"
    issued.write_text(issued.read_text(encoding="utf-8") + RETIRED, encoding="utf-8")
    logs = tmp_path / "logs"
    logs.mkdir()
    with gzip.open(logs / "access.log.1.gz", "wt", encoding="utf-8") as handle:
        handle.write(as_file(older_log()))
    (logs / "access.log").write_text(as_file(newer_log()), encoding="utf-8")
    return project, logs


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_counts_per_code_and_week_are_exactly_what_the_log_holds(logged):
    project, logs = logged
    # The current file first, as a glob would list them: the rotated one is still read first.
    run = reach.generate_reach(project, [str(logs / "access.log*")])
    out = project / reach.OUTPUT_DIR
    weeks = {(r["week"], r["code"]): int(r["scans"]) for r in _rows(out / reach.SCANS_PER_WEEK)}
    assert weeks == EXPECTED_SCANS
    codes = {r["code"]: r for r in _rows(out / reach.SCANS_PER_CODE)}
    assert int(codes["lefier-kantine"]["scans"]) == 5 and int(codes["lefier-kantine"]["bezoeken"]) == 2
    assert codes["lefier-kantine"]["locatie"] == "kantine hoofdgebouw" and codes["lefier-kantine"]["status"] == "hangt"
    assert codes["oude-kantine"]["status"] == "weggehaald" and int(codes["oude-kantine"]["scans"]) == 2
    assert codes["bestaat-niet"]["status"] == "onbekende code" and codes["bestaat-niet"]["partner"] == ""
    assert int(codes["cosis-personeel"]["scans"]) == 0, "a code nobody scanned is listed too"
    assert codes["sua-inloop-banner"]["medium"] == "banner"
    assert (codes["lefier-kantine"]["eerste_week"], codes["lefier-kantine"]["laatste_week"]) == ("2025-W10", "2025-W11")
    assert "2" not in codes and "p" not in codes
    assert _rows(out / reach.PAGES) == [{"pagina": f"{BASE}aspirant-ervaringsdeskundige/", "bezoeken": "2"}]
    tally = run.tally
    assert tally.lines == len(older_log()) + len(newer_log())
    assert (tally.bots, tally.repeats, tally.failed, tally.malformed) == (len(BOTS) + 2, 4, 3, 5)
    explanation = (out / reach.EXPLANATION).read_text(encoding="utf-8")
    assert "Periode in het logboek: 3 maart 2025 tot en met 13 maart 2025." in explanation
    assert f"- {len(BOTS) + 2} keer een computer (bot)" in explanation and "- 5 regels die niet te lezen" in explanation
    assert "Gooi het weg" in explanation and "WAT LATEN DE CIJFERS NIET ZIEN?" in explanation


def test_nothing_personal_reaches_any_output_file(logged):
    project, logs = logged
    reach.generate_reach(project, [str(logs / "access.log"), str(logs / "access.log.1.gz")])
    texts = older_log() + newer_log()
    addresses = {text.split(" ", 1)[0] for text in texts if text.startswith("10.")}
    agents = {PHONE, IPHONE, DESKTOP, APACHE_AGENT, *BOTS}
    fragments = ["Mozilla", "iPhone", "Android", "Googlebot", "curl/", "fbclid"]
    outputs = sorted((project / reach.OUTPUT_DIR).iterdir())
    assert {path.suffix for path in outputs} == {".csv", ".svg", ".png", ".txt"}
    for path in outputs:
        data = path.read_bytes()
        for secret in sorted(addresses | agents) + fragments:
            assert secret.encode() not in data, f"{secret!r} in {path.name}"


def test_the_charts_are_a_valid_svg_and_a_png_with_the_numbers(logged):
    from lxml import etree
    from PIL import Image

    project, logs = logged
    reach.generate_reach(project, [str(logs / "access.log*")])
    out = project / reach.OUTPUT_DIR
    for name in (reach.CHART_CODES, reach.CHART_WEEKS):
        svg = etree.fromstring((out / f"{name}.svg").read_bytes())
        assert svg.get("role") == "img" and svg.find("{http://www.w3.org/2000/svg}title").text
        texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert "3 maart 2025 tot en met 13 maart 2025 · 13 scans in totaal" in texts
        with Image.open(out / f"{name}.png") as image:
            assert image.width == 1600 and image.height == 2 * int(svg.get("height"))
    bars = _svg_texts(out / f"{reach.CHART_CODES}.svg")
    assert bars.index("Lefier · kantine hoofdgebouw (poster)") < bars.index("Hanzehogeschool Groningen · hal (poster)")
    assert "5" in bars and "bestaat-niet" not in " ".join(bars)
    assert {"wk 10", "wk 11", "2025"} <= set(_svg_texts(out / f"{reach.CHART_WEEKS}.svg"))


def _svg_texts(path: Path) -> list[str]:
    from lxml import etree

    return [t.text for t in etree.fromstring(path.read_bytes()).iter("{http://www.w3.org/2000/svg}text")]


def test_the_common_log_format_is_counted_with_a_warning(tmp_path):
    log = tmp_path / "access.log"
    common = scan("10.2.0.1", at(3, 9), "hanze-hal").split(' "-" ')[0] + "\n"  # no referer and agent
    log.write_text(common + scan("10.2.0.2", at(3, 9), "hanze-hal", agent=BOTS[0]), encoding="utf-8")
    known = reach.load_inventory(ROOT)
    tally = reach.count([log], known)
    assert (tally.total_scans, tally.without_agent, tally.bots, tally.malformed) == (1, 1, 1, 0)
    assert "Daarin kunnen we bots niet herkennen" in reach.explanation(tally, known)


def test_an_empty_log_still_gives_a_report(project, tmp_path):
    log = tmp_path / "access.log"
    log.write_text("", encoding="utf-8")
    run = reach.generate_reach(project, [str(log)])
    out = project / reach.OUTPUT_DIR
    assert run.tally.total_scans == 0 and (out / f"{reach.CHART_WEEKS}.png").is_file()
    assert "Er zijn nog geen scans" in (out / f"{reach.CHART_WEEKS}.svg").read_text(encoding="utf-8")
    assert all(r["scans"] == "0" for r in _rows(out / reach.SCANS_PER_CODE))


# --- Bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make_log, expected",
    [
        (lambda d: str(d / "nergens.log"), "Het logbestand '{d}/nergens.log' bestaat niet"),
        (lambda d: str(d / "geen-*.log"), "Het logbestand '{d}/geen-*.log' bestaat niet"),
        (lambda d: str(d), "is een map, geen logbestand"),
        (lambda d: _truncated_gzip(d / "access.log.2.gz"), "het gzip-bestand is beschadigd of niet compleet"),
    ],
    ids=["missing", "glob-matches-nothing", "folder", "truncated-gzip"],
)
def test_a_missing_or_broken_log_gives_a_dutch_error_and_changes_nothing(project, tmp_path, make_log, expected):
    out = project / reach.OUTPUT_DIR
    out.mkdir(parents=True)
    (out / "vorige.txt").write_text("de vorige telling", encoding="utf-8")
    with pytest.raises(reach.ReachError) as error:
        reach.generate_reach(project, [make_log(tmp_path)])
    assert expected.format(d=tmp_path) in str(error.value)
    assert [p.name for p in out.iterdir()] == ["vorige.txt"]
    assert not list(out.parent.glob(".bereik-staging-*"))


def _truncated_gzip(path: Path) -> str:
    data = gzip.compress(as_file(older_log()).encode() * 50)
    path.write_bytes(data[: len(data) // 2])
    return str(path)


def test_an_unreadable_log_is_named(tmp_path, monkeypatch):
    log = tmp_path / "access.log"
    log.write_text("", encoding="utf-8")
    monkeypatch.setattr(reach.os, "access", lambda path, mode: False)
    with pytest.raises(reach.ReachError, match="kan niet gelezen worden: je hebt geen toestemming"):
        reach.log_files([str(log)])


def test_the_command_explains_in_dutch_without_a_log_and_reports_with_one(project, tmp_path):
    script = [sys.executable, str(project / "scripts/bereik.py")]
    missing = subprocess.run(script, capture_output=True, text=True, cwd=project, timeout=120)
    assert missing.returncode == 1 and "Geef het logbestand op" in missing.stderr and "Traceback" not in missing.stderr
    log = tmp_path / "access.log"
    log.write_text(as_file(newer_log()), encoding="utf-8")
    done = subprocess.run(script + [str(log)], capture_output=True, text=True, cwd=project, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "5 scans geteld" in done.stdout and "dist/bereik/uitleg.txt" in done.stdout
    assert (project / "dist/bereik" / reach.SCANS_PER_WEEK).is_file()


def test_the_makefile_runs_the_script_with_the_log():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nbereik: setup\n\t@$(call quietly,$(BIN)/python scripts/bereik.py $(LOG) $(ARGS))\n" in makefile


# --- Junk never crashes ---------------------------------------------------------------------------

JUNK = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8")))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    # A file that starts with gzip's magic number is read as gzip (by content, not name): junk there is a
    # damaged gzip file, with its own message (test_a_missing_or_broken_log_gives_a_dutch_error_and_changes_nothing).
    lines=st.lists(JUNK.map(lambda b: b.replace(b"\n", b" ")), max_size=40).filter(
        lambda lines: not b"\n".join(lines).startswith(b"\x1f\x8b")
    )
)
def test_junk_lines_never_crash_and_are_counted_as_unreadable(tmp_path, lines):
    log = tmp_path / "junk.log"
    log.write_bytes(b"".join(junk + b"\n" for junk in lines))
    known = reach.Inventory({})
    tally = reach.count([log], known)
    assert tally.lines == len(lines)
    assert tally.total_scans == 0 and not tally.pages
    # A line without the [date] of a log line is never readable.
    assert tally.malformed >= sum(1 for junk in lines if b"[" not in junk)
    assert tally.malformed == len(lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    target=st.text(max_size=80).filter(lambda t: " " not in t and '"' not in t and "\n" not in t),
    agent=st.text(max_size=80).filter(lambda t: '"' not in t and "\n" not in t and "\\" not in t),
)
def test_any_request_and_agent_in_a_well_formed_line_is_read_without_crashing(tmp_path, target, agent):
    log = tmp_path / "any.log"
    log.write_text(
        line("10.1.1.1", at(3, 9), target, agent=agent) + scan("10.1.1.2", at(3, 10), "hanze-hal"), encoding="utf-8"
    )
    tally = reach.count([log], reach.load_inventory(ROOT))
    assert tally.lines == 2 and tally.malformed == 0
    assert tally.scans_per_code()["hanze-hal"] >= 1
