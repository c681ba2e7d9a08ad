"""MkDocs adapter for the ervaringsdeskundigheid section.

It only translates MkDocs events into calls on a BuildSession (the package's
build/session.py), which owns the build's state and does the work. MkDocs gathers the
files, copies the theme's assets, runs its search plugin and writes the files; every page
comes from the session as a finished HTML file (MkDocs renders no page itself). The session
lives on the build's config, so this module keeps no state of its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _path in (_HERE.parent / "src", _HERE):   # so a plain `mkdocs build` finds the package and the adapter
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from mkdocs.plugins import event_priority  # noqa: E402

import mkdocs_section as adapter  # noqa: E402


def on_config(config):
    """Load, check, plan and render everything; stop with the Dutch report on any problem."""
    session = adapter.start_session(config)
    config.site_url = config.site_url or session.site.site_url   # the dev server keeps its own address
    config.site_name = session.site.settings.site_name
    return config


def on_files(files, config):
    return adapter.add_files(adapter.session_of(config), files, config)


def on_post_template(output_content, template_name, config):
    session = adapter.session_of(config)
    if template_name == "404.html":
        return session.not_found_page()
    if template_name == "sitemap.xml":
        return session.sitemap()
    return output_content


@event_priority(-100)   # last: after the search plugin wrote its index
def on_post_build(config):
    adapter.finish(adapter.session_of(config), config)
