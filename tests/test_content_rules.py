"""Content rules that keep the site's facts true to their sources (issue 15). Fast: reads the raw
files in data/, content/ and docs/; no build.

The rules, each with a negative test that feeds a bad text to the same checker:

(a) Money. Every euro amount has a year (19xx or 20xx) in the same sentence: amounts and rules
    change every year, so a reader must see which year an amount belongs to.
(b) Monitor. A year whose figures are an expectation (`expected: true`) carries no count
    (`at_work`), every counted year names a source, and every number in data/monitor.yml is one
    the Projectmonitor 2024 or the Projectplan 2025 states (MONITOR_NUMBERS). Nothing we added up.
(c) Examples. Example people have no phone number, an e-mail address only at example.org and
    belong to an example organisation; example stories and blogs contain no phone number.
(d) Abbreviations. An abbreviation from data/begrippen.yml (its `term` or one of its `forms`,
    matched as a whole word, case-sensitive) is explained where it first occurs on a page:
      - its full form (`full`, any case) stands anywhere before it on that page:
        "middelbaar beroepsonderwijs (mbo)", or
      - a bracketed explanation follows it directly (after the rest of a compound word):
        "mbo (middelbaar beroepsonderwijs)", "het UWV (de instantie voor uitkeringen)", or
      - it is the text of a Markdown link to the glossary page: "[mbo](../begrippen/#mbo)".
    A page is one text as a reader meets it: a story or blog (description, then body), a page in
    docs/, a category (its summary card, and its intro), and each data item on its own (a FAQ
    question with its answer, a programme, a job profile, a checklist, a menukaart step, an
    organisation, an expert card, the monitor's figures). Titles and the fixed values of a
    programme's `level` and `form` are not checked: the templates mark those up.
(e) Claims. Claims the fact-check found contradicted, invented or too firm, the jargon it listed,
    and wrong spellings do not come back (FORBIDDEN).
(f) Sources. Every blog and story, and every data item that states facts, names its source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

# ---------------------------------------------------------------------------------------------
# Reading the raw files


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, meta, body = text.split("---", 2)
    return yaml.safe_load(meta), body


def data(name: str):
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def markdown_files() -> list[Path]:
    return sorted(
        [
            *(ROOT / "content/stories").glob("*.md"),
            *(ROOT / "content/blogs").glob("*.md"),
            *(ROOT / "docs").glob("*.md"),
        ]
    )


def strings(value, path: str = ""):
    """Every text in a YAML value, with where it is: ('faq.yml[3].answer', '...')."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}[{index}]")


# Keys whose values are identifiers (they stay in URLs forever), not text for readers.
IDENTIFIER_KEYS = {
    "slug",
    "id",
    "url",
    "website",
    "email",
    "organisation",
    "organisations",
    "opleidingen",
    "functieprofielen",
    "categories",
    "scope",
    "image",
    "author",
    "partner",
    "code",
    "banner_code",
    "target",
}


def is_identifier(where: str) -> bool:
    return re.sub(r"\[\d+\]$", "", where).rsplit(".", 1)[-1] in IDENTIFIER_KEYS


def all_texts() -> list[tuple[str, str]]:
    """(where, text) for every text a reader can see: data values and Markdown pages."""
    texts = []
    for path in sorted((ROOT / "data").glob("*.yml")):
        if path.name in {"issued_codes.yml", "site.yml"}:
            continue
        texts += [
            (f"data/{path.name}{where}", text)
            for where, text in strings(yaml.safe_load(path.read_text(encoding="utf-8")))
            if not is_identifier(where)
        ]
    for path in markdown_files():
        meta, body = front_matter(path)
        where = str(path.relative_to(ROOT))
        texts += [(f"{where} ({key})", value) for key, value in strings(meta) if not is_identifier(key)]
        texts.append((where, body))
    return texts


def pages() -> list[tuple[str, str]]:
    """(page, text in reading order) for rule (d)."""
    result = []
    for path in markdown_files():
        meta, body = front_matter(path)
        result.append((str(path.relative_to(ROOT)), f"{meta.get('description', '')}\n\n{body}"))
    for c in data("categories"):
        result.append((f"data/categories.yml {c['id']} (summary)", c["summary"]))
        result.append((f"data/categories.yml {c['id']}", c["intro"]))
    for q in data("faq"):
        result.append((f"data/faq.yml {q['id']}", f"{q['question']}\n\n{q['answer']}"))
    for p in data("opleidingen"):
        result.append(
            (
                f"data/opleidingen.yml {p['slug']}",
                join(
                    p.get(k) for k in ("summary", "provider", "place", "target_group", "admission", "costs", "diploma")
                ),
            )
        )
    for p in data("functieprofielen"):
        result.append(
            (
                f"data/functieprofielen.yml {p['slug']}",
                join(
                    [
                        p["summary"],
                        *p["tasks"],
                        *p["competences"],
                        p.get("level"),
                        p.get("training"),
                        *p.get("workplaces", []),
                        p.get("career_path"),
                        *(x["text"] for x in p.get("pay", [])),
                    ]
                ),
            )
        )
    for c in data("checklists"):
        result.append(
            (
                f"data/checklists.yml {c['slug']}",
                join([c["intro"], *(t for s in c["sections"] for t in (s["title"], *s["items"]))]),
            )
        )
    for s in data("menukaart"):
        result.append((f"data/menukaart.yml {s['slug']}", s["text"]))
    for o in data("organisations"):
        result.append((f"data/organisations.yml {o['id']}", join(o.get(k) for k in ("sector", "description", "how"))))
    for e in data("experts"):
        result.append((f"data/experts.yml {e['id']}", join([e.get("function"), *e.get("expertise", [])])))
    monitor = data("monitor")
    result.append(
        (
            "data/monitor.yml",
            join(
                [
                    *(t for i in monitor.get("indicators", []) for t in (i["label"], i.get("note"))),
                    *(t for f in monitor.get("facts", []) for t in (f["label"], f["value"])),
                ]
            ),
        )
    )
    return result


def join(parts) -> str:
    return "\n\n".join(p for p in parts if p)


# ---------------------------------------------------------------------------------------------
# (a) Money needs a year

AMOUNT = re.compile(r"€\s?\d[\d.,]*(?:,-)?|\b\d[\d.,]*\s?euro\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*[-*]\s+|\n\s*\d+\.\s+")


def money_without_year(text: str) -> list[str]:
    """Sentences with a euro amount but no year."""
    return [
        sentence.strip()
        for sentence in SENTENCE_END.split(text)
        if AMOUNT.search(sentence) and not YEAR.search(AMOUNT.sub(" ", sentence))
    ]


def test_every_money_amount_has_a_year():
    found = [(where, s) for where, text in all_texts() for s in money_without_year(text)]
    assert not found, found


@pytest.mark.parametrize(
    "bad",
    [
        "Een vrijwilliger mag maximaal €1.900 per jaar krijgen.",
        "De vergoeding is 1900 euro. In 2023 was dat anders.",
        "- Je krijgt € 5.000,- per jaar.",
    ],
)
def test_money_rule_catches_an_amount_without_year(bad):
    assert money_without_year(bad)


def test_money_rule_accepts_an_amount_with_its_year():
    assert money_without_year("Daarvoor gold in 2023 een grens van €1.900 per jaar.") == []


# ---------------------------------------------------------------------------------------------
# (b) Monitor figures come from the monitor

# Every number in Projectmonitor 2024 / Projectplan 2025 (seed 000) that data/monitor.yml may use.
MONITOR_NUMBERS = {
    2021,
    2023,
    2024,
    2025,  # years
    45,
    24,
    31,
    69,  # organisations asked, responded 2023 and 2024, "ruim 69%" response
    108,
    133,  # experts at work end 2023 and 2024 (and at least 24 hires expected in 2025)
    13,
    19,
    54.2,
    61.3,  # organisations with experts in service
    45.8,
    83.9,
    26,
    80.8,  # know the project; 26 of 31; 80,8% had contact with the project lead
    79.2,
    96.8,  # know Alliantie van Kracht
    9,
    16,
    37.5,
    51.6,  # draagvlak
    41.9,
    35.5,
    22.6,  # expect to hire / not / do not know
    180,
    250,
    50,
    25,  # goal, ambition, nearly 50 organisations; student goals 50 and 25
    14000,
    12,
    3,  # families in poverty; 12 stories/blogs/workshops; 3 jobcarving pilots
}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
UNCHECKED_KEYS = {"source", "year"}  # sources name sections (§2.3); years are checked as keys


def dutch_number(token: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):  # 14.000
        return float(token.replace(".", ""))
    return float(token.replace(",", "."))


def monitor_problems(monitor: dict) -> list[str]:
    problems = []
    for year in monitor.get("years", []):
        if year.get("expected") and year.get("at_work") is not None:
            problems.append(f"{year['year']}: een verwachting met een telling (at_work {year['at_work']})")
        if year.get("at_work") is not None and not (year.get("source") or monitor.get("source")):
            problems.append(f"{year['year']}: telling zonder bron")
        if year.get("year") not in MONITOR_NUMBERS:
            problems.append(f"jaar {year.get('year')} staat niet in de bron")

    def walk(value, key=""):
        if key in UNCHECKED_KEYS:
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, bool):
            return
        elif isinstance(value, (int, float)):
            if value not in MONITOR_NUMBERS:
                problems.append(f"{key}: {value} staat niet in de projectmonitor of het projectplan")
        elif isinstance(value, str):
            for token in NUMBER.findall(value):
                if dutch_number(token) not in MONITOR_NUMBERS:
                    problems.append(f"{key}: '{token}' in '{value}' staat niet in de bron")

    walk({k: v for k, v in monitor.items() if k != "years"})
    for year in monitor.get("years", []):
        walk({k: v for k, v in year.items() if k != "year"})
    return problems


def test_monitor_figures_are_the_monitors_own():
    assert monitor_problems(data("monitor")) == []
    assert all(i.get("source") for i in data("monitor").get("indicators", []))


@pytest.mark.parametrize(
    "bad",
    [
        {"years": [{"year": 2025, "expected": True, "at_work": 157, "source": "x"}]},  # our own sum
        {"years": [{"year": 2024, "at_work": 140}], "source": "x"},  # not in the monitor
        {"years": [{"year": 2024, "at_work": 133}]},  # no source
        {"source": "x", "years": [], "facts": [{"label": "Respons", "value": "ruim 70%"}]},
    ],
)
def test_monitor_rule_catches_invented_or_unsourced_counts(bad):
    assert monitor_problems(bad)


# ---------------------------------------------------------------------------------------------
# (c) Example data: no real-looking phone numbers, no real addresses, no real organisations

PHONE = re.compile(r"(?:\+31|\b0)[\s-]?(?:\d[\s-]?){8,9}\d\b|\b06[\s-]?\d{8}\b")


def example_person_problems(expert: dict, example_organisations: set[str]) -> list[str]:
    if not expert.get("example"):
        return []
    problems = []
    if expert.get("phone"):
        problems.append(f"{expert['id']}: telefoonnummer bij een voorbeeldpersoon")
    if expert.get("email") and not expert["email"].endswith("@example.org"):
        problems.append(f"{expert['id']}: e-mail buiten example.org")
    if expert.get("organisation") not in example_organisations:
        problems.append(f"{expert['id']}: voorbeeldpersoon bij een echte organisatie")
    problems += [f"{expert['id']}: telefoonnummer in {key}" for key, value in strings(expert) if PHONE.search(value)]
    return problems


def phone_numbers(text: str) -> list[str]:
    return PHONE.findall(text)


def test_example_people_have_no_phone_number_and_a_made_up_organisation():
    examples = {o["id"] for o in data("organisations") if o.get("example")}
    problems = [p for e in data("experts") for p in example_person_problems(e, examples)]
    assert not problems, problems


def test_example_stories_and_blogs_contain_no_phone_number():
    for path in markdown_files():
        meta, body = front_matter(path)
        if meta.get("example"):
            assert not phone_numbers(body), path


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "x", "example": True, "organisation": "voorbeeld", "phone": "06 11111111"},
        {"id": "x", "example": True, "organisation": "voorbeeld", "email": "anna@gmail.com"},
        {"id": "x", "example": True, "organisation": "lefier"},
        {"id": "x", "example": True, "organisation": "voorbeeld", "function": "Bel mij: 050-3123456"},
    ],
)
def test_example_rule_catches_real_looking_contact_details(bad):
    assert example_person_problems(bad, {"voorbeeld"})


def test_phone_rule_finds_numbers_in_a_story():
    assert phone_numbers("Bel Henk op 06-12345678 of op +31 50 312 3456.")
    assert not phone_numbers("Ze werkt 24 uur per week, sinds 2025.")


# ---------------------------------------------------------------------------------------------
# (d) Abbreviations are explained at first use


def abbreviations(glossary: list[dict]) -> list[dict]:
    return [t for t in glossary if t.get("abbreviation")]


def unexplained_abbreviations(text: str, glossary: list[dict]) -> list[str]:
    """Abbreviations whose first use in `text` is not explained (see the module docstring)."""
    problems = []
    for term in abbreviations(glossary):
        forms = [term["term"], *term.get("forms", [])]
        pattern = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w'])")
        first = pattern.search(text)
        if not first:
            continue
        before = text[: first.start()]
        explained = (
            bool(term.get("full"))
            and term["full"].lower() in before.lower()
            or re.match(r"[\w'-]*\s*\(", text[first.end() :]) is not None
            or re.search(r"\[[^\]]*$", before)
            and re.match(r"[^\]]*\]\([^)]*begrippen", text[first.start() :])
        )
        if not explained:
            context = text[max(0, first.start() - 40) : first.end() + 40].replace("\n", " ")
            problems.append(f"{first.group(0)}: '…{context}…'")
    return problems


def test_abbreviations_are_explained_at_first_use_on_every_page():
    glossary = data("begrippen")
    found = [(page, p) for page, text in pages() for p in unexplained_abbreviations(text, glossary)]
    assert not found, found


GLOSSARY = [
    {"term": "MBO", "full": "middelbaar beroepsonderwijs", "abbreviation": True, "forms": ["mbo"]},
    {"term": "UWV", "full": "Uitvoeringsinstituut Werknemersverzekeringen", "abbreviation": True},
]


@pytest.mark.parametrize(
    "bad",
    [
        "Een mbo-opleiding in Veendam. Middelbaar beroepsonderwijs (mbo) duurt lang.",
        "Vraag het aan het UWV. Het UWV (de instantie voor uitkeringen) weet het.",
        "Dit is een opleiding (in Veendam) op mbo-niveau.",
    ],
)
def test_abbreviation_rule_catches_an_unexplained_first_use(bad):
    assert unexplained_abbreviations(bad, GLOSSARY)


@pytest.mark.parametrize(
    "good",
    [
        "Dit is middelbaar beroepsonderwijs (mbo). Een mbo-opleiding duurt twee jaar.",
        "Een mbo-opleiding (middelbaar beroepsonderwijs) duurt twee jaar.",
        "Vraag het aan het UWV (de instantie voor uitkeringen).",
        "Een [mbo](../begrippen/#mbo)-opleiding duurt twee jaar.",
        "ROC Noorderpoort in Veendam. Geen afkorting uit de lijst.",
    ],
)
def test_abbreviation_rule_accepts_an_explained_first_use(good):
    assert unexplained_abbreviations(good, GLOSSARY) == []


def test_glossary_has_the_terms_the_issue_asks_for():
    terms = {t["term"] for t in data("begrippen")}
    assert {
        "mbo",
        "hbo",
        "Ad",
        "BOL",
        "BBL",
        "Wmo",
        "ggz",
        "GKB",
        "UWV",
        "supervisie",
        "intervisie",
        "jobcarving",
        "BCP-E",
        "wijkteam",
    } <= terms


# Glossary facts the seeds do not give are plain general explanations, marked as such, with where to
# read more (issue 22): these abbreviations are not explained in any source document.
GENERAL_TERMS = {"mbo", "hbo", "BOL", "BBL", "Wmo", "GKB", "UWV"}


def test_general_explanations_say_so_and_where_to_read_more():
    terms = {t["term"]: t for t in data("begrippen")}
    for name in GENERAL_TERMS:
        explanation = terms[name]["explanation"]
        assert "Algemene uitleg" in explanation and re.search(r"\.nl|[Vv]raag", explanation), name
        assert "Algemene uitleg" in terms[name].get("source", ""), name
    assert all(t.get("full") for t in abbreviations(data("begrippen")))


# ---------------------------------------------------------------------------------------------
# (e) Claims the fact-check rejected do not come back

FORBIDDEN = [
    # Contradicted: the 2023 allowance of €1.900 includes travel and other costs (Handreiking Gelderland-Zuid).
    (
        r"reiskosten( en (andere )?onkosten)? (erbij|bovenop)|met reiskosten en (andere )?onkosten erbij",
        "de vrijwilligersvergoeding is inclusief reiskosten en onkosten",
    ),
    # Contradicted: the don't is about clearing a path for care workers; taking over tasks saves them time.
    (
        r"(neemt|nemen)( ook)? niet het werk van een hulpverlener over|werk van een hulpverlener overnemen",
        "de bron zegt iets anders: een ervaringsdeskundige baant niet alleen de weg voor een hulpverlener",
    ),
    # Too firm: the allowance is a tax-free limit of a given year, not a hard maximum.
    (r"\bmag maximaal €|\bmocht\b[^.]*\bmaximaal\b|\bmaximaal €\s?1\.900", "geen harde grens: noem jaar en regel"),
    (r"\b(dat )?wordt (in de regel |meestal )?niet vergoed", "dat is de afspraak van Gelderland-Zuid, geen regel"),
    (r"\b(ruim|bijna) 69", "de projectmonitor zegt 'ruim 69%', 31 van 45 is 68,9%: schrijf '31 van de 45'"),
    (r"\bwillen aannemen\b", "de monitor zegt 'verwachten aan te nemen'"),
    (r"\bgrootste probleem\b", "de monitor zegt 'meermaals genoemd'"),
    # Invented.
    (r"\b157\b", "133 + 24 is geen telling"),
    (r"\been dag (met [^.]{0,40})?mee\b", "geen bron noemt hoe lang meelopen duurt"),
    (r"\bpensioen", "geen bron noemt pensioen"),
    (r"\bhelpen je verder\b", "voedselbank, buurthuis en wijkteam zijn plekken voor posters, geen belofte"),
    (r"Ervaringsdeskundigen zijn (een|de) brug tussen (een )?organisaties?\b", "bijna letterlijk uit het projectplan"),
    # Issue 22: contradicted, invented or too firm.
    (
        r"geen belasting[^.]{0,40}vergoeding|belastingvrij|(uitkering|bijstand)[^.]{0,30}\b(blijft|bleef)[^.]{0,10}gelijk",
        "geen bron zegt dat een vergoeding belastingvrij is of een uitkering gelijk laat; verwijs naar de Belastingdienst",
    ),
    (r"hoort daar een gewoon salaris bij", "de handreiking koppelt een professioneel loon aan registratie"),
    (r"[Vv]an de andere organisaties verwacht", "35,5% en 22,6% zijn van alle 31 organisaties"),
    (r"[Bb]etalen[^.]{0,40}\blastig", "de bron zegt: geld uit verschillende potjes, nog geen vaste regeling"),
    (r"taken uit bestaande functies", "geen bron definieert jobcarving zo; zeg hoe het projectplan het woord gebruikt"),
    (
        r"(?<!denken wij dat )\b[Ee]en deel van de groei komt",
        "dat is onze eigen uitleg: zeg dat erbij, of laat het weg",
    ),
    (r"\bgeen wet\b", "geen bron zegt iets over een wet"),
    (r"[Jj]e leert ook samenwerken met andere hulpverleners", "geen bron zegt dit over de opleidingen"),
    (r"armoede iedereen kan overkomen", "geen bron zegt dit"),
    (r"vaker ziek dan andere", "een les uit 2024 van het netwerk, zonder cijfers: zeg dat erbij"),
    (r"[Oo]nze bronnen|staat niet in (de|onze) bron", "interne taal: zeg waar de lezer het kan navragen"),
    (r"buiten de boot", "beeldspraak, niet B1"),
    (r"(zijn er|er zijn) twee opleidingen", "het projectplan zegt 'onder andere' Noorderpoort en de Hanzehogeschool"),
    (r"kan je[^.]{0,40}\bverwijzen", "verwijzen door gemeente of UWV is een doel van het project, geen dienst"),
    # Jargon the issue listed.
    (r"\bhanteerbaar", "jargon"),
    (r"\bde regie\b", "jargon"),
    (r"\bcasusoverleg", "jargon"),
    (r"deskundigheidsbevorderaar", "jargon"),
    (r"ondersneeuw|ondergesneeuwd", "jargon"),
    # One word for each meaning: an aspirant walks along with a meeloopmaatje.
    (
        r"\bmaatje\b[^.]{0,60}\bmee(lopen|loopt|liep)\b|\bmee(lopen|loopt|liep)\b[^.]{0,60}\bmaatje\b",
        "meelopen doe je met een meeloopmaatje",
    ),
    # Spelling.
    (r"\bmis ging\b", "misging"),
    (r"\bRoc's\b", "roc's"),
    (r"(?i:alliantie) (?i:van) (?i:kracht)(?<!Alliantie van Kracht)", "schrijf 'Alliantie van Kracht'"),
    (r"\bOnbekend\b", "laat een onbekend feit weg of zeg wat de bronnen wel zeggen"),
]


def forbidden_claims(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text)  # a claim may be wrapped over two lines
    return [reason for pattern, reason in FORBIDDEN if re.search(pattern, text)]


def test_rejected_claims_do_not_come_back():
    found = [(where, reason) for where, text in all_texts() for reason in forbidden_claims(text)]
    assert not found, found


@pytest.mark.parametrize(
    "bad",
    [
        "Die is maximaal €1.900 per jaar, met reiskosten en onkosten erbij.",
        "Een ervaringsdeskundige neemt ook niet het werk van een hulpverlener over.",
        "Loop een dag mee met een ervaringsdeskundige.",
        "Als aspirant kun je met een maatje meelopen.",
        "Eind 2025 werken er 157 ervaringsdeskundigen.",
        "Met een contract, vakantiegeld en pensioen.",
        "Praat met het wijkteam. Zij helpen je verder.",
        "Ervaringsdeskundigen zijn de brug tussen organisaties en de mensen die zij willen bereiken.",
        "Jouw problemen zijn hanteerbaar.",
        "Meer informatie bij de Alliantie Van Kracht.",
        "Vertel je een keer je verhaal? Dat wordt meestal niet vergoed.",
        "Tot die grens betaalde je geen belasting over de vergoeding. Ook een bijstandsuitkering bleef dan gelijk.",
        "Werkt iemand vast en vaak als ervaringsdeskundige? Dan hoort daar een gewoon salaris bij.",
        "41,9%. Van de andere organisaties verwacht 35,5% dat niet.",
        "31 organisaties vulden hem in. Dat is bijna 69%.",
        "Betalen is voor veel studenten lastig.",
        "Bij jobcarving haal je taken uit bestaande functies en maak je daar een nieuwe functie van.",
        "Er deden meer organisaties mee. Een deel van de groei komt daardoor.",
        "Dat is hun eigen afspraak, geen wet.",
        "Ervaringsdeskundigen zijn vaker ziek dan andere medewerkers.",
        "Welke eisen de school stelt, staat niet in onze bronnen.",
        "In onze regio zijn er twee opleidingen. Ze duren allebei twee jaar.",
        "Ook je gemeente of het UWV kan je naar de opleiding verwijzen.",
    ],
)
def test_claims_rule_catches_each_rejected_claim(bad):
    assert forbidden_claims(bad)


def test_claims_rule_accepts_the_corrected_wording():
    assert (
        forbidden_claims(
            "Daarvoor gold in 2023 een grens van €1.900 per jaar, inclusief reiskosten en onkosten. "
            "Loop mee met een meeloopmaatje. Alliantie van Kracht. De gemeenten in Gelderland-Zuid "
            "vergoeden dat meestal niet. Daarom denken wij dat een deel van de groei daardoor komt. "
            "31 van de 45 organisaties vulden hem in."
        )
        == []
    )


# ---------------------------------------------------------------------------------------------
# (g) Money: the year and where to check today's rule, in the same paragraph (issue 22)

TODAYS_RULE = re.compile(r"[Bb]elastingdienst|rijksoverheid", re.I)
PARAGRAPH = re.compile(r"\n\s*\n")


def money_without_todays_rule(text: str) -> list[str]:
    """Paragraphs with a euro amount that do not say where to find today's rule."""
    return [
        paragraph.strip()
        for paragraph in PARAGRAPH.split(text)
        if AMOUNT.search(paragraph) and not TODAYS_RULE.search(paragraph)
    ]


def test_every_money_amount_says_where_to_check_todays_rule():
    found = [(where, p[:80]) for where, text in all_texts() for p in money_without_todays_rule(text)]
    assert not found, found


def test_todays_rule_check_catches_an_amount_without_a_pointer():
    assert money_without_todays_rule("In 2023 was de grens €1.900 per jaar.\n\nKijk op belastingdienst.nl.")
    assert not money_without_todays_rule("In 2023 was de grens €1.900 per jaar. Kijk op belastingdienst.nl.")


# ---------------------------------------------------------------------------------------------
# (f) Sources


def article_problems(path_name: str, meta: dict) -> list[str]:
    return [] if meta.get("source") else [f"{path_name}: geen source"]


def data_source_problems() -> list[str]:
    problems = []
    for name, key in (("opleidingen", "slug"), ("functieprofielen", "slug"), ("faq", "id"), ("checklists", "slug")):
        problems += [f"data/{name}.yml {item[key]}: geen source" for item in data(name) if not item.get("source")]
    problems += [
        f"data/functieprofielen.yml {p['slug']}: betaling zonder source of jaar"
        for p in data("functieprofielen")
        for pay in p.get("pay", [])
        if not (pay.get("source") and pay.get("year"))
    ]
    problems += [
        f"data/organisations.yml {o['id']}: geen source"
        for o in data("organisations")
        if not o.get("example") and (o.get("description") or o.get("how")) and not o.get("source")
    ]
    problems += [
        f"data/categories.yml {c['id']}: cijfers zonder source"
        for c in data("categories")
        if re.search(r"\d|€", c["intro"]) and not c.get("source")
    ]
    problems += [
        f"data/menukaart.yml {s['slug']}: cijfers zonder source"
        for s in data("menukaart")
        if re.search(r"\d|€", s["text"]) and not s.get("source")
    ]
    monitor = data("monitor")
    if not monitor.get("source"):
        problems.append("data/monitor.yml: geen source")
    return problems


def test_every_article_and_factual_data_item_names_its_source():
    problems = data_source_problems()
    for path in sorted([*(ROOT / "content/stories").glob("*.md"), *(ROOT / "content/blogs").glob("*.md")]):
        problems += article_problems(path.name, front_matter(path)[0])
    assert not problems, problems


def test_source_rule_catches_a_blog_without_source():
    assert article_problems("nieuw.md", {"title": "Nieuw", "author": "redactie"})
