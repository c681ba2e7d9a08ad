"""The newsletter export: e-mail-safe HTML, its plain-text twin and LinkedIn suggestions.

The HTML is parsed with lxml as a mail client would get it: every style inline, tables for
layout, nothing that runs or loads a stylesheet, only absolute https links with campaign
parameters, images at most 600 px wide with alt text. Story text is untrusted input.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, write_story
from ervaringsdeskundigheid.types import load_site
from ervaringsdeskundigheid.outreach.newsletter import (
    Item,
    NewsletterErrors,
    first_sentence,
    make_newsletter,
    TOOLS,
    render_html,
    render_text,
)

SINCE = dt.date(2025, 9, 1)
ISSUE = dt.date(2026, 12, 1)
SITE_URL = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))["site_url"]
STYLED = ("td", "a", "h1", "h2", "p", "img", "table", "body")
UNSUBSCRIBE_TAGS = {"*|UNSUB|*"}  # Mailchimp's (kb.mailchimp.com); Laposta adds its own link


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def _expected_titles(root: Path, since: dt.date) -> list[str]:
    items = []
    for folder in ("content/stories", "content/blogs"):
        for path in (root / folder).glob("*.md"):
            meta = _front_matter(path)
            if since <= meta["date"] <= dt.date.today() and not meta.get("draft"):
                items.append((meta["date"], meta["title"]))
    return [title for _, title in sorted(items, reverse=True)]


@pytest.fixture(scope="module")
def newsletter(tmp_path_factory):
    out = tmp_path_factory.mktemp("newsletter")
    return make_newsletter(ROOT, SINCE, out_dir=out, issue=ISSUE)


def assert_email_safe(html: str) -> lxml.html.HtmlElement:
    """What every newsletter HTML must be; returns the parsed document."""
    document = lxml.html.document_fromstring(html)
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert document.get("lang") == "nl"
    assert not document.xpath("//script | //style | //link | //iframe | //object | //embed | //form | //svg")
    assert document.xpath("//table[@role='presentation']")
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "javascript:" not in value.lower()
        if element.tag in STYLED:
            assert element.get("style"), f"<{element.tag}> has no inline style"
    for element in document.xpath("//*[@href] | //*[@src]"):
        url = element.get("href") or element.get("src")
        if url in UNSUBSCRIBE_TAGS:  # the tool's merge tag: it becomes the subscriber's own link
            assert element.get("class") == "unsubscribe"
            continue
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.netloc, url
        if element.get("href"):
            query = parse_qs(parts.query)
            assert query["utm_source"] == ["nieuwsbrief"] and query["utm_medium"] == ["email"], url
    for image in document.xpath("//img"):
        assert image.get("alt", "").strip(), "every image has alt text"
        assert int(image.get("width")) <= 600
        assert "max-width: 552px" in image.get("style")
    for table in document.xpath("//table[@width]"):
        width = table.get("width")
        assert width.endswith("%") or int(width) <= 600
    return document


def test_html_is_email_safe_with_every_new_item(newsletter):
    html = newsletter.html.read_text(encoding="utf-8")
    document = assert_email_safe(html)
    assert newsletter.html.name == f"{ISSUE.isoformat()}.html"
    titles = [h2.text_content() for h2 in document.xpath("//h2")]
    assert titles == _expected_titles(ROOT, SINCE)
    assert "voorbeeld" in document.text_content()  # the example stories say so
    campaigns = {
        parse_qs(urlsplit(a.get("href")).query)["utm_campaign"][0]
        for a in document.xpath("//a[not(@class='unsubscribe')]")
    }
    assert campaigns == {f"nieuwsbrief-{ISSUE.isoformat()}"}
    # Images from the site, from the default size the site publishes.
    for image in document.xpath("//img"):
        assert image.get("src").startswith(SITE_URL) and image.get("src").endswith("-960.jpg")


def test_text_twin_has_every_item_and_link(newsletter):
    text = newsletter.text.read_text(encoding="utf-8")
    html = lxml.html.document_fromstring(newsletter.html.read_text(encoding="utf-8"))
    assert newsletter.text.name == f"{ISSUE.isoformat()}.txt"
    assert "<" not in text and "&amp;" not in text
    for title in _expected_titles(ROOT, SINCE):
        assert title in text
    for href in {a.get("href") for a in html.xpath("//a")}:
        assert href in text
    assert all(len(line) <= 72 or "https://" in line for line in text.splitlines())


def test_linkedin_suggestion_per_item(newsletter):
    text = newsletter.linkedin.read_text(encoding="utf-8")
    blocks = text.split("--- Bericht ")[1:]
    assert len(blocks) == len(newsletter.items)
    for block, item in zip(blocks, newsletter.items, strict=False):
        lines = [line for line in block.splitlines()[1:] if line and not line.startswith("(Let op")]
        title, sentence, link = lines[:3]
        assert title == item.title
        assert sentence == first_sentence(item.description) and sentence.count(". ") == 0
        query = parse_qs(urlsplit(link).query)
        assert link.startswith(item.url) and query["utm_source"] == ["linkedin"]
        assert ("(Let op: dit is een voorbeeld" in block) == item.example


def test_only_published_items_since_the_date(project, tmp_path):
    write_story(
        project,
        "nieuw-verhaal.md",
        """
title: "Nieuw verhaal van deze maand"
date: 2026-11-20
description: "Een nieuw verhaal."
categories: [aspirant]
person: {name: Noor, pseudonym: true}
""",
    )
    write_story(
        project,
        "concept.md",
        """
title: "Nog een concept"
date: 2026-11-21
description: "Nog niet klaar."
categories: [aspirant]
draft: true
""",
    )
    write_story(
        project,
        "toekomst.md",
        """
title: "Verhaal voor later"
date: 2099-01-01
description: "Gepland."
categories: [aspirant]
""",
    )
    write_story(
        project,
        "ingetrokken.md",
        """
title: "Verhaal zonder toestemming meer"
date: 2026-11-22
description: "De persoon trok de toestemming in."
categories: [aspirant]
person: {name: Kees Echt, consent: {date: 2025-01-01, withdrawn: 2026-11-25}}
""",
    )
    run = make_newsletter(project, dt.date(2026, 11, 1), out_dir=tmp_path, issue=ISSUE)
    assert [item.title for item in run.items] == ["Nieuw verhaal van deze maand"]
    html = run.html.read_text(encoding="utf-8")
    for absent in ("Nog een concept", "Verhaal voor later", "Verhaal zonder toestemming meer", "Kees Echt"):
        assert absent not in html and absent not in run.text.read_text(encoding="utf-8")


HOSTILE = """
title: "Kijk <script>alert('x')</script> & meer"
date: 2026-11-20
description: "Klik <a href=\\"javascript:alert(1)\\">hier</a> <img src=x onerror=alert(1)> \\"quotes\\" <style>body{}</style>"
categories: [aspirant]
image: afbeeldingen/koffietafel.jpg
image_alt: "Koffie\\" onload=\\"alert(1)"
person: {name: Noor, pseudonym: true}
"""


def test_story_text_is_text_never_markup(project, tmp_path):
    write_story(project, "vijandig.md", HOSTILE, body="<script>alert(1)</script>\n\nTekst.\n")
    run = make_newsletter(project, dt.date(2026, 11, 1), out_dir=tmp_path, issue=ISSUE)
    html = run.html.read_text(encoding="utf-8")
    document = assert_email_safe(html)
    assert "Kijk <script>alert('x')</script> & meer" in document.text_content()
    assert "onerror" not in " ".join(" ".join(e.attrib) for e in document.iter() if isinstance(e.tag, str))
    [image] = document.xpath("//img")
    assert image.get("alt") == 'Koffie" onload="alert(1)'


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_text, description=_text, alt=_text, tags=st.lists(_text, max_size=3))
def test_any_story_text_gives_email_safe_html(title, description, alt, tags):
    site = _site()
    item = Item(
        kind="Verhaal",
        title=title,
        date="1 november 2026",
        description=description,
        url=f"{SITE_URL}verhalen/x/",
        image=f"{SITE_URL}afbeeldingen/x-960.jpg",
        image_alt=alt,
        image_height=300,
        reading="1 minuut lezen",
        example=False,
        tags=tuple(tags),
    )
    html = render_html(site, [item], SINCE, ISSUE)
    document = assert_email_safe(html)
    assert " ".join(title.split()) in " ".join(document.xpath("//h2")[0].text_content().split())


_MERGE_TAGS = st.sampled_from(["*|EMAIL|*", "*|UNSUB|*", "*|IF:FNAME|*weg*|END:IF|*", "{{ email }}", "{{voornaam}}"])


@settings(max_examples=40, deadline=None)
@given(before=_text, tag=_MERGE_TAGS, after=_text, tool=st.sampled_from(sorted(TOOLS)))
def test_a_merge_tag_in_an_editors_text_stays_text_that_reads_the_same(before, tag, after, tool):
    """The newsletter tool fills in merge tags for each reader: one in a title or summary would show
    every reader their own address, or hide text. Only our own unsubscribe tag may be one."""
    site = _site()
    title, description = f"{before} {tag} {after}", f"Lees {tag} hier."
    item = Item(
        "Verhaal",
        title,
        "1 november 2026",
        description,
        f"{SITE_URL}verhalen/x/",
        None,
        None,
        None,
        "1 minuut lezen",
        False,
        (),
    )
    html = render_html(site, [item], SINCE, ISSUE, tool=tool)
    text = render_text(site, [item], SINCE, ISSUE, tool=tool)
    ours = 1 if TOOLS[tool].unsubscribe_tag else 0
    for output in (html, text):
        assert output.count("*|") == ours and "{{" not in output
    shown = lxml.html.document_fromstring(html).text_content().replace("\u200b", "")
    assert " ".join(title.replace("\u200b", "").split()) in " ".join(shown.split())
    assert description in text.replace("\u200b", "")


_SITE = []


def _site():
    if not _SITE:
        _SITE.append(load_site(ROOT))
    return _SITE[0]


def test_nothing_new_is_a_dutch_error_and_writes_nothing(tmp_path):
    with pytest.raises(NewsletterErrors) as error:
        make_newsletter(ROOT, dt.date(2026, 11, 30), out_dir=tmp_path / "out", issue=ISSUE)
    assert "sinds 30 november 2026 zijn er geen verhalen of blogs gepubliceerd" in error.value.report()
    assert not (tmp_path / "out").exists()
    with pytest.raises(NewsletterErrors, match="ligt na de datum van de nieuwsbrief"):
        make_newsletter(ROOT, dt.date(2027, 1, 1), out_dir=tmp_path / "out", issue=ISSUE)


def test_without_a_date_it_follows_on_from_the_previous_newsletter(project, tmp_path):
    first = make_newsletter(ROOT, out_dir=tmp_path, issue=ISSUE)
    assert first.since is None
    assert [item.title for item in first.items] == _expected_titles(ROOT, dt.date.min)[:6]
    assert "Onze nieuwste verhalen en blogs" in first.html.read_text(encoding="utf-8")
    with pytest.raises(NewsletterErrors, match=r"sinds de vorige nieuwsbrief \(1 december 2026\)"):
        make_newsletter(ROOT, out_dir=tmp_path, issue=dt.date(2026, 12, 15))
    write_story(
        project,
        "na-de-vorige.md",
        """
title: "Verhaal na de vorige nieuwsbrief"
date: 2026-12-02
description: "Nieuw na de vorige nieuwsbrief."
categories: [aspirant]
person: {name: Noor, pseudonym: true}
""",
    )
    second = make_newsletter(project, out_dir=tmp_path, issue=dt.date(2026, 12, 15), today=dt.date(2026, 12, 15))
    assert second.since == dt.date(2026, 12, 2)
    assert [item.title for item in second.items] == ["Verhaal na de vorige nieuwsbrief"]


def test_script_writes_the_files_and_explains_bad_dates(project):
    result = subprocess.run(
        [sys.executable, "scripts/newsletter.py", "--since", "2025-09-01", "--date", "2026-12-01"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    out = project / "dist" / "newsletter"
    assert sorted(p.name for p in out.iterdir()) == ["2026-12-01-linkedin.txt", "2026-12-01.html", "2026-12-01.txt"]
    assert "Laposta of Mailchimp" in result.stdout
    bad = subprocess.run(
        [sys.executable, "scripts/newsletter.py", "--since", "1-9-2025"], cwd=project, capture_output=True, text=True
    )
    assert bad.returncode != 0
    assert "'1-9-2025' is geen datum" in bad.stderr and "Traceback" not in bad.stderr


# --- Outlook, unsubscribing, honest wording ------------------------------------------------------


def test_outlook_gets_a_fixed_600px_frame(newsletter):
    html = newsletter.html.read_text(encoding="utf-8")
    opening = re.search(
        r'<!--\[if mso\]><table role="presentation" align="center" width="600"[^>]*><tr>'
        r'<td width="600"><!\[endif\]-->',
        html,
    )
    closing = html.rfind("<!--[if mso]></td></tr></table><![endif]-->")
    assert opening and closing > opening.end()
    sheet = html.index('class="sheet"')
    assert opening.end() < sheet < closing  # the whole sheet is inside the frame
    assert 'xmlns:o="urn:schemas-microsoft-com:office:office"' in html


def test_mailchimp_gets_its_unsubscribe_merge_tag(newsletter):
    html = newsletter.html.read_text(encoding="utf-8")
    document = lxml.html.document_fromstring(html)
    [link] = document.xpath("//a[@class='unsubscribe']")
    assert link.get("href") == "*|UNSUB|*" and link.text_content() == "Meld je af"
    assert "Afmelden: *|UNSUB|*" in newsletter.text.read_text(encoding="utf-8")


def test_laposta_places_its_own_unsubscribe_link(tmp_path):
    run = make_newsletter(ROOT, SINCE, out_dir=tmp_path, issue=ISSUE, tool="laposta")
    html = run.html.read_text(encoding="utf-8")
    assert_email_safe(html)
    assert "*|UNSUB|*" not in html and "afmeldlink onderaan deze e-mail" in html
    with pytest.raises(NewsletterErrors, match="'knipselkrant' kennen we niet"):
        make_newsletter(ROOT, SINCE, out_dir=tmp_path, issue=ISSUE, tool="knipselkrant")


def test_no_claim_of_real_stories_while_examples_are_shown(newsletter, project, tmp_path):
    html = newsletter.html.read_text(encoding="utf-8")
    intro = lxml.html.document_fromstring(html).xpath("//td[@class='intro']")[0].text_content()
    assert any(item.example for item in newsletter.items)
    assert "echt" not in intro.lower() and "verzonnen" in intro
    # Without examples the newsletter may say where the stories come from, still without "echte".
    for path in (project / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "example: true" in text:
            path.unlink()
    write_story(
        project,
        "een-echt-verhaal.md",
        """
title: Een verhaal uit de praktijk
date: 2025-10-01
description: Hoe een team leerde werken met een ervaringsdeskundige.
categories: [werkgevers]
""",
    )
    run = make_newsletter(project, dt.date(2000, 1, 1), out_dir=tmp_path, issue=ISSUE)
    intro = lxml.html.document_fromstring(run.html.read_text(encoding="utf-8")).xpath("//td[@class='intro']")
    assert "verzonnen" not in intro[0].text_content() and "echte" not in intro[0].text_content().lower()
