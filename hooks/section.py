"""MkDocs adapter for the ervaringsdeskundigheid section.

It only translates MkDocs events into calls on a BuildSession (the package's
build/session.py), which owns the build's state and makes every file of the section. MkDocs
is the one writer: it copies the theme's stylesheet and writes the files the session gives
it (every page is finished HTML; MkDocs renders no page itself). The session lives on the
build's config; the only thing kept between events is the command MkDocs was started with.
"""

from __future__ import annotations

import sys
from pathlib import Path

_SRC = Path(__file__).resolve().parent.parent / "src"
if str(_SRC) not in sys.path:  # a plain `mkdocs build` without the package installed
    sys.path.insert(0, str(_SRC))

# A build imports about 90 modules of this package. Where the environment tells Python not to keep
# compiled modules (PYTHONDONTWRITEBYTECODE), each build compiled them all again (about 0.1 s): this
# package's are kept in its __pycache__ folders (ignored by git) all the same.
_dont_write_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, False
try:
    import mkdocs_section as adapter  # noqa: E402  (MkDocs puts hooks/ on the path while loading this file)
finally:
    sys.dont_write_bytecode = _dont_write_bytecode

_command = {"name": "build"}  # build unless MkDocs says otherwise: a draft is never published by accident


def on_startup(command, dirty):
    """`build`, `gh-deploy` or `serve` (also `serve --clean`, which MkDocs reports as `build`)."""
    _command["name"] = command


def on_config(config):
    """Load, check, plan and render everything; stop with the Dutch report on any problem."""
    session = adapter.start_session(config, _command["name"])
    config.site_url = config.site_url or session.site.site_url  # the dev server keeps its own address
    config.site_name = session.site.settings.site_name
    return config


def on_files(files, config):
    return adapter.add_files(adapter.session_of(config), files, config)


def on_post_build(config):
    adapter.finish(adapter.session_of(config), config)


def on_serve(server, config, builder):
    return adapter.prepare_server(server, config)


def on_build_error(error):
    adapter.build_error(error)
