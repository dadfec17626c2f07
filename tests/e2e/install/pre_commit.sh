#!/usr/bin/env bash
# The pre-commit hooks (.pre-commit-hooks.yaml) from the real `pre-commit`:
# a temporary repository of plans whose .pre-commit-config.yaml points at
# this repository (its HEAD commit), with the hooks installed into git. A
# good plan commits; a plan with an error is refused with its diagnostic;
# a plan laid out by hand is rewritten by almanac-fmt, and commits once
# staged again.
#
#   bash tests/e2e/install/pre_commit.sh WORK_DIR
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="$1"
mkdir -p "$work"
fail() {
  echo "pre-commit: $*" >&2
  exit 1
}

python3 -m venv "$work/tools"
"$work/tools/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit==4.7.0
pre_commit="$work/tools/bin/pre-commit"
rev="$(git -C "$root" rev-parse HEAD)"
if [[ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]]; then
  echo "pre-commit: note: testing the hooks as committed ($rev), not the uncommitted changes" >&2
fi

repo="$work/plans-repo"
mkdir -p "$repo/plans/shared"
cp "$root/plans/new-media-2025.toml" "$root/plans/new-media-2026.toml" "$repo/plans/"
cp "$root/plans/shared/team.toml" "$repo/plans/shared/"
cat >"$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: almanac-fmt
      - id: almanac-check
YAML
export GIT_AUTHOR_NAME=e2e GIT_AUTHOR_EMAIL=e2e@example.org
export GIT_COMMITTER_NAME=e2e GIT_COMMITTER_EMAIL=e2e@example.org
export PRE_COMMIT_HOME="$work/cache"
cd "$repo"
git init --quiet --initial-branch=main
"$pre_commit" install >/dev/null
# Installing the hooks builds almanac (maturin through pip); reusing the
# repository's target folder keeps that to the one crate.
"$pre_commit" install-hooks >"$work/install.log" 2>&1 || {
  cat "$work/install.log" >&2
  fail "pre-commit install-hooks failed"
}

# 1. The example plans commit.
git add -A
git commit --quiet -m "plans" >"$work/good.log" 2>&1 || {
  cat "$work/good.log" >&2
  fail "the example plans were refused"
}
grep -q "almanac check.*Passed" "$work/good.log" || {
  cat "$work/good.log" >&2
  fail "almanac-check did not run on the example plans"
}

# 2. A budget whose shares add up to 105% is refused, with its diagnostic.
sed -i '0,/^share = "60%"/s//share = "65%"/' plans/new-media-2026.toml
grep -q '^share = "65%"' plans/new-media-2026.toml || fail "the budget edit did not apply"
git add -A
if git commit --quiet -m "bad budget" >"$work/bad.log" 2>&1; then
  cat "$work/bad.log" >&2
  fail "a plan with an error was committed"
fi
# The plan writes `locale = "zh-CN"`: the refusal is in Chinese.
grep -q "错误\[B001\]" "$work/bad.log" || {
  cat "$work/bad.log" >&2
  fail "the refusal does not show B001"
}
git checkout --quiet HEAD -- plans/new-media-2026.toml

# 3. A renamed campaign with its keys out of the canonical order: almanac-fmt
# rewrites the file and the commit stops; staged again, it commits.
python3 - plans/new-media-2026.toml <<'PY'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
i = lines.index("[campaigns.nianwei_lab]")
assert lines[i + 1] == 'name = "年味实验室"', lines[i + 1]
# `name` then `window` becomes `window` then the new `name`.
lines[i + 1], lines[i + 2] = lines[i + 2], 'name = "年味实验室 2026"'
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
git diff --quiet && fail "the layout edit did not apply"
git add -A
if git commit --quiet -m "layout" >"$work/layout.log" 2>&1; then
  cat "$work/layout.log" >&2
  fail "a plan out of layout was committed"
fi
grep -q "almanac fmt.*Failed" "$work/layout.log" || {
  cat "$work/layout.log" >&2
  fail "almanac-fmt did not stop the commit"
}
sed 's/^name = "年味实验室"$/name = "年味实验室 2026"/' "$root/plans/new-media-2026.toml" >"$work/expected.toml"
cmp -s plans/new-media-2026.toml "$work/expected.toml" ||
  fail "almanac-fmt did not restore the canonical layout"
git add -A
git commit --quiet -m "layout, formatted" >"$work/layout2.log" 2>&1 || {
  cat "$work/layout2.log" >&2
  fail "the formatted plan was refused"
}
echo "pre-commit: good plans commit, B001 refused, almanac-fmt restored the layout" >&2
