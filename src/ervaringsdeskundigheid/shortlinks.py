"""Short, permanent poster links (/p/<code>/). Placeholder until the posters issue lands."""

from __future__ import annotations

from pathlib import Path

from .model import Site
from .pages import GeneratedPage
from .problems import Problem


def shortlink_pages(root: Path, site_url: str, site: Site) -> list[GeneratedPage]:
    return []


def check_targets(root: Path, known_urls: set[str]) -> list[Problem]:
    return []


def write_redirect_maps(root: Path, site_url: str, site_dir: Path) -> None:
    return None
