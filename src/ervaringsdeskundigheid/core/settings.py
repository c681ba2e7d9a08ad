"""Section-wide settings from data/site.yml: the one place where site_url is set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from pydantic import StringConstraints, ValidationError

from .contact import Contact, person_problems
from .fields import Name, Strict, Text, hint
from .problems import Problem, problems_from_validation
from .sources import SourceError, load_yaml_file

SETTINGS_FILE = "data/site.yml"
SITE_URL_ENV = "SITE_URL"  # overrides site_url for a deployment elsewhere

# Strict: https (or http for a local test host), a plain host name, a path of URL-safe
# characters ending in '/'. It is printed in every page's links and on every poster.
SiteUrl = Annotated[
    str,
    StringConstraints(
        pattern=r"^https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*/$", max_length=200
    ),
]
# owner/name, as GitHub spells it.
Repository = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")]
HttpsUrl = Annotated[
    str, StringConstraints(pattern=r"^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(/[A-Za-z0-9._~/-]*)?$", max_length=200)
]
# A short address for paper, as people type it: host and path, no https://.
ShortUrl = Annotated[
    str,
    StringConstraints(
        pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(/[A-Za-z0-9._~-]+)*/?$",
        max_length=40,
    ),
]


class SiteSettings(Strict):
    site_url: SiteUrl = hint("Het adres waar deze sectie online staat, eindigt op '/'.")
    site_name: Name = hint("De naam van de sectie.")
    organisation: Name = hint("De naam van het netwerk.", default="Alliantie van Kracht")
    main_website: HttpsUrl = hint("De hoofdsite van het netwerk.")
    contact: Contact
    repository: Repository | None = hint(
        "De plek van deze site op GitHub, als eigenaar/naam (zoals 'alliantie-van-kracht/ervaringsdeskundigheid'). "
        "De webeditor (/admin/) maakt daar een pull request van elke wijziging. Leeg: de repository waarin "
        "GitHub de site bouwt.",
        default=None,
    )
    www_optional: bool = hint("true als het adres ook werkt zonder 'www.'.", default=False)
    short_url: ShortUrl | None = hint(
        "Een kort adres voor op posters, zonder https://, bijvoorbeeld 'alliantievankracht.nl/ed'. Alleen "
        "invullen als de website <kort adres>/<code> doorstuurt naar <site_url>p/<code>/.",
        label="Kort webadres",
        default=None,
    )
    description: Text = hint(
        "Eén zin over de sectie, voor zoekmachines.",
        default="Ervaringsdeskundigheid bij Alliantie van Kracht in Groningen en Drenthe",
    )
    show_examples: bool = hint(
        "false: alle verzonnen voorbeelden (example: true) verdwijnen overal: van de site, "
        "uit de zoekfunctie, de nieuwsbrief en de handouts. Zet dit op false voordat de "
        "site live gaat.",
        label="Voorbeelden tonen",
        default=True,
    )

    @property
    def host(self) -> str:
        return self.site_url.split("/")[2]


def load_settings(root: Path, problems: list[Problem]) -> SiteSettings | None:
    try:
        raw = load_yaml_file(root, SETTINGS_FILE)
        if not isinstance(raw, dict):
            problems.append(Problem(SETTINGS_FILE, None, "moet velden bevatten in de vorm 'naam: waarde'."))
            return None
        if os.environ.get(SITE_URL_ENV):
            raw = {**raw, "site_url": os.environ[SITE_URL_ENV]}
        settings = SiteSettings.model_validate(raw)
        problems += person_problems(settings.contact.person, SETTINGS_FILE, "contact.person")
        return settings
    except SourceError as error:
        problems.append(error.problem)
    except ValidationError as error:
        problems += problems_from_validation(error, SETTINGS_FILE, SiteSettings)
    return None
