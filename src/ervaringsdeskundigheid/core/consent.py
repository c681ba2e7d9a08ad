"""Consent: the one rule for publishing a person.

A person is public only from the day of their consent until the day of a withdrawal, both
compared with the build's date, and only with the fields their scope names. A withdrawal
dated in the future means the consent ends on that day: the person stays visible until
then, and the first build on or after that day removes them everywhere (the deploy
workflow builds every night for this reason). An empty scope publishes nothing.

The names, e-mail addresses and phone numbers of people who are not public (or of the
fields outside their scope) may not appear in any published text; `core/privacy.py` finds them.
"""

from __future__ import annotations

import datetime as dt

from typing import Any

from pydantic import ValidationError, model_validator

from .fields import Date, RuleViolation, Strict, hint
from .problems import Problem, suggestion


class Consent(Strict):
    """Recorded consent. Nothing is assumed: the date and what may be shown are stated, only a
    withdrawn consent may leave its scope out (nothing of the person is shown any more)."""

    date: Date = hint("De datum waarop de persoon schriftelijk toestemming gaf.", label="Datum van toestemming")
    scope: list[str] | None = hint(
        "Kies elk gegeven dat de persoon wil laten zien. Wat je niet kiest, komt "
        "nergens: niet op de site en niet op papier.",
        label="Wat mogen we tonen?",
        default=None,
        form_required=True,
    )
    withdrawn: Date | None = hint(
        "Trekt de persoon de toestemming in? Vul de datum in. Vanaf die dag verdwijnt de persoon overal.",
        label="Ingetrokken op",
        default=None,
    )

    @model_validator(mode="after")
    def _scope_is_stated(self) -> Consent:
        if self.scope is None and self.withdrawn is None:
            raise RuleViolation(
                "scope",
                (
                    "ontbreekt. Kies wat de persoon wil laten zien, zoals naam, organisatie en functie. "
                    "Er is geen standaard: zonder keuze komt de persoon niet op de site."
                ),
            )
        return self


def is_active(consent: Consent | None, today: dt.date) -> bool:
    return consent is not None and consent.date <= today and (consent.withdrawn is None or today < consent.withdrawn)


def has_ended(consent: Consent | None, today: dt.date) -> bool:
    """Withdrawn by `today`: nothing of the person is shown any more, whatever else it says."""
    return consent is not None and consent.withdrawn is not None and consent.withdrawn <= today


def ended_in(raw: Any, today: dt.date) -> tuple[dict[str, Any], Consent] | None:
    """The person of an entry that failed validation (its own fields, or its `person:`) and their
    consent, when that consent has ended by `today`. Such an entry is never published, so its errors
    stop nothing; its name still holds back every text that names the person (types/privacy.py)."""
    for holder in (raw, raw.get("person") if isinstance(raw, dict) else None):
        if isinstance(holder, dict) and isinstance(holder.get("consent"), dict):
            try:
                consent = Consent.model_validate(holder["consent"])
            except ValidationError:
                return None  # a consent that cannot be read has not surely ended: the errors stand
            return (holder, consent) if has_ended(consent, today) else None
    return None


WITHDRAWN = "toestemming ingetrokken"  # the reason `status` gives for a consent that has ended


def status(consent: Consent | None, today: dt.date) -> str | None:
    """None when active, otherwise the Dutch reason the person is not shown."""
    if consent is None:
        return "geen toestemming"
    if consent.date > today:
        return "toestemming gaat later in"
    if has_ended(consent, today):
        return WITHDRAWN
    return None


def scope_of(consent: Consent) -> set[str]:
    """The fields the person agreed to show; nothing is assumed (a consent without scope is
    refused by the schema unless it was withdrawn)."""
    return set(consent.scope or ())


def scope_problems(
    consent: Consent | None,
    allowed: tuple[str, ...],
    file: str,
    entry: str | None,
    prefix: str = "consent",
    today: dt.date | None = None,
) -> list[Problem]:
    """Every scope field must be a field of the type, so a typo never hides a field by accident
    and never publishes one either. A consent withdrawn by `today` shows nothing whatever it
    says: a slip in it is no error (that would stop the build and keep the person online)."""
    if consent is None or consent.scope is None:
        return []
    if today is not None and has_ended(consent, today):
        return []
    problems = []
    for index, name in enumerate(consent.scope, start=1):
        if name not in allowed:
            problems.append(
                Problem(
                    file,
                    f"{prefix}.scope[{index}]",
                    (
                        f"'{name}' is geen veld dat we kunnen tonen.{suggestion(name, allowed)} "
                        f"Kies uit: {', '.join(allowed)}."
                    ),
                    entry=entry,
                )
            )
    if consent.withdrawn is not None and consent.withdrawn < consent.date:
        problems.append(
            Problem(
                file, f"{prefix}.withdrawn", ("ligt vóór de datum van de toestemming. Klopt de datum?"), entry=entry
            )
        )
    return problems
