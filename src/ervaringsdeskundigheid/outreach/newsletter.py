"""The newsletter export: new stories and blogs, and what is coming in the agenda, as e-mail-safe
HTML, a plain-text twin, and suggested LinkedIn posts.

`make_newsletter` writes dist/newsletter/<date>.html, <date>.txt and <date>-linkedin.txt with
everything published since a date, from the same loaded site as the build (drafts, future
items and stories whose person withdrew consent are not in it). Without a date it takes
everything since the previous newsletter in that folder, or else the newest items.

E-mail clients are not browsers, so the HTML is built the old way: tables for layout, every
style inline (inlined by css-inline from one stylesheet, which is then removed), no script, no
external stylesheet, at most 600 px wide, and only absolute https links with campaign
parameters. Outlook on Windows ignores max-width, so the sheet sits in a fixed 600 px table
that only Outlook sees (an `[if mso]` conditional comment). The unsubscribe link is the merge tag
of the team's tool (`TOOLS`): Mailchimp refuses a campaign without `*|UNSUB|*`; Laposta adds its
own, mandatory unsubscribe link under every newsletter, so its HTML points to that link.

Content is untrusted: the template escapes every value, and the rendered body is then passed
through an allow-list sanitiser (nh3) that keeps only the e-mail tags and attributes used here,
and only https URLs. A merge tag in content stays plain text (`inert_merge_tags`): the tool fills in
only our own.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode, urlsplit, urlunsplit

import css_inline
import jinja2
import nh3
from markupsafe import Markup

from ..build.session import load_built_site
from ..core import clock, urls
from ..core.problems import ContentErrors, Problem
from ..core.site import Item as Entry
from ..core.site import Site
from ..core.text import dutch_date, slugify
from ..render import images
from ..types import agenda, by_id
from .consent_check import printed_problems
from .printing import HOUSE


OUTPUT_DIR = "dist/newsletter"
FIRST_ISSUE_ITEMS = 6  # without a date and without an earlier newsletter: the newest items
EVENTS_LIMIT = 5  # the next events of the agenda, from the newsletter's date on
WIDTH = 600  # the usual maximum width of an e-mail
PADDING = 24
IMAGE_WIDTH = WIDTH - 2 * PADDING
TEXT_WIDTH = 72  # plain-text lines
INK = HOUSE.hex


@dataclass(frozen=True)
class Tool:
    """A newsletter tool: how its HTML and text say where to unsubscribe."""

    label: str
    unsubscribe_tag: str | None  # the merge tag the tool replaces with the subscriber's own link
    note: str  # the footer sentence when the tool places the link itself


TOOLS = {
    "mailchimp": Tool("Mailchimp", "*|UNSUB|*", ""),
    "laposta": Tool("Laposta", None, "Afmelden kan altijd met de afmeldlink onderaan deze e-mail."),
}
DEFAULT_TOOL = "mailchimp"


class NewsletterErrors(ContentErrors):
    HEADING = f"De nieuwsbrief is niet gemaakt: {{count}} {{noun}} gevonden. Er is niets veranderd in {OUTPUT_DIR}."


@dataclass(frozen=True)
class Item:
    kind: str  # "Verhaal" or "Blog"
    title: str
    date: str  # Dutch, for people
    description: str
    url: str  # page URL, without campaign parameters
    image: str | None  # absolute URL of the 960 px variant
    image_alt: str | None
    image_height: int | None  # at IMAGE_WIDTH
    reading: str  # "4 minuten lezen"
    example: bool
    tags: tuple[str, ...]

    @property
    def action(self) -> str:
        return "Lees het verhaal" if self.kind == "Verhaal" else "Lees de blog"


@dataclass(frozen=True)
class Event:
    """An event of the agenda (types/agenda.py), as the newsletter shows it."""

    kind: str  # "Werkatelier"
    title: str
    when: str  # "dinsdag 19 januari 2027, 13.30 tot 16.00 uur"
    where: str
    in_short: str
    url: str
    example: bool


def events_from(site: Site, day: dt.date, limit: int = EVENTS_LIMIT) -> list[Event]:
    """The first `limit` events with a date from `day` on, the next first."""
    coming = [item for item in site.of(agenda.AGENDA_ID) if item.date is not None and item.date >= day]
    return [
        Event(
            kind=agenda.KINDS[item.kind],
            title=item.title,
            when=agenda.when(item),
            where=agenda.where(item),
            in_short=item.in_short,
            url=urls.absolute(site.site_url, item.url or agenda.LIST_URL),
            example=item.example,
        )
        for item in coming[:limit]
    ]


@dataclass
class NewsletterRun:
    html: Path
    text: Path
    linkedin: Path
    items: list[Item]
    since: dt.date | None = None  # None: the newest items, there was no earlier newsletter
    events: list[Event] = field(default_factory=list)


def campaign_link(url: str, source: str, medium: str, campaign: str) -> str:
    """`url` with campaign parameters (any earlier query is kept)."""
    parts = urlsplit(url)
    query = urlencode([("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaign)])
    return urlunsplit(
        (parts.scheme, parts.netloc, parts.path, f"{parts.query}&{query}" if parts.query else query, parts.fragment)
    )


def issue_links(issue: dt.date, source: str = "nieuwsbrief", medium: str = "email") -> Callable[[str], str]:
    """The links of one issue: each marked with the issue's campaign (counted by `make bereik`)."""
    campaign = f"nieuwsbrief-{issue.isoformat()}"
    return lambda url: campaign_link(url, source, medium, campaign)


def _item(site: Site, entry: Entry) -> Item:
    image = height = None
    if entry.image:
        variant = images.default_variant(site.root, entry.image)
        image = urls.absolute(site.site_url, variant.path)
        height = round(variant.height * min(IMAGE_WIDTH, variant.width) / variant.width)
    minutes = entry.reading_minutes
    return Item(
        kind=entry.type.label,
        title=entry.title,
        date=dutch_date(entry.date),
        description=entry.description,
        url=urls.absolute(site.site_url, entry.url or urls.HOME),
        image=image,
        image_alt=entry.image_alt,
        image_height=height,
        reading=f"{minutes} {'minuut' if minutes == 1 else 'minuten'} lezen",
        example=entry.example,
        tags=tuple(entry.tags),
    )


def items_since(site: Site, since: dt.date) -> list[Item]:
    """Published stories and blogs dated `since` or later, newest first."""
    return [_item(site, e) for e in site.articles if e.date >= since]


def summary(items: list[Item]) -> str:
    stories = sum(1 for i in items if i.kind == "Verhaal")
    blogs = len(items) - stories
    parts = []
    if stories:
        parts.append("1 nieuw verhaal" if stories == 1 else f"{stories} nieuwe verhalen")
    if blogs:
        parts.append("1 nieuwe blog" if blogs == 1 else f"{blogs} nieuwe blogs")
    return " en ".join(parts)


# --- HTML ------------------------------------------------------------------------------------

STYLESHEET = f"""
body {{ margin: 0; padding: 0; background-color: #eef2f3; }}
.page {{ background-color: #eef2f3; }}
.frame {{ padding: 0 0 24px 0; }}
.button-table {{ border-collapse: separate; }}
.sheet {{ background-color: #ffffff; width: 100%; max-width: {WIDTH}px; }}
.brand {{ background-color: {INK}; color: #ffffff; font-family: Arial, Helvetica, sans-serif; font-size: 14px;
          line-height: 20px; padding: 16px {PADDING}px; }}
.brand-name {{ color: #ffffff; font-weight: bold; font-size: 16px; }}
.intro {{ font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; font-size: 17px; line-height: 26px;
          padding: {PADDING}px {PADDING}px 8px {PADDING}px; }}
.intro h1 {{ font-size: 24px; line-height: 30px; color: {INK}; margin: 0 0 8px 0; }}
.intro p {{ margin: 0; }}
.item {{ font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; font-size: 17px; line-height: 26px;
         padding: 16px {PADDING}px {PADDING}px {PADDING}px; border-top: 1px solid #d5dde0; }}
.image-link {{ display: block; text-decoration: none; }}
.item img {{ display: block; width: 100%; max-width: {IMAGE_WIDTH}px; height: auto; border: 0;
             margin: 0 0 12px 0; }}
.item p.meta {{ color: #4a4a4a; font-size: 14px; line-height: 20px; margin: 0 0 4px 0; }}
.item h2 {{ font-size: 21px; line-height: 28px; margin: 0 0 8px 0; }}
.item h2 a {{ color: {INK}; text-decoration: none; }}
.events-intro {{ font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; font-size: 17px; line-height: 26px;
                 padding: {PADDING}px {PADDING}px 0 {PADDING}px; border-top: 4px solid {INK}; }}
.events-intro h1 {{ font-size: 22px; line-height: 28px; color: {INK}; margin: 0 0 4px 0; }}
.events-intro p {{ margin: 0; }}
.event {{ font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; font-size: 16px; line-height: 24px;
          padding: 12px {PADDING}px 12px {PADDING}px; }}
.event p.meta {{ color: #4a4a4a; font-size: 14px; line-height: 20px; margin: 0 0 2px 0; }}
.event h3 {{ font-size: 18px; line-height: 24px; margin: 0 0 4px 0; }}
.event h3 a {{ color: {INK}; }}
.event p {{ margin: 0; }}
.events-all {{ font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 24px;
               padding: 4px {PADDING}px {PADDING}px {PADDING}px; }}
.events-all a {{ color: {INK}; font-weight: bold; }}
.item p {{ margin: 0 0 16px 0; }}
.button {{ background-color: {INK}; border-radius: 4px; }}
.button a {{ display: inline-block; padding: 12px 20px; font-family: Arial, Helvetica, sans-serif;
             font-size: 16px; font-weight: bold; color: #ffffff; text-decoration: none; }}
.footer {{ font-family: Arial, Helvetica, sans-serif; color: #4a4a4a; font-size: 14px; line-height: 21px;
           padding: {PADDING}px; border-top: 1px solid #d5dde0; }}
.footer p {{ margin: 0 0 12px 0; }}
.footer a {{ color: {INK}; }}
.preheader {{ display: none; max-height: 0; overflow: hidden; font-size: 1px; line-height: 1px; color: #eef2f3; }}
"""

DOCUMENT = """<!DOCTYPE html>
<html lang="nl" xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]-->
<title>{{ title }}</title>
<style>{{ stylesheet }}</style>
</head>
<body>
{{ body }}
</body>
</html>
"""

BODY = """<div class="preheader">{{ preheader }}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td class="frame" align="center">
{{ mso_open }}
<table role="presentation" class="sheet" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td class="brand"><span class="brand-name">{{ organisation }}</span><br>{{ site_name }} · {{ issue_date }}</td></tr>
<tr><td class="intro">
<h1>Nieuw op de website</h1>
<p>{{ opening }}: {{ summary }}. {{ about }}</p>
</td></tr>
{% for item in items %}
<tr><td class="item">
{% if item.image %}<a class="image-link" href="{{ item.link }}"><img src="{{ item.image }}" alt="{{ (item.image_alt or '').strip() or item.title.strip() or 'Foto bij dit bericht' }}" width="{{ image_width }}"{% if item.image_height %} height="{{ item.image_height }}"{% endif %}></a>{% endif %}
<p class="meta">{{ item.kind }} · {{ item.date }} · {{ item.reading }}{% if item.example %} · voorbeeld{% endif %}</p>
<h2><a href="{{ item.link }}">{{ item.title }}</a></h2>
<p>{{ item.description }}</p>
<table role="presentation" class="button-table" cellpadding="0" cellspacing="0" border="0"><tr><td class="button"><a href="{{ item.link }}">{{ item.action }}</a></td></tr></table>
</td></tr>
{% endfor %}
{% if events %}
<tr><td class="events-intro">
<h1>Binnenkort in de agenda</h1>
<p>Doe mee. Op de website lees je hoe je je aanmeldt.</p>
</td></tr>
{% for event in events %}
<tr><td class="event">
<p class="meta">{{ event.kind }} · {{ event.when }}{% if event.where %} · {{ event.where }}{% endif %}{% if event.example %} · voorbeeld{% endif %}</p>
<h3><a href="{{ event.link }}">{{ event.title }}</a></h3>
<p>{{ event.in_short }}</p>
</td></tr>
{% endfor %}
<tr><td class="events-all"><a href="{{ agenda_link }}">Bekijk de hele agenda</a></td></tr>
{% endif %}
<tr><td class="footer">
<p>Meer lezen? Alle <a href="{{ stories_link }}">verhalen</a> en <a href="{{ blogs_link }}">blogs</a> staan op onze website.</p>
<p>Vragen of een idee voor een verhaal? {{ contact }}</p>
<p>Je krijgt deze nieuwsbrief van <a href="{{ home_link }}">{{ organisation }}</a>, het netwerk voor ervaringsdeskundigheid en werk in Groningen en Drenthe.</p>
<p>{% if unsubscribe %}Wil je deze nieuwsbrief niet meer krijgen? <a class="unsubscribe" href="{{ unsubscribe }}">Meld je af</a>.{% else %}{{ unsubscribe_note }}{% endif %}</p>
</td></tr>
</table>
{{ mso_close }}
</td></tr>
</table>
"""
# Outlook on Windows (Word's renderer) ignores max-width: only it sees this fixed 600 px frame.
MSO_OPEN = (
    f'<!--[if mso]><table role="presentation" align="center" width="{WIDTH}" cellpadding="0" '
    f'cellspacing="0" border="0"><tr><td width="{WIDTH}"><![endif]-->'
)
MSO_CLOSE = "<!--[if mso]></td></tr></table><![endif]-->"

ALLOWED_TAGS = {"div", "table", "tr", "td", "span", "br", "h1", "h2", "h3", "p", "a", "img"}
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    "table": {"role", "width", "cellpadding", "cellspacing", "border"},
    "td": {"align"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
}

_env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _contact(settings) -> str:
    contact = settings.contact
    if contact.phone:
        return f"Bel {contact.phone} of mail naar {contact.email}."
    return f"Mail naar {contact.email}."


def opening(since: dt.date | None) -> str:
    return f"Sinds {dutch_date(since)}" if since else "Onze nieuwste verhalen en blogs"


def about(items: list[Item]) -> str:
    """What the items are, without calling invented people real."""
    if any(item.example for item in items):
        return "Let op: stukken met 'voorbeeld' gaan over verzonnen personen."
    return "Ervaringen uit de praktijk, en wat werken met ervaringsdeskundigen oplevert."


def render_html(
    site: Site,
    items: list[Item],
    since: dt.date | None,
    issue: dt.date,
    tool: str = DEFAULT_TOOL,
    events: list[Event] | None = None,
) -> str:
    settings = site.settings
    events = events_from(site, issue) if events is None else events
    chosen = TOOLS[tool]
    # The frame's comments are put in after the sanitiser (which drops comments), at markers
    # no content can guess.
    marker = secrets.token_hex(12)
    link = issue_links(issue)

    body = _env.from_string(BODY).render(
        preheader=f"{summary(items).capitalize()} over ervaringsdeskundigheid.",
        organisation=settings.organisation,
        site_name=settings.site_name,
        issue_date=dutch_date(issue),
        opening=opening(since),
        summary=summary(items),
        image_width=IMAGE_WIDTH,
        items=[{**item.__dict__, "link": link(item.url), "action": item.action} for item in items],
        events=[{**event.__dict__, "link": link(event.url)} for event in events],
        agenda_link=link(urls.absolute(site.site_url, agenda.LIST_URL)),
        stories_link=link(urls.absolute(site.site_url, by_id("stories").list_url or urls.HOME)),
        blogs_link=link(urls.absolute(site.site_url, by_id("blogs").list_url or urls.HOME)),
        home_link=link(urls.absolute(site.site_url, urls.HOME)),
        contact=_contact(settings),
        about=about(items),
        mso_open=f"mso-open-{marker}",
        mso_close=f"mso-close-{marker}",
        unsubscribe=f"https://unsubscribe.invalid/{marker}" if chosen.unsubscribe_tag else "",
        unsubscribe_note=chosen.note,
    )
    # The allow-list is the last word on what reaches an inbox: known tags and attributes, https only.
    body = nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https"},
        link_rel=None,
        strip_comments=True,
        url_relative="deny",
    )
    body = body.replace(f"mso-open-{marker}", MSO_OPEN).replace(f"mso-close-{marker}", MSO_CLOSE)
    document = _env.from_string(DOCUMENT).render(
        title=f"Nieuwsbrief {settings.site_name} – {dutch_date(issue)}", stylesheet=STYLESHEET, body=Markup(body)
    )
    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False)
    html = inert_merge_tags(inliner.inline(document))
    if chosen.unsubscribe_tag:  # the one merge tag that is ours
        html = html.replace(f"https://unsubscribe.invalid/{marker}", chosen.unsubscribe_tag)
    return html


# A merge tag in an editor's text (Mailchimp's *|EMAIL|*, the {{ }} of other tools) would be filled in
# by the tool for each reader. A zero-width space after its opening keeps it as plain text that reads the same.
_MERGE_TAG_OPENING = re.compile(r"\*(?=\|)|\{(?=\{)")


def inert_merge_tags(text: str) -> str:
    return _MERGE_TAG_OPENING.sub(lambda opening: opening.group() + "\u200b", text)


# --- Plain text and LinkedIn -----------------------------------------------------------------


def _wrap(text: str) -> str:
    return textwrap.fill(text, TEXT_WIDTH, break_long_words=False, break_on_hyphens=False)


def render_text(
    site: Site,
    items: list[Item],
    since: dt.date | None,
    issue: dt.date,
    tool: str = DEFAULT_TOOL,
    events: list[Event] | None = None,
) -> str:
    settings = site.settings
    events = events_from(site, issue) if events is None else events
    chosen = TOOLS[tool]
    link = issue_links(issue)

    lines = [
        f"{settings.organisation} · {settings.site_name}",
        f"Nieuwsbrief van {dutch_date(issue)}",
        "",
        "NIEUW OP DE WEBSITE",
        _wrap(f"{opening(since)}: {summary(items)}. {about(items)}"),
        "",
    ]
    for item in items:
        meta = f"{item.kind} · {item.date} · {item.reading}" + (" · voorbeeld" if item.example else "")
        lines += [
            "-" * TEXT_WIDTH,
            meta.upper(),
            item.title,
            "",
            _wrap(item.description),
            "",
            f"{item.action}: {link(item.url)}",
            "",
        ]
    if events:
        lines += ["=" * TEXT_WIDTH, "BINNENKORT IN DE AGENDA", "Doe mee. Op de website lees je hoe je je aanmeldt.", ""]
        for event in events:
            meta = " · ".join(filter(None, [event.kind, event.when, event.where, "voorbeeld" if event.example else ""]))
            lines += [
                _wrap(meta),
                event.title,
                _wrap(event.in_short),
                f"Meer informatie en aanmelden: {link(event.url)}",
                "",
            ]
        lines += [f"De hele agenda: {link(urls.absolute(site.site_url, agenda.LIST_URL))}", ""]
    lines += [
        "-" * TEXT_WIDTH,
        f"Alle verhalen: {link(urls.absolute(site.site_url, by_id('stories').list_url or urls.HOME))}",
        f"Alle blogs: {link(urls.absolute(site.site_url, by_id('blogs').list_url or urls.HOME))}",
        "",
        _wrap(f"Vragen of een idee voor een verhaal? {_contact(settings)}"),
        "",
        _wrap(
            f"Je krijgt deze nieuwsbrief van {settings.organisation}, het netwerk voor "
            "ervaringsdeskundigheid en werk in Groningen en Drenthe."
        ),
        link(urls.absolute(site.site_url, urls.HOME)),
        "",
    ]
    unsubscribe = f"Afmelden: {chosen.unsubscribe_tag}" if chosen.unsubscribe_tag else _wrap(chosen.note)
    return inert_merge_tags("\n".join(lines)) + "\n" + unsubscribe + "\n"


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return match.group(1) if match else text.strip()


def render_linkedin(items: list[Item], issue: dt.date) -> str:
    link = issue_links(issue, "linkedin", "social")
    blocks = [
        f"Voorstellen voor LinkedIn ({dutch_date(issue)}): één bericht per verhaal of blog.\n"
        "Kopieer een blok, pas het aan als je wilt, en plaats het.\n"
    ]
    for number, item in enumerate(items, start=1):
        hashtags = dict.fromkeys(
            ["ervaringsdeskundigheid", *(slugify(tag, fallback="").replace("-", "") for tag in item.tags[:3])]
        )
        warning = ["(Let op: dit is een voorbeeld met verzonnen personen. Niet plaatsen.)"] if item.example else []
        blocks.append(
            "\n".join(
                [
                    f"--- Bericht {number} ---",
                    *warning,
                    item.title,
                    "",
                    first_sentence(item.description),
                    "",
                    link(item.url),
                    "",
                    " ".join(f"#{tag}" for tag in hashtags if tag),
                ]
            )
            + "\n"
        )
    return "\n".join(blocks)


# --- Running ---------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def previous_issue(out_dir: Path, before: dt.date) -> dt.date | None:
    """The date of the latest newsletter written to `out_dir` before `before`."""
    dates = []
    for path in out_dir.glob("*.html") if out_dir.is_dir() else []:
        try:
            dates.append(dt.date.fromisoformat(path.stem))
        except ValueError:
            continue
    earlier = [day for day in dates if day < before]
    return max(earlier) if earlier else None


def make_newsletter(
    root: Path,
    since: dt.date | None = None,
    *,
    out_dir: Path | None = None,
    issue: dt.date | None = None,
    today: dt.date | None = None,
    tool: str = DEFAULT_TOOL,
) -> NewsletterRun:
    """Write the newsletter files. `since` None: since the previous newsletter in `out_dir`, or
    else the newest items. Raises NewsletterErrors (Dutch) on bad content or nothing to send."""
    root = Path(root)
    if tool not in TOOLS:
        raise NewsletterErrors([Problem("--tool", None, f"'{tool}' kennen we niet. Kies uit: {', '.join(TOOLS)}.")])
    issue = issue or today or clock.today()
    out_dir = Path(out_dir) if out_dir else root / OUTPUT_DIR
    try:
        site = load_built_site(root, today=today)
    except ContentErrors as errors:
        raise NewsletterErrors(errors.problems) from None
    if since is not None and since > issue:
        raise NewsletterErrors(
            [
                Problem(
                    "--since",
                    None,
                    (
                        f"{since.isoformat()} ligt na de datum van de nieuwsbrief ({issue.isoformat()}). "
                        "Kies een datum in het verleden, bijvoorbeeld de datum van de vorige nieuwsbrief."
                    ),
                )
            ]
        )
    previous = previous_issue(out_dir, issue) if since is None else None
    if previous:
        since = previous + dt.timedelta(days=1)
    items = items_since(site, since) if since else items_since(site, dt.date.min)[:FIRST_ISSUE_ITEMS]
    if not items:
        if previous:
            reason = (
                f"sinds de vorige nieuwsbrief ({dutch_date(previous)}) zijn er geen verhalen of blogs "
                "gepubliceerd. Wacht tot er iets nieuws is, of kies zelf een datum: --since JJJJ-MM-DD."
            )
        elif since:
            reason = (
                f"sinds {dutch_date(since)} zijn er geen verhalen of blogs gepubliceerd. "
                "Kies een eerdere datum, of wacht tot er iets nieuws is."
            )
        else:
            reason = "er zijn nog geen verhalen of blogs gepubliceerd."
        raise NewsletterErrors([Problem("--since" if since and not previous else OUTPUT_DIR, None, reason)])
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = issue.isoformat()
    events = events_from(site, issue)
    run = NewsletterRun(
        html=out_dir / f"{stem}.html",
        text=out_dir / f"{stem}.txt",
        linkedin=out_dir / f"{stem}-linkedin.txt",
        items=items,
        since=since,
        events=events,
    )
    html = render_html(site, items, since, issue, tool, events)
    text = render_text(site, items, since, issue, tool, events)
    linkedin = render_linkedin(items, issue)
    problems = printed_problems(
        site, [(str(run.html.name), html), (str(run.text.name), text), (str(run.linkedin.name), linkedin)]
    )
    if problems:
        raise NewsletterErrors(problems)
    _write(run.html, html)
    _write(run.text, text)
    _write(run.linkedin, linkedin)
    return run
