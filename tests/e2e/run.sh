#!/usr/bin/env bash
# End-to-end tests of the slide decks: builds almanac, generates four decks
# (HTML, PPTX and the deck model as JSON), checks the HTML in headless
# Chromium (html.mjs) and the PPTX with python-pptx and LibreOffice
# (pptx_check.py). Never skips: a missing tool fails the run.
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
for tool in cargo node python3 soffice pdfinfo pdftotext pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[[ -x "$chromium" ]] || missing+=("chromium ($chromium)")
[[ -d "$here/node_modules/playwright-core" ]] ||
  missing+=("playwright-core (run: npm ci --prefix tests/e2e)")
python3 -c 'import pptx' 2>/dev/null ||
  missing+=("python-pptx (run: python3 -m pip install -r tests/e2e/requirements.txt)")
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
  (cd "$root" && "$almanac" slides "$plan" -o "$out" --format html,pptx,json) || status=$?
  dirs=("$out"/*/)
  if [[ "$status" != 0 || ! -f "${dirs[0]}deck.json" || ${#dirs[@]} != 1 ]]; then
    echo "almanac slides $plan: exit $status; wrote: $(ls -R "$out" 2>/dev/null | tr '\n' ' ')"
    result "$name: almanac slides" 1
    result "$name: HTML checks" 1
    result "$name: PPTX checks" 1
    continue
  fi
  result "$name: almanac slides" 0
  deck="${dirs[0]%/}"
  args=(--deck "$deck" --kind "$kind")
  [[ "$expect" == - ]] || args+=(--expect "$expect")

  status=0
  node "$here/html.mjs" "${args[@]}" --artifacts "$artifacts/$name/html" || status=$?
  result "$name: HTML checks" "$status"

  status=0
  python3 "$here/pptx_check.py" "${args[@]}" --artifacts "$artifacts/$name/pptx" || status=$?
  result "$name: PPTX checks" "$status"
done

echo "e2e artifacts (screenshots, PDFs, PNG pages): $artifacts"
echo "e2e: $passed passed, $failed failed"
((failed == 0))
