#!/usr/bin/env bash
# How long timeline.html of a generated plan takes to open in Chromium:
# the time from navigation to the page's "timeline-drawn" mark (the month
# view drawn), and from clicking the Gantt tab to the Gantt drawn, medians
# of five loads each. Needs Chromium and `npm ci --prefix tests/e2e`.
#
#   bench/timeline.sh [N]        # N items, default 10000
set -euo pipefail
n=${1:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet --example gen_plan --bin almanac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/.git"
target/release/examples/gen_plan "$n" "$work"
target/release/almanac build "$work/plan.toml" -o "$work/out" --only timeline >/dev/null
ls -l "$work"/out/*/timeline.html | awk '{print "timeline.html: " $5 " bytes"}'
node tests/e2e/timeline.mjs --large "$work"/out/*/
