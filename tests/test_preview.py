"""`make serve` (mkdocs serve) shows drafts and scheduled items; a build does not."""

from __future__ import annotations

from conftest import MkDocsServer, write_story


def test_serve_shows_drafts_marked_as_concept(project):
    write_story(project, "nog-een-concept.md", """
title: Nog een concept
date: 2025-05-01
description: Alleen in de preview.
categories: [aspirant]
draft: true
""")
    server = MkDocsServer(project, "--no-livereload")
    try:
        server.wait_for_builds(1)
        body = server.get("verhalen/nog-een-concept/")
        assert "Nog een concept" in body and "Concept" in body
    finally:
        server.stop()
