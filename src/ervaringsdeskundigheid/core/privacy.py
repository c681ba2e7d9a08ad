"""What may not be published about people: the names, e-mail addresses and phone numbers of
people without active consent, and the fields outside a consent's scope.

The rule reads text the way a reader or a scraper does, not the way it was typed. `fold`
undoes disguises: HTML entities and %-escapes are decoded, invisible characters (zero-width,
soft hyphen, word joiner, BOM, bidi marks) dropped, compatibility forms folded (NFKC), letters of other scripts
that look like Latin ones read as those (Unicode's confusables), the rest transliterated
(`anyascii`), "[at]"/"punt" read as an e-mail address. The match then reads only letters and
digits (`_letters`) and where each run of them started and ended (`_run_bounds`): a name matches
across any separators, emphasis or markup inside it ("Pe**tr**a", "Petra-Geheim", "Pe<a>tra</a>"),
but only as whole words ("Ann Jansen" does not match "Annemiek Jansens"). Phone numbers match as digits across any separators.

All values are searched at once (Aho-Corasick), so the work grows with the text, not with the
number of people times the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import string
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Container
from importlib import resources
from itertools import accumulate, product
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import unquote

import ahocorasick
from anyascii import anyascii

from .text import text_key

if TYPE_CHECKING:
    from .consent import Consent

_TAG = re.compile(r"<[^<>]*>")
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_RUN = re.compile(r"[a-z]+|[0-9]+")
_NOT_LETTERS = bytes(sorted(set(range(256)) - set(b"abcdefghijklmnopqrstuvwxyz0123456789")))
# "petra [at] geheim punt nl", "petra (at) geheim (dot) nl", "petra apenstaartje geheim.nl"
_AT = re.compile(r"\s*[\[({]\s*(?:at|@)\s*[\])}]\s*|\s+(?:at|apenstaartje)\s+")
_DOT = re.compile(r"\s*[\[({]\s*(?:dot|punt)\s*[\])}]\s*|\s+(?:dot|punt)\s+")
_ANCHOR_REF = re.compile(r"#([a-z0-9][a-z0-9_-]*)")  # a link to a place on a page: '#karin-proef'
MIN_NAME_WORDS = 2  # a single word could be anyone's first name or a pseudonym
MIN_PHONE_DIGITS = 8
COMMON_WORD_INITIAL = "u"  # the polite 'you' before a surname that is also a word


@lru_cache(maxsize=1)
def _look_alikes() -> dict[int, str]:
    """Letters of other scripts that look like a Latin letter or digit (Unicode's confusables,
    as shipped by `confusable_homoglyphs`): Cyrillic 'р' reads as 'p', not as its sound 'r'."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table: dict[int, str] = {}
    for latin in string.ascii_lowercase + string.ascii_uppercase + string.digits:
        for glyph in data.get(latin, ()):
            char = glyph["c"]
            if len(char) == 1 and not char.isascii():
                table.setdefault(ord(char), latin)
    return table


@lru_cache(maxsize=1)
def _invisible() -> dict[int, None]:
    """Characters that show nothing: format characters (zero-width, soft hyphen, word joiner,
    BOM, bidi marks, tags), variation selectors, the combining grapheme joiner, fillers."""
    table = {cp: None for cp in range(0x10000) if unicodedata.category(chr(cp)) == "Cf"}
    table.update({cp: None for cp in range(0xE0000, 0xE0080)})
    table.update({cp: None for cp in (*range(0xFE00, 0xFE10), 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x180E)})
    return table


def fold(text: str) -> str:
    """The text as a reader or scraper reads it, in plain lower-case ASCII."""
    return _spelled_out(_fold_plain(text))


def _fold_plain(text: str) -> str:
    """`fold` without reading 'at' and 'punt' as '@' and '.': the words a name can also hold
    ('Karin Punt')."""
    for _ in range(2):  # '&amp;#97;' is '&#97;' is 'a'
        if "&" not in text:
            break
        text = html.unescape(text)
    if "%" in text:
        text = unquote(unquote(text))
    if not text.isascii():
        text = _fold_unicode(text)
    return text.lower()


def _spelled_out(text: str) -> str:
    """'petra at geheim punt nl' as the address it spells."""
    shaped = _shape(text)
    if b" at " in shaped or b" @ " in shaped or b"apenstaartje" in shaped:
        text = _AT.sub("@", text)
        shaped = _shape(text)
    if b" dot " in shaped or b" punt " in shaped:
        text = _DOT.sub(".", text)
    return text


_OTHER = re.compile(r"[^\x00-\x7f]+")
_PIECE = 256


def _fold_unicode(text: str) -> str:
    """Only the runs of other characters, each with the ASCII letter before it (a combining accent
    joins that letter), are folded: every step works per character or within such a run, so this
    gives the text that folding all of it gives, without walking the ASCII in Python. (A page has
    a few such characters: the pattern looks only in the pieces of 256 characters that have them.)"""
    parts, done = [], 0
    for start, end in _other_pieces(text):
        for run in _OTHER.finditer(text, start, end):
            begin = max(run.start() - 1, done)
            folded = unicodedata.normalize("NFKC", text[begin : run.end()].translate(_invisible()))
            parts += [text[done:begin], folded if folded.isascii() else anyascii(folded.translate(_look_alikes()))]
            done = run.end()
    return "".join(parts) + text[done:]


def _other_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of whole pieces that are not plain ASCII; neighbouring
    pieces are joined, so a run of other characters never crosses an end."""
    stretches: list[tuple[int, int]] = []
    for start in range(0, len(text), _PIECE):
        if not text[start : start + _PIECE].isascii():
            end = min(start + _PIECE, len(text))
            stretches[-1:] = (
                [(stretches[-1][0], end)]
                if stretches and stretches[-1][1] == start
                else stretches[-1:] + [(start, end)]
            )
    return stretches


# Whitespace (as the patterns' \s reads it) and brackets as a space: where `_AT` or `_DOT` can match,
# the text so shaped has ' at ', ' @ ', ' dot ' or ' punt ' (searching a long page with the patterns is slow).
_SHAPE = bytes.maketrans(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f[{(]})", b" " * 15)


def _shape(text: str) -> bytes:
    return text.encode("ascii", errors="replace").translate(_SHAPE)


def without_markup(text: str) -> str:
    """Text without HTML tags and Markdown link targets, the text around them joined: a name
    split by a link or by emphasis reads as one word again."""
    return _TAG.sub("", _LINK_TARGET.sub("]", text))


def squeeze(value: str) -> str:
    """A value as the projection sees it: its letters and digits only."""
    return _letters(fold(value))


def _letters(folded: str) -> str:
    """The letters and digits of a folded (ASCII) text, joined: what values are matched against."""
    return folded.encode("ascii", errors="replace").translate(None, _NOT_LETTERS).decode("ascii")


def _run_bounds(folded: str) -> set[int]:
    """Where, in its letters, each run of letters or of digits starts or ends: a match must start
    and end on one (whole words only)."""
    return set(accumulate((len(run) for run in _RUN.findall(folded)), initial=0))


@dataclass(frozen=True)
class Person:
    """A real person an item is about, with the values that identify them and their consent."""

    name: str | None
    consent: Consent | None
    email: str | None = None
    phone: str | None = None
    whatsapp: str | None = None
    anchor: str | None = None  # their place on the site ('#anchor'): a link to it names them too
    named_only: bool = False  # shown only with their name: without 'name' in scope, nothing is


@dataclass(frozen=True)
class Finding:
    found: str  # the value as the person has it (what may not be published)
    reason: str  # Dutch: why it may not be published
    person: str  # who, as editors know them (name, or file and entry)
    withdrawn: bool  # the consent ended: hold back, never stop the build


@dataclass(frozen=True, order=True)
class Form:
    """A way a value is written, as its letters and digits (`key`). `apart`: the places in the key
    where a word must end, around an initial ('K. Proef' is no 'kproef' word; 'L. Ang' is not
    'lang'); one set of places per way of writing that gives these letters ('X. Xx' and 'Xx, X.'
    for Xr Xx). `written`: the value in full (a name's words in any order, an address, a number),
    not a form made from it (initials, 'Proefs')."""

    key: str
    apart: tuple[tuple[int, ...], ...] = ((),)
    written: bool = True

    def __or__(self, other: Form) -> Form:
        """The same letters written either way."""
        return Form(self.key, tuple(sorted({*self.apart, *other.apart})), self.written or other.written)


@dataclass
class Forbidden:
    """The values that may not be published, each with why; `find` reads any text for them."""

    _values: dict[str, Finding] = field(default_factory=dict)  # key -> finding
    _forms: dict[str, Form] = field(default_factory=dict)  # key -> how it must stand in a text
    _allowed: dict[str, bool] = field(default_factory=dict)  # key -> written in full (see `allow`)
    _links: dict[str, Finding] = field(default_factory=dict)  # '#anchor' of a withdrawn person
    _automaton: Any = None  # an ahocorasick.Automaton; False: nothing to find; None: not built
    _findings: _Findings | None = None  # what it found per text; None: not yet linked (see _memory)
    _clean_before: Container[str] = frozenset()  # digests of texts this very rule found clean before
    clean: set[str] = field(default_factory=set)  # digests of the texts it found clean (build/memo.py keeps them)

    def add(
        self,
        finding: Finding,
        name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        anchor: str | None = None,
    ) -> None:
        forms = [(form, name) for form in name_forms(name)] if name else []
        if email:
            forms.append((Form(squeeze(email)), email))
        if phone:
            digits = "".join(ch for ch in fold(phone) if ch.isdigit())
            if len(digits) >= MIN_PHONE_DIGITS:
                forms += [(Form(variant), phone) for variant in _phone_variants(digits)]
        for form, value in forms:
            if not form.key:
                continue
            if form.key not in self._values:
                self._values[form.key] = Finding(value, finding.reason, finding.person, finding.withdrawn)
            known = self._forms.get(form.key)  # the same letters as another value: either way counts
            self._forms[form.key] = form if known is None else known | form
        if anchor:
            self._links.setdefault(anchor, Finding(f"#{anchor}", finding.reason, finding.person, finding.withdrawn))
        self._changed()

    def allow(self, *values: str | None) -> None:
        """A value a public person shows is theirs to show, also when someone else has it too. Only
        a value in full frees another person's value in full: a public Jan Smit's 'Jan Smits'
        (his, in Dutch) does not free the name of a Jan Smits who withdrew."""
        for value in values:
            if value:
                for form in (Form(squeeze(value)), *name_forms(value)):
                    self._allowed[form.key] = self._allowed.get(form.key, False) or form.written
        self._changed()

    def _changed(self) -> None:
        """What this rule knew of texts was known of the rule before this change, not of this one."""
        self._automaton = self._findings = None
        self._clean_before, self.clean = frozenset(), set()

    def __bool__(self) -> bool:
        return bool(self._values or self._links)

    def _memory(self) -> _Findings:
        """What this rule found per text, begun with what the previous rule found when it forbade
        exactly the same: a build reads each page once and more, and the local preview reads the
        same pages again after every save."""
        if self._findings is None:
            key = self._key()
            earlier = _Findings.newest
            self._findings = _Findings(key, earlier.recent if earlier and earlier.key == key else {})
            _Findings.newest = self._findings
        return self._findings

    def _key(self) -> tuple[Any, ...]:
        return (
            tuple(sorted(self._values.items())),
            tuple(sorted(self._forms.values())),
            tuple(sorted(self._allowed.items())),
            tuple(sorted(self._links.items())),
        )

    def digest(self) -> str:
        """What this rule forbids and allows, as a digest: equal for equal rules, and no value can be
        read from it (build/memo.py keeps it on disk)."""
        return hashlib.sha256(repr(self._key()).encode("utf-8", "surrogatepass")).hexdigest()

    def _search(self) -> Any:
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for key, finding in self._values.items():
                form = self._forms[key]
                if key not in self._allowed or (form.written and not self._allowed[key]):
                    automaton.add_word(key, (len(key), form.apart, finding))
            if len(automaton):
                automaton.make_automaton()
                self._automaton = automaton
            else:
                self._automaton = False
        return self._automaton

    def find(self, text: str, markup: bool = False) -> list[Finding]:
        """Every forbidden value in `text`, read as written (attributes, link targets and all) and,
        when it has markup, as shown (the text of tags and links joined). `markup` is accepted
        for clarity; markup is recognised either way."""
        return self.verdict(text)[0]

    def verdict(self, text: str) -> tuple[list[Finding], str | None]:
        """What `find` gives, and the text's digest (`text_key`) when it read the text and found it
        clean: another process `remember`s both."""
        if not text or not self:
            return [], None
        memory = self._memory()
        found = memory.recall(text)
        if found is not None:
            return list(found), None
        key = text_key(text)
        found = [] if key in self._clean_before else self._read(text)
        memory.keep(text, found)
        if found:
            return list(found), None
        self.clean.add(key)
        return [], key

    def assume_clean(self, digests: Container[str]) -> None:
        """The digests (`text_key`) of texts this very rule found clean in an earlier build: they
        are not read again. Only the caller knows it was this very rule (build/memo.py: the file's
        version holds `digest()`)."""
        self._clean_before = digests

    def remember(self, text: str, found: list[Finding], clean: str | None = None) -> None:
        """What `verdict` gave for `text` elsewhere (in a worker process), so it is not read again here."""
        if text and self:
            self._memory().keep(text, list(found))
            if clean:
                self.clean.add(clean)

    def _read(self, text: str) -> list[Finding]:
        found, folded = self._in_both(text)
        if "<" in text or "](" in text:
            found += self._in_both(without_markup(text))[0]
        if self._links and "#" in folded:
            found += [self._links[ref] for ref in _ANCHOR_REF.findall(folded) if ref in self._links]
        return sorted(set(found), key=lambda f: (f.person, f.found))

    def _in_both(self, text: str) -> tuple[list[Finding], str]:
        """What `text` names, read with spelled-out addresses as addresses and, where it has them,
        as words too: 'Karin Punt vertelt' is not 'karin.vertelt'. And the text so folded."""
        plain = _fold_plain(text)
        folded = _spelled_out(plain)
        return self._in(folded) + (self._in(plain) if plain != folded else []), folded

    def _in(self, folded: str) -> list[Finding]:
        automaton = self._search()
        if not automaton:
            return []
        candidates = list(automaton.iter(_letters(folded)))
        if not candidates:
            return []
        bounds = _run_bounds(folded)  # only for a text that may name someone
        return [
            finding
            for end, (length, ways, finding) in candidates
            if end + 1 in bounds
            and any({end + 1 - length + offset for offset in (0, *apart)} <= bounds for apart in ways)
        ]


class _Findings:
    """Findings per text, of one rule. It keeps what this build asked for and, until asked, what
    the build before it found: a text no build asks for any more is forgotten."""

    newest: ClassVar[_Findings | None] = None  # of the rule made last in this process

    def __init__(self, key: tuple[Any, ...], earlier: dict[str, list[Finding]]):
        self.key = key
        self.recent: dict[str, list[Finding]] = {}
        self._earlier = earlier

    def recall(self, text: str) -> list[Finding] | None:
        found = self.recent.get(text)
        if found is None and (found := self._earlier.pop(text, None)) is not None:
            self.recent[text] = found
        return found

    def keep(self, text: str, found: list[Finding]) -> None:
        self.recent[text] = found


def name_forms(name: str) -> list[Form]:
    """A name as written, with its surname first, as lists sorted by surname have it ('Karin van
    der Proef' is also 'Proef, Karin van der' and 'van der Proef, Karin'), with any of its words but
    the last as initials ('K. van der Proef', 'Karin v.d. Proef', 'J.W. de Vries', 'Jan W. de Vries',
    'de Vries, J.W.'; an initial stands apart from the words around it), and as Dutch writes whose
    it is, without an apostrophe ('Karin van der Proefs verhaal')."""
    words = [word for word in name.split() if squeeze(word)]
    if len(words) < MIN_NAME_WORDS:
        return []
    choices = [[(squeeze(word), False), *((initial, True) for initial in sorted(_initials(word)))] for word in words]
    choices[-1] = choices[-1][:1]  # the surname itself is always written out
    forms: dict[str, Form] = {}
    for start in range(len(words)):
        for parts in product(*choices[start:], *choices[:start]):
            key, apart, before = "", [], None
            for letters, initial in parts:
                if before is not None and initial != before:
                    apart.append(len(key))
                key += letters
                before = initial
            written = not any(initial for _, initial in parts)
            made = [Form(key, (tuple(apart),), written)]
            if start == 0 and written:
                made.append(Form(key + "s", written=False))
            for form in made:
                forms[form.key] = forms[form.key] | form if form.key in forms else form
    return list(forms.values())


def _initials(first_name: str) -> set[str]:
    """A first name as initials: 'K.'; 'A.M.' for 'Anne-Marie' (an initial per part); 'IJ.' for
    'IJsbrand' (Dutch writes the IJ as one letter)."""
    parts = [part for part in re.split(r"[^a-z0-9]+", fold(first_name)) if part]
    if not parts:
        return set()
    digraphs = "".join(part[:2] if part.startswith("ij") else part[:1] for part in parts)
    # Not 'u' alone: 'Bent u bakker?' is no 'U. Bakker' (the rule reads letters, not capitals or stops).
    return {parts[0][:1], "".join(part[:1] for part in parts), digraphs} - {COMMON_WORD_INITIAL}


def _phone_variants(digits: str) -> list[str]:
    """A Dutch number as written at home and from abroad: 0612345678, 31612345678, 0031612345678
    (also with the trunk zero kept, as in '+31 (0)6 12345678')."""
    if digits.startswith("0031"):
        digits = digits[2:]
    if digits.startswith("310") and len(digits) == 12:
        digits = "31" + digits[3:]
    if digits.startswith("31") and len(digits) == 11:
        digits = "0" + digits[2:]
    if digits.startswith("0") and not digits.startswith("00"):
        return [digits, "31" + digits[1:], "0031" + digits[1:]]
    return [digits]


IDENTIFYING = ("name", "email", "phone")


def forbidden(people: list[Person], today: dt.date) -> Forbidden:
    """What may not be published of these people on `today`: everything of a person without
    active consent, and of a person with consent the identifying fields outside its scope.
    A value that a person with consent shows stays allowed."""
    from .consent import scope_of, status

    rule = Forbidden()
    shown: list[str | None] = []
    for person in people:
        reason = status(person.consent, today)
        who = person.name or person.email or person.phone or "een persoon"
        values = {"name": person.name, "email": person.email, "phone": person.phone, "whatsapp": person.whatsapp}
        if reason:
            withdrawn = reason == "toestemming ingetrokken"
            why = {
                "geen toestemming": f"{who} heeft geen toestemming gegeven",
                "toestemming ingetrokken": f"{who} heeft de toestemming ingetrokken",
                "toestemming gaat later in": f"de toestemming van {who} gaat pas later in",
            }.get(reason, f"{who}: {reason}")
            hidden, finding, anchor = values, Finding("", why, who, withdrawn), person.anchor if withdrawn else None
        else:
            scope = scope_of(person.consent) if person.consent is not None else set()
            if person.named_only and "name" not in scope:
                scope = set()
            hidden = {key: value for key, value in values.items() if key not in scope}
            label = person.name if "name" in scope else "deze persoon"
            finding, anchor = Finding("", f"de toestemming van {label} geldt niet voor dit gegeven", who, False), None
            shown += [value for key, value in values.items() if key in scope]
        rule.add(finding, name=hidden.get("name"), email=hidden.get("email"), phone=hidden.get("phone"), anchor=anchor)
        if hidden.get("whatsapp"):
            rule.add(finding, phone=hidden["whatsapp"])
    rule.allow(*shown)
    return rule
