"""Render a theme partial once and reuse it, for pages where its output is the same.

Material renders the whole navigation (tabs and the side menu) into every page. For the
many story and blog pages that are not in the navigation, that HTML is the same for all
pages in one folder: nothing in it is marked active, and every link in it is relative to
the folder. It was about a tenth of a full build. `memoize` wraps a compiled Jinja
template so that it is rendered once per key; `key_of(context)` returns None for a page
that must be rendered as usual.
"""

from __future__ import annotations

import posixpath
from typing import Callable

from jinja2 import Environment


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
