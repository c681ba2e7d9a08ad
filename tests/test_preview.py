"""`make serve` (mkdocs serve) shows drafts and scheduled items; a build does not."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import FIXED_TODAY, write_story


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_shows_drafts_marked_as_concept(project):
    write_story(project, "nog-een-concept.md", """
title: Nog een concept
date: 2025-05-01
description: Alleen in de preview.
categories: [aspirant]
draft: true
""")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SECTION_TODAY": FIXED_TODAY}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml")], cwd=project, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/verhalen/nog-een-concept/", timeout=2) as r:
                    body = r.read().decode()
                break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError(server.stdout.read())
                time.sleep(0.5)
        assert body is not None, "mkdocs serve did not answer"
        assert "Nog een concept" in body and "Concept" in body
    finally:
        server.terminate()
        server.wait(timeout=10)
