"""Related stories and blogs: shared tags count most, then shared categories, then recency.

Linear in the amount of content: candidates come from an inverted index of tags and
categories, and only each tag's and each category's newest items are considered, so a
tag that many items share does not make the work grow with the square of the content.
"""

from __future__ import annotations

from collections import defaultdict

from ..core.site import Item as Entry

RELATED_COUNT = 3
CATEGORY_CANDIDATES = 12  # newest items per category considered for category-only matches
TAG_CANDIDATES = 12  # newest items per tag considered


class RelatedIndex:
    def __init__(self, entries: list[Entry]):
        self.by_tag: dict[str, list[Entry]] = defaultdict(list)
        self.by_category: dict[str, list[Entry]] = defaultdict(list)
        self.tags = {id(entry): frozenset(entry.data.tags) for entry in entries}
        self.categories = {id(entry): frozenset(entry.data.categories) for entry in entries}
        for entry in entries:  # entries are newest first, so the lists are too
            for tag in set(entry.data.tags):
                self.by_tag[tag].append(entry)
            for category in entry.data.categories:
                self.by_category[category].append(entry)

    def related(self, entry: Entry, count: int = RELATED_COUNT) -> list[Entry]:
        pool: dict[int, Entry] = {}
        for tag in set(entry.data.tags):
            for other in self.by_tag[tag][: TAG_CANDIDATES + count]:
                pool[id(other)] = other
        for category in entry.data.categories:
            for other in self.by_category[category][: CATEGORY_CANDIDATES + count]:
                pool[id(other)] = other
        pool.pop(id(entry), None)
        tags, categories = frozenset(entry.data.tags), frozenset(entry.data.categories)

        def rank(other: Entry):
            return (
                len(tags & self.tags[id(other)]),
                len(categories & self.categories[id(other)]),
                other.data.date,
                other.data.title,
            )

        return sorted(pool.values(), key=rank, reverse=True)[:count]
