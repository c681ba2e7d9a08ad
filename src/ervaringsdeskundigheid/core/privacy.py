"""What may not be published about people: the names, e-mail addresses and phone numbers of
people without active consent, and the fields outside a consent's scope.

The rule reads text the way a reader or a scraper does, not the way it was typed. `fold`
undoes disguises: HTML entities and %-escapes are decoded, invisible characters (zero-width,
soft hyphen, word joiner, BOM, bidi marks) dropped, compatibility forms folded (NFKC), letters of other scripts
that look like Latin ones read as those (Unicode's confusables), the rest transliterated
(`anyascii`), "[at]"/"punt" read as an e-mail address (and as words too). The match then reads only
letters and digits (`_letters`) and where each run of them started and ended (`_run_bounds`): a name
matches across separators, emphasis or markup inside it ("Pe**tr**a", "Petra-Geheim", "Pe<a>tra</a>"),
but only as whole words ("Ann Jansen" does not match "Annemiek Jansens"), and in the ways a name is
written (`name_forms`: initials, surname first; `Way`: where its words and sentences may end, so that
ordinary words do not spell a short name). Phone numbers match as digits across any separators.

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
from collections.abc import Container, Iterable
from importlib import resources
from itertools import accumulate, product, takewhile
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import unquote

import ahocorasick
from anyascii import anyascii

from .text import text_key

if TYPE_CHECKING:
    from .consent import Consent

# A tag starts as HTML's do ('Kinderen < 12 jaar' is text); a '>' may stand in a quoted value.
_TAG = re.compile(r"<!--.*?-->|<[a-zA-Z/!?](?:[^<>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
# Tags that start a line or a cell as shown ('<dt>Trainer</dt><dd>Karin' is 'Trainer' and 'Karin'), and
# the values of attributes a reader or a screen reader is shown.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|dl|dt|dd|td|th|tr|table|caption|h[1-6]|br|hr|section|article|header|footer|nav|"
    r"main|aside|blockquote|figure|figcaption|details|summary|label|option|button|pre)\b"
    r"(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>",
    re.IGNORECASE,
)
_SHOWN_ATTRIBUTE = re.compile(r"""\s(?:alt|title|aria-label|placeholder|content)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|\]\[[^\[\]]*\]")  # [tekst](doel), [tekst][1]
_RUN = re.compile(r"[a-z]+|[0-9]+")
_SPACE = re.compile(r"\s")
_SENTENCE_END = re.compile(r"[.!?]\s|[!?]")  # between two words: 'door het bos. Ria vond'
# Letters that are no word of their own: 't, 'n, 's, zo'n, m'n; 2e, 3de, 1ste. They are read as
# nothing, in names and texts alike: 'in 't Veld' is no 'T. Veld', 'zo'n bakker' no 'N. Bakker'.
_CLITIC = re.compile(r"'[a-z]\b")
_ORDINAL = re.compile(r"([0-9]+)(?:ste|de|e)\b")
_NICKNAME = re.compile(r"\s[('\"][a-z]+[)'\"]\s")  # 'Karin "Kaatje" Proef', 'Karin (Kaatje) Proef'
_NOT_LETTERS = bytes(sorted(set(range(256)) - set(b"abcdefghijklmnopqrstuvwxyz0123456789")))
# "petra [at] geheim punt nl", "petra (at) geheim (dot) nl", "petra apenstaartje geheim.nl"
_AT = re.compile(r"\s*[\[({]\s*(?:at|@|a|apen?staartje)\s*[\])}]\s*|\s+(?:at|apen?staartje)\s+|[_-]at[_-]")
_PLUS_TAG = re.compile(r"\+[a-z0-9._-]*(?=@)")  # 'karin.proef+nieuws@example.org' reaches karin.proef@
_DOT = re.compile(r"\s*[\[({]\s*(?:dot|punt)\s*[\])}]\s*|\s+(?:dot|punt)\s+")
# Digits and marks written for letters inside a word ('K4rin Pr0ef', 'Wi11em', 'K@rin'), and letters
# for digits inside a number ('O6 I2345678'): read as what they stand for as well (`_look_alike_readings`).
# Beside a letter, or alone among letters spelled one by one ('R.1.a B.0.s', 'K 4 R I N').
_MAY_LOOK_ALIKE = re.compile(
    r"[0-9!|$@](?:(?<=[a-z].)|(?=[a-z])"  # beside a letter
    r"|(?<=(?<![a-z0-9])[a-z][^a-z0-9\n].)(?![a-z0-9])"  # alone after a letter alone: 'R.1.a'
    r"|(?<![a-z0-9].)(?=[^a-z0-9\n][a-z](?![a-z0-9])))"  # alone before a letter alone: 'B 0 s'
)
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789!|$@")
_CASED_WORD_CHARS = _WORD_CHARS | frozenset(string.ascii_uppercase)
_LOOK_ALIKE_CHARS = frozenset("0123456789!|$@")
_ORDINAL_WORD = re.compile(r"[0-9]+(?:e|de|ste)")  # '1e' is 'eerste', not 'le'
# An address's last '@', before a domain that ends as domains do ('K@rin.Proefpersoon' is no address).
_ADDRESS_SIGN = re.compile(r"@(?=[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?![a-z0-9-]))(?![^\s@]*@)")
_LETTER_LOOK_ALIKES = {"0": "o", "3": "e", "4": "a", "5": "s", "$": "s", "7": "t", "8": "b", "9": "g", "@": "a"}
_DIGIT_LETTERS = frozenset("oilsbz")  # letters written for digits: 'O6 I2345678', '1234S678'
_LONGEST_LOOK_ALIKE_WORD = 80  # characters: longer runs are codes (base64, hashes), no part of a name
_AS_LETTERS = [str.maketrans({**_LETTER_LOOK_ALIKES, **dict.fromkeys("1!|", one)}) for one in "il"]  # 'Kar1n', 'Wi11em'
_MIXED_ONES = 4  # a word with two to four of '1', '!', '|' is also read with each as an 'i' or an 'l': 'W!||em'
# A capital I inside a word looks like an 'l' (or an 'i'): 'WiIIem', 'PauIa', 'Wi1Iem'. Not a first one: 'Ieder'
# and 'Ian' are no 'Leder' and 'Lan'. The 'I' comes first in the pattern: the search skips to each one.
_CAPITAL_I = re.compile(r"I(?<=[a-z0-9!|$@]I)I*")
_DOUBLE_V = re.compile(r"(?<![A-Z])VV(?=[a-z])")  # 'VVillem', 'EdVVin' show a 'W'; a club's 'VV' and 'VVV' stay
_MIXED_LETTERS = 3  # '11a', 'A11', '11am' (codes, house numbers) are not read with a '1' as both 'i' and 'l'
_DIGIT_LOOK_ALIKES = str.maketrans("oilsbz", "011582")
_ANCHOR_REF = re.compile(r"#([a-z0-9][a-z0-9_-]*)")  # a link to a place on a page: '#karin-proef'
MIN_NAME_WORDS = 2  # a single word could be anyone's first name or a pseudonym
MIN_PHONE_DIGITS = 8
COMMON_WORD_INITIAL = "u"  # the polite 'you' before a surname that is also a word
TITLES = {"mw", "mevr", "dhr", "hr", "mr", "dr", "drs", "ir", "ing", "prof", "st"}  # 'mw. Bakker' is anyone
TWO_LETTER_INITIALS = ("chr", "th", "ch", "ph")  # 'Th. van Dijk', 'Chr. Jansen'
NAME_REACH = 80  # characters: a name before or after a nickname is no longer than this
MAX_NAME_WORDS_AS_INITIALS = 6  # longer 'names' (a sentence pasted by mistake) are matched as written
# Ordinary words spell a short name across their breaks ('Hoe kan' is 'Hoek An'): in a name of up to
# this many letters, a space or a sentence end may stand only where the name's words meet (a mark
# inside a word, 'R-i-a', is a disguise: `_breaks`). A longer name is read across any break.
SHORT_NAME_LETTERS = 8
_JOINERS = str.maketrans("", "", "*_~`")  # emphasis inside a word joins it: 'Pe**tr**a' is 'Petra'


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
    return _as_shown(text).lower()


def _as_shown(text: str) -> str:
    """The text in plain ASCII as a reader sees it, with its capitals (`_fold_plain` before lower case)."""
    for _ in range(2):  # '&amp;#97;' is '&#97;' is 'a'
        if "&" not in text:
            break
        text = html.unescape(text)
    if "%" in text:
        text = unquote(unquote(text))
    if not text.isascii():
        text = _fold_unicode(text)
    if "VV" in text:
        text = _DOUBLE_V.sub("W", text)
    return text


def _spelled_out(text: str) -> str:
    """'petra at geheim punt nl' as the address it spells."""
    shaped = _shape(text)
    if any(spelled in shaped for spelled in (b" at ", b" @ ", b" a ", b"staartje", b"_at_", b"-at-")):
        text = _AT.sub("@", text)
        shaped = _shape(text)
    if b" dot " in shaped or b" punt " in shaped:
        text = _DOT.sub(".", text)
    if "+" in text:
        text = _PLUS_TAG.sub("", text)
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


def shown_apart(text: str) -> str:
    """Text as shown: without tags and link targets, but the words of two lines, cells or list items
    apart, and with the attributes a reader is shown (alt, title) after it."""
    shown = " ".join(double or single for double, single in _SHOWN_ATTRIBUTE.findall(text)) if "=" in text else ""
    return f"{without_markup(_BLOCK_TAG.sub(' ', text))} {shown}"


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


def _breaks(folded: str) -> tuple[set[int], set[int]]:
    """Where, in its letters, a sentence ends between two words, and where a word is broken as
    disguises break one: by a mark without a space ('R-i-a', 'B.o.s'), or letter by letter
    ('R i a'). Ordinary words are apart by a space ('Hoe kan')."""
    ends, broken, at, last, before = set(), set(), 0, 0, 0
    for run in _RUN.finditer(folded):
        if at:
            gap = folded[last : run.start()]
            if _SENTENCE_END.search(gap):
                ends.add(at)
            if not _SPACE.search(gap) or before == len(run.group()) == 1:
                broken.add(at)
        before = len(run.group())
        at, last = at + before, run.end()
    return ends, broken


def _look_alike_words(plain: str) -> list[tuple[int, str]]:
    """Where a word mixes digits or marks with letters ('K4rin', 'O6'), but no ordinal ('1e') and no
    run longer than a name's word."""
    words: list[tuple[int, str]] = []
    covered = 0
    for hit in _MAY_LOOK_ALIKE.finditer(plain):
        if hit.start() < covered:
            continue  # in the word before
        start, covered = _widened(plain, hit.start(), hit.end(), covered, _WORD_CHARS)
        word = plain[start:covered]
        if len(word) <= _LONGEST_LOOK_ALIKE_WORD and not _ORDINAL_WORD.fullmatch(word):
            words.append((start, word))
    return words


def _widened(text: str, start: int, end: int, floor: int, chars: frozenset[str]) -> tuple[int, int]:
    """The whole word of `chars` around text[start:end], not reaching back before `floor`."""
    while start > floor and text[start - 1] in chars:
        start -= 1
    while end < len(text) and text[end] in chars:
        end += 1
    return start, end


@dataclass(frozen=True)
class _Keys:
    """The letters a rule looks for (one key per line), and every one, two and three letters in a row
    of them: a word is part of a key only if each of its three-letter windows is one of those."""

    text: str
    grams: frozenset[str]

    @classmethod
    def of(cls, keys: Iterable[str]) -> _Keys:
        keys = list(keys)
        grams = frozenset(
            key[at : at + size] for key in keys for size in (1, 2, 3) for at in range(len(key) - size + 1)
        )
        return cls("\n".join(keys), grams)

    def hold(self, letters: str) -> bool:
        if len(letters) <= 3:
            return letters in self.grams
        return all(letters[at : at + 3] in self.grams for at in range(len(letters) - 2)) and letters in self.text


def _may_spell(words: list[tuple[int, str]], keys: _Keys) -> bool:
    """Whether a word, read as the letters its digits and marks stand for, holds three letters in a
    row of one of the `keys` around one it changed: the text is then worth reading again as shown
    (`shown_apart`). Glued to a tag's neighbour ('Trainer</dt><dd>K4rin' is 'trainerk4rin'), the
    word itself need not be part of a key."""
    for start, word in words:
        if len(word) == 1:
            continue  # a letter spelled apart: its text was read alone while loading
        for option in (*_as_letters(word, start, set()), *_as_digits(word, start, set())):
            for index in (index for index, char in enumerate(word) if option[index] != char):
                for at in range(max(0, index - 2), min(index, len(option) - 3) + 1):
                    if _letters(option[at : at + 3]) in keys.grams:
                        return True
    return False


def _look_alike_readings(plain: str, words: list[tuple[int, str]], keys: _Keys) -> list[str]:
    """The text with the digits and marks that stand for letters inside a word read as those
    letters ('K4rin Pr0ef', 'Wi11em', 'K@rin'), and with the letters that stand for digits inside a
    number read as digits ('O6 I2345678'). A word is read so only where that makes it part of one
    of the `keys`, as the first choice that does: the word without a '!' that ends a sentence, also
    without a '|' or '@' around it ('|K4rin|', '@K4rin'), the word, the word without digits after it
    ('Pr0ef1'); a '1' as an 'i' or an 'l'. An address's own '@' stays."""
    signs = {sign.start() for sign in _ADDRESS_SIGN.finditer(plain)} if "@" in plain else set()
    readings = []
    for read in (_as_letters, _as_digits):
        parts: list[str] = []
        done = 0
        for start, word in words:
            read_as = word
            choices = (word.rstrip("!"), word.lstrip("@|").rstrip("!|"), word, word.rstrip("!0123456789"))
            # 'al!', 'Nee!': a sentence's end, no look-alike
            for choice in dict.fromkeys(choices) if _LOOK_ALIKE_CHARS.intersection(choices[0]) else ():
                head = word.find(choice) if choice else -1
                option = next((o for o in read(choice, start + head, signs) if keys.hold(_letters(o))), None)
                if head >= 0 and option is not None:
                    read_as = word[:head] + option + word[head + len(choice) :]
                    break
            parts += [plain[done:start], read_as]
            done = start + len(word)
        if (reading := "".join(parts) + plain[done:]) != plain:
            readings.append(reading)
    return readings


def _as_letters(word: str, at: int, signs: set[int]) -> list[str]:
    if len(word) == 2:
        return []  # '3D', '7a', 'T4', 'A1': codes, not a two-letter word written with a digit
    options = [word.translate(table) for table in _AS_LETTERS]
    ones = [index for index, char in enumerate(word) if char in "1!|"]
    if 1 < len(ones) <= _MIXED_ONES and sum(char.isalpha() for char in word) >= _MIXED_LETTERS:
        for letters in product("il", repeat=len(ones)):
            if len(set(letters)) > 1:  # all 'i' or all 'l': the two above
                chars = list(options[0])
                for index, letter in zip(ones, letters, strict=True):
                    chars[index] = letter
                options.append("".join(chars))
    kept = {index for index, char in enumerate(word) if char == "@" and at + index in signs}
    if kept:  # 'k@rin.proef@example.org': the second is the address's
        options = ["".join("@" if index in kept else char for index, char in enumerate(o)) for o in options]
    return options


def _with_capital_i_read(shown: str) -> str:
    """A text as shown (`_as_shown`), emphasis joined, in small letters with a '|' (an 'i' or an 'l')
    for each capital I that may stand for an 'l'."""
    return _CAPITAL_I.sub(lambda capitals: "|" * len(capitals.group()), shown.translate(_JOINERS)).lower()


def _capital_i_words(shown: str, keys: _Keys) -> list[tuple[int, str]]:
    """The words (`_look_alike_words`) where a capital I may stand for an 'l', read so: only where the
    'l' and a letter before or after it are in a key ('LinkedIn' is read for no one)."""
    shown = shown.translate(_JOINERS)  # 'Wi**II**em'
    words: list[tuple[int, str]] = []
    covered = 0
    for hit in _CAPITAL_I.finditer(shown):
        if hit.start() < covered:
            continue  # in the word before
        start, end = hit.start(), hit.end()
        around = (shown[start - 1] + "l" + shown[end : end + 1]).lower()
        if around[:2] not in keys.grams and around[1:] not in keys.grams:
            continue
        start, covered = _widened(shown, start, end, covered, _CASED_WORD_CHARS)
        if covered - start <= _LONGEST_LOOK_ALIKE_WORD:
            words.append((start, _with_capital_i_read(shown[start:covered])))
    return words


def _as_digits(word: str, at: int, signs: set[int]) -> list[str]:
    letters = {char for char in word if char.isalpha()}
    if not letters or letters - _DIGIT_LETTERS or not any(char.isdigit() for char in word):
        return []
    return [word.translate(_DIGIT_LOOK_ALIKES)]


def _without_clitics(folded: str) -> str:
    return _without_ordinals(_CLITIC.sub(" ", folded) if "'" in folded else folded)


def _without_ordinals(folded: str) -> str:
    return _ORDINAL.sub(_ordinal_digits, folded)


def _ordinal_digits(match: re.Match[str]) -> str:
    """'2e' is '2', but 'info2e' stays a word."""
    before = match.string[match.start() - 1 : match.start()]
    return str(match.group(1) if not (before.isascii() and before.isalnum()) else match.group())


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
class Way:
    """How a value's letters may stand in a text, as places in its letters. `junctions`: where a word
    may end inside it (where the name's words meet, or inside a word as written: 'Anne-Marie'; None:
    anywhere, as in an address or a number). `apart`: where a word must end, beside an initial ('K.
    Proef' is no 'kproef'; 'L. Ang' no 'lang'). `stops`: where a sentence may end (after an initial's
    dot; None: anywhere)."""

    junctions: tuple[int, ...] | None = None
    apart: tuple[int, ...] = ()
    stops: tuple[int, ...] | None = None

    def fits(self, inner: set[int], ends: set[int], broken: set[int]) -> bool:
        """`inner`: where words end inside the match in the text; `ends`: where sentences do;
        `broken`: where a word is broken as disguises break one (see `_breaks`)."""
        return (
            (self.junctions is None or inner - set(self.junctions) <= broken)
            and set(self.apart) <= inner
            and (self.stops is None or ends <= set(self.stops))
        )


@dataclass(frozen=True, order=True)
class Form:
    """A way a value is written, as its letters and digits (`key`), with the ways those letters may
    stand in a text (one per way of writing: 'X. Xx' and 'Xx, X.' give the same letters).
    `written`: the value in full (a name's words in any order, an address, a number), not a form
    made from it (initials, 'Proefs')."""

    key: str
    ways: tuple[Way, ...] = (Way(),)
    written: bool = True

    def __or__(self, other: Form) -> Form:
        """The same letters written either way."""
        return Form(self.key, tuple(sorted({*self.ways, *other.ways})), self.written or other.written)


@dataclass
class Forbidden:
    """The values that may not be published, each with why; `find` reads any text for them."""

    _values: dict[str, Finding] = field(default_factory=dict)  # key -> finding
    _forms: dict[str, Form] = field(default_factory=dict)  # key -> how it must stand in a text
    _allowed: dict[str, bool] = field(default_factory=dict)  # key -> written in full (see `allow`)
    _links: dict[str, Finding] = field(default_factory=dict)  # '#anchor' of a withdrawn person
    _automaton: Any = None  # an ahocorasick.Automaton; False: nothing to find; None: not built
    _public: Any = None  # the same, of the allowed names in full (see `_public_spans`)
    _keys: _Keys | None = None  # the letters the automaton looks for (see `_look_alike_readings`)
    _digest: str | None = None  # see `digest`; None: not made since the last change
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
            _merge(self._forms, form)  # the same letters as another value: either way counts
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
        self._automaton = self._public = self._findings = self._digest = None
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
        read from it (build/memo.py keeps it on disk). Made once per change of the rule."""
        if self._digest is None:
            self._digest = hashlib.sha256(repr(self._key()).encode("utf-8", "surrogatepass")).hexdigest()
        return self._digest

    def _search(self) -> Any:
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for key, finding in self._values.items():
                form = self._forms[key]
                if key not in self._allowed or (form.written and not self._allowed[key]):
                    automaton.add_word(key, (len(key), form.ways, finding))
            self._keys = _Keys.of(automaton.keys())
            self._automaton = _made(automaton)
            public = ahocorasick.Automaton()
            for key, written in self._allowed.items():
                if written and len(key) > 1:
                    public.add_word(key, len(key))
            self._public = _made(public)
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
        marked = "<" in text or "](" in text or "][" in text
        found, folded, shown = self._in_both(text, prose=not marked)
        if marked:  # nicknames are prose: read them where the markup is gone
            prose_found, _, shown = self._in_both(without_markup(text), prose=True)
            found += prose_found
        capitals = "I" in shown and self._capitals_may_spell(shown)
        found += self._look_alikes_in(
            text, _with_capital_i_read(shown) if capitals else shown.lower(), marked, capitals
        )
        if self._links and "#" in folded:
            found += [self._links[ref] for ref in _ANCHOR_REF.findall(folded) if ref in self._links]
        return sorted(set(found), key=lambda f: (f.person, f.found))

    def _in_both(self, text: str, prose: bool) -> tuple[list[Finding], str, str]:
        """What `text` names, read with spelled-out addresses as addresses and, where it has them,
        as words too ('Karin Punt vertelt' is not 'karin.vertelt'). Prose is also read without a
        nickname in quotes or brackets ('Karin "Kaatje" Proef'). And the text so folded (with
        spelled-out addresses read as addresses) and as shown (`_as_shown`)."""
        shown = _as_shown(text)
        plain = shown.lower()
        folded = _spelled_out(plain)
        found = self._in(folded) + (self._in(plain) if plain != folded else [])
        if not prose:
            return found, folded, shown
        for nickname in _NICKNAME.finditer(plain):  # the words around it, without it
            start = max(0, plain.rfind(" ", 0, max(0, nickname.start() - NAME_REACH)))
            end = plain.find(" ", nickname.end() + NAME_REACH)
            end = len(plain) if end < 0 else end
            found += self._in(f"{plain[start : nickname.start()]} {plain[nickname.end() : end]}")
        return found, folded, shown

    def _capitals_may_spell(self, shown: str) -> bool:
        if not self._search() or self._keys is None:
            return False
        words = _capital_i_words(shown, self._keys)
        return bool(words) and _may_spell(words, self._keys)

    def _look_alikes_in(self, text: str, prose: str, marked: bool, capitals: bool) -> list[Finding]:
        """What the text names only when its digits and marks are read as the letters they stand
        for: in its prose as shown (`shown_apart`; not the markup's asset names and drawings' paths).
        `prose`: the text folded, without its markup; `capitals`: with a capital I read as a '|' (in
        the text as shown too). A text with markup is read again as shown only
        where its prose has such a word or it has attributes a reader is shown; a whole page only
        where such a word may spell a withheld value (its texts were read one by one while loading)."""
        if not self._search() or "\x00" in text:  # a binary file (an image, the search index): no editor's text has one
            return []
        assert self._keys is not None
        plain = prose.translate(_JOINERS)  # 'K**4**rin' is 'K4rin': emphasis joins
        words = _look_alike_words(plain)
        if marked:
            if text.lstrip()[:9].lower() in ("<!doctype", "<html>"):
                if not words or not _may_spell(words, self._keys):
                    return []
            elif not words and not ("=" in text and _SHOWN_ATTRIBUTE.search(text)):
                return []
            shown = _as_shown(shown_apart(text))
            plain = _with_capital_i_read(shown) if capitals else shown.lower().translate(_JOINERS)
            words = _look_alike_words(plain)
        found: set[Finding] = set()
        # Also with addresses spelled out ('k@rin.proef [at] example.org'), and a '|' as a line between
        # two cells or words ('|K4rin Pr0ef|trainer|') rather than an 'l'.
        # A nickname between the words is left out too ('K4rin "Kaatje" Pr0ef').
        nicknamed = _NICKNAME.sub(" ", plain) if "'" in plain or '"' in plain or "(" in plain else plain
        variants = (plain, _spelled_out(plain), plain.replace("|", " "), nicknamed)
        for shown in dict.fromkeys(variants if words else ()):
            readings = _look_alike_readings(shown, words if shown is plain else _look_alike_words(shown), self._keys)
            if readings:  # only what the look-alikes name: the text as shown joins words otherwise
                found |= {finding for reading in readings for finding in self._in(reading)} - set(self._in(shown))
        return list(found)

    def _public_spans(self, letters: str, bounds: set[int]) -> list[tuple[int, int]]:
        """Where the text names a public person in full: a name inside it is theirs ('Willem de Vries'
        in a public 'Jan Willem de Vries' is not a withdrawn Willem de Vries)."""
        if not self._public:
            return []
        spans = ((end + 1 - length, end + 1) for end, length in self._public.iter(letters))
        return [(start, stop) for start, stop in spans if start in bounds and stop in bounds]

    def _in(self, folded: str) -> list[Finding]:
        automaton = self._search()
        if not automaton:
            return []
        folded = folded.translate(_JOINERS)
        if "'" in folded:
            folded = _CLITIC.sub(" ", folded)
        letters = _letters(folded)
        candidates = list(automaton.iter(letters))
        if not candidates:
            return []
        if _ORDINAL.search(folded):  # only ever takes a match away: read only where there is one
            folded = _without_ordinals(folded)
            letters = _letters(folded)
            candidates = list(automaton.iter(letters))
        bounds = _run_bounds(folded)  # only for a text that may name someone
        ends, broken = _breaks(folded)
        public = self._public_spans(letters, bounds)
        found = []
        for end, (length, ways, finding) in candidates:
            start, stop = end + 1 - length, end + 1
            if start in bounds and stop in bounds and not any(a <= start and stop <= b for a, b in public):
                inner = {at - start for at in range(start + 1, stop) if at in bounds}
                stops = {at - start for at in range(start + 1, stop) if at in ends}
                disguised = {at - start for at in range(start + 1, stop) if at in broken}
                if any(way.fits(inner, stops, disguised) for way in ways):
                    found.append(finding)
        return found


def _made(automaton: Any) -> Any:
    if len(automaton):
        automaton.make_automaton()
        return automaton
    return False


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


@lru_cache(maxsize=4096)  # a build makes several rules from the same people
def name_forms(name: str) -> tuple[Form, ...]:
    """A name as written, with its surname first, as lists sorted by surname have it ('Karin van
    der Proef' is also 'Proef, Karin van der' and 'van der Proef, Karin'), with any of its words but
    the last as initials ('K. van der Proef', 'Karin v.d. Proef', 'J.W. de Vries', 'Jan W. de Vries',
    'de Vries, J.W.'; an initial stands apart from the words around it, and no title is read as
    initials: 'mw. Bakker'), and as Dutch writes whose it is, without an apostrophe ('Karin van der
    Proefs verhaal'; not where that is a short word: 'langs' for Fatima Lang). A word may end inside
    the match only where the name's words meet ('Hoe kan' is no 'Hoek, An'), and a sentence only after
    an initial ('door het bos. Ria' is no 'Bos, Ria')."""
    words = [written for written in (_without_clitics(_fold_plain(word)) for word in name.split()) if _letters(written)]
    if len(words) < MIN_NAME_WORDS:
        return ()
    as_initials = len(words) <= MAX_NAME_WORDS_AS_INITIALS
    choices = [
        [(word, False), *((initial, True) for initial in sorted(_initials(word)) if as_initials)] for word in words
    ]
    choices[-1] = choices[-1][:1]  # the surname itself is always written out
    possessive = len(_letters(words[-1])) >= 5  # 'langs', 'rijks': a short surname with an s is a word
    forms: dict[str, Form] = {}
    for start in range(len(words)):
        for parts in product(*choices[start:], *choices[:start]):
            made = [_form(parts)]
            if possessive and start == 0 and made[0].written:
                made.append(Form(made[0].key + "s", made[0].ways, written=False))
            for form in made:
                _merge(forms, form)
    return tuple(forms.values())


def _merge(forms: dict[str, Form], form: Form) -> None:
    forms[form.key] = forms[form.key] | form if form.key in forms else form


def _form(parts: tuple[tuple[str, bool], ...]) -> Form:
    """The letters of `parts` (each a word as folded, or an initial) and where words and sentences
    may end inside them. Initials up front that spell a title must stand apart ('M.W. Bakker', not
    'mw. Bakker')."""
    leading = "".join(text for text, _ in takewhile(lambda part: part[1], parts))
    key, junctions, stops, before = "", [], [], None
    apart = list(range(1, len(leading))) if leading in TITLES else []
    for text, initial in parts:
        if before is not None:
            junctions.append(len(key))
            if initial != before:
                apart.append(len(key))
            if before:
                stops.append(len(key))
        letters = _letters(text) if not initial else text
        inside = range(1, len(letters)) if initial else sorted(_run_bounds(text) - {0, len(letters)})
        junctions += [len(key) + at for at in inside]
        if initial:
            stops += [len(key) + at for at in inside]
        key += letters
        before = initial
    written = not any(initial for _, initial in parts)
    if len(key) > SHORT_NAME_LETTERS:
        return Form(key, (Way(None, tuple(sorted(set(apart))), None),), written)
    return Form(key, (Way(tuple(sorted(set(junctions))), tuple(sorted(set(apart))), tuple(stops)),), written)


def _initials(first_name: str) -> set[str]:
    """A first name as initials: 'K.'; 'A.M.' for 'Anne-Marie' (an initial per part); 'IJ.' for
    'IJsbrand' (Dutch writes the IJ as one letter)."""
    parts = [part for part in re.split(r"[^a-z0-9]+", _fold_plain(first_name)) if part]
    if not parts:
        return set()
    digraphs = "".join(part[:2] if part.startswith("ij") else part[:1] for part in parts)
    longer = {parts[0][: len(start)] for start in TWO_LETTER_INITIALS if parts[0].startswith(start)}
    # Not 'u' alone: 'Bent u bakker?' is no 'U. Bakker' (the rule reads letters, not capitals or stops).
    return {parts[0][:1], "".join(part[:1] for part in parts), digraphs, *longer} - {COMMON_WORD_INITIAL}


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
