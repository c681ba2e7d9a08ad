"""The consent rule applied to the loaded site, before anything is planned or rendered.

Every type declares the real people its items are about (`ContentType.people`); from them
comes one `Forbidden` (core/privacy.py) for the build's date. Then every published text is
read for those values: the fields, the Markdown body, the file name and the address.

- A name, e-mail address or phone number of a person who never gave consent (or outside the
  scope) is an error: the editor fixes the text, the old site stays.
- A person whose consent ENDED never stops the build. An item that still names or links them
  is held back (not published) with a Dutch warning; an item that cannot be held back (a
  category, the figures, a poster location) has the mention taken out. The rest publishes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..core.contact import ContactPerson
from ..core.loading import LoadContext
from ..core.privacy import Finding, Forbidden, Person, forbidden
from ..core.problems import Notice, Problem
from ..core.settings import SETTINGS_FILE, SiteSettings
from ..core.site import Item, Site
from ..core.sources import strings_in

TAKEN_OUT = "[weggehaald]"
_PARAGRAPHS = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class HeldBack:
    """An item or page that is not published (or had a mention taken out) because it names or
    links a person whose consent ended."""

    source: str
    entry: str | None
    title: str
    person: str
    taken_out: bool = False  # the mention was taken out; the item itself is published
    url: str | None = None  # its page, when it has one
    advice: str = "Haal de persoon uit de tekst; daarna komt het weer online."  # when held back

    def notice(self) -> Notice:
        """Said plainly, with the other items that stay off the site (core.problems.Notice)."""
        if self.taken_out:
            return Notice(
                self.source,
                self.title,
                (
                    f"Privacy: hier is een stuk tekst weggehaald, omdat het {self.person} noemt of linkt, en die "
                    "persoon heeft de toestemming ingetrokken."
                ),
                "Haal de persoon uit de tekst.",
                entry=self.entry,
                kind="taken_out",
                group="privacy",
                short="tekst weggehaald",
            )
        return Notice(
            self.source,
            self.title,
            (
                f"Privacy: wordt niet gepubliceerd, omdat het {self.person} noemt of linkt, en die persoon heeft de "
                "toestemming ingetrokken."
            ),
            self.advice,
            entry=self.entry,
            kind="held_back",
            group="privacy",
            short="tegengehouden",
        )


def people_of(context: LoadContext, site: Site) -> list[Person]:
    """Every real person of every item, published or not (a withdrawn person is not published),
    and the contact person of the settings (data/site.yml)."""
    contact = site.settings.contact.person if site.settings else None
    found = [contact_person(contact)] if contact else []
    for items in context.all_items.values():
        for item in items:
            if item.type.people:
                found += item.type.people(item)
    for gone in context.withdrawn:  # entries that failed validation, of people who withdrew
        name, email, phone = (_text(gone.person, key) for key in ("name", "email", "phone"))
        found.append(Person(name, gone.consent, email, phone, anchor=gone.entry))
    return found


def _text(holder: dict[str, Any], key: str) -> str | None:
    value = holder.get(key)
    return value if isinstance(value, str) else None


def contact_person(person: ContactPerson) -> Person:
    """A contact person (core/contact.py): shown only with their name, and only what the scope names."""
    return Person(
        person.name, person.consent, email=person.email, phone=person.phone, whatsapp=person.whatsapp, named_only=True
    )


def texts_of(item: Item) -> list[tuple[str | None, str]]:
    """(field, text) of everything of an item that is published: its fields, its Markdown
    body, and its file name and address (they become URLs, the sitemap and the feeds)."""
    found: list[tuple[str | None, str]] = list(strings_in(item.data.model_dump(mode="json")))
    if item.body:
        found.append(("tekst", item.body))
    found.append(("bestandsnaam", item.source))
    if item.url:
        found.append(("webadres", item.url))
    if edges := _title_edges(found):
        found.append(("title", edges))
    return found


_TITLES = ("title", "name", "person.name")  # shown right beside the other texts: on cards, in feeds, atop a page
_EDGE_WORDS = 4
_APART = " qq "  # letters no name has: the pieces below never join into one name
_WINDOW = 400  # characters at each end of a text that surely hold its first and last words


def _title_edges(texts: list[tuple[str | None, str]]) -> str:
    """The last words of a title with the first words of every other text, and the other way
    round: 'Een dag met Karin' above 'Proefpersoon vertelt ...' names Karin Proefpersoon."""
    values = [(field, text) for field, text in texts if text != (field or "").rpartition(".")[2]]  # not the keys
    ends = [(text, *_ends(text)) for _, text in values]
    pieces = []
    for title, title_first, title_last in (
        end for (field, _), end in zip(values, ends, strict=True) if field in _TITLES
    ):
        for other, first, last in ends:
            if other is not title and first:
                pieces += [" ".join(title_last + first), " ".join(last + title_first)]
    return _APART.join(pieces)


def _ends(text: str) -> tuple[list[str], list[str]]:
    """The first and the last words of a text, without splitting all of a long one (a body)."""
    if len(text) <= 2 * _WINDOW:
        words = text.split()
        return words[:_EDGE_WORDS], words[-_EDGE_WORDS:]
    first, last = text[:_WINDOW].split()[:-1], text[-_WINDOW:].split()[1:]  # a word at the cut may be cut
    return first[:_EDGE_WORDS], last[-_EDGE_WORDS:]


def review(
    context: LoadContext, site: Site, clean_before: Callable[[str], Container[str]] | None = None
) -> tuple[Site, list[Problem]]:
    """The site without what names people it may not name, and the errors an editor must fix.
    `clean_before`: see `load_site`."""
    rule = forbidden(people_of(context, site), context.today)
    site.extras["forbidden"] = rule
    if not rule:
        return site, []
    if clean_before is not None:
        rule.assume_clean(clean_before(rule.digest()))
    settings, problems, held = _reviewed_settings(site.settings, rule)
    site = replace(site, settings=settings)
    items: dict[str, list[Item]] = {}
    for type_id, published in site.items.items():
        kept = []
        for item in published:
            withdrawn: list[Finding] = []
            for field, finding in _findings_in(item, rule):
                if finding.withdrawn:
                    withdrawn.append(finding)
                else:
                    problems.append(_problem(item.source, item.entry, field, finding))
            if not withdrawn:
                kept.append(item)
                continue
            who = ", ".join(sorted({finding.person for finding in withdrawn}))
            cleaned = None if item.type.withholdable else take_out_of_item(item, rule)
            if cleaned is None and (item.type.withholdable or item.type.held_back_when_stuck):
                advice = item.type.held_back_advice or HeldBack.advice
                held.append(HeldBack(item.source, item.entry, str(item.title), who, url=item.url, advice=advice))
                continue
            if cleaned is None:
                problems.append(
                    Problem(
                        item.source,
                        None,
                        (
                            f"noemt {who}, die de toestemming heeft ingetrokken, op een plek die niet automatisch "
                            "weg kan. Haal de persoon hier weg."
                        ),
                        entry=item.entry,
                    )
                )
                continue
            held.append(HeldBack(item.source, item.entry, str(item.title), who, taken_out=True))
            kept.append(cleaned)
        items[type_id] = kept
    return site.with_items(items, held_back=held), problems


# What the rule found in an item, by the rule's digest and everything `texts_of` reads: `make serve`
# reviews the same items after every save, in the same process. With the digests of its texts the
# rule found clean (build/memo.py keeps those for the next build).
_FOUND: dict[tuple[str, ...], tuple[list[tuple[str | None, Finding]], list[str]]] = {}
_FOUND_LIMIT = 20_000


def _findings_in(item: Item, rule: Forbidden) -> list[tuple[str | None, Finding]]:
    key = (rule.digest(), item.type.id, item.source, item.entry or "", item.url or "", item.body, item.data_json)
    if key not in _FOUND:
        found, clean = [], []
        for field, text in texts_of(item):
            findings, clean_digest = rule.verdict(text)
            found += [(field, finding) for finding in findings]
            clean += [clean_digest] if clean_digest else []
        if len(_FOUND) >= _FOUND_LIMIT:
            _FOUND.clear()
        _FOUND[key] = found, clean
    found, clean = _FOUND[key]
    rule.clean.update(clean)
    return found


def _problem(source: str, entry: str | None, field: str | None, finding: Finding) -> Problem:
    return Problem(
        source,
        field,
        (
            f"noemt '{finding.found}', maar {finding.reason}. Haal dit weg uit de tekst, of leg eerst toestemming "
            "vast (met de datum en de velden die we mogen tonen)."
        ),
        entry=entry,
    )


def _reviewed_settings(settings: SiteSettings, rule: Forbidden) -> tuple[SiteSettings, list[Problem], list[HeldBack]]:
    """The settings are on every page. A person without consent in them is an error in data/site.yml; a
    person whose consent ended is taken out of them (held back, every page would go). The contact
    person's own values are left to their consent (`shown_person`); another person in them is taken out."""
    own = settings.model_dump(exclude={"contact": {"person"}})
    problems: list[Problem] = []
    withdrawn: set[str] = set()
    fields: list[str] = []
    for field, text in strings_in(own):
        for finding in rule.find(text):
            if finding.withdrawn:
                withdrawn.add(finding.person)
                fields.append(field)
            else:
                problems.append(_problem(SETTINGS_FILE, None, field, finding))
    person, named_in_person = settings.contact.person, False
    for field, text in strings_in(person.model_dump(exclude={"consent"}) if person else {}):
        for finding in rule.find(text):
            if person and finding.withdrawn and finding.person != person.name:  # another person, in their role
                withdrawn.add(finding.person)
                fields.append(f"contact.person.{field}")
                named_in_person = True
    if not withdrawn:
        return settings, problems, []
    cleaned = _cleaned(own, rule)
    cleaned["contact"]["person"] = _cleaned(person.model_dump(), rule) if person and named_in_person else person
    who, named = ", ".join(sorted(withdrawn)), ", ".join(dict.fromkeys(fields))
    kept = _first_valid(SiteSettings, (_without_taken_out(cleaned), cleaned))
    if kept is not None:
        return kept, problems, [HeldBack(SETTINGS_FILE, None, f"Instellingen ({named})", who, taken_out=True)]
    # e.g. the general e-mail address was theirs: review_outputs holds back the pages that show it
    advice = (
        f"Zet in {named} iets zonder deze persoon, zoals een algemeen e-mailadres van het netwerk. Tot dan staan "
        "de pagina's die dit tonen niet op de site."
    )
    return settings, problems, [HeldBack(SETTINGS_FILE, None, f"Instellingen ({named})", who, advice=advice)]


def _without_taken_out(value: dict[str, Any]) -> dict[str, Any]:
    """A whole value taken out is better left empty, where the field may be (a contact message)."""
    return {
        key: _without_taken_out(part) if isinstance(part, dict) else part
        for key, part in value.items()
        if part != TAKEN_OUT
    }


def take_out(text: str, rule: Forbidden) -> str:
    """`text` without the lines (and then the paragraphs) that name a person whose consent
    ended; a one-line value that does becomes TAKEN_OUT."""
    if not withdrawn_in(text, rule):
        return text
    if "\n" not in text.strip():
        return TAKEN_OUT
    lines = [line for line in text.split("\n") if not withdrawn_in(line, rule)]
    paragraphs = [part for part in _PARAGRAPHS.split("\n".join(lines)) if not withdrawn_in(part, rule)]
    return "\n\n".join(paragraphs) or TAKEN_OUT


def take_out_of_item(item: Item, rule: Forbidden) -> Item | None:
    """The item with every mention taken out of its fields, or else without the values taken out whole
    (a category's own contact e-mail), or else without the entries of its lists that name the person
    (a poster location whose code is their name); None when none is valid."""
    fields = item.data.model_dump()
    cleaned = _cleaned(fields, rule)
    tries = (
        lambda: cleaned,
        lambda: _without_taken_out(cleaned),
        lambda: _cleaned(_without_entries_naming(fields, rule), rule),
    )
    data = _first_valid(type(item.data), (make() for make in tries))  # each made only when the one before fails
    return item.replace(data=data) if data is not None else None


Model = TypeVar("Model", bound=BaseModel)


def _first_valid(schema: type[Model], candidates: Iterable[dict[str, Any]]) -> Model | None:
    """The first of the cleaned versions that is still valid (the most text kept first)."""
    for candidate in candidates:
        try:
            return schema.model_validate(candidate)
        except ValidationError:
            continue
    return None


def _cleaned(value: Any, rule: Forbidden) -> Any:
    if isinstance(value, str):
        return take_out(value, rule)
    if isinstance(value, list):
        return [_cleaned(part, rule) for part in value]
    if isinstance(value, dict):
        return {key: _cleaned(part, rule) for key, part in value.items()}
    return value


def _without_entries_naming(value: Any, rule: Forbidden) -> Any:
    if isinstance(value, list):
        return [
            _without_entries_naming(part, rule)
            for part in value
            if not (isinstance(part, dict) and any(withdrawn_in(text, rule) for _, text in strings_in(part)))
        ]
    if isinstance(value, dict):
        return {key: _without_entries_naming(part, rule) for key, part in value.items()}
    return value


def withdrawn_in(text: str, rule: Forbidden) -> bool:
    """Whether `text` names a person whose consent ended."""
    return any(finding.withdrawn for finding in rule.find(text))


# --- What readers and scrapers get: every file and path of the finished site ------------------

_BLOCK = re.compile(
    r"<(p|li|dd|dt|td|th|h[1-6]|figcaption|summary|blockquote|a|span|title)\b[^>]*>"
    r"((?:(?!<\1\b).)*?)</\1>",
    re.S,
)
_SKIP = (".png", ".jpg", ".jpeg", ".webp", ".woff2", ".woff", ".ico", ".pdf")


def review_outputs(
    files: dict[str, str | bytes], rule: Forbidden | None, keep: set[str], packaged: set[str]
) -> tuple[dict[str, str | bytes], list[Problem], list[HeldBack]]:
    """The consent rule once more, on what is published: every path, and the text of every file
    made from the content (`packaged` files are the site's own code). A person without consent is
    an error. A person whose consent ended loses the file, or (for the pages in `keep`, which the
    site cannot lose) the text blocks that name them."""
    if not rule:
        return files, [], []
    result, problems, held = {}, [], []
    for path, data in files.items():
        findings = rule.find(path)
        if path not in packaged and not path.endswith(_SKIP):
            findings += rule.find(_unfolded(path, _text_of(data)), markup=path.endswith((".html", ".xml")))
        hard = [finding for finding in findings if not finding.withdrawn]
        problems += [
            Problem(
                f"(de gebouwde site) {path}",
                None,
                (f"noemt '{finding.found}', maar {finding.reason}. Zoek waar dit vandaan komt en haal het weg."),
            )
            for finding in hard
        ]
        who = ", ".join(sorted({finding.person for finding in findings if finding.withdrawn}))
        if not who or hard:
            result[path] = data
            continue
        if path in keep and isinstance(data, str) and not rule.find(path):
            cleaned = _without_blocks(data, rule)
            if not any(finding.withdrawn for finding in rule.find(cleaned, markup=True)):
                result[path] = cleaned
                held.append(HeldBack(path, None, path, who, taken_out=True))
                continue
        held.append(HeldBack(path, None, path, who))
    return result, problems, held


def _unfolded(path: str, text: str) -> str:
    """A calendar file's long lines are folded (CRLF and a space, RFC 5545 3.1), also inside a
    name: read them as one line, and its escaped commas and semicolons as written."""
    if not path.endswith(".ics"):
        return text
    return re.sub(r"\r?\n[ \t]", "", text).replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")


def _text_of(data: str | bytes) -> str:
    if isinstance(data, bytes):
        if data[:2] == b"\x1f\x8b":
            import gzip

            try:
                data = gzip.decompress(data)
            except OSError:
                return ""
        return data.decode("utf-8", errors="replace")
    return data


def _without_blocks(page: str, rule: Forbidden) -> str:
    """The page without the smallest text blocks (paragraphs, list items, links ...) that name a
    person whose consent ended."""

    def replace(match: re.Match[str]) -> str:
        if any(finding.withdrawn for finding in rule.find(match.group(0), markup=True)):
            return f"<{match.group(1)}>{TAKEN_OUT}</{match.group(1)}>"
        return match.group(0)

    for _ in range(5):  # inner blocks first, then the blocks around them
        cleaned = _BLOCK.sub(replace, page)
        if cleaned == page:
            break
        page = cleaned
    return page
