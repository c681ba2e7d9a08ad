"""A safety audit of built HTML, with a real HTML parser (lxml): no script or event handler we
did not write, no `javascript:` link, nothing loaded from another host, no person by name."""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml import html as lxml_html

# The only scripts a page may have: our files, plus JSON data blocks. (The search loads Pagefind
# from pagefind/ itself, when a reader opens it.)
OWN_SCRIPT_FILES = ("assets/javascripts/section.js", "assets/javascripts/search.js", "assets/javascripts/readaloud.js")
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
LOADING = {
    "src",
    "srcset",
    "poster",
    "data",
    "background",
    "ping",
    "lowsrc",
    "dynsrc",
    "xlink:href",
    "action",
    "formaction",
    "manifest",
    "codebase",
    "archive",
}
LINKS = {"href", "cite", "longdesc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "file:")
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "style"}


def _foreign(url: str) -> bool:
    value = url.strip()
    parts = urlsplit(value)
    return bool(parts.scheme or parts.netloc or value.startswith("//") or value.startswith("\\\\"))


def _bad_scheme(url: str) -> bool:
    squeezed = "".join(ch for ch in url if not ch.isspace() and ord(ch) > 31).lower()
    return squeezed.startswith(BAD_SCHEMES)


def violations(page: str, where: str = "") -> list[str]:
    """What in this page could run script, load from another host or follow a bad link."""
    found = []
    tree = lxml_html.fromstring(page.encode("utf-8")) if page.strip() else None
    if tree is None:
        return found
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower().split("}")[-1]
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"{where}: <{tag}> element")
        if tag == "script":
            src = element.get("src")
            kind = (element.get("type") or "").lower()
            if src is None and kind not in DATA_SCRIPT_TYPES:
                found.append(f"{where}: inline script {(element.text or '')[:60]!r}")
            if src is not None and (_foreign(src) or not any(own in src for own in OWN_SCRIPT_FILES)):
                found.append(f"{where}: script from {src!r}")
        if tag == "link" and (element.get("rel") or "").lower() in (
            "stylesheet",
            "icon",
            "preload",
            "modulepreload",
            "prefetch",
            "manifest",
            "import",
        ):
            if _foreign(element.get("href") or ""):
                found.append(f"{where}: <link rel={element.get('rel')}> from {element.get('href')!r}")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            target = (element.get("content") or "").split("url=", 1)[-1]
            if _foreign(target) or _bad_scheme(target):
                found.append(f"{where}: refresh to {target!r}")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"{where}: handler {name}= on <{tag}>")
            elif name == "style":
                found.append(f"{where}: style= on <{tag}>")
            elif name in LOADING and value and (_foreign(value) or _bad_scheme(value)):
                if not (tag == "form" and name == "action" and not _foreign(value)):
                    found.append(f"{where}: {name}={value!r} on <{tag}>")
            elif name in LINKS and value and _bad_scheme(value):
                found.append(f"{where}: {name}={value!r} on <{tag}>")
            elif name == "srcdoc":
                found.append(f"{where}: srcdoc on <{tag}>")
    return found
