"""Dutch presentation helpers."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date


def dutch_date(day: dt.date) -> str:
    """'5 maart 2025'."""
    return format_date(day, format="long", locale="nl_NL")


def reading_time(minutes: int) -> str:
    return f"{minutes} min lezen"
