"""The local preview's file watcher: the operating system reports a save at once (inotify,
FSEvents, ...) through watchdog's native observer, instead of a poll every half second.

Only changes to sources count. A native observer also reports every file the build opens and
reads, and Python writing bytecode below src/; either would start the next rebuild, for ever.
"""

from __future__ import annotations

from watchdog import events
from watchdog.observers import Observer

CHANGES = [
    events.FileCreatedEvent,
    events.FileModifiedEvent,
    events.FileMovedEvent,
    events.FileDeletedEvent,
    events.FileAttribEvent,  # `touch`
]


class SourceChanges(Observer):  # type: ignore[misc,valid-type]  # the platform's native observer class
    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(
            _SourcesOnly(event_handler), path, recursive=recursive, event_filter=event_filter or CHANGES
        )


class _SourcesOnly(events.FileSystemEventHandler):
    def __init__(self, handler: events.FileSystemEventHandler):
        self.handler = handler

    def dispatch(self, event: events.FileSystemEvent) -> None:
        if "__pycache__" not in f"{event.src_path!s}{getattr(event, 'dest_path', '')!s}":
            self.handler.dispatch(event)
