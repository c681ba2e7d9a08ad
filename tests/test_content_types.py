"""A content type is declared once. A new type declared here, in the test, gets its list
page, its item pages, its place on the category pages and in the menu, validation with Dutch
messages and a `make new` template, without touching any other file of the package."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, TODAY, messages
from ervaringsdeskundigheid import types as registry
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.core.fields import Date, Name, Slug, Strict, Text, hint
from ervaringsdeskundigheid.editor.check import check_project
from ervaringsdeskundigheid.editor.scaffold import create
from ervaringsdeskundigheid.render import search
from ervaringsdeskundigheid.types import ContentType, Fact, Section


class Vacancy(Strict):
    slug: Slug = hint("Staat in het webadres.", label="Webadres")
    draft: bool = hint("true: nog niet publiceren.", label="Concept", default=False)
    title: Name = hint("De functie.", label="Titel")
    organisation: Slug = hint(
        "De id van de organisatie.", label="Organisatie", relation="organisations", example="lefier"
    )
    summary: Text = hint("Wat houdt het werk in?", label="Samenvatting")
    hours: Name | None = hint("Uren per week.", label="Uren", default=None)
    closing_date: Date = hint(
        "Tot wanneer je kunt reageren (JJJJ-MM-DD).", label="Reageren kan tot", example=dt.date(2026, 6, 1)
    )
    categories: list[Slug] = hint(
        "Categorieën.", label="Categorieën", relation="categories", min_length=1, example=["werkgevers"]
    )


def open_until_closing(item, today):
    if item.data.draft:
        return "Concept"
    return "gesloten" if item.data.closing_date < today else None


VACANCIES = ContentType(
    id="vacancies",
    label="Vacature",
    plural="Vacatures",
    schema=Vacancy,
    source="data/vacatures.yml",
    key="slug",
    list_url="vacatures/",
    item_url="vacatures/{slug}/",
    description="Vacatures voor ervaringsdeskundigen bij de partners.",
    facts=(Fact("Uren", "hours"), Fact("Reageren kan tot", "closing_date", "date")),
    nav="werkgevers",
    section=Section("Vacatures", limit=2, style="links", order=35),
    make_new="vacature",
    published=open_until_closing,
)

DATA = [
    {
        "slug": "ervaringsdeskundige-wonen",
        "title": "Ervaringsdeskundige wonen",
        "organisation": "lefier",
        "summary": "Je helpt huurders met schulden.",
        "hours": "24",
        "closing_date": "2026-03-01",
        "categories": ["werkgevers", "ervaringsdeskundige"],
    },
    {
        "slug": "kwartiermaker",
        "title": "Kwartiermaker",
        "organisation": "cosis",
        "summary": "Je bouwt een netwerk op.",
        "closing_date": "2025-10-01",
        "categories": ["werkgevers"],
    },
]


@pytest.fixture
def vacancies(project):
    (project / "data/vacatures.yml").write_text(yaml.safe_dump(DATA, sort_keys=False), encoding="utf-8")
    before = list(registry.TYPES)
    registry.register(VACANCIES)
    yield project
    registry.TYPES[:] = before


def test_the_new_type_gets_its_pages_menu_and_category_sections(vacancies):
    session = BuildSession(vacancies, mode="check", today=TODAY)
    session.start()
    list_page = session.rendered["vacatures.md"].html
    assert "Ervaringsdeskundige wonen" in list_page and "Reageren kan tot" in list_page
    assert "1 maart 2026" in session.rendered["vacatures/ervaringsdeskundige-wonen.md"].html
    assert "Vacatures" in session.rendered["werkgevers.md"].html
    assert "ervaringsdeskundige-wonen" in session.rendered["werkgevers.md"].html
    assert 'href="../vacatures/"' in session.rendered["werkgevers.md"].html  # the menu of its category


def test_an_item_stops_being_published_after_its_closing_date(vacancies):
    session = BuildSession(vacancies, mode="check", today=TODAY)
    session.start()
    assert "vacatures/kwartiermaker.md" not in session.rendered
    assert "Kwartiermaker" not in session.rendered["vacatures.md"].html
    later = BuildSession(vacancies, mode="check", today=dt.date(2026, 3, 2))
    later.start()
    assert "vacatures/ervaringsdeskundige-wonen.md" not in later.rendered


def test_the_new_type_is_validated_in_dutch(vacancies):
    data = [dict(DATA[0], closing_date="31-03-2026", organisation="lefir", titel="x")]
    (vacancies / "data/vacatures.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    output = messages(check_project(vacancies, today=TODAY).problems)
    assert (
        "item 'Ervaringsdeskundige wonen' ('ervaringsdeskundige-wonen'), veld 'Reageren kan tot' ('closing_date')"
        in output
    )
    assert "Bedoel je 2026-03-31?" in output
    assert "Bedoel je 'lefier'?" in output and "Bedoel je 'title'?" in output


def test_make_new_writes_a_template_from_the_declaration(vacancies):
    path = create(vacancies, "vacature", "Coach voor jongeren", today=TODAY)
    text = path.read_text(encoding="utf-8")
    assert "# Tot wanneer je kunt reageren (JJJJ-MM-DD)." in text and "slug: coach-voor-jongeren" in text
    new = next(item for item in yaml.safe_load(text) if item["slug"] == "coach-voor-jongeren")
    assert new["draft"] is True and new["organisation"] == "lefier"
    assert check_project(vacancies, today=TODAY).problems == []
    path.write_text(text.replace("  draft: true", "  draft: false"), encoding="utf-8")
    output = messages(check_project(vacancies, today=TODAY).problems)
    assert "Schrijf hier" in output, "the example text cannot be published"


class Announcement(Strict):
    title: Name = hint("De titel.", label="Titel")
    categories: list[Slug] = hint(
        "Categorieën.", label="Categorieën", relation="categories", min_length=1, example=["werkgevers"]
    )
    draft: bool = hint("true: nog niet publiceren.", label="Concept", default=False, example=True)


ANNOUNCEMENTS = ContentType(
    id="announcements",
    label="Mededeling",
    plural="Mededelingen",
    schema=Announcement,
    source="content/mededelingen",
    list_url="mededelingen/",
    item_url="mededelingen/{slug}/",
    summary=None,
    nav="werkgevers",
    section=Section("Mededelingen", limit=2, order=36),
    make_new="mededeling",
    body_template="\nSchrijf hier de mededeling.\n",
    body_placeholders=("Schrijf hier de mededeling.",),
)


@pytest.fixture
def announcements(project):
    folder = project / "content/mededelingen"
    folder.mkdir()
    (folder / "nieuwe-werkplaats.md").write_text(
        "---\ntitle: Een nieuwe werkplaats\ncategories: [werkgevers, aspirant]\n---\nWe openen een werkplaats.\n",
        encoding="utf-8",
    )
    before = list(registry.TYPES)
    registry.register(ANNOUNCEMENTS)
    yield project
    registry.TYPES[:] = before


def test_a_markdown_type_need_not_be_an_article(announcements):
    """A new Markdown type gets its overview, item pages, landing blocks, search entries, web
    editor collection, `make new` and `make check`; it stays out of what belongs to stories and
    blogs: the feeds, 'Lees ook' and the landing pages' stories."""
    session = BuildSession(announcements, mode="check", today=TODAY)
    session.start()
    outputs = session.outputs()
    assert "Een nieuwe werkplaats" in outputs["mededelingen/index.html"]
    assert "We openen een werkplaats." in outputs["mededelingen/nieuwe-werkplaats/index.html"]
    assert "mededelingen/nieuwe-werkplaats/" in outputs["werkgevers/index.html"]
    assert "mededelingen/nieuwe-werkplaats/" in outputs["aspirant-ervaringsdeskundige/index.html"]
    assert '"url":"/mededelingen/nieuwe-werkplaats/"' in search.indexed_text(outputs)
    config = yaml.safe_load(outputs["admin/config.yml"])
    assert any(c.get("folder") == "content/mededelingen" for c in config["collections"])
    for path in ("feed.xml", "feed.json", "werkgevers/verhalen/index.html", "index.html"):
        assert "nieuwe-werkplaats" not in outputs[path], path
    story = next(path for path in outputs if path.startswith("verhalen/") and path.count("/") == 2)
    assert "nieuwe-werkplaats" not in outputs[story], "not in 'Lees ook'"
    assert "Dit mededeling" not in "".join(v for v in outputs.values() if isinstance(v, str))

    path = create(announcements, "mededeling", "Open dag", today=TODAY)
    assert path == announcements / "content/mededelingen/open-dag.md"
    assert check_project(announcements, today=TODAY).problems == []
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    assert "Schrijf hier de mededeling" in messages(check_project(announcements, today=TODAY).problems)
    path.write_text("---\ntitle: Open dag\ncategories: [werkgever]\n---\nTekst.\n", encoding="utf-8")
    assert "Bedoel je 'werkgevers'?" in messages(check_project(announcements, today=TODAY).problems)


def test_render_and_build_name_no_content_type():
    """Which types there are is declared in types/; the renderer and the build never name one."""
    ids = "|".join(ctype.id for ctype in registry.TYPES)
    naming = re.compile(rf"""(\b(of|get|single|by_id|in_category)\(\s*|\.id\s*(==|!=|in)\s*\(?)["']({ids})["']""")
    for folder in ("render", "build"):
        for path in (ROOT / "src/ervaringsdeskundigheid" / folder).rglob("*"):
            if path.suffix in (".py", ".html"):
                found = naming.search(path.read_text(encoding="utf-8"))
                assert found is None, (path, found.group(0))


def test_the_package_imports_without_mkdocs_or_material():
    """No module under src/ imports MkDocs or Material (a hidden finder makes them unavailable)."""
    code = """
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('mkdocs', 'material'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import ervaringsdeskundigheid
for module in pkgutil.walk_packages(ervaringsdeskundigheid.__path__, 'ervaringsdeskundigheid.'):
    importlib.import_module(module.name)
print('ok')
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src")}
    )
    assert result.stdout.strip() == "ok", result.stderr
    for path in (ROOT / "src").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import mkdocs" not in text and "from mkdocs" not in text and "from material" not in text, path


def test_the_hook_is_thin():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    lines = sum(len((ROOT / hook).read_text(encoding="utf-8").splitlines()) for hook in config["hooks"])
    assert lines <= 150
