"""Today's date, for publication dates and consent. `SECTION_TODAY=YYYY-MM-DD` fixes it, so the
build, `make check`, `make report` and the print scripts agree on it (tests, and a look ahead)."""

from __future__ import annotations

import datetime as dt
import os

TODAY_ENV = "SECTION_TODAY"


def today() -> dt.date:
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{TODAY_ENV}={value!r} is geen datum: schrijf JJJJ-MM-DD, of laat het weg.") from None
