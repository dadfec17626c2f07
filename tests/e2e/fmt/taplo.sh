#!/usr/bin/env bash
# Format-on-save with Taplo (what Even Better TOML runs) must not break
# `almanac fmt --check`: the example plans and a new project's starter
# plans, formatted by the real Taplo CLI with its default settings, are
# still formatted for almanac and still check clean.
#
#   bash tests/e2e/fmt/taplo.sh ALMANAC WORK_DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
almanac="$1"
work="$2"
taplo="$root/tests/e2e/node_modules/.bin/taplo"
[[ -x "$taplo" ]] || {
  echo "taplo: missing (run: npm ci --prefix tests/e2e)" >&2
  exit 1
}
mkdir -p "$work"
cp -r "$root/plans" "$work/"
"$almanac" init "$work/zh" >/dev/null
"$almanac" init "$work/en" --locale en >/dev/null
cd "$work"
files=(plans/*.toml plans/shared/*.toml zh/plan.toml en/plan.toml)
before="$(cat "${files[@]}" | sha256sum)"
"$taplo" fmt "${files[@]}" 2>"$work/taplo.log" || {
  cat "$work/taplo.log" >&2
  echo "taplo: taplo fmt failed" >&2
  exit 1
}
# Taplo does change them (it aligns comments, breaks long arrays), so the
# test is not vacuous.
[[ "$(cat "${files[@]}" | sha256sum)" != "$before" ]] || {
  echo "taplo: taplo fmt changed nothing; the test would prove nothing" >&2
  exit 1
}
"$almanac" fmt --check "${files[@]}" || {
  echo "taplo: almanac fmt --check refuses what taplo fmt wrote" >&2
  exit 1
}
# (Each starter is its own project: both have the plan id `plan`.)
for project in plans zh en; do
  "$almanac" check "$project" >"$work/check.log" 2>&1 || {
    cat "$work/check.log" >&2
    echo "taplo: $project, formatted by Taplo, no longer checks" >&2
    exit 1
  }
done
echo "taplo: $("$taplo" --version) formatted ${#files[@]} plans; almanac fmt --check accepts them" >&2
