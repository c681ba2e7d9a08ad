"""MkDocs glue for hooks/section.py: start a BuildSession from MkDocs' configuration, give
MkDocs every file the session made, and publish the finished site. Everything that knows
MkDocs or Material lives here or in the hook; the package under src/ does not.
"""

from __future__ import annotations

import atexit
import errno
import gc
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from ervaringsdeskundigheid.build import publish
from ervaringsdeskundigheid.build.preview import PreviewFiles
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.build.watching import SourceChanges
from ervaringsdeskundigheid.core.problems import ContentErrors, Problem
from ervaringsdeskundigheid.render.pages import Engine


log = logging.getLogger("mkdocs.hooks.section")
LINKS_ENV = "SECTION_LINKS"  # "files": a preview that works opened from disk (pull requests)
_KEY = "_section_session"  # where the session lives: on this build's config
THEME_TEMPLATES = ("404.html", "sitemap.xml")
SETTLE = 0.05  # seconds `make serve` waits after a change for more changes (MkDocs: 0.1, made for polling)  # the session makes these; the theme's are not rendered


class _Warnings(logging.Handler):
    """MkDocs' own warnings fail the build too, reported with the Dutch problems."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        # `make serve` asks for a dirty build on purpose (preview.py keeps it accurate).
        if record.name != log.name and "'dirty' build is being performed" not in message:
            self.messages.append(message)


class _LinkedWhenUnchanged(File):
    """A file the published site has with the same bytes gets a second name in the new site
    (publish.link_unchanged); any other is written as MkDocs writes any file."""

    published: Path

    @classmethod
    def of(cls, config, path: str, data: str | bytes, published: Path | None) -> File:
        if published is None:
            return File.generated(config, path, content=data)
        file = cls.generated(config, path, content=data)
        file.published = published / path
        return file

    def copy_file(self, dirty: bool = False) -> None:
        if not publish.link_unchanged(self.published, Path(self.abs_dest_path), self.content_bytes):
            super().copy_file(dirty)


def session_of(config) -> BuildSession:
    return config.extra[_KEY]


def engine(config) -> tuple[Engine, str | None]:
    """The one thing the site takes from Material: its stylesheet, by its hashed name (which
    changes with each Material release; README: "Material's part"), and the theme folder it is in.
    That folder leaves the theme: MkDocs lists every file of the theme's folders on each build
    (Material's: 14,509, most of them icons) only for the site to drop them again; add_files adds
    the stylesheet back."""
    for directory in config.theme.dirs:
        for path in sorted((Path(directory) / "assets").glob("stylesheets/main.*.min.css")):
            config.theme.dirs.remove(directory)
            return Engine(css=path.relative_to(directory).as_posix()), directory
    return Engine(), None


def start_session(config, command: str) -> BuildSession:
    """`serve` previews drafts and writes nowhere but MkDocs' temporary folder; every other
    command (build, gh-deploy, serve --clean) publishes: no drafts, through a staging folder."""
    root = Path(config.config_file_path).resolve().parent
    mode = "serve" if command == "serve" else "build"
    links = os.environ.get(LINKS_ENV) or "folders"
    if links not in ("folders", "files"):
        raise Abort(
            f"{LINKS_ENV}={links} kan niet: gebruik {LINKS_ENV}=files (een voorbeeld om van schijf te openen) "
            "of laat het weg."
        )
    config.theme.static_templates.difference_update(THEME_TEMPLATES)
    site_dir = Path(config.site_dir)
    found, stylesheet_folder = engine(config)
    session = BuildSession(
        root,
        mode=mode,
        engine=found,
        say=log.info,
        links=links,
        index_early=True,
        published=site_dir if mode == "build" else None,
        cache=PreviewFiles.for_project(root).pages if mode == "serve" else None,
    )
    config.extra[_KEY] = session
    session.extras = {
        "warnings": _Warnings(),
        "lock": publish.BuildLock(root),
        "stylesheet": stylesheet_folder,
    }
    if mode == "build":
        try:
            session.extras["lock"].acquire(say=log.info)
        except publish.BuildLocked as error:
            raise Abort(str(error)) from None
        staging = publish.staging_dir_for(site_dir)
        session.extras.update(site_dir=site_dir, staging=staging)
        config.site_dir = str(staging)
        atexit.register(publish.discard, staging)  # gone when the build fails, whatever the reason
    with _stopped_on_errors(session, config):
        session.start()
    logging.getLogger("mkdocs").addHandler(session.extras["warnings"])
    return session


def add_files(session: BuildSession, files, config):
    """MkDocs renders no page: the session's files replace the pages MkDocs found in docs/
    (the session renders those too) and the theme's files but its stylesheet, and MkDocs
    writes them."""
    theme = {str(Path(directory).resolve()) for directory in config.theme.dirs}
    for file in files.documentation_pages() + [
        f for f in files if f.src_dir and str(Path(f.src_dir).resolve()) in theme
    ]:
        files.remove(file)  # and the theme's files: of those the site has only Material's stylesheet
    if session.extras["stylesheet"] is not None:
        files.append(File(session.engine.css, session.extras["stylesheet"], config.site_dir, config.use_directory_urls))
    with _stopped_on_errors(session, config):
        if session.mode == "build":  # Pagefind works on while MkDocs writes the rest; finish() adds it
            outputs, session.extras["search index"] = session.outputs_then_search()
        else:
            outputs = session.outputs()
    try:
        publish.ensure_space(Path(config.site_dir).parent, sum(len(data) for data in outputs.values()))
    except publish.NotEnoughSpace as error:
        _stop(session, config)
        raise Abort(str(error)) from None
    preview = PreviewFiles.for_project(session.root) if session.mode == "serve" else None
    published = session.extras.get("site_dir")  # the site this build replaces
    for path, data in outputs.items():
        theirs = files.get_file_from_path(path)
        if theirs is not None:  # a theme file of the same name (sitemap.xml): ours replaces it
            files.remove(theirs)
        if preview:
            # a file whose time tells `serve --dirty` whether it changed
            files.append(File.generated(config, path, abs_src_path=preview.page_file(path, data)))
        else:
            files.append(_LinkedWhenUnchanged.of(config, path, data, published))
    return files


def finish(session: BuildSession, config) -> None:
    handler = session.extras["warnings"]
    logging.getLogger("mkdocs").removeHandler(handler)
    problems = [Problem("mkdocs", None, f"MkDocs meldt: {message}") for message in handler.messages]
    if problems:
        _stop(session, config)
        raise Abort(ContentErrors(problems).report())
    if session.mode == "build":
        _write_search_index(session, config)
        publish.replace_directory(Path(config.site_dir), session.extras["site_dir"])
        config.site_dir = str(session.extras["site_dir"])
    session.extras["lock"].release()


def _write_search_index(session: BuildSession, config) -> None:
    """The search index, last: MkDocs' own writing of a file, for the files Pagefind made while
    MkDocs wrote the others."""
    with _stopped_on_errors(session, config):
        index = session.extras["search index"]()
    for path, data in index.items():
        _LinkedWhenUnchanged.of(config, path, data, session.extras["site_dir"]).copy_file()


def prepare_server(server, config):
    """After the first build of `make serve`. The server learns of a save from the operating system
    at once (build/watching.py), instead of MkDocs' polling every 0.5 s. Only the server's public API:
    the folders MkDocs watches so far move to the native observer; `watch:` in mkdocs.yml is added
    after this event. What the first build made stays for the server's life (modules, caches):
    frozen, the garbage collector does not walk it again after every save."""
    gc.freeze()
    candidates = [config.docs_dir, config.config_file_path, *config.theme.dirs]
    watched = []
    for path in filter(None, candidates):
        try:
            server.unwatch(path)  # raises for a folder MkDocs does not watch (the theme without --watch-theme)
        except KeyError:
            continue
        watched.append(path)
    server.observer = SourceChanges()
    for path in watched:
        server.watch(path)
    server.build_delay = SETTLE  # a save arrives as a few events within milliseconds
    return server


def build_error(error: Exception) -> None:
    """Writing the site failed (a full disk, no permission): a Dutch message instead of a
    traceback. The staging folder is removed; the old site stays."""
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        raise Abort(
            ("De schijf is vol" if full else f"De site kon niet geschreven worden: {error.strerror}")
            + f"{where}. Er is niets veranderd: de oude site staat er nog. "
            + ("Maak ruimte vrij en bouw opnieuw." if full else "Controleer de map en bouw opnieuw.")
        ) from None


@contextmanager
def _stopped_on_errors(session: BuildSession, config) -> Iterator[None]:
    """Content problems end the build with the Dutch report; the old site stays."""
    try:
        yield
    except ContentErrors as errors:
        _stop(session, config)
        raise Abort(errors.report()) from None


def _stop(session: BuildSession, config) -> None:
    if session.extras.get("staging"):
        publish.discard(session.extras["staging"])
        config.site_dir = str(session.extras["site_dir"])
    logging.getLogger("mkdocs").removeHandler(session.extras["warnings"])
    session.extras["lock"].release()
