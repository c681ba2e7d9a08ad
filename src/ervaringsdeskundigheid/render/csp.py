"""The Content-Security-Policy of every page: only the site itself.

Pages carry it as a <meta http-equiv> (it works on any host); `header_files` writes the same
policy as response headers for hosts that read `_headers` (Netlify, Cloudflare Pages) or an
nginx snippet, where `frame-ancestors` (not allowed in a meta tag) is added. The pages have
no inline script; should one be needed, pass its text to `policy` and its hash is allowed
(computed at build time), never 'unsafe-inline'. Only the local preview (`make serve`)
allows inline scripts, for MkDocs' live reload.
"""

from __future__ import annotations

import base64
import hashlib

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
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


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(inline_scripts: tuple[str, ...] = (), preview: bool = False, header: bool = False,
           overrides: dict[str, str] | None = None) -> str:
    directives = dict(DIRECTIVES)
    if inline_scripts:
        directives["script-src"] += " " + " ".join(script_hash(s) for s in inline_scripts)
    if preview:
        directives["script-src"] += " 'unsafe-inline'"   # MkDocs' live reload, local preview only
        directives["connect-src"] += " ws: wss:"
    directives.update(overrides or {})
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def header_files() -> dict[str, str]:
    value = policy(header=True)
    headers = {"Content-Security-Policy": value, "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "strict-origin-when-cross-origin",
               "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()"}
    netlify = "# Beveiligingsheaders voor hosts die _headers lezen (Netlify, Cloudflare Pages).\n/*\n" + "".join(
        f"  {name}: {text}\n" for name, text in headers.items())
    nginx = ("# Beveiligingsheaders voor nginx: include dit bestand in het server-blok.\n" + "".join(
        f'add_header {name} "{text}" always;\n' for name, text in headers.items()))
    return {"_headers": netlify, "security-headers.nginx.conf": nginx}
