"""Dutch presentation helpers."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal
from slugify import slugify as _slugify


@lru_cache(maxsize=4096)  # Babel is slow and the same dates recur on many overview pages
def dutch_date(day: dt.date) -> str:
    """'5 maart 2025'."""
    return format_date(day, format="long", locale="nl_NL")


def text_key(text: str) -> str:
    """A text's digest: what a result about it is kept under between builds (build/memo.py)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def slugify(text: str, fallback: str = "nieuw") -> str:
    """Lowercase ASCII with hyphens, for URLs, codes and CSS tokens: 'Één stap' -> 'een-stap'."""
    return _slugify(text) or fallback


def dutch_number(value: float) -> str:
    """'1.900', '35,5': a whole number without decimals, otherwise one."""
    return format_decimal(value, format="#,##0" if value == int(value) else "#,##0.0", locale="nl_NL")


def reading_time(minutes: int) -> str:
    return f"{minutes} min lezen"
