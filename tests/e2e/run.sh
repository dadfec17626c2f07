#!/usr/bin/env bash
# End-to-end tests: builds almanac, generates four decks (HTML, PPTX and the
# deck model as JSON), checks the HTML in headless Chromium (html.mjs) and
# the PPTX with python-pptx and LibreOffice (pptx_check.py); checks the
# timeline page in Chromium against the task list (timeline.mjs); parses
# every Mermaid chart almanac writes with the real Mermaid library in
# Chromium and renders the 2026 timeline.mmd (mermaid.mjs); then drives
# `almanac lsp` from two real clients, pytest-lsp (lsp/test_lsp.py) and
# Neovim's built-in client (lsp/nvim.lua); drives `almanac serve` in
# Chromium (serve.mjs); formats plans with the real Taplo
# (fmt/taplo.sh); sources the completions into zsh and fish
# (install/completions.sh); builds the Python wheel and installs it with pipx
# (install/wheel.sh), runs the GitHub Action's steps on a pull request with
# it (install/test_action.py); and runs the pre-commit hooks from the real
# pre-commit (install/pre_commit.sh). Never skips: a missing tool fails
# the run.
#
#   bash tests/e2e/run.sh          # from any folder
#
# Screenshots, printed PDFs and PNG pages go to $E2E_ARTIFACTS (default: a
# new temporary folder, printed at the end).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

# --- tools -----------------------------------------------------------------
missing=()
for tool in cargo node python3 git soffice pdfinfo pdftotext pdftoppm nvim zsh fish; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[[ -x "$chromium" ]] || missing+=("chromium ($chromium)")
[[ -d "$here/node_modules/playwright-core" && -x "$here/node_modules/.bin/taplo" &&
  -f "$here/node_modules/mermaid/dist/mermaid.min.js" ]] ||
  missing+=("playwright-core, @taplo/cli and mermaid (run: npm ci --prefix tests/e2e)")
python3 -c 'import pptx, openpyxl' 2>/dev/null ||
  missing+=("python-pptx and openpyxl (run: python3 -m pip install -r tests/e2e/requirements.txt)")
python3 -c 'import pytest_lsp, yaml' 2>/dev/null ||
  missing+=("pytest-lsp and PyYAML (run: python3 -m pip install -r tests/e2e/requirements.txt)")
fc-list 2>/dev/null | grep 'Noto Sans CJK' >/dev/null || missing+=("Noto Sans CJK fonts (fonts-noto-cjk)")
if ((${#missing[@]})); then
  echo "e2e: FAILED: missing tools (see README.md, 'End-to-end tests'):" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

# --- build -----------------------------------------------------------------
echo "== e2e: cargo build --release"
(cd "$root" && cargo build --release --quiet)
target_dir="$(cd "$root" && cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
almanac="$target_dir/release/almanac"

work="$(mktemp -d "${TMPDIR:-/tmp}/almanac-e2e.XXXXXX")"
trap 'rm -rf "$work"' EXIT
artifacts="${E2E_ARTIFACTS:-$(mktemp -d "${TMPDIR:-/tmp}/almanac-e2e-artifacts.XXXXXX")}"
mkdir -p "$artifacts"

passed=0
failed=0
result() { # NAME STATUS
  if [[ "$2" == 0 ]]; then
    passed=$((passed + 1))
    echo "ok   $1"
  else
    failed=$((failed + 1))
    echo "FAIL $1"
  fi
}

hostile="$here/fixtures/hostile.toml"
status=0
"$almanac" check "$hostile" || status=$?
result "almanac check fixtures/hostile.toml" "$status"

# Bad input: exit 1, a diagnostic, nothing written.
bad="tests/fixtures/rules/B001_shares_over_100.toml"
status=0
(cd "$root" && "$almanac" slides "$bad" -o "$work/bad" --format html,pptx,deck-json) \
  >"$work/bad.log" 2>&1 || status=$?
if [[ "$status" == 1 && -s "$work/bad.log" && ! -e "$work/bad" ]]; then
  result "almanac slides on a plan with errors: exit 1, nothing written" 0
else
  cat "$work/bad.log"
  echo "exit $status; wrote: $(ls -R "$work/bad" 2>/dev/null | tr '\n' ' ')"
  result "almanac slides on a plan with errors: exit 1, nothing written" 1
fi

# name  kind  expect-list  plan
decks=(
  "year-end year-end year-end plans/new-media-2026.toml"
  "review   review   -        plans/new-media-2025.toml"
  "plan     plan     -        plans/northbeam-2027.toml"
  "hostile  plan     hostile  tests/e2e/fixtures/hostile.toml"
)

for line in "${decks[@]}"; do
  read -r name kind expect plan <<<"$line"
  echo "== e2e: $name deck from $plan"
  out="$work/$name"
  status=0
  (cd "$root" && "$almanac" slides "$plan" -o "$out" --format html,pptx,deck-json) || status=$?
  dirs=("$out"/*/)
  deck="${dirs[0]%/}"
  if [[ "$status" != 0 || ${#dirs[@]} != 1 || ! -f "$deck/deck.json" ]]; then
    echo "almanac slides $plan: exit $status, and one folder with deck.json expected; wrote: $(ls -R "$out" 2>/dev/null | tr '\n' ' ')"
    result "$name: almanac slides" 1
    continue
  fi
  result "$name: almanac slides" 0
  args=(--deck "$deck" --kind "$kind")
  [[ "$expect" == - ]] || args+=(--expect "$expect")

  status=0
  if [[ -f "$deck/deck.html" ]]; then
    node "$here/html.mjs" "${args[@]}" --artifacts "$artifacts/$name/html" || status=$?
  else
    echo "FAIL html $name: almanac slides wrote no deck.html" && status=1
  fi
  result "$name: HTML checks" "$status"

  status=0
  if [[ -f "$deck/deck.pptx" ]]; then
    python3 "$here/pptx_check.py" "${args[@]}" --plan "$root/$plan" --artifacts "$artifacts/$name/pptx" || status=$?
  else
    echo "FAIL pptx $name: almanac slides wrote no deck.pptx" && status=1
  fi
  result "$name: PPTX checks" "$status"
done

# --- the timeline: the year at a glance, in Chromium ----------------------
echo "== e2e: timeline.html of the examples, the hostile plan and a 10,000-item plan"
status=0
tl="$work/timeline"
(cd "$root" && "$almanac" build plans -o "$tl/examples" --only timeline,json,plan >/dev/null) || status=$?
(cd "$root" && "$almanac" build tests/e2e/fixtures/hostile.toml -o "$tl/hostile" --only timeline >/dev/null) || status=$?
mkdir -p "$tl/large/.git"
(cd "$root" && cargo run --release --quiet --example gen_plan -- 10000 "$tl/large" &&
  "$almanac" build "$tl/large/plan.toml" -o "$tl/large/out" --only timeline >/dev/null) || status=$?
if [[ "$status" == 0 ]]; then
  node "$here/timeline.mjs" --out "$tl/examples/new-media-2026" --hostile "$tl/hostile/hostile" \
    --english "$tl/examples/northbeam-2027" --large "$tl/large/out/generated-10000" \
    --artifacts "$artifacts/timeline" || status=$?
fi
result "timeline: month view and Gantt against tasks.json, filters, print, hostile text, 10,000 items" "$status"

# --- Mermaid: every timeline.mmd and a diff's chart, by the real library ----
echo "== e2e: Mermaid charts (timeline.mmd, diff --mermaid) in Chromium"
mm="$work/mermaid"
status=0
charts=()
for plan in plans/new-media-2025.toml plans/new-media-2026.toml plans/northbeam-2027.toml \
  tests/e2e/fixtures/hostile.toml; do
  name="$(basename "$plan" .toml)"
  (cd "$root" && "$almanac" build "$plan" --only mermaid,plan -o "$mm") >/dev/null || status=$?
  charts+=(--chart "$mm/$name/timeline.mmd=$mm/$name/plan.json")
done
# The 2026 plan with its summer campaign moved two weeks, beside its includes.
cp -R "$root/plans" "$mm/moved"
sed -i 's/^window = "jul..aug"$/window = "07-15..09-10"/' "$mm/moved/new-media-2026.toml"
(cd "$root" && "$almanac" diff plans/new-media-2026.toml "$mm/moved/new-media-2026.toml" --mermaid) \
  >"$mm/diff.md" || status=$?
if [[ "$status" == 0 ]]; then
  node "$here/mermaid.mjs" "${charts[@]}" --markdown "$mm/diff.md" \
    --render "$mm/new-media-2026/timeline.mmd" --plan "$mm/new-media-2026/plan.json" \
    --flagships 3 --artifacts "$artifacts/mermaid" || status=$?
fi
result "mermaid: every timeline.mmd and the diff's chart parse; the 2026 timeline renders its flagships" "$status"

# --- the live preview ----------------------------------------------------------
echo "== e2e: almanac serve in Chromium (live refresh, the error overlay)"
status=0
node "$here/serve.mjs" --almanac "$almanac" --runs 5 --artifacts "$artifacts/serve" || status=$?
result "serve: index, refresh on save, overlay with check's text, fixed, Ctrl-C" "$status"

# --- the language server, from real clients --------------------------------
echo "== e2e: almanac lsp from pytest-lsp"
status=0
(cd "$root" && ALMANAC="$almanac" python3 -m pytest -q -p no:cacheprovider tests/e2e/lsp) || status=$?
result "lsp: pytest-lsp (diagnostics after Chinese text, quick fix, hover, rename, completion, formatting)" "$status"

echo "== e2e: almanac lsp from Neovim's built-in client"
status=0
(cd "$root" && ALMANAC="$almanac" PLAN=plans/new-media-2026.toml \
  timeout 120 nvim --headless --clean -c 'luafile tests/e2e/lsp/nvim.lua') || status=$?
result "lsp: Neovim (diagnostic after Chinese text, hover, rename)" "$status"

# --- formatting as editors do it ------------------------------------------
echo "== e2e: Taplo's format-on-save, then almanac fmt --check"
status=0
bash "$here/fmt/taplo.sh" "$almanac" "$work/taplo" || status=$?
result "fmt: taplo fmt, then almanac fmt --check (example and starter plans)" "$status"

echo "== e2e: shell completions in zsh and fish"
status=0
bash "$here/install/completions.sh" "$almanac" "$work/completions" || status=$?
result "completions: fish and zsh offer rule codes and output names" "$status"

# --- installing: the Python package, the pre-commit hooks --------------------
# Both build almanac with maturin; the repository's target folder keeps that
# to the one crate. They run last: maturin relinks target/release/almanac.
echo "== e2e: the wheel (maturin), installed by pipx with no Rust on the PATH"
status=0
CARGO_TARGET_DIR="$target_dir" bash "$here/install/wheel.sh" "$work/wheel" >/dev/null || status=$?
result "install: pipx install of the wheel, then almanac check plans/" "$status"

echo "== e2e: the GitHub Action's steps on a pull request, with the installed wheel"
status=0
(cd "$root" && ALMANAC_BIN="$work/wheel/bin" python3 -m pytest -q -p no:cacheprovider tests/e2e/install/test_action.py) || status=$?
result "action: annotations, the step summary and the diff output of a pull request" "$status"

echo "== e2e: the pre-commit hooks from the real pre-commit"
status=0
CARGO_TARGET_DIR="$target_dir" bash "$here/install/pre_commit.sh" "$work/pre-commit" || status=$?
result "pre-commit: good plans commit, an error is refused, almanac-fmt restores the layout" "$status"

echo "e2e artifacts (screenshots, PDFs, PNG pages): $artifacts"
echo "e2e: $passed passed, $failed failed"
((failed == 0))
