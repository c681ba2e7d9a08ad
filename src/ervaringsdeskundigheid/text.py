"""Dutch presentation helpers."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date


@lru_cache(maxsize=4096)   # Babel is slow and the same dates recur on many overview pages
def dutch_date(day: dt.date) -> str:
    """'5 maart 2025'."""
    return format_date(day, format="long", locale="nl_NL")


def reading_time(minutes: int) -> str:
    return f"{minutes} min lezen"
