"""The record of issued codes (data/issued_codes.yml), kept by `make posters`: every code that was
ever printed, so it keeps its page forever and never moves to another location. The types
(types/partners.py) read and check the record; this writes it."""

from __future__ import annotations

import datetime as dt
import os

from ..core import clock
from ..core.sources import parse_yaml
from ..types.partners import ISSUED_FILE, IssuedCode, ShortLink

ISSUED_HEADER = """\
# Uitgegeven korte codes van posters en banners. NIET met de hand verwijderen.
#
# Dit bestand wordt bijgehouden door 'make posters'. Elke code die ooit op een poster of banner
# is gezet, staat hier. Zo'n poster hangt soms jaren. Daarom:
# - blijft de pagina <site>/p/<code>/ voor altijd bestaan;
# - kan een code nooit aan een andere locatie worden gegeven.
# Staat de code nog in data/partners.yml, dan geldt het doel (target) uit dat bestand.
# Haal je een plek weg uit data/partners.yml? Zet dan hier bij de code:
#   retired:
#     date: 2026-12-01            (sinds wanneer)
#     reason: "partner verhuisd"  (mag weg)
# en kies in 'target' de pagina waar de QR-code voortaan naartoe gaat.
"""


def record_issued(root, links: list[ShortLink], records: list[IssuedCode], today: dt.date | None = None) -> list[str]:
    """Add the printed codes to the record (and keep the recorded target in step with the
    inventory). Returns the newly issued codes. Writes the file atomically."""
    today = today or clock.today()
    by_code = {r.code: r for r in records}
    new = []
    for link in links:
        old = by_code.get(link.code)
        if old is None:
            new.append(link.code)
            by_code[link.code] = IssuedCode(
                code=link.code,
                partner=link.partner,
                location=link.location,
                medium=link.medium,
                campaign=link.campaign,
                target=link.target,
                issued=today,
            )
        elif old.target != link.target and old.retired is None:
            by_code[link.code] = old.model_copy(update={"target": link.target})
    text = ISSUED_HEADER + "".join(_issued_yaml(r) for r in by_code.values())
    parse_yaml(text, ISSUED_FILE)  # never write a file we cannot read back
    path = root / ISSUED_FILE
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return new


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _issued_yaml(record: IssuedCode) -> str:
    text = (
        f"\n- code: {record.code}\n  partner: {record.partner}\n  location: {_quote(record.location)}\n"
        f"  medium: {record.medium}\n  campaign: {record.campaign}\n  target: {_quote(record.target)}\n"
        f"  issued: {record.issued.isoformat()}\n"
    )
    if record.retired:
        text += f"  retired:\n    date: {record.retired.date.isoformat()}\n"
        if record.retired.reason:
            text += f"    reason: {_quote(record.retired.reason)}\n"
    return text
