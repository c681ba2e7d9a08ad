"""How a reader reaches a person: phone, WhatsApp, e-mail, a walk-in address and a named contact.

`data/site.yml` `contact:` holds the network's routes; a category in `data/categories.yml` may
override any of them (`contact:` there, for example an employers' contact). `routes()` gives the
routes one page shows, with the named person only while their consent is active and only with the
fields in its scope (`shown_person`, the one decision about showing a contact person).

Phone and WhatsApp numbers are checked when the file is read (a Dutch message names the file and
the field) and published in international form: `tel:+31501234567`, `https://wa.me/31612345678`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from pydantic import AfterValidator, BaseModel, model_validator

from . import consent as consent_rule
from .consent import Consent
from .fields import Email, Name, RuleViolation, Strict, Text, hint
from .problems import Problem

# --- Phone numbers --------------------------------------------------------------------------------

_ALLOWED = re.compile(r"^\+?[0-9 ().\-/]+$")
_SERVICE = ("800", "900", "906", "909")  # 0800/090x numbers: 4 or 7 digits after the prefix
PHONE_EXAMPLE = "'050 123 4567', '06 12345678' of '+31 6 12345678'"


def international(number: str) -> str:
    """A phone number as +<country><number> (E.164), for tel: and WhatsApp links. Raises
    ValueError with a Dutch message when it is not a number that can be called."""
    text = number.strip()
    if not text or not _ALLOWED.match(text):
        raise ValueError(
            f"'{number}' is geen telefoonnummer. Schrijf alleen cijfers, spaties en streepjes, zoals {PHONE_EXAMPLE}."
        )
    text = re.sub(r"^(\+|00)(\d{1,3})\s*\(0\)", r"+\2", text)  # +31 (0)6 ... -> +31 6 ...
    digits = re.sub(r"\D", "", text)
    if text.startswith("+") or digits.startswith("00"):
        digits = digits[2:] if digits.startswith("00") else digits
        if digits.startswith("31"):
            return "+31" + _dutch(digits[2:], number)
        if not 8 <= len(digits) <= 15 or digits.startswith("0"):
            raise ValueError(
                f"'{number}' is geen volledig internationaal nummer. Begin met + en het landnummer, "
                "zoals +32 voor België."
            )
        return "+" + digits
    if not digits.startswith("0"):
        raise ValueError(
            f"'{number}' mist het netnummer. Begin met 0 (zoals 050 of 06) of met +31, bijvoorbeeld {PHONE_EXAMPLE}."
        )
    return "+31" + _dutch(digits[1:], number)


def _dutch(national: str, written: str) -> str:
    """The digits after 0 (or +31) of a Dutch number: 9 digits, or a 0800/090x number."""
    if national.startswith(_SERVICE) and len(national) in (7, 10):
        return national
    if len(national) != 9 or national.startswith("0"):
        raise ValueError(
            f"'{written}' heeft niet het goede aantal cijfers. Een Nederlands nummer heeft 10 cijfers, "
            f"zoals {PHONE_EXAMPLE}."
        )
    return national


def _check_phone(value: str) -> str:
    international(value)
    return value


# As the editor writes it (that is what readers and posters see); checked, linked in international form.
PhoneNumber = Annotated[Name, AfterValidator(_check_phone)]


def tel_link(number: str) -> str:
    return "tel:" + international(number)


def whatsapp_link(number: str, text: str = "") -> str:
    """A chat with `number`, the first line `text` filled in (the reader can change it)."""
    link = "https://wa.me/" + international(number).lstrip("+")
    return link + ("?text=" + quote(text, safe="") if text else "")


def mailto_link(address: str, subject: str = "", body: str = "") -> str:
    parts = [f"{name}={quote(value, safe='')}" for name, value in (("subject", subject), ("body", body)) if value]
    return f"mailto:{address}" + ("?" + "&".join(parts) if parts else "")


# --- The data -------------------------------------------------------------------------------------

DEFAULT_MESSAGE = "Hallo, ik heb een vraag over ervaringsdeskundigheid."
PERSON_FIELDS = ("name", "role", "email", "phone", "whatsapp")


class ContactPerson(Strict):
    """A named person readers can ask: shown only with active consent, only the fields in scope."""

    name: Name = hint("Voor- en achternaam.", label="Naam")
    role: Name | None = hint(
        "Wat doet deze persoon voor lezers? Bijvoorbeeld 'coördinator werkgevers'.", label="Rol", default=None
    )
    email: Email | None = hint("Zakelijk e-mailadres van deze persoon.", label="E-mailadres", default=None)
    phone: PhoneNumber | None = hint(
        "Zakelijk telefoonnummer van deze persoon, zoals 050 123 4567.", label="Telefoon", default=None
    )
    whatsapp: PhoneNumber | None = hint(
        "Zakelijk WhatsApp-nummer van deze persoon, zoals 06 12345678.", label="WhatsApp-nummer", default=None
    )
    consent: Consent | None = hint(
        "Toestemming: de datum, en in scope wat we mogen tonen (name, role, email, "
        "phone, whatsapp). Zonder toestemming staat de persoon nergens.",
        label="Toestemming",
        default=None,
    )


class ContactRoutes(Strict):
    """The routes a category may set for its own pages; what it leaves out comes from data/site.yml."""

    email: Email | None = hint("E-mailadres voor vragen.", label="E-mailadres", default=None)
    phone: PhoneNumber | None = hint(
        "Telefoonnummer, zoals 050 123 4567. Nooit een privénummer.", label="Telefoon", default=None
    )
    whatsapp: PhoneNumber | None = hint(
        "WhatsApp-nummer, zoals 06 12345678. Lezers openen er een chat mee.", label="WhatsApp-nummer", default=None
    )
    message: Text | None = hint(
        f"De eerste zin van een WhatsApp-bericht of e-mail van een lezer, zoals '{DEFAULT_MESSAGE}'",
        label="Eerste zin van het bericht",
        default=None,
    )
    address: Text | None = hint(
        "Adres waar lezers kunnen langskomen, zoals 'Kerkstraat 1, Veendam'.",
        label="Adres om langs te komen",
        default=None,
    )
    hours: Text | None = hint(
        "Wanneer lezers kunnen langskomen, zoals 'dinsdag en donderdag van 10 tot 12 uur'.",
        label="Wanneer kun je langskomen?",
        default=None,
    )
    person: ContactPerson | None = hint(
        "Een persoon met naam die lezers kunnen vragen (alleen met toestemming).", label="Contactpersoon", default=None
    )

    @model_validator(mode="after")
    def _hours_need_an_address(self) -> ContactRoutes:
        if self.hours and not self.address:
            raise RuleViolation("hours", "staat er, maar 'address' ontbreekt. Waar kunnen lezers langskomen?")
        return self


class Contact(ContactRoutes):
    email: Email = hint("Het algemene e-mailadres voor vragen.", label="E-mailadres")
    phone: PhoneNumber | None = hint(
        "Een algemeen telefoonnummer van het netwerk, zoals 050 123 4567. "
        "Nooit een privénummer. Staat op de site en op de posters.",
        label="Telefoon",
        default=None,
    )


# --- Showing a person -----------------------------------------------------------------------------


def shown_person(person: ContactPerson | None, today: dt.date) -> ContactPerson | None:
    """The contact person as readers may see them: None without active consent or without their
    name in the scope; otherwise only the fields in the scope (the others empty). The scope is
    never assumed: a consent without one shows nobody."""
    if person is None or person.consent is None or consent_rule.status(person.consent, today) is not None:
        return None
    scope = set(person.consent.scope or ())
    if "name" not in scope:
        return None
    return person.model_copy(update={name: None for name in PERSON_FIELDS if name not in scope})


Fields = TypeVar("Fields", bound=BaseModel)


def showing_person(data: Fields, group: str, today: dt.date) -> Fields:
    """`data` (an item's fields) with the contact person of its `group` field (a model with a
    `person`, such as a category's `contact`) only as readers may see them (`shown_person`)."""
    routes = getattr(data, group)
    if routes is None or routes.person is None:
        return data
    return data.model_copy(update={group: routes.model_copy(update={"person": shown_person(routes.person, today)})})


def unpublished_values(person: ContactPerson | None, today: dt.date) -> dict[str, str]:
    """The name, e-mail address and phone numbers of a contact person that may not be published
    (all of them without active consent, else those outside the scope), for the check of free text."""
    if person is None:
        return {}
    shown = shown_person(person, today)
    return {
        name: value
        for name in ("name", "email", "phone", "whatsapp")
        if (value := getattr(person, name)) and (shown is None or getattr(shown, name) is None)
    }


def person_problems(person: ContactPerson | None, file: str, field: str, entry: str | None = None) -> list[Problem]:
    """A scope may only name the contact fields (a typo would hide or publish a field by accident)."""
    if person is None:
        return []
    return consent_rule.scope_problems(person.consent, PERSON_FIELDS, file, entry, prefix=f"{field}.consent")


@dataclass(frozen=True)
class Routes:
    """What one page offers to reach a person, as published."""

    email: str
    phone: str | None = None
    whatsapp: str | None = None
    message: str = DEFAULT_MESSAGE
    address: str | None = None
    hours: str | None = None
    person: ContactPerson | None = None  # already as shown (see shown_person)
    organisation: str = ""

    @property
    def phone_link(self) -> str | None:
        return tel_link(self.phone) if self.phone else None

    def whatsapp_link(self, text: str | None = None) -> str | None:
        return whatsapp_link(self.whatsapp, text or self.message) if self.whatsapp else None

    def mail_link(self, subject: str = "Vraag via de website", body: str | None = None) -> str:
        return mailto_link(self.email, subject, (body or self.message) + "\n\n")

    @property
    def personal(self) -> bool:
        """The e-mail address is a person's own (written as entities in the HTML, like every person's)."""
        return bool(self.person and self.person.email and self.person.email == self.email)

    @property
    def spoken(self) -> bool:
        """A route to a voice or a face, not only e-mail."""
        return bool(self.phone or self.whatsapp or self.address)


def routes(contact: Contact, override: ContactRoutes | None, today: dt.date, organisation: str = "") -> Routes:
    """The routes of a page: the category's own (`override`) where it sets them, else the
    network's. A named person's own phone, WhatsApp and e-mail (when in the scope) come first."""

    def pick(name: str) -> Any:
        value = getattr(override, name, None) if override is not None else None
        return value if value is not None else getattr(contact, name)

    # the category's own person, else the network's (a person without consent is never shown)
    person = shown_person(getattr(override, "person", None), today) or shown_person(contact.person, today)
    walk_in = override if override is not None and override.address else contact  # an address with its hours
    return Routes(
        email=(person.email if person and person.email else pick("email")),
        phone=(person.phone if person and person.phone else pick("phone")),
        whatsapp=(person.whatsapp if person and person.whatsapp else pick("whatsapp")),
        message=pick("message") or DEFAULT_MESSAGE,
        address=walk_in.address,
        hours=walk_in.hours,
        person=person,
        organisation=organisation,
    )
