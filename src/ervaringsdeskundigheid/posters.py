"""Compatibility entry point: the posters live in `ervaringsdeskundigheid.outreach`.

`benchmark_inventory` is the benchmark's fixture (50 partners, every format). It belongs with the
benchmark in tools/: move it there, import `generate_posters` from
`ervaringsdeskundigheid.outreach.posters`, and delete this file.
"""

from __future__ import annotations

from .outreach.poster_layout import THEMES
from .outreach.posters import (MANIFEST, OUTPUT_DIR, PRINT_ORDER, PRINTER_NOTE, PosterErrors, PosterJob, PosterPlan,
                               PosterRun, generate_posters, plan_posters, render_preview)

__all__ = ["MANIFEST", "OUTPUT_DIR", "PRINT_ORDER", "PRINTER_NOTE", "PosterErrors", "PosterJob", "PosterPlan",
           "PosterRun", "benchmark_inventory", "generate_posters", "plan_posters", "render_preview"]


def benchmark_inventory(organisation_ids: list[str], locations: int = 2) -> str:
    """A synthetic data/partners.yml for timing: every organisation, `locations` locations,
    every format, targets spread over home and the categories. Write it into a copy of the
    project together with an empty data/issued_codes.yml (every recorded code must be in the
    inventory), then call generate_posters on that copy."""
    targets = ["home", *(t for t in THEMES if t != "home")]
    lines = ["campaign: benchmark", "partners:"]
    n = 0
    for org in organisation_ids:
        lines += [f"  - partner: {org}", "    locations:"]
        for number in range(1, locations + 1):
            n += 1
            lines += [f"      - name: locatie {number}", f"        target: {targets[n % len(targets)]}",
                      f"        code: b{n}", f"        banner_code: b{n}-banner",
                      "        copies: {A4: 2, A3: 1, A2: 1, banner: 1}"]
    return "\n".join(lines) + "\n"
