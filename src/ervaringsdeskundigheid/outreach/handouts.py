"""A4 handouts for the places where aspirants are (food bank, wijkteam, community centre).

`generate_handouts` writes to dist/handouts/:

- ervaringsdeskundigen.pdf: the experts overview, about ten people per page, grouped by region
  or organisation. It uses the same loaded site as the build, so only people with active
  consent appear, and only with the fields in their consent scope (`loader.public_view`).
- menukaart.pdf: the steps from experience to work, each with a QR code to its place online.
- <slug>.pdf: one per checklist, with boxes to tick on paper.

Every page says "Stand van <datum>" and carries a QR code to the page online, so a paper copy
always leads to the current version. Office printers cannot print to the edge, so nothing
bleeds: the page is the trim. Colours are CMYK and fonts embedded, as on the posters.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

import markdown as markdown_lib

from ..build import publish
from ..build.session import load_built_site
from ..core import urls
from ..core.problems import ContentErrors, Problem
from ..core.site import Site
from ..core.text import dutch_date
from ..render.markdown import plain
from ..types import by_id
from .consent_check import printed_problems
from .paper import paper_text
from .printing import (
    BLACK,
    CLEAR_MODULES,
    FONTS,
    GREY,
    HOUSE,
    LIGHT,
    MM,
    PAPER,
    Ink,
    Metadata,
    build_moment,
    draw_qr,
    finish_pdf,
    ink_for,
    offline_contact,
    printed_link,
    qr_modules,
    register_fonts,
)

OUTPUT_DIR = "dist/handouts"
EXPERTS_FILE = "ervaringsdeskundigen.pdf"
MENU_FILE = "menukaart.pdf"
GROUPINGS = {"regio": "region", "organisatie": "organisation"}
SENDER = "Ervaringsdeskundigheid en Werk · Groningen en Drenthe"

PAGE_W, PAGE_H = 210 * MM, 297 * MM
MARGIN = 15 * MM
HEADER_H = 52 * MM  # brand line, title, date and the QR code
FOOTER_H = 19 * MM
HEADER_QR = 26 * MM  # big enough for a phone held above a table
STEP_QR = 22 * MM  # one per menukaart step, each in its own row with white around it
COLUMN_GAP = 6 * MM
BODY_PT = 12  # body text on paper: 12 pt, and nothing below MIN_PT
MIN_PT = 11.5
ENDING_SOON_DAYS = 30  # a paper list outlives a consent that ends within this many days


class HandoutErrors(ContentErrors):
    HEADING = f"De handouts zijn niet gemaakt: {{count}} {{noun}} gevonden. Er is niets veranderd in {OUTPUT_DIR}."


@dataclass
class HandoutRun:
    out_dir: Path
    files: dict[str, int] = field(default_factory=dict)  # file name -> pages
    people: int = 0
    seconds: float = 0.0
    ending: list = field(default_factory=list)  # EndingConsent: people whose consent ends within 30 days


# --- Styles ----------------------------------------------------------------------------------


def _styles(ink) -> dict[str, ParagraphStyle]:
    colour = ink.colour()
    base = ParagraphStyle("base", fontName=FONTS["regular"], fontSize=BODY_PT, leading=16, textColor=BLACK)
    styles = {
        "body": base,
        "intro": ParagraphStyle("intro", parent=base, fontSize=13, leading=18, spaceAfter=3 * MM),
        "small": ParagraphStyle("small", parent=base, fontSize=MIN_PT, leading=15, textColor=GREY),
        "group": ParagraphStyle(
            "group",
            parent=base,
            fontName=FONTS["bold"],
            fontSize=15,
            leading=19,
            textColor=colour,
            spaceBefore=3 * MM,
            spaceAfter=1.5 * MM,
        ),
        "name": ParagraphStyle("name", parent=base, fontName=FONTS["bold"], fontSize=13, leading=16),
        "line": ParagraphStyle("line", parent=base, fontSize=BODY_PT, leading=15),
        "step_title": ParagraphStyle(
            "step_title",
            parent=base,
            fontName=FONTS["bold"],
            fontSize=15,
            leading=19,
            textColor=colour,
            spaceAfter=1.5 * MM,
        ),
        "caption": ParagraphStyle(
            "caption", parent=base, fontSize=MIN_PT, leading=14, textColor=GREY, alignment=TA_CENTER
        ),
        "check": ParagraphStyle("check", parent=base, fontSize=BODY_PT, leading=16),
    }
    styles["section"] = styles["group"]  # a checklist's sections look like the experts list's groups
    return styles


def _table_style(commands: list) -> TableStyle:
    """Table cells set a font even when empty; without this it would be Helvetica (not embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONTS["regular"]), *commands])


def markdown_text(text: str) -> str:
    """The visible words of a Markdown field (links and emphasis do not exist on paper)."""
    return plain(markdown_lib.markdown(html.escape(text, quote=False)))


def esc(text: str) -> str:
    """Data in Paragraph markup: everything is text, nothing is markup."""
    return html.escape(text, quote=False)


# --- Flowables -----------------------------------------------------------------------------


class QrCode(Flowable):
    """A QR code in pure black ink with its quiet zone; `size` is the symbol without the quiet zone."""

    def __init__(self, url: str, size: float):
        super().__init__()
        self.url, self.size = url, size
        self.quiet = CLEAR_MODULES * size / qr_modules(url)

    def wrap(self, available_width, available_height):
        return self.size + 2 * self.quiet, self.size + 2 * self.quiet

    def draw(self):
        draw_qr(self.canv, self.url, self.quiet, self.quiet, self.size, quiet_modules=CLEAR_MODULES)


class CheckBox(Flowable):
    """An empty box to tick with a pen."""

    def __init__(self, size: float = 5 * MM):
        super().__init__()
        self.size = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        self.canv.setStrokeColor(BLACK)
        self.canv.setFillColor(PAPER)
        self.canv.setLineWidth(1.1)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=1)


class StepNumber(Flowable):
    """A coloured disc with the step number."""

    def __init__(self, number: int, ink, size: float = 13 * MM):
        super().__init__()
        self.number, self.ink, self.size = number, ink, size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        c = self.canv
        c.setFillColor(self.ink.colour())
        c.circle(self.size / 2, self.size / 2, self.size / 2, stroke=0, fill=1)
        c.setFillColor(PAPER)
        c.setFont(FONTS["bold"], self.size * 0.55)
        c.drawCentredString(self.size / 2, self.size * 0.3, str(self.number))


# --- One handout: pages with header and footer ----------------------------------------------


@dataclass(frozen=True)
class Handout:
    file: str
    title: str
    subtitle: str
    qr_url: str
    qr_caption: str
    ink: Ink
    subject: str
    story: Callable[[dict], list]  # styles -> flowables (called once per build pass)
    columns: int = 1  # 2: newspaper columns after a full-width intro (FrameBreak ends it)
    intro_height: float = 0.0


def _draw_page(
    c,
    doc,
    handout: Handout,
    *,
    stand: str,
    footer: str,
    organisation: str,
    www_optional: bool,
    total: int | None,
    notice: str = "",
):
    ink = handout.ink
    top = PAGE_H - MARGIN
    c.saveState()
    # Header: a coloured bar, the brand line, the title, the date; the QR code on the right.
    c.setFillColor(ink.colour())
    c.rect(MARGIN, top - 2.2 * MM, PAGE_W - 2 * MARGIN, 2.2 * MM, stroke=0, fill=1)
    qr_quiet = CLEAR_MODULES * HEADER_QR / qr_modules(handout.qr_url)
    qr_x = PAGE_W - MARGIN - HEADER_QR - qr_quiet
    qr_y = top - 4 * MM - HEADER_QR - qr_quiet
    draw_qr(c, handout.qr_url, qr_x, qr_y, HEADER_QR, quiet_modules=CLEAR_MODULES)
    c.setFillColor(GREY)
    c.setFont(FONTS["regular"], MIN_PT)
    c.drawRightString(PAGE_W - MARGIN, qr_y - qr_quiet - 1 * MM, handout.qr_caption)
    text_width = qr_x - qr_quiet - MARGIN - 3 * MM
    c.setFont(FONTS["medium"], MIN_PT)
    c.setFillColor(GREY)
    c.drawString(MARGIN, top - 8 * MM, organisation)
    title = Paragraph(
        esc(handout.title),
        ParagraphStyle("title", fontName=FONTS["bold"], fontSize=19, leading=22, textColor=ink.colour()),
    )
    _, height = title.wrap(text_width, 30 * MM)
    title.drawOn(c, MARGIN, top - 10.5 * MM - height)
    y = top - 10.5 * MM - height - 6 * MM
    c.setFillColor(BLACK)
    c.setFont(FONTS["regular"], BODY_PT)
    if handout.subtitle:
        c.drawString(MARGIN, y, handout.subtitle)
        y -= 6 * MM
    c.setFont(FONTS["bold"], BODY_PT)
    c.drawString(MARGIN, y, f"Stand van {stand}")
    if notice:  # a paper list outlives a consent that ends soon: say until when to hand it out
        y -= 6 * MM
        c.drawString(MARGIN, y, notice)
    # Footer, from the bottom up: the contact line, the link online (broken after a '/' when it is
    # wider than the page), the page number on the first line with room for it, and a rule above.
    c.setFillColor(BLACK)
    c.setFont(FONTS["regular"], MIN_PT)
    width = PAGE_W - 2 * MARGIN
    page = f"Pagina {doc.page}" + (f" van {total}" if total else "")
    link = _split_at_slashes(f"Online: {printed_link(handout.qr_url, www_optional=www_optional)}", width)
    lines = [*link, footer]
    heights = [MARGIN + 1.5 * MM + FOOTER_LEADING * (len(lines) - 1 - i) for i in range(len(lines))]
    placed = list(zip(heights, lines, strict=True))
    for y, text in placed:
        c.drawString(MARGIN, y, text)
    room = width - _width(page) - 4 * MM
    page_y = next((y for y, text in placed if _width(text) <= room), MARGIN - 4 * MM)  # else below the last line
    c.drawRightString(PAGE_W - MARGIN, page_y, page)
    c.setStrokeColor(ink.colour())
    c.setLineWidth(0.6)
    rule = heights[0] + 5.5 * MM
    c.line(MARGIN, rule, PAGE_W - MARGIN, rule)
    c.restoreState()


FOOTER_LEADING = 5.5 * MM


def _width(text: str) -> float:
    return pdfmetrics.stringWidth(text, FONTS["regular"], MIN_PT)


def _split_at_slashes(text: str, width: float) -> list[str]:
    """`text` (an address) in lines no wider than `width`, each ending after a '/' where it can."""
    lines = [""]
    for part in re.split(r"(?<=/)", text):
        if lines[-1] and _width(lines[-1] + part) > width:
            lines.append("")
        lines[-1] += part
    return lines


def _frame(x, y, width, height, name):
    return Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)


def _templates(handout: Handout, on_page) -> list[PageTemplate]:
    bottom, width = MARGIN + FOOTER_H, PAGE_W - 2 * MARGIN
    height = PAGE_H - 2 * MARGIN - HEADER_H - FOOTER_H
    if handout.columns == 1:
        return [PageTemplate(id="page", frames=[_frame(MARGIN, bottom, width, height, "body")], onPage=on_page)]
    column = (width - COLUMN_GAP) / 2

    def columns(top_height):
        return [_frame(MARGIN + i * (column + COLUMN_GAP), bottom, column, top_height, f"column{i}") for i in (0, 1)]

    intro = _frame(MARGIN, bottom + height - handout.intro_height, width, handout.intro_height, "intro")
    return [
        PageTemplate(
            id="first",
            frames=[intro, *columns(height - handout.intro_height)],
            onPage=on_page,
            autoNextPageTemplate="later",
        ),
        PageTemplate(id="later", frames=columns(height), onPage=on_page),
    ]


def build(
    handout: Handout,
    path: Path,
    *,
    stand: str,
    organisation: str,
    contact: str,
    www_optional: bool,
    now: dt.datetime,
    notice: str = "",
) -> int:
    """Lay out `handout` twice (the second time with the page count) and write the PDF. Returns pages."""
    register_fonts()
    styles = _styles(handout.ink)
    total = None
    for _ in range(2):
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=(PAGE_W, PAGE_H),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_H,
            bottomMargin=MARGIN + FOOTER_H,
            invariant=True,
            enforceColorSpace="cmyk",
            lang="nl-NL",
            initialFontName=FONTS["regular"],
            initialFontSize=BODY_PT,
            pageCompression=1,
            title=handout.title,
            author=organisation,
        )

        def on_page(c, d, t=total):
            _draw_page(
                c,
                d,
                handout,
                stand=stand,
                footer=contact,
                organisation=organisation,
                www_optional=www_optional,
                total=t,
                notice=notice if handout.file == EXPERTS_FILE else "",
            )

        doc.addPageTemplates(_templates(handout, on_page))
        doc.build(handout.story(styles))
        pages = doc.page
        if total == pages:
            break
        total = pages
    finish_pdf(
        buffer.getvalue(),
        path,
        Metadata(
            title=handout.title,
            author=organisation,
            subject=paper_text(handout.subject),
            keywords="handout, ervaringsdeskundigheid",
        ),
        key=f"handout/{handout.file}",
        now=now,
    )
    return pages


# --- The experts overview --------------------------------------------------------------------


def _expert_card(expert, organisations: dict, styles: dict, grouped_by: str) -> list:
    s = styles
    name = esc(expert.name)
    if expert.example:
        name += f' <font name="{FONTS["regular"]}" size="{MIN_PT}" color="#000000">(voorbeeld)</font>'
    lines = [Paragraph(name, s["name"])]
    if expert.function:
        lines.append(Paragraph(esc(expert.function), s["line"]))
    where = []
    if expert.organisation and (grouped_by != "organisation"):
        where.append(
            organisations[expert.organisation].name if expert.organisation in organisations else expert.organisation
        )
    if expert.region and grouped_by != "region":
        where.append(expert.region)
    if where:
        lines.append(Paragraph(esc(" · ".join(where)), s["line"]))
    if expert.expertise:
        lines.append(Paragraph(f"Weet veel over: {esc(', '.join(expert.expertise))}", s["line"]))
    if expert.buddy:
        lines.append(Paragraph(f'<font name="{FONTS["bold"]}">Wil meeloopmaatje zijn</font>', s["line"]))
    if expert.email:
        lines.append(Paragraph(f"E-mail: {esc(expert.email)}", s["line"]))
    if expert.phone:
        lines.append(Paragraph(f"Telefoon: {esc(expert.phone)}", s["line"]))
    return lines


def group_experts(site: Site, grouping: str) -> list[tuple[str, list]]:
    """(heading, people) in reading order. People without the grouped field come last."""
    attribute = GROUPINGS[grouping]
    names = {o.key: o.name for o in site.of("organisations")}
    groups: dict[str, list] = {}
    rest = []
    for expert in site.of("experts"):
        value = getattr(expert, attribute)
        if not value:
            rest.append(expert)
            continue
        heading = names.get(value, value) if attribute == "organisation" else value
        groups.setdefault(heading, []).append(expert)
    ordered = [(heading, groups[heading]) for heading in sorted(groups, key=str.casefold)]
    if rest:
        ordered.append(("Andere ervaringsdeskundigen", rest))
    return [(heading, sorted(people, key=lambda e: e.name.casefold())) for heading, people in ordered]


def experts_handout(site: Site, grouping: str) -> Handout:
    organisations = {o.key: o for o in site.of("organisations")}
    attribute = GROUPINGS[grouping]
    groups = group_experts(site, grouping)
    column = (PAGE_W - 2 * MARGIN - COLUMN_GAP) / 2

    def card(expert, s):
        table = Table([[_expert_card(expert, organisations, s, attribute)]], colWidths=[column], spaceAfter=3 * MM)
        table.setStyle(
            _table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3.5 * MM),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3 * MM),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.2 * MM),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8 * MM),
                ]
            )
        )
        return table

    def story(s):
        flow = [
            Paragraph(
                "Deze ervaringsdeskundigen werken bij organisaties in ons netwerk. Wil je weten hoe hun werk is? "
                "Of wil je met iemand meelopen? Neem gerust contact op. Iedereen op deze lijst heeft "
                "toestemming gegeven om hier te staan.",
                s["intro"],
            )
        ]
        if any(e.buddy for e in site.of("experts")):
            flow.append(
                Paragraph(
                    f'<font name="{FONTS["bold"]}">Meeloopmaatje</font> betekent: je mag een keer met '
                    "deze persoon meelopen op het werk.",
                    s["body"],
                )
            )
        flow.append(FrameBreak())
        if not groups:
            flow.append(
                Paragraph(
                    "Er staan nu geen ervaringsdeskundigen in het overzicht. Kijk online voor de "
                    "nieuwste lijst, of neem contact met ons op.",
                    s["intro"],
                )
            )
        for heading, people in groups:
            count = f"{len(people)} {'persoon' if len(people) == 1 else 'personen'}"
            title = Paragraph(
                f"{esc(heading)} <font size='{BODY_PT}' name='{FONTS['regular']}'>· {count}</font>", s["group"]
            )
            cards = [card(e, s) for e in people]
            flow.append(KeepTogether([title, cards[0]]))  # never a heading alone at the foot of a column
            flow += cards[1:]
        return flow

    return Handout(
        file=EXPERTS_FILE,
        title="Ervaringsdeskundigen in het netwerk",
        subtitle=f"Ingedeeld per {grouping}",
        qr_url=urls.absolute(site.site_url, by_id("experts").list_url or urls.HOME),
        qr_caption="Scan voor de nieuwste lijst",
        ink=HOUSE,
        subject="Overzicht van ervaringsdeskundigen bij de partners, met toestemming van iedereen op de lijst",
        story=story,
        columns=2,
        intro_height=30 * MM,
    )


# --- The menukaart ---------------------------------------------------------------------------


def menu_handout(site: Site) -> Handout:
    ink = HOUSE

    def story(s):
        flow = [
            Paragraph(
                "Van je eigen ervaring naar werk gaat in stappen. Je hoeft niet alles tegelijk te doen. "
                "Begin waar jij nu bent. Scan de code bij een stap voor meer uitleg.",
                s["intro"],
            )
        ]
        for number, step in enumerate(site.of("menu"), start=1):
            text = [
                Paragraph(esc(paper_text(step.title)), s["step_title"]),
                Paragraph(esc(paper_text(markdown_text(step.text))), s["body"]),
            ]
            if step.opleidingen:  # the step's text names the regional ones; the list itself is online
                text.append(
                    Paragraph(
                        f"Online staan {len(step.opleidingen)} opleidingen en cursussen die hierbij passen.", s["small"]
                    )
                )
            if step.functieprofielen:
                text.append(
                    Paragraph(f"Online staan {len(step.functieprofielen)} soorten werk die hierbij passen.", s["small"])
                )
            if step.buddies:
                text.append(Spacer(0, 1.5 * MM))
                text.append(
                    Paragraph(
                        "Op de lijst <font name='%s'>Ervaringsdeskundigen in het netwerk</font> "
                        "staat wie meeloopmaatje wil zijn." % FONTS["bold"],
                        s["line"],
                    )
                )
            url = urls.absolute(site.site_url, step.url or urls.HOME)
            code = [QrCode(url, STEP_QR), Paragraph(f"Stap {number} online", s["caption"])]
            row = Table(
                [[StepNumber(number, ink), text, code]],
                colWidths=[18 * MM, PAGE_W - 2 * MARGIN - 18 * MM - 38 * MM, 38 * MM],
            )
            row.setStyle(
                _table_style(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("ALIGN", (2, 0), (2, 0), "CENTER"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (1, 0), (1, 0), 4 * MM),
                        # Rows far enough apart that a phone sees one code at a time.
                        ("TOPPADDING", (0, 0), (-1, -1), 4 * MM),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * MM),
                        ("LINEABOVE", (0, 0), (-1, 0), 0.6, GREY),
                    ]
                )
            )
            flow.append(KeepTogether([row]))
        return flow

    return Handout(
        file=MENU_FILE,
        title="Menukaart: van ervaring naar werk",
        subtitle="Alle stappen op een rij",
        qr_url=urls.absolute(site.site_url, by_id("menu").list_url or urls.HOME),
        qr_caption="Scan voor de menukaart online",
        ink=HOUSE,
        subject="De route van eigen ervaring via oriëntatie, opleiding en een meeloopmaatje naar werk",
        story=story,
    )


# --- Checklists ------------------------------------------------------------------------------


def _check_table(rows: list) -> Table:
    table = Table(rows, colWidths=[10 * MM, PAGE_W - 2 * MARGIN - 10 * MM], hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * MM),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * MM),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
            ]
        )
    )
    return table


def checklist_handout(site: Site, checklist) -> Handout:
    category = site.get("categories", checklist.categories[0])

    def story(s):
        flow = [
            Paragraph(esc(paper_text(checklist.intro)), s["intro"]),
            Paragraph("Zet een kruisje in het hokje als het klopt.", s["small"]),
        ]
        for section in checklist.sections:
            rows = [[CheckBox(), Paragraph(esc(paper_text(item)), s["check"])] for item in section.items]
            # The heading stays with the first two items; the rest may go on in the next column or page.
            flow += [KeepTogether([Paragraph(esc(paper_text(section.title)), s["section"]), _check_table(rows[:2])])]
            if rows[2:]:
                flow.append(_check_table(rows[2:]))
        return flow

    return Handout(
        file=f"{checklist.slug}.pdf",
        title=checklist.title,
        subtitle="Checklist om op papier in te vullen",
        qr_url=urls.absolute(site.site_url, checklist.url),
        qr_caption="Scan voor de checklist online",
        ink=ink_for(category.colour) if category else HOUSE,
        subject=checklist.intro,
        story=story,
    )


# --- Running ---------------------------------------------------------------------------------


def printed_texts(handout: Handout) -> list[str]:
    """Every text of a handout's body and header, in order (one place, for checks on what is
    printed; the page furniture adds the date, the link online and the contact line)."""
    texts = [handout.title, handout.subtitle, handout.qr_caption]

    def walk(flowable) -> None:
        if isinstance(flowable, Paragraph):
            texts.append(flowable.getPlainText())
        elif isinstance(flowable, Table):
            for row in flowable._cellvalues:
                for cell in row:
                    for item in cell if isinstance(cell, (list, tuple)) else [cell]:
                        walk(item)
        elif isinstance(flowable, KeepTogether):
            for item in flowable._content:
                walk(item)

    register_fonts()
    for flowable in handout.story(_styles(handout.ink)):
        walk(flowable)
    return [text for text in texts if text]


def handouts_for(site: Site, grouping: str = "regio") -> list[Handout]:
    return [
        experts_handout(site, grouping),
        menu_handout(site),
        *(checklist_handout(site, checklist) for checklist in site.of("checklists")),
    ]


def contact_line(contact) -> str:
    """The footer's route to a person: a phone number first when there is one (not everyone
    scans or mails), and the e-mail address for questions."""
    questions = f"Vragen? Mail naar {contact.email}."
    return f"{offline_contact(contact)} {questions}" if contact.phone else questions


@dataclass(frozen=True)
class EndingConsent:
    name: str
    ends: dt.date


def consents_ending_soon(site: Site, days: int = ENDING_SOON_DAYS) -> list[EndingConsent]:
    """People on the experts list whose consent ends within `days` of the build's date: the
    paper copy must not be handed out after that day."""
    horizon = site.today + dt.timedelta(days=days)
    ending = [
        EndingConsent(expert.name, expert.consent.withdrawn)
        for expert in site.of("experts")
        if expert.consent and expert.consent.withdrawn and site.today < expert.consent.withdrawn <= horizon
    ]
    return sorted(ending, key=lambda e: (e.ends, e.name.casefold()))


def ending_notice(ending: list[EndingConsent]) -> str:
    """The cover line: until when this list may be handed out (no names: it is on paper)."""
    if not ending:
        return ""
    last_day = ending[0].ends - dt.timedelta(days=1)
    return f"Deel deze lijst uit tot en met {dutch_date(last_day)}. Haal daarna een nieuwe."


def generate_handouts(
    root: Path,
    out_dir: Path | None = None,
    *,
    grouping: str = "regio",
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> HandoutRun:
    """Write every handout. Raises HandoutErrors on bad content; then nothing in `out_dir` changed.
    The date on the sheets is the build's date (`today`, else the project clock: SECTION_TODAY)."""
    started = time.perf_counter()
    root = Path(root)
    out_dir = Path(out_dir) if out_dir else root / OUTPUT_DIR
    if grouping not in GROUPINGS:
        raise HandoutErrors([Problem("--per", None, f"'{grouping}' kan niet. Kies uit: {', '.join(GROUPINGS)}.")])
    try:
        site = load_built_site(root, today=today)
    except ContentErrors as errors:
        raise HandoutErrors(errors.problems) from None
    moment = build_moment(now)
    if today is not None:
        moment = dt.datetime.combine(today, moment.timetz())
    stand = dutch_date(site.today)
    settings = site.settings
    ending = consents_ending_soon(site)
    run = HandoutRun(out_dir=out_dir, people=len(site.of("experts")), ending=ending)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        handouts = handouts_for(site, grouping)
        furniture = (settings.organisation, contact_line(settings.contact))  # on every page, read too
        problems = printed_problems(
            site,
            [
                (f"{OUTPUT_DIR}/{handout.file}", text)
                for handout in handouts
                for text in (handout.file, *furniture, *printed_texts(handout))
                if text
            ],
        )
        if problems:
            raise HandoutErrors(problems)
        for handout in handouts:
            run.files[handout.file] = build(
                handout,
                staging / handout.file,
                stand=stand,
                organisation=settings.organisation,
                contact=contact_line(settings.contact),
                www_optional=settings.www_optional,
                now=moment,
                notice=ending_notice(ending),
            )
        publish.replace_directory(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    run.seconds = time.perf_counter() - started
    return run
