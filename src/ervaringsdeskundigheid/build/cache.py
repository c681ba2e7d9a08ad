"""Pages rendered by earlier builds of the same process (`make serve` rebuilds after every
save), reused when nothing they show changed.

A page's digest covers everything it is made from: its plan (URL, title, template, the items
and values it shows, with each item's fields and text) and what every page shows (settings,
categories, menu, glossary). Only pages whose digest changed are rendered again, so saving one
story renders that story and the few pages that list it or its related items.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from pydantic import BaseModel

from ..core.site import Item


_PLAIN = frozenset({str, int, float, bool, type(None)})


@dataclass
class RenderCache:
    pages: dict[str, tuple[str, Any]] = field(default_factory=dict)  # src_uri -> (digest, rendered page)
    search_files: dict[str, bytes] | None = None  # the search index of the first build (session.py)
    hits: int = 0
    misses: int = 0

    def get(self, src_uri: str, digest: str):
        cached = self.pages.get(src_uri)
        if cached and cached[0] == digest:
            self.hits += 1
            return cached[1]
        self.misses += 1
        return None

    def put(self, src_uri: str, digest: str, page) -> None:
        self.pages[src_uri] = (digest, page)


class Fingerprints:
    """Digests of pages; each item's fields and text are hashed once per build."""

    def __init__(self):
        self._items: dict[int, str] = {}

    def item(self, item: Item) -> str:
        key = id(item)
        if key not in self._items:
            text = item.data_json + "\0" + item.body + "\0" + str(item.status) + "\0" + str(item.key)
            self._items[key] = f"{item.type.id}:{hashlib.sha1(text.encode()).hexdigest()}"
        return self._items[key]

    def feed(self, digest, value: Any, depth: int = 0) -> None:
        if type(value) in _PLAIN:  # most values: before the checks for the rest
            digest.update(repr(value).encode())
        elif depth > 12:
            digest.update(b"~")
        elif isinstance(value, Item):
            digest.update(self.item(value).encode())
        elif isinstance(value, BaseModel):
            digest.update(value.model_dump_json().encode())
        elif isinstance(value, dict):
            for key in sorted(value, key=str):
                digest.update(str(key).encode())
                self.feed(digest, value[key], depth + 1)
        elif isinstance(value, (list, tuple, set, frozenset)):
            digest.update(b"[")
            for element in sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value:
                self.feed(digest, element, depth + 1)
            digest.update(b"]")
        elif is_dataclass(value) and not isinstance(value, type):
            if hasattr(value, "schema") and hasattr(value, "id"):  # a content type: its id is enough
                digest.update(str(value.id).encode())
            else:
                for item in fields(value):
                    digest.update(item.name.encode())
                    self.feed(digest, getattr(value, item.name), depth + 1)
        elif callable(value):
            digest.update(getattr(value, "__qualname__", "fn").encode())
        else:
            digest.update(repr(value).encode())

    def digest(self, *values: Any) -> str:
        digest = hashlib.sha1()
        for value in values:
            self.feed(digest, value)
        return digest.hexdigest()
