#!/usr/bin/env bash
# Save-to-refresh of `almanac serve`: the time from writing the 2026 example
# plan (a campaign moved a week, and back) to the open page in headless
# Chromium showing the new dates, over many saves; prints the median. Needs
# what the e2e tests need (Node, `npm ci --prefix tests/e2e`, Chromium).
#
#   bench/serve.sh [RUNS]          # default 20 (two saves each)
#
# ALMANAC=path/to/binary skips the release build.
set -euo pipefail

runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "${ALMANAC:-}" ]; then
  cargo build --release --quiet
  target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
  ALMANAC=$target_dir/release/almanac
fi
node tests/e2e/serve.mjs --almanac "$ALMANAC" --runs "$runs"
