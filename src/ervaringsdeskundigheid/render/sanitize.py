"""The allow-list for HTML that comes from editors' Markdown, and the Dutch reasons why a
construct is refused.

Two steps, on purpose:
- `html_problems` / `url_problem` turn what an editor typed on purpose (a script, an
  iframe, an event handler, a `javascript:` link, an image from another host) into a Dutch
  error naming the file: kinder than silent removal, and it stops the build.
- `clean` then runs every rendered body through nh3 (Rust's ammonia) with the same
  allow-list, so whatever the checks miss is still removed.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

# What Markdown and our own components produce.
TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang"}
ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes"},
    "th": {"align", "scope", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "cite",
    "xlink:href",
    "ping",
    "manifest",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
}
# Refused with an explanation: these never belong in a story, and usually mean copy-paste
# from another website or an attack.
REFUSED_TAGS = {
    "script": "een script (<script>)",
    "style": "opmaakcode (<style>)",
    "iframe": "een ingesloten pagina (<iframe>)",
    "frame": "een ingesloten pagina (<frame>)",
    "frameset": "een ingesloten pagina (<frameset>)",
    "object": "een ingesloten object (<object>)",
    "embed": "een ingesloten object (<embed>)",
    "applet": "een ingesloten object (<applet>)",
    "form": "een formulier (<form>)",
    "input": "een invoerveld (<input>)",
    "button": "een knop (<button>)",
    "textarea": "een invoerveld (<textarea>)",
    "select": "een keuzelijst (<select>)",
    "link": "een link naar een stijlblad (<link>)",
    "meta": "een meta-tag (<meta>)",
    "base": "een <base>-tag",
    "svg": "een SVG-tekening (<svg>)",
    "math": "een formule (<math>)",
    "video": "een video (<video>)",
    "audio": "geluid (<audio>)",
    "source": "een mediabron (<source>)",
    "picture": "een <picture>-blok",
    "track": "een ondertitelbestand (<track>)",
    "portal": "een <portal>",
    "template": "een <template>",
    "noscript": "een <noscript>-blok",
    "xml": "XML",
    "html": "een <html>-tag",
    "head": "een <head>-tag",
    "body": "een <body>-tag",
    "title": "een <title>-tag",
    "canvas": "een <canvas>",
    "dialog": "een <dialog>",
    "img": "een afbeelding in HTML (<img>)",
    "area": "een <area>",
    "map": "een <map>",
}
REFUSED_INSTEAD = {"img": "Gebruik Markdown: ![beschrijving](../afbeeldingen/foto.jpg)."}
SAFE_URL = "een gewone link (https://..., mailto:..., tel:...) of een link naar een pagina van deze site"


def url_problem(url: str, attribute: str) -> str | None:
    """Why a URL in `attribute` may not be published, or None."""
    value = html.unescape(url).strip()
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squeezed)
    if scheme and scheme.group(1) not in URL_SCHEMES:
        return f"de link '{_short(value)}' gebruikt '{scheme.group(1)}:'. Dat kan niet: gebruik {SAFE_URL}."
    loads = attribute in ("src", "srcset", "poster", "background", "data", "lowsrc", "dynsrc", "ping")
    if loads:
        for candidate in value.split(",") if attribute == "srcset" else [value]:
            target = candidate.strip().split(" ")[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("//") or target.startswith("\\\\"):
                return (
                    f"de afbeelding '{_short(target)}' komt van een andere website. Dat kan niet: dan ziet "
                    "die website wie onze pagina leest. Zet de afbeelding in content/afbeeldingen/ "
                    "en gebruik die."
                )
    return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class _Scanner(HTMLParser):
    """Finds what `html_problems` refuses in raw HTML that an editor typed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag: str, attrs) -> None:
        if tag in REFUSED_TAGS:
            instead = REFUSED_INSTEAD.get(tag, "Schrijf gewone tekst, of vraag de ontwikkelaars om hulp.")
            self.problems.append(f"bevat {REFUSED_TAGS[tag]}. Dat kan niet in een tekst op deze site. {instead}")
            return
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.problems.append(
                    f"bevat HTML met '{name}=' (code die uitgevoerd wordt). Dat kan niet; haal het weg."
                )
            elif name == "style":
                self.problems.append("bevat HTML met 'style=' (eigen opmaak). Dat kan niet: de site regelt de opmaak.")
            elif name in URL_ATTRIBUTES and value:
                reason = url_problem(value, name)
                if reason:
                    self.problems.append(reason)
            elif name in ("http-equiv", "srcdoc", "formaction", "xmlns"):
                self.problems.append(f"bevat HTML met '{name}='. Dat kan niet; haal het weg.")


def html_problems(fragments: list[str]) -> list[str]:
    """Dutch reasons for every refused construct in raw HTML fragments."""
    scanner = _Scanner()
    for fragment in fragments:
        scanner.feed(fragment)
    scanner.close()
    return list(dict.fromkeys(scanner.problems))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES and url_problem(value, attribute):
        return None
    return value


def clean(fragment: str) -> str:
    """The fragment with everything outside the allow-list removed (scripts and styles with
    their content), links limited to safe schemes and images to this site."""
    return nh3.clean(
        fragment,
        tags=TAGS,
        clean_content_tags={"script", "style", "template", "textarea"},
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
