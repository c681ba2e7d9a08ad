"""Pages rendered from the YAML data files: programmes, menukaart, job profiles,
experts, organisations, FAQ, checklists and figures."""

from __future__ import annotations

import html
import json
from collections import defaultdict

import markdown as markdown_lib
from markupsafe import Markup

from . import urls
from .chart import monitor_chart_svg
from .text import slugify

_MARKDOWN = markdown_lib.Markdown(extensions=["sane_lists"])


def render_markdown(text: str | None) -> Markup:
    """Markdown from a data file, with any HTML in it escaped (it shows as text)."""
    if not text:
        return Markup("")
    _MARKDOWN.reset()
    return Markup(_MARKDOWN.convert(html.escape(text, quote=False)))


def token(value: str) -> str:
    """A filter value as a CSS-safe token: 'Stadskanaal' -> 'stadskanaal'."""
    return slugify(value, fallback="x")


def obfuscated_email(address: str) -> Markup:
    """Every character as an HTML entity: browsers and screen readers show the address,
    a pattern match over the HTML source does not find it."""
    return Markup("".join(f"&#{ord(ch)};" for ch in address))


def json_ld(data: dict) -> Markup:
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(f'<script type="application/ld+json">{text}</script>')


class DataPages:
    """Renders the data pages with the shared renderer (templates, links, escaping)."""

    def __init__(self, renderer):
        self.renderer = renderer
        self.site = renderer.site
        env = renderer.env
        env.filters.update(markdown=render_markdown, token=token, email=obfuscated_email)
        env.globals.update(programme_url=urls.programme_url, profile_url=urls.profile_url,
                           checklist_url=urls.checklist_url, organisation_url=urls.organisation_url,
                           expert_url=urls.expert_url, urls=urls)
        self.organisations = {o.id: o for o in self.site.organisations}
        self.programmes = {p.slug: p for p in self.site.programmes}
        self.profiles = {p.slug: p for p in self.site.profiles}

    def page(self, url, title, template, description="", meta=None, **context):
        from .pages import GeneratedPage
        body = self.renderer._render(template, url, site=self.site, organisations=self.organisations,
                                     **context)
        return GeneratedPage(url=url, title=title, markdown=body, description=description, meta=meta or {})

    def all_pages(self) -> list:
        site = self.site
        pages = [
            self.page(urls.PROGRAMMES, "Opleidingen", "programmes.html",
                      "Opleidingen en cursussen voor ervaringsdeskundigen, met voor wie ze zijn.",
                      programmes=self._programmes_in_order()),
            self.page(urls.MENU, "Menukaart: van ervaring naar werk", "menu.html",
                      "De route van eigen ervaring via oriëntatie, opleiding en een maatje naar werk.",
                      steps=site.menu, programmes=self.programmes, profiles=self.profiles,
                      buddies=[e for e in site.experts if e.buddy]),
            self.page(urls.PROFILES, "Functieprofielen", "profiles.html",
                      "Rollen en taken van ervaringsdeskundigen, met opleiding en loon.", profiles=site.profiles),
            self.page(urls.EXPERTS, "Ervaringsdeskundigen in het netwerk", "experts.html",
                      "Overzicht van ervaringsdeskundigen bij de partners, met expertise en maatjes.",
                      experts=site.experts, filters=self._expert_filters(),
                      meta={"head_style": self._filter_css()}),
            self.page(urls.ORGANISATIONS, "Organisaties", "organisations.html",
                      "Organisaties in het netwerk die met ervaringsdeskundigen werken.",
                      experts_by_org=self._group(site.experts, "organisation"),
                      stories_by_org=self._stories_by_organisation(),
                      programmes_by_org=self._group(site.programmes, "organisation")),
            self.page(urls.FAQ, "Veelgestelde vragen", "faq.html",
                      "Antwoorden op vragen over ervaringsdeskundigheid: diploma, betaling, uitkering en meer.",
                      questions=site.faq, structured_data=self._faq_structured_data()),
            self.page(urls.CHECKLISTS, "Checklists", "checklists.html",
                      "Checklists voor teams en een zelfcheck voor aspirant-ervaringsdeskundigen.",
                      checklists=site.checklists),
        ]
        pages += [self.page(urls.programme_url(p), p.title, "programme.html", p.summary, programme=p)
                  for p in site.programmes]
        pages += [self.page(urls.profile_url(p), p.title, "profile.html", p.summary, profile=p)
                  for p in site.profiles]
        pages += [self.page(urls.checklist_url(c), c.title, "checklist.html", c.intro, checklist=c)
                  for c in site.checklists]
        if site.monitor:
            pages.append(self.page(urls.FIGURES, "Cijfers", "figures.html",
                                   "Hoeveel ervaringsdeskundigen er aan het werk zijn, tegen het doel en de ambitie.",
                                   monitor=site.monitor, chart=monitor_chart_svg(site.monitor)))
        return pages

    def category_section(self, category, here: str) -> str:
        """Data items that belong to a category, for its page."""
        site = self.site
        return self.renderer._render(
            "category_data.html", here, category=category,
            programmes=[p for p in self._programmes_in_order() if category.id in p.categories],
            profiles=[p for p in site.profiles if category.id in p.categories],
            checklists=[c for c in site.checklists if category.id in c.categories],
            steps=[s for s in site.menu if category.id in s.categories],
            organisations_in=[o for o in site.organisations if category.id in o.categories],
            experts=[e for e in site.experts if category.id in e.categories],
            questions=[q for q in site.faq if category.id in q.categories])

    def latest_figure(self):
        years = self.site.monitor.years if self.site.monitor else []
        counted = [y for y in years if not y.expected and y.at_work is not None]
        return counted[-1] if counted else None

    def _filter_css(self) -> str:
        """CSS rules that filter the experts without JavaScript; for the page's <head>.
        Every value in them is a token of [a-z0-9-], so nothing from the data can break out."""
        return self.renderer.env.get_template("experts_filters.css").render(filters=self._expert_filters())

    def _programmes_in_order(self):
        return sorted(self.site.programmes, key=lambda p: (not p.regional, p.kind != "opleiding"))

    def _expert_filters(self) -> dict:
        experts = self.site.experts
        return {
            "expertise": sorted({x for e in experts for x in e.expertise}),
            "organisation": sorted({e.organisation for e in experts if e.organisation},
                                   key=lambda o: self.organisations[o].name),
            "region": sorted({e.region for e in experts if e.region}),
        }

    @staticmethod
    def _group(items, attribute) -> dict:
        grouped = defaultdict(list)
        for item in items:
            if getattr(item, attribute, None):
                grouped[getattr(item, attribute)].append(item)
        return grouped

    def _stories_by_organisation(self) -> dict:
        grouped = defaultdict(list)
        for entry in self.site.entries:
            for organisation in entry.meta.organisations:
                grouped[organisation].append(entry)
        return grouped

    def _faq_structured_data(self) -> Markup:
        return json_ld({
            "@context": "https://schema.org", "@type": "FAQPage",
            "mainEntity": [{"@type": "Question", "name": q.question,
                            "acceptedAnswer": {"@type": "Answer", "text": q.answer.strip()}}
                           for q in self.site.faq]})
