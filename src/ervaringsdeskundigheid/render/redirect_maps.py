"""Redirect maps for hosts that redirect on the server: `_redirects` (Netlify, Cloudflare Pages
and others) and an nginx map, with the short links of the posters and the pages that moved. The
forwarding pages of the site work on any host; these let a server answer at once."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..types import redirects as moved
from ..types.partners import ISSUED_FILE, PARTNERS_FILE, ShortLink, category_paths, resolve_target


def redirect_files(site, links: list[ShortLink]) -> dict[str, str]:
    """`_redirects` and the nginx map. A short link answers 302, not 301: a code may get a new
    target, and browsers keep a 301 forever. A moved page answers 301: a move is for good."""
    paths = category_paths(site)
    base = urlsplit(site.site_url).path.rstrip("/") + "/"
    pairs = [(f"{base}{link.url}", f"{base}{resolve_target(link.target, paths)}?{link.query}") for link in links]
    header = (
        "# Korte links van posters en banners (/p/<code>/). Automatisch gemaakt uit "
        f"{PARTNERS_FILE} en {ISSUED_FILE}; niet met de hand aanpassen.\n"
    )
    redirects = [header] + [f"{source} {target} 302\n{source.rstrip('/')} {target} 302\n" for source, target in pairs]
    nginx = [
        header,
        "# Gebruik in nginx (http-blok):\n",
        '#   map $uri $shortlink_target { default ""; include shortlinks.nginx.map; }\n',
        "# en in het server-blok:\n",
        "#   if ($shortlink_target) { return 302 $shortlink_target; }\n",
    ]
    for source, target in pairs:
        nginx.append(f'{source} "{target}";\n')
        nginx.append(f'{source.rstrip("/")} "{target}";\n')
    files = {"_redirects": "".join(redirects), "shortlinks.nginx.map": "".join(nginx)}
    return {path: text + _moved_lines(site, path) for path, text in files.items()}


def _moved_lines(site, redirect_file: str) -> str:
    """The moved pages in a host's redirect file (`_redirects` or the nginx map; 301: a move is for
    good). The forwarding pages work on any host; these let a server answer at once."""
    base = urlsplit(site.site_url).path.rstrip("/") + "/"
    pairs = [(f"{base}{old}", f"{base}{new}") for old, new in moved.moved_pages(site)]
    if not pairs:
        return ""
    if redirect_file == "_redirects":
        lines = [f"{old} {new} 301\n{old.rstrip('/')} {new} 301\n" for old, new in pairs]
    else:
        lines = [f'{old} "{new}";\n{old.rstrip("/")} "{new}";\n' for old, new in pairs]
    return f"# Verhuisde pagina's, uit {moved.REDIRECTS_FILE}.\n" + "".join(lines)
