"""The Dutch pull-request comment, in two steps (see .github/workflows/).

In the read-only job, which runs the pull request's own code:
    python scripts/review.py collect --output review.json --changed-files changed.txt --base-settings base-site.yml
In the job that may comment, which runs only the default branch's code (standard library only):
    python3 scripts/review.py comment --input review.json --output comment.md --conclusion success \
        --preview-url URL --run-url URL --commit SHA
`collect` always exits 0: the workflow's own `make check` step is the one that fails the pull request.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The comment job runs this with a bare Python (no make setup): the package is not installed there.
sys.path.insert(0, str(ROOT / "src"))

from ervaringsdeskundigheid.editor import review  # noqa: E402  (standard library only)


def _collect(args) -> None:
    changed = []
    if args.changed_files and args.changed_files.is_file():
        changed = [line.strip() for line in args.changed_files.read_text(encoding="utf-8").splitlines() if line.strip()]
    base = args.base_settings if args.base_settings and args.base_settings.is_file() else None
    data = review.collect(ROOT, changed, base)
    args.output.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"Gegevens voor de reactie geschreven naar {args.output}.")


def _comment(args) -> None:
    run = review.Run(
        conclusion=args.conclusion,
        preview_url=args.preview_url or None,
        run_url=args.run_url or None,
        commit=args.commit or None,
    )
    args.output.write_text(review.comment(review.read_data(args.input), run), encoding="utf-8")
    print(f"Reactie geschreven naar {args.output}.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    collect = commands.add_parser("collect")
    collect.add_argument("--output", type=Path, required=True)
    collect.add_argument("--changed-files", type=Path)
    collect.add_argument("--base-settings", type=Path)
    write = commands.add_parser("comment")
    write.add_argument("--input", type=Path, required=True)
    write.add_argument("--output", type=Path, required=True)
    write.add_argument("--conclusion", default="failure")
    write.add_argument("--preview-url", default="")
    write.add_argument("--run-url", default="")
    write.add_argument("--commit", default="")
    args = parser.parse_args()
    (_collect if args.command == "collect" else _comment)(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
