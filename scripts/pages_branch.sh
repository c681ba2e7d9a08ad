#!/usr/bin/env bash
# The GitHub Pages site lives on the branch gh-pages: the site itself at the top, and a preview
# per open pull request under pr-<number>/ (not indexed: every preview page says noindex).
# Used by the workflows in .github/workflows/, always from the default branch's own copy of
# this file, never from a pull request. Needs GH_TOKEN (contents: write) and GITHUB_REPOSITORY.
#
#   pages_branch.sh site DIR          publish DIR as the site, keeping the pr-*/ previews
#   pages_branch.sh preview N DIR     publish DIR as the preview of pull request N
#   pages_branch.sh remove N          remove the preview of pull request N
set -euo pipefail

command=${1:?site, preview or remove}
# A push can lose a race with another workflow; then the whole step is done again on the new tip.
if [ -z "${PAGES_ATTEMPT:-}" ]; then
  for attempt in 1 2 3 4 5; do
    PAGES_ATTEMPT=$attempt bash "$0" "$@" && exit 0
    sleep $((attempt * 3))
  done
  exit 1
fi
work=$(mktemp -d)
auth="AUTHORIZATION: basic $(printf 'x-access-token:%s' "${GH_TOKEN:?}" | base64 -w0)"
git_remote() { git -C "$work" -c http.extraheader="$auth" "$@"; }

git -C "$work" init -q
git -C "$work" remote add origin "https://github.com/${GITHUB_REPOSITORY:?}.git"
git -C "$work" config user.name "github-actions[bot]"
git -C "$work" config user.email "41898282+github-actions[bot]@users.noreply.github.com"
if git_remote fetch -q --depth 1 origin gh-pages; then
  git -C "$work" checkout -q -b gh-pages FETCH_HEAD
else
  [ "$command" = site ] || { echo "Er is nog geen branch gh-pages: eerst moet de site één keer gepubliceerd zijn."; exit 0; }
  git -C "$work" checkout -q --orphan gh-pages
fi

copy_into() {   # copy a built site into a folder of the branch: plain files only, nothing of git
  local from=$1 to=$2
  mkdir -p "$to"
  (cd "$from" && find . -type f ! -path '*/.git*' -print0) | while IFS= read -r -d '' file; do
    mkdir -p "$to/$(dirname "$file")"
    cp -- "$from/$file" "$to/$file"
  done
}

case "$command" in
  site)
    source=$(cd "${2:?DIR}" && pwd)
    find "$work" -mindepth 1 -maxdepth 1 ! -name .git ! -name 'pr-*' -exec rm -rf {} +
    copy_into "$source" "$work"
    touch "$work/.nojekyll"
    message="Site gepubliceerd"
    ;;
  preview)
    number=${2:?N}; [[ $number =~ ^[0-9]+$ ]] || { echo "Geen nummer: $number"; exit 1; }
    source=$(cd "${3:?DIR}" && pwd)
    rm -rf "${work:?}/pr-$number"
    copy_into "$source" "$work/pr-$number"
    rm -rf "$work/pr-$number/admin"          # the web editor is not previewed
    touch "$work/.nojekyll"
    message="Voorbeeld van pull request $number"
    ;;
  remove)
    number=${2:?N}; [[ $number =~ ^[0-9]+$ ]] || { echo "Geen nummer: $number"; exit 1; }
    [ -d "$work/pr-$number" ] || { echo "Geen voorbeeld van pull request $number."; exit 0; }
    rm -rf "${work:?}/pr-$number"
    message="Voorbeeld van pull request $number weggehaald"
    ;;
  *) echo "Onbekende opdracht: $command"; exit 1 ;;
esac

git -C "$work" add -A
if git -C "$work" diff --cached --quiet; then
  echo "Niets veranderd."
  exit 0
fi
git -C "$work" commit -q -m "$message"
git_remote push -q origin gh-pages
echo "$message."
