"""One build of the section: load, check, plan, render and produce every file, with every
problem in Dutch.

A `BuildSession` owns a build's state: the loaded site, the pages and their URLs, the
problems and the outputs. `make check` runs exactly the same steps without writing, so
check and build accept and reject the same inputs with the same messages. An adapter
(the MkDocs hook) only calls:

    session = BuildSession(root, mode="build", today=..., say=..., published=site_dir)
    session.start()                       # load, validate, plan, claim URLs, render
    session.outputs()                     # every file of the site (path -> text or bytes)

and writes the files (`outputs_then_search()` gives the search index apart, to write it last).
`session.plan()` alone gives the URL table without rendering.
Generated pages have virtual source paths (`verhalen/rob.md`); hand-written pages in docs/
keep theirs (`privacy.md`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Callable
from urllib.parse import urlsplit

from markupsafe import Markup
from pydantic import ValidationError

from ..core import clock, urls
from ..core.cachefiles import code_version
from ..core import privacy as core_privacy
from ..core.privacy import Forbidden
from ..core.fields import InShort, Name, Strict, Text, hint, in_short_field, meta
from ..core.locate import describe, field_label
from ..core.media import metadata_hints
from ..core.problems import ContentErrors, Problem, problems_from_validation
from ..core.site import Site
from ..core.sources import SourceError, read_markdown, strings_in, symlinks_below
from ..render import csp, feeds, images, readability, redirect_maps, search, shareimages, static, webeditor
from ..render.pages import Engine, RenderedPage, SiteRenderer
from ..types import load_site
from ..types import partners as inventory
from ..types import privacy
from ..types import redirects as moved
from ..types.base import HOME_PLACE
from ..types.pages import HOME_LABEL, Page, landing_blocks, plan_files, plan_pages
from ..types.pages import abbreviations as abbreviations_of
from ..types.privacy import HeldBack
from . import kept, memo, pool
from .kept import CACHE_DIR
from .cache import Fingerprints, RenderCache

DOCS_DIR = "docs"
# Files editors may put in docs/ besides pages: images, PDFs and (under assets/) fonts and styles.
STATIC_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".pdf", ".txt"}
ASSET_SUFFIXES = STATIC_SUFFIXES | {".css", ".woff2", ".woff", ".ico"}
SITE_JSON = "p/index.json"  # the short links this build published; the next build keeps them


class DocPage(Strict):
    """Front matter of a hand-written page in docs/."""

    title: Name | None = hint("De titel; leeg: de eerste kop (#) van de pagina.", label="Titel", default=None)
    description: Text | None = hint(
        "Eén of twee zinnen voor zoekmachines en bij delen.", label="Samenvatting", default=None
    )
    in_short: InShort = in_short_field()


@dataclass
class HandWritten:
    src: str  # path below docs/, e.g. "privacy.md"
    url: str
    title: str
    description: str
    body: str  # Markdown
    in_short: str = ""  # "In het kort", shown first


def load_built_site(root: Path, today: dt.date | None = None) -> Site:
    """The site as a build loads it (`BuildSession.load`): posters, handouts and the newsletter
    need not read every text again for the consent rule after `make build`, and refuse what the
    build refuses."""
    return BuildSession(Path(root), mode="check", today=today).load()


@dataclass
class BuildSession:
    root: Path
    mode: str = "build"  # "build", "serve" or "check"
    links: str = "folders"  # "files": links end in index.html, for a copy opened from disk
    today: dt.date | None = None
    engine: Engine = field(default_factory=Engine)
    say: Callable[[str], None] = lambda message: None
    site: Site | None = None
    problems: list[Problem] = field(default_factory=list)
    jobs: dict[str, Page] = field(default_factory=dict)  # src_uri -> planned page
    rendered: dict[str, RenderedPage] = field(default_factory=dict)
    table: urls.UrlTable = field(default_factory=urls.UrlTable)
    docs: list[HandWritten] = field(default_factory=list)
    static_files: set[str] = field(default_factory=set)
    extras: dict = field(default_factory=dict)  # what the adapter keeps for this build
    cache: RenderCache | None = None  # pages of earlier builds (make serve)
    published: Path | None = None  # the site this build replaces (its codes stay)
    readability: list = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)  # readability score per text (render/readability.py)
    type_files: dict[str, bytes] = field(default_factory=dict)  # files the types make besides pages
    index_early: bool = False  # start the search index as soon as the pages are rendered (MkDocs)
    _index: Future[dict[str, bytes]] | None = None
    _consent: tuple[str, memo.TextMemo] | None = None  # (the rule's digest, what it found clean before)

    @property
    def preview(self) -> bool:
        return self.mode == "serve"

    # --- start: everything that can fail, before anything is written ---------------------------

    def start(self, render: Callable[[Site], bool] | None = None) -> None:
        """Load, validate, plan and render (not when `render(site)` is false: `make check` skips the
        preview's pages when the build's session already rendered the same ones). Raises
        ContentErrors listing every problem."""
        self._refuse_kept_results()
        try:
            self.site = self._load()
        except ContentErrors as errors:
            self.problems += errors.problems
            self.problems += self._docs_problems()
            raise ContentErrors(self.problems, errors.notices) from None
        self.plan()
        if not self.problems and (render is None or render(self.site)):
            self._render_all()
        if self.problems:
            raise ContentErrors(describe(self.problems, self.site.types.values(), self.root))

    def load(self) -> Site:
        """The loaded and validated site, without planning or rendering. Raises ContentErrors."""
        self._refuse_kept_results()
        self.site = self._load()
        return self.site

    def _refuse_kept_results(self) -> None:
        """What earlier builds kept is used unchecked: never from git (build/kept.py)."""
        if planted := kept.tracked_results(self.root, self.published):
            raise ContentErrors(planted)

    def _load(self) -> Site:
        """The consent rule does not read again what this very rule found clean in the last build
        (`.cache/memo`, not in the preview)."""
        self.today = self.today or clock.today()
        return load_site(self.root, today=self.today, preview=self.preview, clean_before=self._clean_before)

    def plan(self) -> urls.UrlTable:
        """Every page and file of the loaded `site` with its URL, in the URL table, without
        rendering anything (posters ask it which pages exist)."""
        self.problems += self._docs_problems()
        self._plan()
        return self.table

    def _docs_problems(self) -> list[Problem]:
        problems = symlinks_below(self.root, DOCS_DIR)
        base = self.root / DOCS_DIR
        if not base.is_dir():
            return problems + [Problem(DOCS_DIR, None, "bestaat niet. Maak de map docs/ met index.md.")]
        self.docs, self.static_files = [], set()
        for path in sorted(base.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(base).as_posix()
            label = f"{DOCS_DIR}/{relative}"
            if path.suffix == ".md":
                problems += self._read_doc(relative, label)
                continue
            allowed = ASSET_SUFFIXES if relative.startswith("assets/") else STATIC_SUFFIXES
            if path.name.startswith("."):
                continue
            if path.suffix.lower() not in allowed:
                problems.append(
                    Problem(
                        label,
                        None,
                        (
                            f"is een {path.suffix or 'onbekend'}-bestand. In docs/ mogen alleen pagina's (.md), "
                            "afbeeldingen (.png, .jpg, .webp) en pdf's staan. Een .html-, .js- of .svg-bestand kan "
                            "code bevatten die in de browser van lezers draait."
                        ),
                    )
                )
                continue
            if path.suffix == ".css" and re.search(
                r"@import|url\(\s*['\"]?(https?:)?//", path.read_text(errors="replace")
            ):
                problems.append(
                    Problem(
                        label,
                        None,
                        (
                            "laadt iets van een andere website (@import of url(https://...)). Dat kan niet: "
                            "de site haalt niets op van andere websites."
                        ),
                    )
                )
                continue
            self.static_files.add(relative)
        return problems

    def _read_doc(self, relative: str, label: str) -> list[Problem]:
        stem = PurePosixPath(relative).with_suffix("").as_posix()
        if not all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", part) for part in stem.split("/")):
            return [
                Problem(
                    label,
                    None,
                    (
                        "de bestandsnaam wordt het webadres en mag alleen kleine letters, cijfers en streepjes "
                        "bevatten. Geef het bestand een andere naam."
                    ),
                )
            ]
        try:
            source = read_markdown(self.root, label, required=False)
            meta = DocPage.model_validate(source.meta)
        except SourceError as error:
            return [error.problem]
        except ValidationError as error:  # in the editor's words, as for the content types (core/locate.py)
            return [
                replace(problem, label=field_label(DocPage, problem.field))
                for problem in problems_from_validation(error, label, DocPage)
            ]
        title = meta.title or _first_heading(source.body)
        if not title:
            return [
                Problem(
                    label,
                    "title",
                    ("ontbreekt. Zet bovenaan 'title: ...' tussen twee regels '---', of begin de tekst met '# Titel'."),
                )
            ]
        page = HandWritten(
            relative, urls.url_of_doc(relative), title, meta.description or "", source.body, meta.in_short
        )
        problems, kept = self._consent_rule_on_doc(label, page)
        if kept is not None:
            self.docs.append(kept)
        return problems

    def _consent_rule_on_doc(self, label: str, page: HandWritten) -> tuple[list[Problem], HandWritten | None]:
        """The consent rule (types/privacy.py) on a hand-written page: a person without consent is an
        error; a page that names a person whose consent ended is held back, or, for the home page,
        loses the lines that name them."""
        rule = self.site.extras.get("forbidden") if self.site else None
        if not rule or self.site is None:
            return [], page
        texts = (
            ("title", page.title),
            ("description", page.description),
            ("in_short", page.in_short or ""),
            ("tekst", page.body),
            ("bestandsnaam", label),
        )
        findings = [(field, finding) for field, text in texts for finding in rule.find(text)]
        problems = [
            Problem(
                label,
                field,
                (
                    f"noemt '{finding.found}', maar {finding.reason}. Haal dit weg uit de tekst, of leg eerst toestemming "
                    "vast (met de datum en de velden die we mogen tonen)."
                ),
            )
            for field, finding in findings
            if not finding.withdrawn
        ]
        who = ", ".join(sorted({finding.person for _, finding in findings if finding.withdrawn}))
        if not who or problems:
            return problems, page
        if page.url != urls.HOME:
            self.site.hold_back(HeldBack(label, None, page.title, who, url=page.url))
            return [], None
        self.site.hold_back(HeldBack(label, None, page.title, who, taken_out=True))
        return [], replace(
            page,
            title=privacy.take_out(page.title, rule),
            description=privacy.take_out(page.description, rule),
            in_short=page.in_short and privacy.take_out(page.in_short, rule),
            body=privacy.take_out(page.body, rule),
        )

    # --- planning: every page and its URL --------------------------------------------------------

    def _plan(self) -> None:
        site = self.site
        assert site is not None
        for job in plan_pages(site):
            if self.table.claim(job.url, job.owner, job.source, system=job.system):
                self.jobs[urls.src_uri(job.url)] = job
        for path, ctype, data in plan_files(site):
            if self.table.claim(path, f"een bestand van {ctype.plural.lower()} ({path})", ctype.source):
                self.type_files[path] = data
        for doc in self.docs:
            home = doc.url == urls.HOME
            job = Page(
                url=doc.url,
                title=doc.title,
                template="home.html" if home else "hand_written.html",
                source=f"{DOCS_DIR}/{doc.src}",
                owner=f"de pagina {DOCS_DIR}/{doc.src}",
                description=doc.description,
                own_heading=home or _first_heading(doc.body) is not None,
                is_home=home,
                search=not home,
                next_step=not home,
                trail=() if home else ((HOME_LABEL, urls.HOME),),
                context={"markdown": doc.body, "in_short": doc.in_short, **(self._home_context() if home else {})},
                kind_class="ed-type--home" if home else "ed-type--page",
            )
            if self.table.claim(doc.url, job.owner, job.source):
                self.jobs[doc.src] = job
        if urls.HOME not in self.table:
            self.problems.append(Problem(f"{DOCS_DIR}/index.md", None, "ontbreekt: de startpagina. Maak dit bestand."))
        for relative in self.static_files:
            self.table.claim(
                relative,
                f"het bestand {DOCS_DIR}/{relative}",
                f"{DOCS_DIR}/{relative}",
                system=relative.startswith("assets/"),
            )
        for path in self._extra_paths():
            self.table.claim(path, "de site zelf", "(gemaakt)", system=True)
        self.problems += self.table.problems
        self.problems += self._shortlink_problems()
        self.problems += self.kept_shortlink_problems(self.published)
        self.problems += moved.target_problems(site, lambda url: url in self.table)

    def _extra_paths(self) -> list[str]:
        assert self.site is not None
        paths = [*static.FILES, *shareimages_paths(self.site), *self._image_files(), urls.ADMIN]
        return paths

    def _image_files(self) -> list[str]:
        assert self.site is not None
        files = []
        used = sorted(item_images(self.site))
        # Photos not yet in the cache (every photo, in a fresh checkout) are encoded on every core:
        # a phone's photo takes about 0.6 s. The loop below then reads them from the cache.
        new = [image for image in used if not images.encoded(self.root, image)]
        pool.run(partial(_encode, self.root, new), len(new), say=self.say, parallel=not self.preview, at_least=2)
        for image in used:
            files += [
                path for variant in images.variants(self.root, image) for path in (variant.path, variant.webp_path)
            ]
            if PurePosixPath(image).suffix.lower() in {".jpg", ".jpeg"}:
                files.append(image)
        return files

    def _shortlink_problems(self) -> list[Problem]:
        """Every short link forwards to a page that exists."""
        assert self.site is not None
        return inventory.target_problems(
            inventory.short_links(self.site), inventory.category_paths(self.site), lambda url: url in self.table
        )

    def kept_shortlink_problems(self, previous_site: Path | None) -> list[Problem]:
        """A code the previous build published (it may be printed) must still have its page."""
        assert self.site is not None
        if previous_site is None or not (previous_site / SITE_JSON).is_file():
            return []
        try:
            published = json.loads((previous_site / SITE_JSON).read_text(encoding="utf-8")).get("codes", [])
        except (OSError, ValueError, AttributeError, RecursionError):  # damaged: not used
            return []
        if not isinstance(published, list):
            return []
        current = {link.code for link in inventory.short_links(self.site)}
        current |= self._withdrawn_codes(published)
        return [
            Problem(
                inventory.ISSUED_FILE,
                "code",
                (
                    f"de korte link /p/{code}/ stond op de vorige site en hangt misschien op een poster, maar staat "
                    f"nu nergens meer. Zet de code terug in {inventory.ISSUED_FILE}, met 'retired:' en een doel "
                    "('target')."
                ),
                entry=code,
            )
            for code in published
            if isinstance(code, str) and code not in current
        ]

    def _withdrawn_codes(self, codes: list[object]) -> set[str]:
        """Codes whose page the consent rule took off the site (a withdrawal never stops the build):
        its record was held back, or the code names a person whose consent ended."""
        assert self.site is not None
        rule = self.site.extras.get("forbidden")
        held = {
            note.entry
            for note in self.site.held_back
            if isinstance(note, HeldBack) and note.source == inventory.ISSUED_FILE
        }
        return {
            code
            for code in codes
            if isinstance(code, str) and (code in held or bool(rule and privacy.withdrawn_in(code, rule)))
        }

    # --- rendering -------------------------------------------------------------------------------

    def _known(self, target: str) -> bool:
        target = target.partition("#")[0].partition("?")[0]
        return target in self.table or target.rstrip("/") in self.table or target == ""

    def _page_of_source(self, source: str) -> str | None:
        assert self.site is not None
        if source.startswith(f"{DOCS_DIR}/"):
            doc = next((d for d in self.docs if f"{DOCS_DIR}/{d.src}" == source), None)
            return doc.url if doc else None
        for ctype in self.site.types.values():
            if ctype.is_markdown and source.startswith(ctype.source + "/"):
                item = next((i for i in self.site.of(ctype.id) if i.source == source), None)
                return item.url if item else None
        return None

    def renderer(self) -> SiteRenderer:
        assert self.site is not None
        return SiteRenderer(
            self.site,
            self._known,
            self._page_of_source,
            engine=self.engine,
            csp=csp.policy(preview=self.preview),
            preview=self.preview,
            cache_dir=self.root / CACHE_DIR / "templates",
            file_links=self.links == "files",
        )

    def _render_all(self) -> None:
        assert self.site is not None
        renderer = self.renderer()
        order = list(self.jobs)
        digests = self._digests(renderer, order) if self.cache is not None else {}
        todo = [src for src in order if self.cache is None or self.cache.get(src, digests[src]) is None]
        texts = readability.texts(self.site)
        rule = self.site.extras.get("forbidden")
        clean, scores, conversions = self._memos(rule, renderer.glossary)
        if not self.preview:
            renderer.keep_conversions(conversions)
        # Every text the build scores: the longer texts (B1), then the "In het kort" texts (A2, in the hints).
        scored = list(dict.fromkeys([text for _, _, text in texts] + [text for _, _, text in self._short_texts()]))
        text_keys = [memo.text_key(text) for text in scored]
        to_score = [index for index, key in enumerate(text_keys) if scores.get(key) is None]

        def task(index: int):  # pages, then the readability scores not kept from the last build, in one pool
            if index >= len(todo):
                return readability.douma(scored[to_score[index - len(todo)]])
            page = renderer.render(self.jobs[todo[index]])
            converted = conversions.taken()  # a worker hands them to this process
            # The consent rule reads the page here, on every core (unless this very rule found this very
            # page clean in the last build); the review of the outputs recalls what it found.
            found, found_clean = rule.verdict(page.html) if rule else ([], None)
            return page, found, found_clean, converted

        results = pool.run(task, len(todo) + len(to_score), say=self.say, parallel=not self.preview)
        for page, found, found_clean, converted in results[: len(todo)]:
            if not found:  # what the consent rule holds back is not kept either
                conversions.absorb(converted)
            if rule:
                rule.remember(page.html, found, found_clean)
        for key in rule.clean if rule else ():  # the pages, and the texts it read while loading
            clean.keep(key, True)
        fresh = {src: page for src, (page, *_) in zip(todo, results, strict=False)}  # the scores follow
        computed = dict(zip((text_keys[index] for index in to_score), results[len(todo) :], strict=True))
        for key in text_keys:
            scores.keep(key, computed[key] if key in computed else scores.get(key))
        for memo_file in (clean, scores, conversions):
            memo_file.save()
        self.scores = {text: scores.now[key] for text, key in zip(scored, text_keys, strict=True)}
        self.readability = readability.scored(texts, [self.scores[text] for _, _, text in texts])
        for src_uri in order:
            result = fresh[src_uri] if src_uri in fresh or self.cache is None else self.cache.pages[src_uri][1]
            if self.cache is not None and src_uri in fresh:
                self.cache.put(src_uri, digests[src_uri], result)
            self.rendered[src_uri] = result
            self.problems += result.problems
        self.problems += self._body_image_problems()
        self.problems += self._anchor_problems()
        if not self.problems:
            if self.index_early:  # Pagefind works in its own process while the hints and other files are made
                self._index = self._index_in_background(self.pages())
            for advice in self.hints():
                self.say(advice)
            for notice in self.site.notices:  # never silent: what stays off the site, and why
                self.say(f"Niet op de site: {notice}")

    def _consent_memo(self, rule_digest: str) -> memo.TextMemo:
        """The texts and pages this very consent rule found clean in the last build (build/memo.py).
        Read once: loading asks for it (`_clean_before`), and so does rendering."""
        if self._consent is None or self._consent[0] != rule_digest:
            folder = None if self.preview else self.root / CACHE_DIR
            version = code_version([core_privacy], ["anyascii", "confusable-homoglyphs", "pyahocorasick"], rule_digest)
            kept = memo.TextMemo(folder, "consent", version, valid=lambda found_clean: found_clean is True)
            self._consent = (rule_digest, kept)
        return self._consent[1]

    def _clean_before(self, rule_digest: str) -> dict[str, bool]:
        return self._consent_memo(rule_digest).earlier

    def _memos(self, rule: Forbidden | None, glossary: dict[str, str]) -> tuple[memo.TextMemo, ...]:
        """The texts and pages found clean, the readability scores and the Markdown conversions of
        the last build (build/memo.py). The preview keeps its own in memory (it renders drafts, and
        only what changed)."""
        folder = None if self.preview else self.root / CACHE_DIR
        converting = (
            memo.package_modules(),
            ["markdown", "nh3", "python-slugify", "text-unidecode"],
            repr(sorted(glossary.items())),
        )
        return (
            self._consent_memo(rule.digest() if rule else ""),
            memo.TextMemo(folder, "readability", code_version([readability], ["pyphen"]), valid=_is_score),
            memo.TextMemo(folder, "markdown", code_version(*converting)),
        )

    def hints(self) -> list[str]:
        """Advice for editors that never stops a build: personal data in image files, texts above B1,
        example content."""
        assert self.site is not None
        found = metadata_hints(self.root)
        found += [
            f"Leesbaarheid: {text.source} ({text.title}) is waarschijnlijk moeilijker dan taalniveau B1 "
            f"(Flesch-Douma {text.score:.0f}, streef naar {readability.B1_THRESHOLD} of hoger). "
            "Zie CONTRIBUTING.md, 'Schrijven op B1'."
            for text in self.readability
            if text.likely_above_b1
        ]
        found += self.short_text_hints()
        found += source_hints(self.site)
        examples = [
            item for items in self.site.items.values() for item in items if getattr(item.data, "example", False)
        ]
        if examples and self.mode != "serve":
            found.append(
                f"Voorbeelden: {len(examples)} verzonnen voorbeelden (example: true) staan op de site, in "
                f"{', '.join(sorted({item.source for item in examples}))}. Vervang ze door echte inhoud "
                "voordat de site live gaat; 'make report' geeft de lijst."
            )
        return found

    def short_text_hints(self) -> list[str]:
        """ "In het kort" texts likely above A2 (see render/readability.py)."""
        assert self.site is not None
        abbreviations = frozenset(abbreviations_of(self.site))
        hints = []
        for where, title, text in self._short_texts():
            reasons = readability.a2_problems(text, abbreviations, score=self.scores.get(text))
            if reasons:
                hints.append(
                    f"Leesbaarheid: {where} ({title}): 'In het kort' is waarschijnlijk moeilijker dan "
                    f"taalniveau A2 ({'; '.join(reasons)}). Schrijf hoogstens 3 korte zinnen van ongeveer "
                    "10 woorden, met gewone woorden en zonder afkortingen."
                )
        return hints

    def _short_texts(self) -> list[tuple[str, str, str]]:
        assert self.site is not None
        pages = [(f"{DOCS_DIR}/{doc.src}", doc.title, doc.in_short) for doc in self.docs]
        return readability.short_texts(self.site, pages)

    def _digests(self, renderer: SiteRenderer, order: list[str]) -> dict[str, str]:
        """What each page shows, as a digest (see build/cache.py)."""
        assert self.site is not None
        prints = Fingerprints()
        common = prints.digest(
            self.site.settings,
            self.site.categories,
            renderer.glossary,
            renderer.menu,
            self.preview,
            sorted(self.table.owners),
        )
        result = {}
        for src_uri in order:
            job = self.jobs[src_uri]
            extra = renderer.related.related(job.article) if job.article is not None else ()
            result[src_uri] = prints.digest(common, job, extra)
        return result

    def _home_context(self) -> dict:
        """The home page: the categories, what the types place on it, the newest articles
        (those about people first)."""
        assert self.site is not None
        articles = sorted(self.site.articles, key=lambda e: getattr(e.data, "person", None) is None)
        kinds = [ctype for ctype in self.site.types.values() if ctype.article and ctype.list_url]
        return {
            "categories": self.site.categories,
            "blocks": landing_blocks(self.site, HOME_PLACE),
            "stories": articles[:6],
            "article_types": kinds,
        }

    def _anchor_problems(self) -> list[Problem]:
        """A link to '#kop' on a page of the site must find that place on the page."""
        ids: dict[str, set[str]] = {}
        problems = []
        for result in self.rendered.values():
            for source, href, page, anchor in result.anchors:
                src = urls.src_uri(page if page.endswith("/") or not page else page + "/")
                if src not in self.rendered:
                    continue  # a file, or a page outside the section: nothing to check
                if src not in ids:
                    ids[src] = set(_ID.findall(self.rendered[src].html))
                if anchor not in ids[src]:
                    problems.append(
                        Problem(
                            source,
                            "tekst",
                            (
                                f"de link '{href}' verwijst naar de plek '#{anchor}', maar die staat niet op die pagina. "
                                "Link naar een kop die er wel staat, of laat het deel na '#' weg."
                            ),
                        )
                    )
        return problems

    def _body_image_problems(self) -> list[Problem]:
        from ..core.media import image_problems

        problems = []
        for src_uri, result in self.rendered.items():
            for image in set(result.images):
                problems += image_problems(self.root, image, self.jobs[src_uri].source, "tekst")
        return problems

    # --- output -------------------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every page as it is published: its file in the site ('verhalen/rob/index.html') and
        its HTML."""
        return {urls.output_file(self.jobs[src].url): result.html for src, result in self.rendered.items()}

    def files(self) -> dict[str, bytes]:
        """Every extra file of the site, by its path: assets, share images and image variants.
        (The web editor's files under admin/ come from render/webeditor.py.)"""
        assert self.site is not None
        files = dict(static.files(self.site))
        files.update(shareimages.share_images(self.site.categories, cache=self.root / images.CACHE))
        used = item_images(self.site)
        used |= {image for result in self.rendered.values() for image in result.images}
        files.update(images.site_files(self.root, sorted(used)))
        return files

    def not_found_page(self) -> str:
        assert self.site is not None
        root = self.site.site_url.split("/", 3)[3] if self.site.site_url.count("/") >= 3 else ""
        job = Page(
            url="404.html",
            title="Deze pagina bestaat niet",
            template="notfound.html",
            source="(404)",
            owner="de foutpagina",
            noindex=True,
            search=False,
            next_step=False,
            header_search=False,
        )  # its own search form is the first thing on it
        return self.renderer().render(job, root="/" + root).html

    def sitemap(self) -> str:
        assert self.site is not None
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for job in self.jobs.values():
            if not job.noindex:
                lines.append(f"<url><loc>{Markup.escape(urls.absolute(self.site.site_url, job.url))}</loc></url>")
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"

    def outputs(self) -> dict[str, str | bytes]:
        """Every file the section publishes, by its path in the site: the pages, assets and
        images, feeds, the search index, redirect maps, headers, the sitemap, the 404 page and
        the web editor. One writer writes them all (MkDocs, or a test); no path comes twice.
        Raises ContentErrors when the web editor's files or the search index cannot be made."""
        files, search_index = self.outputs_then_search()
        files.update(search_index())
        return files

    def outputs_then_search(self) -> tuple[dict[str, str | bytes], Callable[[], dict[str, bytes]]]:
        """`outputs()` in two parts: every file but the search index, and a call that gives the
        index (Pagefind's files) when it is ready, raising ContentErrors when it cannot be made.
        A writer can write the other files while Pagefind still works (the MkDocs adapter)."""
        assert self.site is not None and self.today is not None
        pages = self.pages()
        index = self._index or self._index_in_background(pages)  # Pagefind works in its own process meanwhile
        self._index = None
        out = Outputs(pages)
        out.add(self.files())
        out.add(feeds.feed_files(self.site))
        out.add(self.type_files)  # what the types make besides pages (types/pages.py plan_files)
        links = inventory.short_links(self.site)
        out.add(redirect_maps.redirect_files(self.site, links))
        out.add({SITE_JSON: json.dumps({"codes": sorted(link.code for link in links)}, indent=1)})
        out.add(csp.header_files(urlsplit(self.site.site_url).path))
        sitemap = self.sitemap()
        stamp = dt.datetime.combine(self.today, dt.time(), dt.timezone.utc).timestamp()  # the build's day
        out.add(
            {
                "404.html": self.not_found_page(),
                "sitemap.xml": sitemap,
                "sitemap.xml.gz": gzip.compress(sitemap.encode(), mtime=int(stamp)),
            }
        )
        out.add(self._admin_files())
        rule = self.site.extras.get("forbidden")
        code = static.packaged_paths() | {
            path for path in out if path.startswith(urls.ADMIN) and not path.endswith((".yml", ".html"))
        }
        files, problems, held = privacy.review_outputs(dict(out), rule, keep=self._essential_files(), packaged=code)
        if problems:
            raise ContentErrors(problems)
        for note in held:
            self.site.hold_back(note)
            self.say(f"Niet op de site: {note.notice()}")
        return files, lambda: self._published_index(index.result(), pages, files)

    def _index_in_background(self, pages: dict[str, str]) -> Future[dict[str, bytes]]:
        background = ThreadPoolExecutor(1)
        index = background.submit(self.search_index, pages)
        background.shutdown(wait=False)  # the thread ends with its task
        return index

    def _published_index(self, early: dict[str, bytes], pages: dict[str, str], published: dict) -> dict[str, bytes]:
        """The index of the pages as published: made while the other files were made, and made
        again when the review above took out or changed a page it holds."""
        if all(published.get(path) == html for path, html in pages.items()):
            return early
        return self.search_index({path: data for path, data in published.items() if isinstance(data, str)})

    def _essential_files(self) -> set[str]:
        """Pages the site cannot lose (home, landing pages, lists): a withdrawn person's name is
        taken out of them instead."""
        return {urls.output_file(job.url) for job in self.jobs.values() if job.context.get("item") is None} | {
            "404.html"
        }

    def search_index(self, pages: dict[str, str]) -> dict[str, bytes]:
        """Pagefind's files for the pages that are in the search (render/search.py). The local
        preview makes them once, when it starts, and keeps them: an edit is shown in a moment,
        and the search finds the text as it was then."""
        if self.cache is not None and self.cache.search_files is not None:
            return self.cache.search_files
        indexed = {urls.output_file(job.url) for job in self.jobs.values() if job.search}
        try:
            files = search.index_files(
                {path: html for path, html in pages.items() if path in indexed}, cache=self.root / CACHE_DIR / "search"
            )
        except search.SearchIndexError as error:
            raise ContentErrors(
                [
                    Problem(
                        "(zoekfunctie)",
                        None,
                        (
                            f"Pagefind kon de zoekindex niet maken: {error}. Voer 'make setup' uit; helpt dat niet, "
                            "meld het dan aan de ontwikkelaars."
                        ),
                    )
                ]
            ) from None
        if self.cache is not None:
            self.cache.search_files = files
        return files

    def _admin_files(self) -> dict[str, bytes]:
        assert self.site is not None
        problems: list[Problem] = []
        files = webeditor.admin_files(self.root, self.site.settings, problems, say=self.say)
        if problems:
            raise ContentErrors(problems)
        return files


class Outputs(dict):
    """The files of one build. A path is written once: a second file for it is a bug."""

    def add(self, files: dict) -> None:
        for path, data in files.items():
            if path in self:
                raise ValueError(f"{path} is made twice in one build")
            self[path] = data


def _encode(root: Path, images_to_encode: list[str], index: int) -> None:
    images.variants(root, images_to_encode[index])  # into the cache on disk; nothing comes back


def _is_score(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def item_images(site: Site) -> set[str]:
    """Every image the items show (the fields the schemas mark as images), as published."""
    used = set()
    for ctype in site.types.values():
        names = [name for name in ctype.schema.model_fields if meta(ctype.schema, name).get("widget") == "image"]
        for item in site.of(ctype.id) if names else ():
            used |= {value for name in names if isinstance(value := getattr(item.data, name, None), str)}
    return used


def shareimages_paths(site: Site) -> list[str]:
    return [shareimages.image_path(None)] + [shareimages.image_path(c.key) for c in site.categories]


_ID = re.compile(r'\sid="([^"]+)"')
# Figures, money and rules: what readers act on, so where it comes from must be named.
_FACTS = re.compile(
    r"€|\d|%|\b(mag|mogen|moet|moeten|verplicht|wet|regel|belasting|uitkering|bijstand)\b", re.IGNORECASE
)


def source_hints(site: Site) -> list[str]:
    """Items that state figures, money or rules without a `source`."""
    hints = []
    for ctype in site.types.values():
        if "source" not in ctype.schema.model_fields or not ctype.source_hint:
            continue
        for item in site.of(ctype.id):
            if getattr(item.data, "source", None) or getattr(item.data, "example", False):
                continue
            text = " ".join(value for _, value in strings_in(item.data.model_dump(mode="json"))) + item.body
            if _FACTS.search(text):
                where = f"{item.source}, item '{item.key}'" if item.entry else item.source
                hints.append(
                    f"Bron: {where} noemt cijfers, geld of regels, maar heeft geen bron (source). "
                    "Zet erbij waar het vandaan komt, bijvoorbeeld 'Projectplan 2025, §2.4'."
                )
    return hints


def _first_heading(markdown: str) -> str | None:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", markdown, re.M)
    return match.group(1).strip() if match else None
