"""Build benchmark: our build against the stock mkdocs-material blog plugin on the same Markdown.

`make bench` (scripts/bench.py) calls `main`. It writes a deterministic synthetic corpus
into a temporary folder, builds it with our build and with the stock Material blog plugin
(same pinned MkDocs and Material, same Python), alternating, first with the machine idle and
then with one core kept busy by another process, and prints one line per figure with its goal.

The corpus is shaped like the repository's own content: every article clones the front
matter of one of its example stories and blogs (tags, person, categories, organisations,
author) and gets a body of about 600 words in five sections with headings and lists. The
data lists are grown to the benchmark's sizes by cloning the real items, so every reference
between data files stays valid.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ervaringsdeskundigheid.types import TYPES

DEFAULT_N = 600
DEFAULT_REPEATS = 3
SEED = 20260101
FIXED_TODAY = "2026-12-01"  # every generated article is dated before this day
DATA_SIZES = {"experts": 250, "organisations": 50, "programmes": 30}
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "src")
SERVE_ARGS = ("serve", "--dirty")  # keep in step with `make serve`
SERVE_EDITS = 5

# Goals from the architecture issue.
GOAL_RATIO = 0.25
GOAL_RATIO_BUSY = 0.40
GOAL_GROWTH = 1.5
GOAL_REBUILD = 0.5
GOAL_POSTERS = 10.0
GOAL_REACH = 60.0  # make bereik: a year of a busy site's access log
REACH_LINES = 1_000_000

BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SECTION_TODAY": FIXED_TODAY}

# --- The synthetic corpus ------------------------------------------------------------------

_WORDS = (
    "ervaring werk armoede schulden wijkteam voedselbank buurthuis opleiding collega team "
    "gesprek hulp bewoner gemeente maatje cursus stage baan contract salaris vergoeding "
    "vertrouwen luisteren samen leren grens rust tijd stap begin toekomst kracht verhaal "
    "herstel geld brief afspraak vraag antwoord school diploma praktijk organisatie "
    "werkgever leidinggevende overleg intake rol taak kennis gevoel schaamte moed hoop"
).split()
_FILLERS = "de het een en van in op met voor naar bij om dat die niet ook maar dan nu al".split()
_HEADINGS = (
    "Hoe het begon",
    "De eerste stap",
    "Samen verder",
    "Wat hielp",
    "Wat het team leerde",
    "Betaald werk",
    "Tips voor werkgevers",
    "Hoe het nu gaat",
    "Wat je zelf kunt doen",
)


@dataclass(frozen=True)
class Article:
    kind: str  # "stories" or "blogs"
    slug: str
    meta: dict  # our front matter
    body: str


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_WORDS) if i % 2 == 0 else rng.choice(_FILLERS) for i in range(words)]
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences, left = [], words
    while left > 0:
        size = min(left, rng.randint(6, 14))
        sentences.append(_sentence(rng, size))
        left -= size
    return " ".join(sentences)


def _body(rng: random.Random, link: str | None) -> str:
    """About 600 words in five sections, each with a heading, paragraphs and a list."""
    parts = [_paragraph(rng, 40)]
    for number, heading in enumerate(rng.sample(_HEADINGS, 5)):
        parts.append(f"## {heading}")
        parts.append(_paragraph(rng, 55))
        bullet = "-" if number % 2 == 0 else "1."
        parts.append("\n".join(f"{bullet} {_sentence(rng, 8)}" for _ in range(4)))
        parts.append(_paragraph(rng, 25) + (f" Lees ook [dit verhaal]({link})." if link and number == 1 else ""))
    return "\n\n".join(parts) + "\n"


def _examples(repo: Path) -> list[tuple[str, dict]]:
    """(kind, front matter) of the repository's stories and blogs."""
    found = []
    for kind in ("stories", "blogs"):
        for path in sorted((repo / "content" / kind).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
            meta.pop("slug", None)
            meta.pop("draft", None)
            found.append((kind, meta))
    return found


def articles(repo: Path, n: int) -> list[Article]:
    """N deterministic articles cloned from the repository's examples, dated before FIXED_TODAY."""
    examples = _examples(repo)
    first = dt.date(2020, 1, 1)
    result, last_story = [], None
    for index in range(n):
        kind, template = examples[index % len(examples)]
        rng = random.Random(f"{SEED}-{index}")
        meta = copy.deepcopy(template)
        slug = f"{'verhaal' if kind == 'stories' else 'blog'}-{index:05d}"
        meta["title"] = f"{template['title']} ({index})"
        meta["date"] = first + dt.timedelta(days=(index * 2190) // max(n, 1))
        meta["description"] = _sentence(rng, 18)
        link = f"{last_story}.md" if kind == "stories" and last_story else None
        result.append(Article(kind=kind, slug=slug, meta=meta, body=_body(rng, link)))
        if kind == "stories":
            last_story = slug
    return result


def _front_matter(values: dict) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n\n"


def _grow(items: list, key: str, size: int) -> list:
    """`items` cloned until there are `size`; clones get a new key and a numbered name."""
    if not items:
        return items
    grown = list(items[:size])
    for index in range(len(grown), size):
        clone = copy.deepcopy(items[index % len(items)])
        clone[key] = f"{clone[key]}-kopie-{index}"
        for label in ("name", "title"):
            if isinstance(clone.get(label), str):
                clone[label] = f"{clone[label]} ({index})"
        grown.append(clone)
    return grown


@dataclass
class Corpus:
    n: int
    ours: Path  # project folder for our build
    stock: Path  # project folder for the stock blog plugin
    articles: list[Article] = field(default_factory=list)


def write_ours(repo: Path, target: Path, items: list[Article]) -> None:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    images = repo / "content" / "afbeeldingen"
    if images.is_dir():
        shutil.copytree(images, target / "content" / "afbeeldingen")
    for ctype in TYPES:
        size = DATA_SIZES.get(ctype.id)
        if size is None or not (repo / ctype.source).is_file():
            continue
        raw = yaml.safe_load((repo / ctype.source).read_text(encoding="utf-8")) or []
        (target / ctype.source).write_text(
            yaml.safe_dump(_grow(raw, ctype.key, size), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    for kind in ("stories", "blogs"):
        (target / "content" / kind).mkdir(parents=True, exist_ok=True)
    for ctype in TYPES:  # moved pages point at the repository's own stories, not in the corpus
        if ctype.id == "redirects" and (target / ctype.source).is_file():
            (target / ctype.source).write_text("[]\n", encoding="utf-8")
    for item in items:
        (target / "content" / item.kind / f"{item.slug}.md").write_text(
            _front_matter(item.meta) + item.body, encoding="utf-8"
        )


_STOCK_CONFIG = """\
site_name: Benchmark
site_url: https://example.org/
theme:
  name: material
  language: nl
  font: false
plugins:
  - search:
      lang: nl
  - blog
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: false
"""


def write_stock(target: Path, items: list[Article]) -> None:
    """The same Markdown as a stock Material blog: posts in docs/blog/posts/, Material's
    front matter (date, categories, authors), one folder per kind so relative links work."""
    posts = target / "docs" / "blog" / "posts"
    target.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(_STOCK_CONFIG, encoding="utf-8")
    (target / "docs" / "blog").mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Start\n\nWelkom.\n", encoding="utf-8")
    (target / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    author_ids = sorted({item.meta["author"] for item in items if "author" in item.meta})
    authors = {
        "authors": {
            a: {
                "name": a.replace("-", " ").title(),
                "description": "Auteur",
                "avatar": "https://example.org/avatar.png",
            }
            for a in author_ids
        }
    }
    (target / "docs" / "blog" / ".authors.yml").write_text(yaml.safe_dump(authors), encoding="utf-8")
    for kind in ("stories", "blogs"):
        (posts / kind).mkdir(parents=True)
    for item in items:
        meta = {
            key: item.meta[key] for key in ("title", "date", "description", "categories", "tags") if key in item.meta
        }
        meta["slug"] = item.slug
        if "author" in item.meta:
            meta["authors"] = [item.meta["author"]]
        (posts / item.kind / f"{item.slug}.md").write_text(_front_matter(meta) + item.body, encoding="utf-8")


def write_corpus(repo: Path, target: Path, n: int) -> Corpus:
    items = articles(repo, n)
    corpus = Corpus(n=n, ours=target / f"ours-{n}", stock=target / f"stock-{n}", articles=items)
    write_ours(repo, corpus.ours, items)
    write_stock(corpus.stock, items)
    return corpus


# --- Timing --------------------------------------------------------------------------------


def _environment() -> dict:
    return {**os.environ, **BUILD_ENV}


def time_build(project: Path, site: Path) -> float:
    """Wall time of a complete `mkdocs build` in a fresh process (start-up included)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=_environment(), cwd=project)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchmarkError(f"build of {project} failed:\n{result.stdout}{result.stderr}")
    return elapsed


class BenchmarkError(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _ServeLog:
    """Reads a `mkdocs serve` process's log in a thread and waits for finished builds.

    The server logs "Serving on" after its first build and "Reloading browsers" after each
    rebuild. (MkDocs drops a log line that repeats an earlier one word for word, so
    "Documentation built in X seconds" is not always there.)"""

    _READY = re.compile(r"Serving on |Reloading browsers")
    _BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
    _FAILED = re.compile(r"^(ERROR|Aborted)|De site is niet gebouwd|An error happened during the rebuild")

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.lines: list[str] = []
        self.ready: list[float] = []  # when each build was done, by the benchmark's clock
        self.reported: list[float] = []  # build times MkDocs printed
        self.failed = False
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            with self.cond:
                self.lines.append(line.rstrip())
                if self._READY.search(line):
                    self.ready.append(time.perf_counter())
                if match := self._BUILT.search(line):
                    self.reported.append(float(match.group(1)))
                if self._FAILED.search(line):
                    self.failed = True
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_for_build(self, count: int, timeout: float) -> float:
        """The time the `count`th build was done."""
        with self.cond:

            def done() -> bool:
                return len(self.ready) >= count or bool(self.failed) or self.process.poll() is not None

            if not self.cond.wait_for(done, timeout=timeout) or len(self.ready) < count or self.failed:
                self.cond.wait(timeout=0.5)  # the rest of the error message
                raise BenchmarkError("mkdocs serve did not finish a build:\n" + "\n".join(self.lines[-30:]))
            return self.ready[count - 1]


def measure_rebuild(corpus: Corpus, edits: int = SERVE_EDITS) -> tuple[list[float], list[float]]:
    """Run a real `mkdocs serve` (the flags of `make serve`) on the corpus, edit one story
    `edits` times, and return the seconds from saving the file until the rebuilt site is
    served, for each edit, and the rebuild times MkDocs printed. Saved to served includes the server
    noticing the change (the operating system reports it: hooks/mkdocs_section `prepare_server`) and waiting
    0.05 s for more changes."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        *SERVE_ARGS,
        "-f",
        str(corpus.ours / "mkdocs.yml"),
        "-a",
        f"127.0.0.1:{port}",
    ]
    environment = _environment()
    process = subprocess.Popen(
        command, cwd=corpus.ours, env=environment, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    log = _ServeLog(process)
    stories = [a for a in corpus.articles if a.kind == "stories"]
    path = corpus.ours / "content" / "stories" / f"{stories[len(stories) // 2].slug}.md"
    results = []
    pauses = random.Random(SEED)
    try:
        log.wait_for_build(1, timeout=600)
        time.sleep(1.0)  # let the file watcher settle
        for edit in range(1, edits + 1):
            text = path.read_text(encoding="utf-8")
            start = time.perf_counter()
            path.write_text(text + f"\nAangepast in de voorvertoning, versie {edit}.\n", encoding="utf-8")
            results.append(log.wait_for_build(1 + edit, timeout=300) - start)
            time.sleep(1.0 + pauses.random() * 0.5)  # an editor saves at any time
    finally:
        process.send_signal(signal.SIGINT)  # like Ctrl+C: the server shuts down and cleans up
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return results, log.reported[1:]


def benchmark_inventory(organisation_ids: list[str], themes: list[str], locations: int = 2) -> str:
    """A synthetic data/partners.yml for timing: every organisation, `locations` locations,
    every format, targets spread over home and the categories."""
    targets = ["home", *themes]
    lines = ["campaign: benchmark", "partners:"]
    n = 0
    for org in organisation_ids:
        lines += [f"  - partner: {org}", "    locations:"]
        for number in range(1, locations + 1):
            n += 1
            lines += [
                f"      - name: locatie {number}",
                f"        target: {targets[n % len(targets)]}",
                f"        code: b{n}",
                f"        banner_code: b{n}-banner",
                "        copies: {A4: 2, A3: 1, A2: 1, banner: 1}",
            ]
    return "\n".join(lines) + "\n"


def time_posters(corpus: Corpus, target: Path, partners: int = 50) -> tuple[float, int]:
    """Seconds and count for every poster of 50 partners (two locations each, every format),
    made in a copy of the corpus so the site builds are not affected."""
    from ervaringsdeskundigheid.outreach.posters import generate_posters

    project = target / "posters-project"

    # Not the built sites (site/, site-*/ at the top), but data/site.yml of course.
    def built_sites(folder, names):
        return [n for n in names if Path(folder) == corpus.ours and n.startswith("site") and (corpus.ours / n).is_dir()]

    shutil.copytree(corpus.ours, project, ignore=built_sites)
    organisations = yaml.safe_load((project / "data/organisations.yml").read_text(encoding="utf-8"))
    categories = yaml.safe_load((project / "data/categories.yml").read_text(encoding="utf-8"))
    (project / "data/partners.yml").write_text(
        benchmark_inventory([o["id"] for o in organisations][:partners], [c["id"] for c in categories]),
        encoding="utf-8",
    )
    (project / "data/issued_codes.yml").write_text("[]\n", encoding="utf-8")
    start = time.perf_counter()
    run = generate_posters(project, target / "posters")
    return time.perf_counter() - start, run.count


def time_reach(repo: Path, target: Path, lines: int = REACH_LINES) -> tuple[float, float, int]:
    """Wall and CPU seconds of `make bereik` (the counting and the report) on a synthetic year of
    access log (tools/accesslog.py), and the scans it counted."""
    from ervaringsdeskundigheid.outreach.reach import generate_reach
    from tools.accesslog import busy_year

    log = target / "access.log"
    busy_year(log, lines)
    wall, cpu = time.perf_counter(), time.process_time()
    run = generate_reach(repo, [str(log)], out_dir=target / "bereik")
    return time.perf_counter() - wall, time.process_time() - cpu, run.tally.total_scans


def page_weights(site: Path, pages: list[str]) -> list[tuple[str, int, int]] | None:
    """(page, compressed bytes a phone downloads, the search's part of them: none until a reader
    opens it) for each
    page (pageweight.measure, as the browser tests measure it), or None without a browser."""
    try:
        from playwright.sync_api import sync_playwright

        from tools.devserver import CHROMIUM, launch_chromium, serve_directory
        from tools.pageweight import measure
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    try:
        with serve_directory(site) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                weights = [(page, measure(browser, base + page)) for page in pages]
                return [
                    (
                        page,
                        weight.total,
                        sum(
                            size
                            for url, size in weight.resources.items()
                            if "/pagefind/" in url or url.endswith("search_index.json")
                        ),
                    )
                    for page, weight in weights
                ]
            finally:
                browser.close()
    except Exception as error:  # the figure is optional; the timings are not
        print(f"Page weights not measured: {error}", file=sys.stderr)
        return None


LIGHTHOUSE_RUNS = 2


def lighthouse_performance(site: Path, runs: int = LIGHTHOUSE_RUNS):
    """Lighthouse performance (mobile) per page over `runs` runs (tools/lighthouse.py), or
    None when Lighthouse cannot run here. Reported, never asserted: it follows the load."""
    try:
        from tools import lighthouse
    except ImportError:
        return None
    if lighthouse.missing():
        print(f"Lighthouse not run: {lighthouse.missing()}", file=sys.stderr)
        return None
    try:
        return lighthouse.Summary.of(lighthouse.run_on_site(site, categories=("performance",), runs=runs))
    except Exception as error:  # the figure is optional; the timings are not
        print(f"Lighthouse not run: {error}", file=sys.stderr)
        return None


# --- Running and reporting -----------------------------------------------------------------


@dataclass
class Timings:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, project: Path, site: Path) -> None:
        before = _children_cpu()
        self.wall.append(time_build(project, site))
        self.cpu.append(_children_cpu() - before)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    def describe(self) -> str:
        runs = ", ".join(f"{t:.2f}" for t in self.wall)
        return f"{self.median:6.2f} s   (CPU {statistics.median(self.cpu):.2f} s; runs {runs})"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def _line(label: str, value: str, goal: str = "") -> str:
    return f"{label:<50} {value:<56} {goal}".rstrip()


def _machine() -> str:
    import platform
    from importlib.metadata import version

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, mkdocs {version('mkdocs')}, "
        f"mkdocs-material {version('mkdocs-material')}"
    )


def _qr_pages() -> list[str]:
    try:
        from tools.pageweight import QR_LANDING_PAGES
    except ImportError:
        return []
    return list(QR_LANDING_PAGES)


def _weight_budget() -> int:
    from tools.pageweight import BUDGET_BYTES

    return BUDGET_BYTES


def _weight_pages(corpus: Corpus) -> list[str]:
    """The QR landing pages, one story and the first stories overview."""
    story = next(a for a in corpus.articles if a.kind == "stories")
    return [*_qr_pages(), f"verhalen/{story.slug}/", "verhalen/"]


class CpuHog:
    """One process that keeps one core busy, for the 'one other build running' figure."""

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        return self

    def __exit__(self, *exc):
        self.process.kill()
        self.process.wait()


def run(
    repo: Path,
    n: int = DEFAULT_N,
    repeats: int = DEFAULT_REPEATS,
    workdir: Path | None = None,
    out=print,
    busy: bool = True,
) -> bool:
    """Write the corpora, time everything, print the table. True when every goal is met."""
    own_tmp = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="section-bench-")) if own_tmp else Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    half = max(2, n // 2)
    try:
        out(f"Writing the synthetic corpus (N = {n} and N/2 = {half}) to {workdir} ...")
        full, small = write_corpus(repo, workdir / "full", n), write_corpus(repo, workdir / "half", half)
        ours, stock, ours_half, stock_half = Timings(), Timings(), Timings(), Timings()
        ours_busy, stock_busy = Timings(), Timings()
        for number in range(1, repeats + 1):
            out(f"Round {number}/{repeats}: our build and the stock blog plugin, in turn, machine idle ...")
            ours.add(full.ours, workdir / "site-ours")
            stock.add(full.stock, workdir / "site-stock")
            ours_half.add(small.ours, workdir / "site-ours-half")
            stock_half.add(small.stock, workdir / "site-stock-half")
        if busy:
            with CpuHog():
                for number in range(1, repeats + 1):
                    out(f"Round {number}/{repeats}: the same with one core kept busy ...")
                    ours_busy.add(full.ours, workdir / "site-ours-busy")
                    stock_busy.add(full.stock, workdir / "site-stock-busy")
        out("Timing rebuilds in `make serve` after editing one story ...")
        rebuilds, built = measure_rebuild(full)
        out("Timing the posters ...")
        posters = time_posters(full, workdir)
        out(f"Timing make bereik on {REACH_LINES:,} lines of access log ...")
        reach = time_reach(repo, workdir)
        out("Measuring page weights in Chromium ...")
        weights = page_weights(workdir / "site-ours", _weight_pages(full))
        out("Running Lighthouse (mobile) on the home page, the categories and a story ...")
        load = os.getloadavg()[0]
        performance = lighthouse_performance(workdir / "site-ours")

        ratio = ours.median / stock.median
        growth = ours.median / ours_half.median
        rebuild = statistics.median(rebuilds)
        goals = [ratio <= GOAL_RATIO, growth <= GOAL_GROWTH, rebuild <= GOAL_REBUILD]
        out("")
        out(
            f"Benchmark: N = {n} stories and blogs (front matter of the repository's examples, ~600 words "
            f"in five sections each), {DATA_SIZES['experts']} experts, {DATA_SIZES['organisations']} "
            f"organisations, {DATA_SIZES['programmes']} programmes; {repeats} runs each, alternating; medians."
        )
        out(f"Machine: {_machine()}")
        out("")
        out(_line("Figure", "Measured", "Goal"))
        out(_line(f"Our build, N = {n}, idle", ours.describe()))
        out(_line(f"Stock Material blog plugin, N = {n}, idle", stock.describe()))
        cpu_ratio = statistics.median(ours.cpu) / statistics.median(stock.cpu)
        out(
            _line(
                "Ours / stock, idle",
                f"{ratio:.2f}x   (CPU time {cpu_ratio:.2f}x)",
                f"<= {GOAL_RATIO}x  {_verdict(goals[0])}",
            )
        )
        if busy:
            busy_ratio = ours_busy.median / stock_busy.median
            goals.append(busy_ratio <= GOAL_RATIO_BUSY)
            out(_line("Our build, one core busy", ours_busy.describe()))
            out(_line("Stock, one core busy", stock_busy.describe()))
            out(
                _line(
                    "Ours / stock, one core busy", f"{busy_ratio:.2f}x", f"<= {GOAL_RATIO_BUSY}x  {_verdict(goals[-1])}"
                )
            )
        out(
            _line(
                f"Growth N/2 -> N, ours ({ours_half.median:.2f} s -> {ours.median:.2f} s)",
                f"{growth:.2f}x",
                f"<= {GOAL_GROWTH}x  {_verdict(goals[1])}",
            )
        )
        out(
            _line(
                f"Growth N/2 -> N, stock ({stock_half.median:.2f} s -> {stock.median:.2f} s)",
                f"{stock.median / stock_half.median:.2f}x",
                "(for comparison)",
            )
        )
        out(
            _line(
                "make serve: rebuild after editing one story",
                f"{rebuild:.2f} s   (save to served; edits {', '.join(f'{t:.2f}' for t in rebuilds)}; "
                f"MkDocs: built in {', '.join(f'{t:.2f}' for t in built) or '?'} s)",
                f"<= {GOAL_REBUILD:g} s  {_verdict(goals[2])}",
            )
        )
        if posters:
            seconds, count = posters
            goals.append(seconds < GOAL_POSTERS)
            out(
                _line(
                    "Posters, 50 partners",
                    f"{seconds:.2f} s for {count} posters ({seconds / count * 1000:.0f} ms per poster)",
                    f"< {GOAL_POSTERS:.0f} s  {_verdict(goals[-1])}",
                )
            )
        seconds, cpu, scans = reach
        goals.append(seconds < GOAL_REACH)
        out(
            _line(
                f"make bereik, {REACH_LINES:,} log lines",
                f"{seconds:.1f} s   (CPU {cpu:.1f} s; {scans} scans)",
                f"< {GOAL_REACH:.0f} s  {_verdict(goals[-1])}",
            )
        )
        if weights:
            budget = _weight_budget()
            for page, size, index in weights:
                goal = f"<= {budget // 1024} KB  {_verdict(size <= budget)}" if page in _qr_pages() else ""
                out(
                    _line(
                        f"Page weight, phone: /{page}",
                        f"{size / 1024:.0f} KB compressed, without images (search {index / 1024:.0f} KB)",
                        goal,
                    )
                )
        if performance:
            from tools.lighthouse import PERFORMANCE_GOAL

            for path, categories in performance.scores.items():
                scores = categories["performance"]
                median = statistics.median(scores)
                paint = performance.largest_paint.get(path)
                paint = f"; largest paint {statistics.median(paint) / 1000:.1f} s" if paint else ""
                out(
                    _line(
                        f"Lighthouse performance, mobile: /{path}",
                        f"{median:.0f}   (runs {', '.join(map(str, scores))}; load {load:.1f}{paint})",
                        f">= {PERFORMANCE_GOAL}  {_verdict(median >= PERFORMANCE_GOAL)} (reported only)",
                    )
                )
        out("")
        out("All goals met." if all(goals) else "Not every goal is met; see the lines marked NOT MET.")
        return all(goals)
    finally:
        if own_tmp:
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None, repo: Path | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time our build against the stock Material blog plugin.")
    parser.add_argument("-n", type=int, default=DEFAULT_N, help=f"stories + blogs (default {DEFAULT_N})")
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, help="runs of each build (default 3)")
    parser.add_argument("--keep", type=Path, help="write the corpus and sites here and keep them")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is not met")
    parser.add_argument("--no-busy", action="store_true", help="skip the runs with one core kept busy")
    args = parser.parse_args(argv)
    repo = repo or Path.cwd()
    try:
        met = run(
            repo,
            n=args.n,
            repeats=max(1, args.repeats),
            workdir=args.keep,
            out=lambda text: print(text, flush=True),
            busy=not args.no_busy,
        )
    except BenchmarkError as error:
        print(f"Benchmark failed: {error}", file=sys.stderr)
        return 2
    return 1 if args.strict and not met else 0
