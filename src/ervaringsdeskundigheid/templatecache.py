"""Render a theme partial once and reuse it, for pages where its output is the same.

Material renders the whole navigation (tabs and the side menu) into every page. For the
many story and blog pages that are not in the navigation, that HTML is the same for all
pages in one folder: nothing in it is marked active, and every link in it is relative to
the folder. It was about a tenth of a full build. `memoize` wraps a compiled Jinja
template so that it is rendered once per key; `key_of(context)` returns None for a page
that must be rendered as usual.

`compiled_templates` keeps compiled templates on disk between builds (MkDocs makes a new
template environment, and so compiles every template again, for every build).
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
from typing import Callable

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache


def memoize(env: Environment, name: str, key_of: Callable[[dict], object | None]) -> None:
    template = env.get_template(name)
    render = template.root_render_func
    rendered: dict[object, str] = {}

    def render_once(context):
        key = key_of(context)
        if key is None:
            yield from render(context)
            return
        if key not in rendered:
            rendered[key] = "".join(render(context))
        yield rendered[key]

    template.root_render_func = render_once


def folder_key(page_url: str, nav_urls: list[str]) -> str | None:
    """The key under which pages share relative links: the folder that holds the page.
    None when a navigation item lies inside the page's own folder (its links differ)."""
    if any(url.startswith(page_url) for url in nav_urls):
        return None
    return posixpath.dirname(page_url.rstrip("/")) + ("/" if page_url.endswith("/") else "")


class _SharedBytecodeCache(FileSystemBytecodeCache):
    """Keyed by template name only, so every copy of the project (tests build many) shares
    one entry per template instead of adding its own; Jinja still compiles a template
    again when its source differs from the cached one."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=None)
def compiled_templates(environment: str) -> BytecodeCache | None:
    """Compiled templates on disk (Jinja's per-user temp folder), so a build does not compile
    the same templates again. One cache per kind of `environment` ("theme", "pages"): their
    settings differ, and compiled code depends on them. Jinja checks each template's source
    and its own version before it uses an entry."""
    try:
        return _SharedBytecodeCache(pattern=f"ervaringsdeskundigheid-{environment}-%s.cache")
    except (OSError, RuntimeError):
        return None
