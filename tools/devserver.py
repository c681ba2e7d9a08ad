"""A quiet local HTTP server for a built site, under the path the site has in production, and
Debian's Chromium to look at it; used by the tests, screenshots and the benchmark."""

from __future__ import annotations

import contextlib
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


def _handler(directory: Path, prefix: str):
    """Serves `directory` below `prefix` (e.g. '/ervaringsdeskundigheid/'), with the site's
    404.html (status 404) for a missing file, and gzip for text, like a static host."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, format, *args):  # noqa: A002 - signature from the base class
            pass

        def do_GET(self):
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if not path.startswith(prefix):
                if path.rstrip("/") == prefix.rstrip("/"):
                    return self._redirect(prefix)
                return self._not_found()
            local = Path(self.translate_path("/" + path[len(prefix) :]))
            if local.is_dir():
                if not path.endswith("/"):
                    return self._redirect(path + "/")
                local = local / "index.html"
            if not local.is_file():
                return self._not_found()
            body = local.read_bytes()
            compress = local.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
            self._send(200, gzip.compress(body, 6) if compress else body, self.guess_type(str(local)), compress)

        def _redirect(self, location: str):
            self.send_response(301)
            self.send_header("Location", location)
            self.end_headers()

        def _not_found(self):
            page = Path(directory) / "404.html"
            body = page.read_bytes() if page.is_file() else b"Niet gevonden"
            self._send(404, body, "text/html; charset=utf-8", False)

        def _send(self, status: int, body: bytes, content_type: str, compressed: bool):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if compressed:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser went on to another page before this one arrived

    return Handler


@contextlib.contextmanager
def serve_directory(directory: Path, prefix: str = "/"):
    """Serve `directory` on 127.0.0.1 on a free port below `prefix`; yields the base URL
    (ending in the prefix, with a '/')."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Path(directory), prefix))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


# Debian's Chromium (Playwright cannot download its own browser here). The flags keep it from
# reaching out to Google's services, which this machine's closed network refuses.
CHROMIUM = "/usr/bin/chromium"  # the browser people use: printing, Lighthouse, page weights, screenshots
# The same engine without the browser around it (Debian's chromium-headless-shell), which is what
# Playwright itself runs headless: the test suite's pages cost about half the CPU in it.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium(playwright, *, shell: bool = False):
    """`shell=True`: the headless shell where it is installed (`make test` installs it)."""
    path = HEADLESS_SHELL if shell and Path(HEADLESS_SHELL).exists() else CHROMIUM
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
