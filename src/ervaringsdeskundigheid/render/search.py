"""The site search index: Material's search plugin writes the file and its settings; every
entry comes from here, made from the pages as rendered (so the index never holds more than
the pages show, and never a person without consent).

Material's search matches the start of words ("schuld" finds "schulden") and does not stem:
a plural does not find its singular ("deurwaarders" misses "deurwaarder"), nor does a
singular find a plural that changes its stem ("school" misses "scholen"). Each entry
therefore also carries the likely other forms of its Dutch words, in a field (`forms`)
that is searched but never shown.

Items rank above the pages that only list them: a list page that holds items as anchors
gets a low boost, and its anchors are found on their own.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import nh3

INDEX = "search/search_index.json"
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_VOWELS = "aeiouy"
# Searched fields. Results show the title, a short `text` and the `tags` (the kind of page);
# `body` (all the text) and `forms` are searched but not shown.
FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "body": {"boost": 1.0},
          "forms": {"boost": 0.5}, "tags": {"boost": 2.0}}
TEASER_CHARS = 160


def singular(word: str) -> str | None:
    """A likely singular of a Dutch plural or diminutive, or None."""
    lower = word.lower()
    if lower.endswith("jes") and len(lower) > 5:          # maatjes -> maatje
        return lower[:-1]
    for suffix, cut in (("'s", 2), ("ën", 2)):
        if lower.endswith(suffix) and len(lower) - cut >= 3:
            return lower[:-cut]
    if lower.endswith("en") and len(lower) > 5:
        base = lower[:-2]
        return re.sub(r"([bdfgklmnprst])\1$", r"\1", base)
    if lower.endswith("s") and len(lower) > 5 and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return None


def singulars(word: str) -> set[str]:
    """Likely singulars, also where the plural changed the stem: scholen -> school,
    brieven -> brief, huizen -> huis, bussen -> bus."""
    base = singular(word)
    if not base:
        return set()
    found = {base}
    lower = word.lower()
    if lower.endswith("en") and not lower.endswith(("ijen", "eien")):
        if base.endswith("v"):
            found.add(base[:-1] + "f")
        if base.endswith("z"):
            found.add(base[:-1] + "s")
        # an open syllable had a long vowel: scholen -> school, straten -> straat
        if len(base) >= 3 and base[-1] not in _VOWELS and base[-2] in "aeou" and base[-3] not in _VOWELS:
            long = base[:-1] + base[-2] + base[-1]
            found |= {long, long.replace("v", "f") if long.endswith("v") else long,
                      long[:-1] + "s" if long.endswith("z") else long}
    return found


_S_PLURAL = ("el", "em", "en", "er", "je", "ie", "um", "ing")   # -s (or -en for -ing): one likely form


def plurals(word: str) -> set[str]:
    """The likely plural of a Dutch singular: deurwaarder -> deurwaarders, schuld -> schulden,
    straat -> straten, vak -> vakken, brief -> brieven, gemeente -> gemeenten."""
    w = word.lower()
    if w.endswith("ing"):
        return {w + "en"}
    if w.endswith(_S_PLURAL):
        return {w + "s"}
    if w.endswith("e"):
        return {w + "n", w + "s"}
    if w[-1] in _VOWELS:
        return {w + "'s"}
    stem = w
    if len(w) >= 3 and w[-2] == w[-3] and w[-2] in "aeou":          # straat -> strat-en
        stem = w[:-2] + w[-1]
    elif len(w) >= 3 and w[-1] not in "wjhx" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        stem = w + w[-1]                                            # vak -> vakk-en
    if stem.endswith("f"):
        stem = stem[:-1] + "v"
    elif stem.endswith("s") and stem[-2:-1] in _VOWELS:
        stem = stem[:-1] + "z"
    return {stem + "en"}


def other_forms(text: str) -> str:
    """The other likely forms of the words in `text` (plain or escaped), as one string."""
    plain = html.unescape(text).lower()
    words = set(_WORD.findall(plain))
    forms = set().union(*map(_forms_of, words))
    return " ".join(sorted(form for form in forms - words if len(form) >= 3))


@lru_cache(maxsize=65536)   # a site repeats its words on many pages
def _forms_of(word: str) -> frozenset[str]:
    found = singulars(word)          # a word that looks plural gets its singulars only
    if found:
        # the search matches the start of words: "bewoner" finds "bewoners" already
        return frozenset(form for form in found if not word.startswith(form))
    return frozenset(plurals(word))


def with_singulars(text: str) -> str:
    plain = html.unescape(text)
    extra = {base for word in _WORD.findall(plain) if (base := singular(word)) and base not in plain.lower()}
    return " ".join(sorted(extra))


def _safe(text: str) -> str:
    """Entry text as Material shows it (as HTML): escaped, and never with markup from pages."""
    return nh3.clean(str(text), tags=set(), attributes={})


def _teaser(text: str) -> str:
    """The start of `text`, cut at a word, short enough to read in a list of results."""
    if len(text) <= TEASER_CHARS:
        return text
    cut = text[:TEASER_CHARS].rsplit(" ", 1)[0].rstrip(",;:·-")
    if "&" in cut[-8:]:                      # never cut an escaped character in two
        cut = cut[:cut.rfind("&")].rstrip()
    return cut + " …"


def index_docs(entries: list[dict]) -> list[dict]:
    """The documents of the index, in Material's order: a page before its anchors."""
    docs = []
    for entry in entries:
        text = _safe(entry["text"])
        title = _safe(entry["title"])
        teaser = _teaser(text)
        doc = {"location": entry["location"], "title": title, "text": teaser,
               "forms": other_forms(f"{title} {text}")}
        if teaser != text:
            doc["body"] = text[len(teaser) - len(" …"):]      # the rest, after the teaser
        if entry.get("label") and "#" not in entry["location"] and entry.get("boost") is None:
            doc["tags"] = [entry["label"]]          # a list page's title says what it is already
        if entry.get("boost") is not None:
            doc["boost"] = entry["boost"]
        docs.append(doc)
    return docs


def index_json(docs: list[dict]) -> str:
    """The index Material's search reads: its settings and our documents (from `index_docs`)."""
    index = {"config": {"lang": ["nl"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"], "fields": FIELDS},
             "docs": docs}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
