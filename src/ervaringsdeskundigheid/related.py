"""Related stories and blogs: shared tags count most, then shared categories, then recency.

Linear in the amount of content: tag matches come from an inverted index, and
category-only matches are taken from each category's newest items.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Entry

RELATED_COUNT = 3
CATEGORY_CANDIDATES = 12   # newest items per category considered for category-only matches


class RelatedIndex:
    def __init__(self, entries: list[Entry]):
        self.by_tag: dict[str, list[Entry]] = defaultdict(list)
        self.by_category: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:   # entries are newest first, so the lists are too
            for tag in set(entry.meta.tags):
                self.by_tag[tag].append(entry)
            for category in entry.meta.categories:
                self.by_category[category].append(entry)

    def related(self, entry: Entry, count: int = RELATED_COUNT) -> list[Entry]:
        pool: dict[int, Entry] = {}
        for tag in set(entry.meta.tags):
            for other in self.by_tag[tag]:
                pool[id(other)] = other
        for category in entry.meta.categories:
            for other in self.by_category[category][:CATEGORY_CANDIDATES + count]:
                pool[id(other)] = other
        pool.pop(id(entry), None)
        tags, categories = set(entry.meta.tags), set(entry.meta.categories)

        def rank(other: Entry):
            return (len(tags & set(other.meta.tags)), len(categories & set(other.meta.categories)),
                    other.meta.date, other.meta.title)

        return sorted(pool.values(), key=rank, reverse=True)[:count]
