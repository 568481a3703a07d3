#!/usr/bin/env bash
# Compares dossier-text's article extraction with Mozilla Readability.js
# (jsdom) and trafilatura on Mozilla Readability's test pages: mean token F1
# against each page's expected.html and time per page (one process each,
# page after page, parsing included).
#
# Usage: bench/extract/compare.sh [PAGES_DIR]
# Installs @mozilla/readability and jsdom into bench/extract/node_modules and
# trafilatura into a venv under bench/cache/ (both git-ignored) on first run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pages="${1:-$root/../shared/corpus/readability-test-pages}"
cache="$root/bench/cache/extract"
mkdir -p "$cache"

if [ ! -d "$here/node_modules/@mozilla/readability" ] || [ ! -d "$here/node_modules/jsdom" ]; then
  (cd "$here" && npm install --no-save --no-audit --no-fund --silent @mozilla/readability jsdom)
fi
if [ ! -x "$cache/venv/bin/python" ]; then
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet trafilatura lxml_html_clean
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release -p dossier-text --example extract
mkdir -p "$cache/dossier"
"$CARGO_TARGET_DIR/release/examples/extract" --eval "$pages" "$cache/dossier" > "$cache/dossier/times.tsv"

(cd "$here" && node readability.mjs "$pages" "$cache/readability-js")
"$cache/venv/bin/python" "$here/trafilatura_run.py" "$pages" "$cache/trafilatura"

echo "pages: $pages ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
python3 "$here/score.py" "$pages" \
  "dossier=$cache/dossier" \
  "readability.js=$cache/readability-js" \
  "trafilatura=$cache/trafilatura"
