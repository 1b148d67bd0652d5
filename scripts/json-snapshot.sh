#!/usr/bin/env bash
# The JSON report of gwlint over the four text sets, one file per set, to
# compare two builds byte for byte (a refactor must not change behaviour):
#
#   bash scripts/json-snapshot.sh /tmp/before           # on the old commit
#   bash scripts/json-snapshot.sh /tmp/after            # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
#
# Needs ../shared beside the checkout. Uses target/release/gwlint (built here).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: json-snapshot.sh OUT_DIR}"
mkdir -p "$out"
(cd "$repo" && cargo build --release --quiet)
bin="$repo/target/release/gwlint"
shared="$repo/../shared"
cd "$repo"
run() { "$bin" check --no-config --format json --fail-on never "$@" 2>/dev/null || true; }
run "$shared/seeds" > "$out/seeds.json"
run corpus > "$out/corpus.json"
run "$shared/devset/docs" > "$out/devset.json"
find "$shared/cleandocs" -name '*.md' ! -name README.md -print0 | sort -z | xargs -0 "$bin" check --no-config --format json --fail-on never 2>/dev/null > "$out/cleandocs.json" || true
wc -c "$out"/*.json
