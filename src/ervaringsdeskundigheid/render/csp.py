"""The Content-Security-Policy of every page: only the site itself.

Pages carry it as a <meta http-equiv> (it works on any host); `header_files` writes the same
policy as response headers for hosts that read `_headers` (Netlify, Cloudflare Pages) or an
nginx snippet, where `frame-ancestors` (not allowed in a meta tag) is added. Scripts come
from the site only; 'wasm-unsafe-eval' lets them compile WebAssembly (the search's Pagefind,
in its worker too, which gets the header policy), and allows no eval of JavaScript. The pages
have no inline script; should one be needed, pass its text to `policy` and its hash is allowed
(computed at build time), never 'unsafe-inline'. Only the local preview (`make serve`)
allows inline scripts, for MkDocs' live reload.

The web editor under admin/ has a policy of its own (`admin_policy`): it talks to GitHub's API
and needs inline styles (Svelte injects <style> elements), and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import re

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",  # the search (Pagefind) runs WebAssembly; no eval
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "media-src": "'self'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
HEADER_ONLY = {"frame-ancestors": "'none'"}
ADMIN_PATH = "admin/"
# The strictest policy the web editor (Sveltia CMS) works under, in local mode and with GitHub:
# no inline script and no eval; 'unsafe-inline' styles only here. blob:/data: are its own previews.
ADMIN_DIRECTIVES = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' blob: data: https://avatars.githubusercontent.com",
    "font-src": "'self'",
    "connect-src": "'self' blob: data: https://api.github.com",
    "base-uri": "'self'",
    "form-action": "'none'",
}


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(
    inline_scripts: tuple[str, ...] = (),
    preview: bool = False,
    header: bool = False,
    overrides: dict[str, str] | None = None,
) -> str:
    directives = dict(DIRECTIVES)
    if inline_scripts:
        directives["script-src"] += " " + " ".join(script_hash(s) for s in inline_scripts)
    if preview:
        directives["script-src"] += " 'unsafe-inline'"  # MkDocs' live reload, local preview only
        directives["connect-src"] += " ws: wss:"
    directives.update(overrides or {})
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def admin_policy(header: bool = False) -> str:
    directives = dict(ADMIN_DIRECTIVES)
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def header_files(base_path: str = "/") -> dict[str, str]:
    """`_headers` and an nginx snippet. `base_path` is where the section is served ('/x/')."""
    others = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
    site, admin = policy(header=True), admin_policy(header=True)
    # Netlify uses the last matching rule for a header; Cloudflare Pages joins them (two policies
    # that both apply), so there the admin rule needs Cloudflare's "! Content-Security-Policy" first.
    netlify = (
        "# Beveiligingsheaders voor hosts die _headers lezen (Netlify, Cloudflare Pages).\n"
        "# Cloudflare Pages: zet onder /admin/* eerst de regel '  ! Content-Security-Policy'.\n/*\n"
        + "".join(f"  {name}: {text}\n" for name, text in {"Content-Security-Policy": site, **others}.items())
        + f"/{ADMIN_PATH}*\n  Content-Security-Policy: {admin}\n"
    )
    admin_prefix = re.escape("/" + base_path.strip("/") + "/" if base_path.strip("/") else "/")
    nginx = (
        "# Beveiligingsheaders voor nginx: include dit bestand in het server-blok.\n"
        f'set $section_csp "{site}";\n'
        f'if ($uri ~ "^{admin_prefix}{ADMIN_PATH}") {{ set $section_csp "{admin}"; }}\n'
        "add_header Content-Security-Policy $section_csp always;\n"
        + "".join(f'add_header {name} "{text}" always;\n' for name, text in others.items())
    )
    return {"_headers": netlify, "security-headers.nginx.conf": nginx}
