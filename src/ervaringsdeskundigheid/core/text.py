"""Dutch presentation helpers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from babel.dates import format_date


@lru_cache(maxsize=4096)   # Babel is slow and the same dates recur on many overview pages
def dutch_date(day: dt.date) -> str:
    """'5 maart 2025'."""
    return format_date(day, format="long", locale="nl_NL")


def slugify(text: str, fallback: str = "nieuw") -> str:
    """Lowercase ASCII with hyphens, for URLs, codes and CSS tokens: 'Één stap' -> 'een-stap'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or fallback


def reading_time(minutes: int) -> str:
    return f"{minutes} min lezen"
