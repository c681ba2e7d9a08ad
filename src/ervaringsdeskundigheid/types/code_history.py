"""Printed codes are forever, checked against git history.

data/issued_codes.yml keeps every code that was printed, and the inventory check refuses to let
a code leave data/partners.yml without a retired record. But whoever deletes a location *and*
its record in one commit leaves a clean-looking checkout, and the poster in the canteen then
leads to a page that no longer exists. So every code that any committed version of either file
ever named (on this branch, and on the base branch of a pull request) must still be in
data/issued_codes.yml: retired with a target if its location is gone, never deleted.

Without git history (not a checkout, no git) there is nothing to compare with, and the check
is skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..core import git_history
from ..core.problems import Problem


@dataclass(frozen=True)
class PastCode:
    code: str
    partner: str
    location: str
    medium: str
    campaign: str
    file: str
    commit: str
    date: str
    issued: bool  # recorded in data/issued_codes.yml (not only named in the inventory)


def _load(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None  # a broken old version names no codes we can trust


def _codes_in(version: git_history.FileVersion, partners_file: str) -> list[PastCode]:
    data = _load(version.text)
    found = []
    if version.path == partners_file:
        partners = data.get("partners") if isinstance(data, dict) else None
        campaign = str(data.get("campaign")) if isinstance(data, dict) else "posters"
        for partner in partners if isinstance(partners, list) else []:
            if not isinstance(partner, dict) or partner.get("draft") is True:
                continue  # a draft partner never got posters
            for location in partner.get("locations") or []:
                if not isinstance(location, dict):
                    continue
                for key, medium in (("code", "poster"), ("banner_code", "banner")):
                    if isinstance(location.get(key), str):
                        found.append(
                            PastCode(
                                location[key].strip(),
                                str(partner.get("partner")),
                                str(location.get("name")),
                                medium,
                                str(partner.get("campaign") or campaign),
                                version.path,
                                version.commit,
                                version.date,
                                issued=False,
                            )
                        )
    else:
        for record in data if isinstance(data, list) else []:
            if isinstance(record, dict) and isinstance(record.get("code"), str):
                found.append(
                    PastCode(
                        record["code"].strip(),
                        str(record.get("partner")),
                        str(record.get("location")),
                        str(record.get("medium", "poster")),
                        str(record.get("campaign")),
                        version.path,
                        version.commit,
                        version.date,
                        issued=True,
                    )
                )
    return found


def past_codes(root: Path, partners_file: str, issued_file: str) -> dict[str, PastCode] | None:
    """Every code any committed version named, with its newest sighting (a record wins over an
    inventory entry). None: no git history to read."""
    versions = git_history.file_versions(root, (partners_file, issued_file))
    if versions is None:
        return None
    codes: dict[str, PastCode] = {}
    for version in versions:  # newest first
        for past in _codes_in(version, partners_file):
            known = codes.get(past.code)
            if known is None or (past.issued and not known.issued):
                codes[past.code] = past
    return codes


def record_example(past: PastCode, today: dt.date) -> str:
    return (
        f'- code: {past.code}\n  partner: {past.partner}\n  location: "{past.location}"\n'
        f"  medium: {past.medium}\n  campaign: {past.campaign}\n  target: home\n  issued: {past.date}\n"
        f"  retired:\n    date: {today.isoformat()}"
    )


def history_problems(
    root: Path,
    today: dt.date,
    records: set[str],
    in_inventory: set[str],
    *,
    partners_file: str,
    issued_file: str,
    names: dict[str, str],
) -> list[Problem]:
    """A Dutch problem for every code git remembers that data/issued_codes.yml lost."""
    past = past_codes(root, partners_file, issued_file)
    if not past:
        return []
    problems = []
    for code, seen in sorted(past.items()):
        if code in records:
            continue
        where = f"{names.get(seen.partner, seen.partner)} · {seen.location}"
        if code in in_inventory:
            if not seen.issued:
                continue  # in the inventory and never issued: 'make posters' records it
            problems.append(
                Problem(
                    issued_file,
                    "code",
                    (
                        f"code '{code}' (poster 'Hangt bij {where}') is uit dit bestand gehaald, maar stond er op "
                        f"{seen.date} nog in (commit {seen.commit}). Een gedrukte code blijft voor altijd van die plek. "
                        f"Zet het blok van deze code terug, of draai 'make posters' om hem opnieuw vast te leggen."
                    ),
                    entry=code,
                )
            )
            continue
        problems.append(
            Problem(
                issued_file,
                "code",
                (
                    f"code '{code}' is verdwenen, maar hangt misschien nog op een poster: 'Hangt bij {where}'. "
                    f"De code stond op {seen.date} in {seen.file} (commit {seen.commit}). Een gedrukte code mag je "
                    f"nooit weghalen, alleen 'retired' maken met een nieuw doel. Zet dit blok terug in {issued_file} "
                    f"en kies bij 'target' de pagina waar de QR-code voortaan naartoe gaat:\n{record_example(seen, today)}"
                ),
                entry=code,
            )
        )
    return problems
