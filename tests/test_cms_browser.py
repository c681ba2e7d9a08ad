"""The web editor (/admin/) in Debian's Chromium: Dutch, no page errors, nothing from other
hosts, no CSP violations; and a story and an expert made through its forms pass `make check`
and build.

The editor runs in Sveltia's own local repository mode. Only the folder picker is stood in
for (as in Sveltia's own tests): `showDirectoryPicker` returns a folder in the browser's
private file system, filled with the project's content and data; what the editor writes there
is read back and put into a copy of the project.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image
from playwright.sync_api import Page, expect

from conftest import ROOT, TODAY, check, copy_project, messages, run_build, site_prefix
from ervaringsdeskundigheid.build.session import BuildSession
from tools.devserver import serve_directory

EDITED = ("content", "data")  # what the editor reads and writes
SAVE_TIMEOUT_MS = 30_000  # a save writes to the browser's local repository; a loaded CI machine needs more than 15 s
CATEGORY_TITLES = {
    c["id"]: c["title"] for c in yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))
}
INIT = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repo', { create: true });
document.addEventListener('securitypolicyviolation', (event) => {
  (window.__violations ||= []).push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""
FILL_REPOSITORY = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('repo', { recursive: true }); } catch {}
  const repo = await root.getDirectoryHandle('repo', { create: true });
  await repo.getDirectoryHandle('.git', { create: true });   // the editor wants a repository's root
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = repo;
    for (const name of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(name, { create: true });
    const writable = await (await folder.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    await writable.close();
  }
}"""
READ_REPOSITORY = """async () => {
  const files = {};
  const walk = async (folder, prefix) => {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === 'directory') { await walk(handle, prefix + name + '/'); continue; }
      const file = await handle.getFile();
      files[prefix + name] = await new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result.split(',')[1]);
        reader.readAsDataURL(file);
      });
    }
  };
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return files;
}"""


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """A copy of the project built with the web editor (the npm package of the repository)."""
    project = copy_project(tmp_path_factory.mktemp("cms") / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    result = run_build(project, project / "site", GITHUB_REPOSITORY="voorbeeld/site")  # as in CI: the PR link
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site/admin/sveltia-cms.js").is_file(), "the web editor was not built (run make setup)"
    with serve_directory(project / "site", site_prefix()) as base:
        yield project, base


class Recorder:
    """Page errors, requests to other hosts and CSP violations of one browser context."""

    def __init__(self, context, base: str):
        self.host = urlsplit(base).netloc
        self.errors: list[str] = []
        self.foreign: list[str] = []
        context.on("request", self._request)
        context.add_init_script(INIT)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("blob", "data") and parts.netloc != self.host:
            self.foreign.append(request.url)

    def watch(self, page: Page) -> Page:
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def assert_clean(self, page: Page):
        assert self.errors == [] and self.foreign == []
        assert page.evaluate("window.__violations || []") == []


@pytest.fixture
def editor(browser, editor_site):
    """A fresh browser context in English (the editor must still speak Dutch) on /admin/."""
    project, base = editor_site
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    recorder = Recorder(context, base)
    page = recorder.watch(context.new_page())
    page.goto(f"{base}admin/")
    yield page, recorder, project, base
    context.close()


def field(page: Page, label: str):
    """The form field with this label. Sveltia renders fields as they scroll into view, and
    puts its labels between Unicode isolates ("Veld “\u2068Titel\u2069”")."""
    found = page.get_by_role("group", name=re.compile(f"^Veld .\u2068?{re.escape(label)}\u2069?.$"))
    for _ in range(60):
        if found.count():
            break
        page.mouse.move(640, 500)
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(50)
    return found


def open_local_repository(page: Page, project: Path) -> dict[str, bytes]:
    files = {
        path.relative_to(project).as_posix(): path.read_bytes()
        for part in EDITED
        for path in (project / part).rglob("*")
        if path.is_file()
    }
    page.evaluate(FILL_REPOSITORY, {path: base64.b64encode(data).decode() for path, data in files.items()})
    page.get_by_role("button", name="Werken met een lokale repository").click()
    expect(page.get_by_role("treeitem", name=re.compile("^Verhalen"))).to_be_visible()
    return files


def read_repository(page: Page) -> dict[str, bytes]:
    for _ in range(20):  # a save may still be closing a file
        try:
            return {path: base64.b64decode(data) for path, data in page.evaluate(READ_REPOSITORY).items()}
        except Exception:  # noqa: BLE001 - Playwright reports the browser's DOMException as a plain Error
            page.wait_for_timeout(250)
    raise AssertionError("the editor's files could not be read back")


def photo() -> bytes:
    image = Image.new("RGB", (900, 600), (31, 110, 120))
    image.paste((240, 200, 80), (300, 150, 600, 450))
    data = io.BytesIO()
    image.save(data, "JPEG", quality=85)
    return data.getvalue()


def test_the_editor_opens_in_dutch_with_nothing_from_other_hosts(editor):
    page, recorder, _, _ = editor
    expect(page.get_by_role("button", name="Werken met een lokale repository")).to_be_visible()
    expect(page.get_by_role("button", name="Inloggen met een toegangstoken")).to_be_visible()
    assert page.title() == "Webeditor ervaringsdeskundigheid"
    assert page.evaluate("document.documentElement.lang") == "nl"
    text = page.inner_text("body")
    assert "Welkom bij" in text
    for english in ("Sign In", "Work with Local Repository", "Welcome to"):
        assert english not in text
    recorder.assert_clean(page)


def create_story(page: Page, base: str) -> None:
    page.goto(f"{base}admin/#/collections/stories/new")
    field(page, "Titel").get_by_role("textbox").fill("Sanne vindt werk in de bibliotheek")
    field(page, "Datum").get_by_role("textbox").fill("2025-10-01")
    field(page, "Samenvatting").get_by_role("textbox").fill(
        "Sanne had jaren geen werk. Nu helpt ze bezoekers van de bibliotheek met brieven en formulieren."
    )
    field(page, "In het kort").get_by_role("textbox").fill("Sanne helpt mensen in de bibliotheek met hun brieven.")
    categories = field(page, "Categorieën")
    categories.get_by_role("checkbox", name=CATEGORY_TITLES["ervaringsdeskundige"], exact=True).check()
    categories.get_by_role("checkbox", name=CATEGORY_TITLES["werkgevers"], exact=True).check()
    field(page, "Trefwoorden").get_by_role("textbox").first.fill("bibliotheek, werk")
    field(page, "Afbeelding").get_by_role("button", name="Bladeren").click()
    dialog = page.get_by_role("dialog", name="Afbeelding selecteren")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Uploaden").click()
    chooser.value.set_files(
        files=[{"name": "Sanne in de Bibliotheek.jpg", "mimeType": "image/jpeg", "buffer": photo()}]
    )
    expect(dialog.get_by_role("option", name="sanne-in-de-bibliotheek.jpg")).to_have_attribute("aria-selected", "true")
    dialog.get_by_role("button", name="Invoegen").click()
    field(page, "Beschrijving van de afbeelding").get_by_role("textbox").fill("Sanne achter de balie")
    field(page, "Over wie gaat het?").get_by_role("checkbox").check()  # an optional group of fields
    field(page, "Naam of schuilnaam").get_by_role("textbox").fill("Sanne")
    field(page, "Dit is een schuilnaam").get_by_role("switch").check()
    field(page, "Tekst").get_by_role("textbox", name="Tekst").click()
    page.keyboard.type("Sanne werkt nu twee dagen per week in de bibliotheek.")
    page.keyboard.press("Enter")
    page.keyboard.type("## Wat ze doet")  # the editor turns this into a heading
    page.keyboard.press("Enter")
    page.keyboard.type("Ze helpt mensen die vastlopen met formulieren.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("row", name=re.compile("Sanne vindt werk"))).to_be_visible(timeout=15_000)


def create_expert(page: Page, base: str) -> None:
    page.goto(f"{base}admin/#/collections/experts/entries/experts")
    # The people already there are folded up; the new one opens.
    page.get_by_role("button", name=re.compile("Ervaringsdeskundige.? toevoegen")).click()
    field(page, "Id").get_by_role("textbox").fill("gerrit-voorbeeld")
    field(page, "Naam").get_by_role("textbox").fill("Gerrit Voorbeeld")
    field(page, "Categorieën").get_by_role("checkbox", name=CATEGORY_TITLES["ervaringsdeskundige"], exact=True).check()
    # Without consent the form refuses to save (the schema requires it; no default scope).
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("button", name="Opslaan", exact=True)).to_be_visible()
    expect(field(page, "Datum van toestemming").get_by_role("alert").first).to_be_visible()
    field(page, "Datum van toestemming").get_by_role("textbox").fill("2025-10-02")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(field(page, "Wat mogen we tonen?").get_by_role("alert").first).to_be_visible()  # no default scope
    field(page, "Organisatie").get_by_role("combobox").click()
    page.get_by_role("option", name="Lefier", exact=True).click()
    field(page, "Functie").get_by_role("textbox").fill("Ervaringsdeskundige wonen")
    field(page, "E-mailadres").get_by_role("textbox").fill("gerrit@example.org")
    scope = field(page, "Wat mogen we tonen?")
    for label in ("Naam", "Organisatie", "Functie"):
        scope.get_by_role("combobox").click()
        page.get_by_role("option", name=label, exact=True).click()
    save_and_close(page)
    page.wait_for_url(re.compile(r"#/collections/experts$"))  # back at the list: the save is done


def save_and_close(page: Page) -> None:
    """Save a valid entry: the editor closes it. A form error fails the test with the editor's own
    words; a click the busy editor let pass (no error, still open) is given once more."""
    save = page.get_by_role("button", name="Opslaan", exact=True)
    for attempt in range(2):
        save.click()
        try:
            expect(save).to_have_count(0, timeout=SAVE_TIMEOUT_MS // 2)
            return
        except AssertionError:
            errors = page.get_by_role("alert").all_inner_texts()
            assert not [error for error in errors if error.strip()], errors
            if attempt:
                raise


def click_add(page: Page, label: str) -> None:
    """The "… toevoegen" button under a long list: Sveltia renders the items as they scroll into
    view, so the button moves until the list is complete."""
    button = page.get_by_role("button", name=re.compile(f"{label}.? toevoegen"))
    for _ in range(40):
        try:
            button.click(timeout=1_500)
            return
        except Exception:  # noqa: BLE001 - Playwright's timeout while the list still grows
            page.mouse.move(640, 500)
            page.mouse.wheel(0, 3000)
    button.click()


def create_programme(page: Page, base: str) -> None:
    fold = page.get_by_role("button", name="Alles samenvouwen")
    for _ in range(3):  # the last save may still be returning to its own list
        page.goto(f"{base}admin/#/collections/opleidingen/entries/opleidingen")
        try:
            expect(fold).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            continue
    if fold.is_enabled():  # the editor remembers an unfolded list from the last save
        fold.click()
    click_add(page, "Opleiding")
    texts = {
        "Webadres (slug)": "ervaringsdeskundige-op-proef",
        "Titel": "Ervaringsdeskundige op proef",
        "Voor wie": "Voor wie wil kijken of dit werk bij je past.",
        "Samenvatting": "Een korte cursus van zes weken.",
        "In het kort": "Een korte cursus. Je kijkt of dit werk bij je past.",
        "Bron": "Projectplan 2025, paragraaf 2.4",
    }
    choices = [
        field(page, "Soort").get_by_role("radio", name="orientatie", exact=True),
        field(page, "Categorieën").get_by_role("checkbox", name=CATEGORY_TITLES["opleiding"], exact=True),
    ]
    for _ in range(3):  # the new item in the long list may still be drawn while it is filled in
        for label, text in texts.items():
            box = field(page, label).get_by_role("textbox")
            if box.input_value() != text:
                box.fill(text)
        for choice in choices:
            if not choice.is_checked():
                choice.check()
    for label, text in texts.items():
        expect(field(page, label).get_by_role("textbox")).to_have_value(text)
    save_and_close(page)
    page.wait_for_url(re.compile(r"#/collections/opleidingen$"))


def edit_story(page: Page, base: str) -> None:
    """Open the story again, change its summary, save."""
    page.goto(f"{base}admin/#/collections/stories/entries/sanne-vindt-werk-in-de-bibliotheek")
    summary = field(page, "Samenvatting").get_by_role("textbox")
    summary.fill("Sanne helpt nu bezoekers van de bibliotheek met brieven.")
    save_and_close(page)


def test_a_story_an_expert_and_a_programme_made_in_the_editor_pass_the_check_and_build(editor, tmp_path):
    page, recorder, project, base = editor
    before = open_local_repository(page, project)
    create_story(page, base)
    create_expert(page, base)
    create_programme(page, base)
    edit_story(page, base)
    recorder.assert_clean(page)
    after = read_repository(page)
    changed = {path: data for path, data in after.items() if before.get(path) != data}
    story = "content/stories/sanne-vindt-werk-in-de-bibliotheek.md"
    assert set(changed) == {
        story,
        "content/afbeeldingen/sanne-in-de-bibliotheek.jpg",
        "data/experts.yml",
        "data/opleidingen.yml",
    }
    text = changed[story].decode("utf-8")
    for line in (
        "title: Sanne vindt werk in de bibliotheek\n",
        "date: 2025-10-01\n",
        "  - werkgevers\n",
        "image: /afbeeldingen/sanne-in-de-bibliotheek.jpg\n",
        "  pseudonym: true\n",
        "\n## Wat ze doet\n",
    ):
        assert line in text, text
    assert "description: Sanne helpt nu bezoekers van de bibliotheek met brieven.\n" in text
    experts = changed["data/experts.yml"].decode("utf-8")
    assert "- id: gerrit-voorbeeld\n" in experts
    assert "    scope:\n      - name\n      - organisation\n      - function\n" in experts
    assert "- slug: ervaringsdeskundige-op-proef\n" in changed["data/opleidingen.yml"].decode("utf-8")

    # The files written go into a copy of the project: `make check` and the build accept them.
    written = copy_project(tmp_path / "written")
    for path, data in changed.items():
        (written / path).parent.mkdir(parents=True, exist_ok=True)
        (written / path).write_bytes(data)
    problems = check(written, TODAY)
    assert problems == [], messages(problems)
    session = BuildSession(written, mode="check", today=TODAY)  # the build's pages, without writing
    session.start()
    pages = {page.url: page.html for page in session.rendered.values()}
    assert "Wat ze doet" in pages["verhalen/sanne-vindt-werk-in-de-bibliotheek/"]
    assert "sanne-in-de-bibliotheek" in pages["verhalen/sanne-vindt-werk-in-de-bibliotheek/"]
    assert "Gerrit Voorbeeld" in pages["ervaringsdeskundigen/"]
    assert "Ervaringsdeskundige op proef" in pages["opleidingen/ervaringsdeskundige-op-proef/"]


FRAMING = """<!doctype html><html lang="nl"><head><title>Ander</title></head>
<body><iframe src="{admin}" title="webeditor" width="800" height="600"></iframe></body></html>"""


def test_the_editor_refuses_to_show_inside_another_pages_frame(editor, tmp_path):
    """Hosts that cannot send frame-ancestors (GitHub Pages): admin.css hides the editor until
    frame.js sees it is the top page, so another site cannot lay it under its own buttons."""
    page, recorder, _, base = editor
    expect(page.get_by_role("button", name="Werken met een lokale repository")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    other = tmp_path / "ander"
    other.mkdir()
    (other / "index.html").write_text(FRAMING.format(admin=f"{base}admin/"), encoding="utf-8")
    with serve_directory(other, "/") as elsewhere:  # another origin (another port)
        framing = page.context.new_page()
        framing.goto(elsewhere)
        frame = framing.frame_locator("iframe")
        framed = next(f for f in framing.frames if f.url.startswith(base))
        framed.wait_for_load_state()
        assert framed.evaluate("getComputedStyle(document.body).display") == "none"
        expect(frame.get_by_role("button", name="Werken met een lokale repository")).to_be_hidden()
        framing.close()


def test_the_editor_speaks_dutch_in_its_messages_and_links_to_the_pull_requests(editor):
    page, recorder, project, base = editor
    open_local_repository(page, project)
    page.goto(f"{base}admin/#/collections/stories/new")
    page.get_by_role("button", name="Opslaan", exact=True).click()  # an empty story: errors, in Dutch
    text = page.inner_text("body")
    assert "Show Errors" not in text and "available in" not in text
    link = page.get_by_role("link", name="Mijn voorstellen en de controle (op GitHub)")
    expect(link).to_be_visible()
    assert link.get_attribute("href").endswith("/pulls")
    recorder.assert_clean(page)
