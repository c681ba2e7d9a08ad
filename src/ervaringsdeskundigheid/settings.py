"""Section-wide settings from data/site.yml: the one place where site_url is set."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from .problems import ContentErrors, problems_from_validation
from .schemas import SiteSettings
from .sources import SourceError, load_yaml_file

SETTINGS_FILE = "data/site.yml"
SITE_URL_ENV = "SITE_URL"   # overrides site_url for a deployment elsewhere


def load_settings(root: Path) -> SiteSettings:
    try:
        raw = load_yaml_file(root / SETTINGS_FILE, SETTINGS_FILE)
        if os.environ.get(SITE_URL_ENV):
            raw = {**raw, "site_url": os.environ[SITE_URL_ENV]}
        return SiteSettings.model_validate(raw)
    except SourceError as error:
        raise ContentErrors([error.problem]) from error
    except ValidationError as error:
        raise ContentErrors(problems_from_validation(error, SETTINGS_FILE, SiteSettings)) from error
