"""MkDocs adapter for the ervaringsdeskundigheid package. Thin by design: all domain
logic lives in `ervaringsdeskundigheid`; this file only hands its pages to MkDocs and
makes the build all-or-nothing."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import clean_directory

from ervaringsdeskundigheid import feeds, images, links, parallel, preview, publish, rawhtml, readability, shareimages, shortlinks, templatecache, urls
from ervaringsdeskundigheid.loader import load_site
from ervaringsdeskundigheid.pages import PageRenderer
from ervaringsdeskundigheid.problems import ContentErrors, Problem

log = logging.getLogger("mkdocs.hooks.section")
TODAY_ENV = "SECTION_TODAY"   # lets tests fix "today" for scheduling


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        if not getattr(record, "editor_hint", False):   # hints for editors never fail a build
            self.messages.append(record.getMessage())


class _State:
    preview = False
    root: Path
    renderer: PageRenderer
    generated: dict = {}
    problems: list[Problem] = []
    staging: Path | None = None
    site_dir: Path | None = None
    warnings: _WarningCollector | None = None
    cache: preview.PreviewCache | None = None   # make serve (--dirty) only
    readability: parallel.Background | None = None
    ahead: parallel.RenderAhead | None = None     # make build: half the pages' Markdown on the other core
    rendered: dict = {}
    writer: parallel.BackgroundWriter | None = None   # make build: pages are written from threads
    files = None


state = _State()


def on_startup(command, dirty):
    state.preview = command == "serve"


def on_config(config):
    state.root = Path(config.config_file_path).parent
    today = dt.date.fromisoformat(os.environ[TODAY_ENV]) if os.environ.get(TODAY_ENV) else None
    try:
        site = load_site(state.root, today=today, preview=state.preview)
    except ContentErrors as errors:
        raise Abort(errors.report()) from None
    for reason, count in site.left_out.items():
        log.info("%d niet gepubliceerd: %s", count, reason)
    if state.preview:
        _log_readability(readability.site_readability(site))
    else:   # scored on the other core while MkDocs builds the pages; logged at the end
        state.readability = parallel.Background(readability.site_readability, site)
    if not state.preview:   # the dev server keeps its own local address
        config.site_url = site.settings.site_url
    config.site_name = site.settings.site_name
    state.renderer = PageRenderer(site)
    state.renderer.env.bytecode_cache = _compiled_templates("pages")
    pages = state.renderer.all_pages() + shortlinks.shortlink_pages(state.root, site.site_url, site)
    state.generated = {page.src_uri: page for page in pages}
    state.problems = []
    state.raw_html = {}
    config.nav = _mkdocs_nav(state.renderer.navigation(pages))
    if not state.preview:
        parallel.offload_search(config.plugins)   # the search index is built on the other core
        state.writer = parallel.BackgroundWriter()
        logging.getLogger("mkdocs.commands.build").addFilter(_written_elsewhere)
        state.site_dir = Path(config.site_dir)
        state.staging = publish.staging_dir_for(state.site_dir)
        config.site_dir = str(state.staging)
    state.warnings = _WarningCollector()
    if state.preview:
        state.cache = preview.cache_for(state.root)
        # `mkdocs serve --dirty` warns that a dirty build may be inaccurate; the preview cache
        # makes it accurate, so editors do not see that warning (and it fails nothing).
        logging.getLogger("mkdocs.commands.build").addFilter(_hide_dirty_warning)
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index_prev"):
                plugin.is_dirty = False   # Material merges one page only; preview.merge_search_index does all
    logging.getLogger("mkdocs").addHandler(state.warnings)
    return config


def _compiled_templates(environment: str):
    """Compiled Jinja templates are reused: in memory between `make serve` rebuilds, on disk
    between builds (MkDocs makes a new template environment for every build)."""
    return preview.TEMPLATES[environment] if state.preview else templatecache.compiled_templates(environment)


def _hide_dirty_warning(record) -> bool:
    return "'dirty' build is being performed" not in record.getMessage()


def _log_readability(texts):
    for text in texts:
        if text.likely_above_b1:
            log.warning("Leesbaarheid: %s (%s) is waarschijnlijk moeilijker dan taalniveau B1 "
                        "(Flesch-Douma %.0f, streef naar %d of hoger). Zie CONTRIBUTING.md, 'Schrijven op B1'.",
                        text.source, text.title, text.score, readability.B1_THRESHOLD, extra={"editor_hint": True})


def _mkdocs_nav(items):
    return [{title: _mkdocs_nav(target) if isinstance(target, list) else urls.src_uri(target)}
            for title, target in items]


def _nav_src_uris(nav) -> set[str]:
    found = set()
    for entry in nav:
        for target in entry.values():
            found |= _nav_src_uris(target) if isinstance(target, list) else {target}
    return found


def on_files(files, config):
    nav_pages = _nav_src_uris(config.nav)
    if state.cache:
        _prepare_dirty_build(files, config)
    for src_uri, page in state.generated.items():
        inclusion = InclusionLevel.UNDEFINED if src_uri in nav_pages else InclusionLevel.NOT_IN_NAV
        if state.cache:   # a file whose time tells `serve --dirty` whether the page changed
            files.append(File.generated(config, src_uri, abs_src_path=str(state.cache.page_file(page)),
                                        inclusion=inclusion))
        else:
            files.append(File.generated(config, src_uri, content=page.markdown, inclusion=inclusion))
    for path, png in shareimages.share_images(state.renderer.site.categories).items():
        files.append(File.generated(config, path, content=png))
    for path, data in images.site_files(state.root, state.renderer.site.images).items():
        files.append(File.generated(config, path, content=data))
    state.known_urls = {"", *(f.url for f in files), *(f.url.rstrip("/") for f in files)}
    state.problems += shortlinks.check_targets(state.root, state.known_urls)
    return files


def _prepare_dirty_build(files, config):
    """Preview only: full rebuild when something on every page changed; hand-written pages
    (few, and the home page shows the latest stories) are always rebuilt."""
    overrides = [Path(d) for d in config.theme.dirs if Path(d).resolve().is_relative_to(state.root.resolve())]
    if state.cache.structure_changed(
            config.nav, config.site_name, config.site_url, sorted(state.generated),
            Path(config.config_file_path).read_bytes(), [preview.folder_state(d) for d in overrides]):
        clean_directory(config.site_dir)
    for file in files.documentation_pages():
        Path(file.abs_dest_path).unlink(missing_ok=True)
    state.files = files


def on_nav(nav, config, files):
    state.nav_urls = [page.url for page in nav.pages]
    state.rendered = {}
    if not state.preview and _page_events_are_ours(config):
        generated = [file.src_uri for file in files.documentation_pages()
                     if file.src_uri in state.generated and file.inclusion.is_not_in_nav()]
        try:
            state.ahead = parallel.RenderAhead(config, files, generated, in_child=_render_ahead_child,
                                               problems=lambda: state.problems)
        except OSError:
            state.ahead = None
    return nav


def _written_elsewhere(record) -> bool:
    """MkDocs says 'Page skipped ... empty output' for the pages the writer threads write."""
    message = record.getMessage()
    return not (state.writer and message.startswith("Page skipped: '")
                and message.split("'")[1] in state.writer.written)


def _finish_writing(*, quiet: bool = False) -> None:
    logging.getLogger("mkdocs.commands.build").removeFilter(_written_elsewhere)
    writer, state.writer = state.writer, None
    if writer:
        try:
            writer.finish()
        except OSError:
            if not quiet:
                raise


def _page_events_are_ours(config) -> bool:
    """Pages are rendered ahead in a child process only when every page event handler is
    this hook's: another plugin could keep state from its page events that the child's
    copy would not hand back. (This hook hands back its problems; keep it that way.)"""
    return all(getattr(handler, "__module__", None) == __name__
               for event in ("pre_page", "page_read_source", "page_markdown", "page_content")
               for handler in config.plugins.events[event])


def _render_ahead_child():
    state.ahead = None


def on_env(env, config, files):
    """Render the navigation once per folder for pages outside it (speed only)."""
    if state.ahead:   # every page's Markdown is rendered by now
        state.ahead.close()
        state.ahead = None
    env.bytecode_cache = _compiled_templates("theme")
    def key(context):
        page = context.get("page")
        if page is None or not page.file.inclusion.is_not_in_nav():
            return None
        return templatecache.folder_key(page.url, state.nav_urls)

    for name in ("partials/nav.html", "partials/tabs.html"):
        templatecache.memoize(env, name, key)
    return env


@event_priority(-100)   # last, after every other plugin changed the page
def on_post_page(output, page, config):
    """make build: hand the page to the writer threads; MkDocs writes nothing for an empty result."""
    if state.writer and output.strip():
        state.writer.write(page.file.src_uri, page.file.abs_dest_path,
                           output.encode("utf-8", errors="xmlcharrefreplace"))
        return ""
    return output


def on_page_markdown(markdown, page, config, files):
    if state.ahead and (result := state.ahead.take(page.file.src_uri)) is not None:
        state.rendered[page.file.src_uri] = result   # rendered on the other core: nothing to convert here
        return ""
    generated = state.generated.get(page.file.src_uri)
    if generated:
        page.meta.update(title=generated.title, description=generated.description, **generated.meta)
    if page.file.src_uri == "index.md" and not page.file.generated_by:
        markdown = f"{markdown}\n\n{state.renderer.home_sections()}\n"
    state.raw_html[page.file.src_uri] = protected = rawhtml.protect(markdown)   # speed only
    return protected.markdown


def on_page_content(html, page, config, files):
    # In `make build` this (and on_page_markdown) also runs in a child process for every other
    # generated page (parallel.RenderAhead): state it collects must go back, as `problems` does.
    if (result := state.rendered.pop(page.file.src_uri, None)) is not None:
        state.problems += result["problems"]
        return parallel.apply_rendered(page, files, result)
    protected = state.raw_html.pop(page.file.src_uri, None)
    if protected:
        html = rawhtml.restore(html, protected)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | protected.anchor_ids()
    generated = state.generated.get(page.file.src_uri)
    source = generated.source if generated else None
    source = source or (f"docs/{page.file.src_uri}" if not page.file.generated_by else
                        f"(gegenereerde pagina {page.file.src_uri})")
    state.problems += links.broken_links(html, page.url, state.known_urls, source)
    return html


@event_priority(-100)  # last: after the search index and sitemap are written
def on_post_build(config):
    _finish_writing()   # every page is on disk from here on
    logging.getLogger("mkdocs").removeHandler(state.warnings)
    if state.readability:
        _log_readability(state.readability.result())
        state.readability = None
    problems = list(state.problems)
    problems += [Problem("mkdocs", None, message) for message in state.warnings.messages]
    if problems:
        if state.staging:
            publish.discard(state.staging)
        raise Abort(ContentErrors(problems).report())
    shortlinks.write_redirect_maps(state.root, state.renderer.site.site_url, Path(config.site_dir))
    if state.cache:
        pages = [file.page for file in state.files.documentation_pages() if file.page]
        state.cache.merge_search_index(Path(config.site_dir), {p.url for p in pages if p.content is not None},
                                       [p.url for p in pages])
    feeds.write_feeds(state.renderer.site, Path(config.site_dir))
    if state.staging:
        publish.replace_directory(state.staging, state.site_dir)
        config.site_dir = str(state.site_dir)


def on_build_error(error):
    _finish_writing(quiet=True)
    if state.ahead:
        state.ahead.close()
        state.ahead = None
    if state.warnings:
        logging.getLogger("mkdocs").removeHandler(state.warnings)
    if state.staging:
        publish.discard(state.staging)
