"""Today's date, for publication dates and consent. `SECTION_TODAY=YYYY-MM-DD` fixes it, so the
build, `make check`, `make report` and the print scripts agree on it (tests, and a look ahead)."""

from __future__ import annotations

import datetime as dt
import os

from .problems import ContentErrors, Problem

TODAY_ENV = "SECTION_TODAY"


class NotADate(ContentErrors, ValueError):
    """SECTION_TODAY is no date: every command reports ContentErrors in Dutch, without a traceback."""


def today() -> dt.date:
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise NotADate(
            [Problem(TODAY_ENV, None, f"'{value}' is geen datum: schrijf JJJJ-MM-DD, of laat {TODAY_ENV} weg.")]
        ) from None
