"""Short, permanent poster links: <site_url>/p/<code>/.

Every code in the inventory (data/partners.yml) and every code ever issued
(data/issued_codes.yml) gets a small Dutch page that forwards the reader to the target with
campaign parameters. For hosts that can redirect on the server, `write_redirect_maps`
also writes a Netlify/Cloudflare-style `_redirects` file and an nginx map.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from . import partners as inv
from .loader import DATA_FILES, load_data_file
from .model import Site
from .pages import GeneratedPage
from .problems import Problem

TEMPLATE = "shortlink.html"        # overrides/shortlink.html
REDIRECTS_FILE = "_redirects"
NGINX_MAP_FILE = "shortlinks.nginx.map"


def _titles(site: Site) -> dict[str, str]:
    titles = {"": "Ervaringsdeskundigheid"}
    titles.update({f"{c.path}/": c.title for c in site.categories})
    titles.update({e.url: e.meta.title for e in site.entries})
    return titles


def shortlink_pages(root: Path, site_url: str, site: Site) -> list[GeneratedPage]:
    """One forwarding page per code. Problems in the poster files are reported by
    `check_targets`; here every code that can be read still gets its page."""
    data = inv.load_poster_data(root)
    categories = inv.category_paths(site.categories)
    titles = _titles(site)
    pages = []
    for link in data.links():
        target = inv.resolve_target(link.target, categories)
        forward = link.relative_target(categories)
        title = titles.get(target, "de pagina")
        markdown = (f"Je wordt doorgestuurd naar **{_escape_md(title)}**. Gebeurt er niets? "
                    "Kies dan de link op deze pagina.\n")
        pages.append(GeneratedPage(
            url=link.url, title=f"Doorsturen naar {title}", markdown=markdown,
            description="Korte link van een poster of banner van Alliantie van Kracht.",
            source=link.file,
            meta={"template": TEMPLATE, "redirect_to": forward, "target_title": title,
                  "shortlink_code": link.code, "search": {"exclude": True}}))
    return pages


def _escape_md(text: str) -> str:
    return html.escape(text).replace("*", r"\*").replace("_", r"\_")


def check_targets(root: Path, known_urls: set[str]) -> list[Problem]:
    """The build fails when the poster files are wrong, when a code forwards to a page that
    does not exist, or when an issued code has no page."""
    problems: list[Problem] = []
    categories = load_data_file(root, DATA_FILES["categories"], problems)
    organisations = load_data_file(root, DATA_FILES["organisations"], problems)
    if problems:        # already reported by the site loader
        return []
    data = inv.load_poster_data(root, organisations={o.id for o in organisations})
    problems += data.problems
    links = data.links()
    problems += inv.check_link_targets(links, inv.category_paths(categories), known_urls)
    for link in links:
        if link.url not in known_urls:
            problems.append(Problem(link.file, "code", (
                f"de korte link '{link.url}' heeft geen pagina in de site. Een gedrukte code moet "
                "altijd een pagina houden; meld dit aan de ontwikkelaars."), entry=link.entry))
    return problems


def redirects(root: Path, site_url: str) -> list[tuple[str, str]]:
    """(path of the short link, absolute-path target with campaign parameters), both starting
    with the site's base path, for server-side redirects."""
    problems: list[Problem] = []
    categories = inv.category_paths(load_data_file(root, DATA_FILES["categories"], problems))
    base = urlsplit(site_url).path.rstrip("/") + "/"
    result = []
    for link in inv.load_poster_data(root).links():
        target = inv.resolve_target(link.target, categories)
        result.append((f"{base}{link.url}", f"{base}{target}?{link.query}"))
    return result


def write_redirect_maps(root: Path, site_url: str, site_dir: Path) -> None:
    """`_redirects` (Netlify, Cloudflare Pages and others) and an nginx map, in the site root.
    302, not 301: a code may get a new target, and browsers keep a 301 forever."""
    pairs = redirects(root, site_url)
    header = ("# Korte links van posters en banners (/p/<code>/). Automatisch gemaakt uit "
              f"{inv.PARTNERS_FILE} en {inv.ISSUED_FILE}; niet met de hand aanpassen.\n")
    lines = [header]
    for source, target in pairs:
        lines.append(f"{source} {target} 302\n")
        lines.append(f"{source.rstrip('/')} {target} 302\n")
    (site_dir / REDIRECTS_FILE).write_text("".join(lines), encoding="utf-8")
    nginx = [
        header,
        "# Gebruik in nginx (http-blok):\n",
        f"#   map $uri $shortlink_target {{ default \"\"; include {NGINX_MAP_FILE}; }}\n",
        "# en in het server-blok:\n",
        "#   if ($shortlink_target) { return 302 $shortlink_target; }\n",
    ]
    for source, target in pairs:
        nginx.append(f"{source} \"{target}\";\n")
        nginx.append(f"{source.rstrip('/')} \"{target}\";\n")
    (site_dir / NGINX_MAP_FILE).write_text("".join(nginx), encoding="utf-8")
