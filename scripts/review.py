"""The Dutch comment for a pull request (used by .github/workflows/pull-request.yml).

Runs the same check as `make check` and writes the comment as Markdown:
    python scripts/review.py --output comment.md --build success --preview-url URL --run-url URL --commit SHA
Always exits 0: the workflow's own `make check` step is the one that fails the pull request.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ervaringsdeskundigheid.editor.check import check_project  # noqa: E402
from ervaringsdeskundigheid.editor.review import Run, review_comment  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--build", default="skipped")
    parser.add_argument("--preview-url", default="")
    parser.add_argument("--run-url", default="")
    parser.add_argument("--commit", default="")
    args = parser.parse_args()
    run = Run(build=args.build, preview_url=args.preview_url or None, run_url=args.run_url or None,
              commit=args.commit or None)
    args.output.write_text(review_comment(check_project(ROOT), run), encoding="utf-8")
    print(f"Reactie geschreven naar {args.output}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
