"""`make new`: a new story, blog or data item from a template with Dutch explanations.

Every new item gets a unique slug from its title, today's date and `draft: true`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from .loader import DATA_FILES
from .model import BLOGS, STORIES
from .partners import PARTNERS_FILE
from .text import slugify


def quoted(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Kind:
    name: str            # what editors type: KIND=verhaal
    target: str          # a folder for Markdown kinds, a data file for YAML kinds
    key: str | None      # slug/id field for YAML kinds; None for Markdown files
    template: str
    container: str | None = None   # the key that holds the list, when the file is a mapping


MARKDOWN_HEADER = """---
# Titel: kort en duidelijk.
title: {title}
# Datum van publicatie (JJJJ-MM-DD). Een datum in de toekomst: dan verschijnt het pas op die dag.
date: {today}
# Samenvatting in 1 of 2 zinnen. Staat op de kaartjes, in de feed en bij delen.
description: "Schrijf hier een korte samenvatting."
# Categorieën: een of meer van aspirant, opleiding, ervaringsdeskundige, werkgevers.
categories: [aspirant]
# Onderwerpen, in kleine letters. Bijvoorbeeld [werk, schulden].
tags: []
{extra}# Afbeelding (mag weg): zet het bestand in content/afbeeldingen/ en beschrijf wat erop staat.
# image: afbeeldingen/foto.jpg
# image_alt: "Wat staat er op de afbeelding?"
# Concept: zet op false als het klaar is. Dan komt het op de site.
draft: true
---
"""

KINDS = {kind.name: kind for kind in (
    Kind("verhaal", STORIES.folder, None, MARKDOWN_HEADER.replace("{extra}", """\
# Over wie gaat het? Een schuilnaam (pseudonym: true), of een echte naam alleen met toestemming:
#   person: {{name: "Echte Naam", consent: {{date: 2025-04-01}}}}
person:
  name: "Schuilnaam"
  pseudonym: true
""") + "\nSchrijf hier het verhaal. Gebruik korte zinnen.\n\n## Een tussenkop\n\nMeer tekst.\n"),
    Kind("blog", BLOGS.folder, None, MARKDOWN_HEADER.replace("{extra}", """\
# Schrijver: een id uit data/authors.yml.
author: redactie
""") + "\nSchrijf hier de blog. Gebruik korte zinnen.\n\n## Een tussenkop\n\nMeer tekst.\n"),
    Kind("opleiding", DATA_FILES["programmes"].path, "slug", """
# Nieuwe opleiding, aangemaakt op {today}. Onbekend? Zet null: de site toont dan "Onbekend".
- slug: {slug}                 # staat in het webadres; nooit meer veranderen
  title: {title}
  kind: opleiding              # opleiding of orientatie (korte cursus)
  provider: null               # de school of aanbieder
  level: null                  # "MBO 2", "MBO 3", "MBO 4", "Ad", "HBO", "Cursus" of null
  form: null                   # "BOL", "BBL", "deeltijd", "voltijd" of null
  duration: null               # bijvoorbeeld "2 jaar"
  place: null
  regional: false              # true als het in Groningen of Drenthe is
  target_group: "Voor wie is deze opleiding? Schrijf het in één of twee zinnen."
  admission: null              # toelating
  costs: null                  # kosten en financiering
  diploma: null
  url: null                    # website, met https://
  summary: "Korte samenvatting."
  source: "Waar komen deze gegevens vandaan?"
  categories: [opleiding]
  draft: true                  # zet op false als de gegevens kloppen
"""),
    Kind("functieprofiel", DATA_FILES["profiles"].path, "slug", """
# Nieuw functieprofiel, aangemaakt op {today}.
- slug: {slug}                 # staat in het webadres; nooit meer veranderen
  title: {title}
  summary: "Korte samenvatting van de rol."
  tasks: ["Een taak"]          # wat doet iemand in deze rol?
  competences: ["Een vaardigheid"]
  level: null
  training: null
  workplaces: []               # waar werken mensen in deze rol?
  career_path: null
  pay: []                      # per regel: {{text: "...", source: "...", year: 2025}}
  categories: [ervaringsdeskundige, werkgevers]
  draft: true                  # zet op false als het klaar is
"""),
    Kind("ervaringsdeskundige", DATA_FILES["experts"].path, "id", """
# Nieuwe ervaringsdeskundige, aangemaakt op {today}.
# Alleen publiceren met schriftelijke toestemming. Vul consent in met de datum van de toestemming
# en zet in scope alleen de velden die iemand wil laten zien.
- id: {slug}
  name: {title}
  organisation: alliantie-van-kracht   # id uit data/organisations.yml
  function: null
  expertise: []                # bijvoorbeeld [armoede, schulden]
  region: null
  email: null
  phone: null
  buddy: false                 # true als de persoon maatje wil zijn
  categories: [ervaringsdeskundige]
  consent:
    date: {today}              # datum van de toestemming
    scope: [name, organisation, function, expertise, region]
  draft: true                  # zet op false na controle van de toestemming
"""),
    Kind("partner", PARTNERS_FILE, "partner", """
  # Nieuwe partner voor posters, aangemaakt op {today}. Uitleg staat bovenaan dit bestand.
  - partner: {slug}                # id uit data/organisations.yml
    draft: true                    # zet op false als alles klopt: dan komen er posters en een korte link
    locations:
      - name: kantine              # de plek, bijvoorbeeld "kantine hoofdgebouw"
        target: aspirant           # home, aspirant, opleiding, ervaringsdeskundige, werkgevers of een pagina-adres
        code: {slug}-kantine       # korte code voor de QR-code; na het drukken nooit meer veranderen
        copies: {{A3: 1}}          # aantal per formaat: A4, A3, A2, banner
""", container="partners"),
    Kind("organisatie", DATA_FILES["organisations"].path, "id", """
# Nieuwe organisatie, aangemaakt op {today}.
- id: {slug}                   # nooit meer veranderen: partners en mensen verwijzen ernaar
  name: {title}
  sector: null
  description: null            # wat doet de organisatie?
  how: null                    # wat doet ze met ervaringsdeskundigen, en hoe?
  location: null
  website: null                # met https://
  contact: null                # algemeen contact, geen persoonlijk adres
  categories: [werkgevers]
  draft: true                  # zet op false als het klaar is
"""),
)}


def existing_keys(root: Path, kind: Kind) -> set[str]:
    if kind.key is None:
        return {p.stem for p in (root / kind.target).glob("*.md")}
    data = yaml.safe_load((root / kind.target).read_text(encoding="utf-8")) or []
    if kind.container:
        data = data.get(kind.container) or []
    return {str(item.get(kind.key)) for item in data if isinstance(item, dict)}


def _organisation_id(root: Path, name: str) -> str:
    """A partner is an organisation that already exists: find it by id or name."""
    organisations = yaml.safe_load((root / DATA_FILES["organisations"].path).read_text(encoding="utf-8")) or []
    for organisation in organisations:
        if name.strip().lower() in {str(organisation.get("id")).lower(), str(organisation.get("name")).lower()}:
            return organisation["id"]
    raise ValueError(f"De organisatie '{name}' staat niet in {DATA_FILES['organisations'].path}. "
                     f'Maak haar eerst aan: make new KIND=organisatie TITLE="{name}"')


def unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create(root: Path, kind_name: str, title: str, today: dt.date | None = None) -> Path:
    """Create the item; returns the file written. Raises ValueError with a Dutch message."""
    if kind_name not in KINDS:
        raise ValueError(f"Onbekende soort '{kind_name}'. Kies uit: {', '.join(KINDS)}.")
    if not title.strip():
        raise ValueError('Geef een titel mee, bijvoorbeeld: make new KIND=verhaal TITLE="Mijn verhaal"')
    kind = KINDS[kind_name]
    today = today or dt.date.today()
    if kind.name == "partner":
        slug = _organisation_id(root, title)
        if slug in existing_keys(root, kind):
            raise ValueError(f"'{slug}' staat al in {kind.target}. Voeg daar een locatie toe onder die partner.")
    else:
        slug = unique_slug(title, existing_keys(root, kind))
    text = kind.template.format(title=quoted(title.strip()), today=today.isoformat(), slug=slug)
    if kind.key is None:
        path = root / kind.target / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        return path
    path = root / kind.target
    current = path.read_text(encoding="utf-8")
    path.write_text(current.rstrip("\n") + "\n" + text, encoding="utf-8")
    return path
