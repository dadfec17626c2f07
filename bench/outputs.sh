#!/usr/bin/env bash
# Writes every output almanac gives for the bundled plans, the rule fixtures
# and a generated 1,000-item plan into one folder, so that two versions of
# the code can be compared byte for byte while the code is restructured:
#
#   bench/outputs.sh /tmp/before              # on the old commit
#   bench/outputs.sh /tmp/after               # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
#
# The folder holds, per input: `build` (every output, both locales and both
# calendar splits for the bundled plans), `slides` (every deck kind that
# applies), `check` in all five diagnostics formats (human with and without
# colour), `fmt` applied to a copy and `fmt --check`'s difference, and for
# the bundled plans `diff` in both formats; plus `schema`, `rules`,
# `explain` for every rule, `init` in both locales, `templates` and a few
# `when` answers. Exit codes are written beside each command's output.
# Commands run from the repository root, so paths in diagnostics are the
# same on every machine; the folder written into is shown as OUT. ALMANAC=path/to/binary skips the release build.
set -uo pipefail

out=${1:?usage: bench/outputs.sh DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
if [ -z "${ALMANAC:-}" ]; then
  cargo build --release --quiet || exit 2
  ALMANAC=$root/target/release/almanac
fi
ALMANAC=$(cd "$(dirname "$ALMANAC")" && pwd)/$(basename "$ALMANAC")
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run NAME ARGS...: the command's stdout, stderr and exit code into $out/NAME.*
run() {
  local name=$1
  shift
  mkdir -p "$(dirname "$out/$name")"
  NO_COLOR= CLICOLOR= "$ALMANAC" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"
  echo $? >"$out/$name.exit"
}

# diagnostics NAME PATHS...: `check` in every format
diagnostics() {
  local name=$1
  shift
  for f in human short json github sarif; do
    run "$name/check-$f" check --format "$f" --color never "$@"
  done
  run "$name/check-human-color" check --color always "$@"
}

# reformat NAME FILE-OR-DIR: `fmt --check` on a copy, then `fmt` on it
reformat() {
  local name=$1 src=$2 copy="$work/fmt/$1"
  mkdir -p "$copy"
  cp -R "$src" "$copy/"
  local target
  target="$copy/$(basename "$src")"
  (cd "$copy" && NO_COLOR= "$ALMANAC" fmt --check --color never "$(basename "$src")" \
    >"$out/$name/fmt-check.stdout" 2>"$out/$name/fmt-check.stderr"
    echo $? >"$out/$name/fmt-check.exit")
  (cd "$copy" && "$ALMANAC" fmt "$(basename "$src")" >/dev/null 2>&1
    echo $? >"$out/$name/fmt.exit")
  mkdir -p "$out/$name/fmt"
  cp -R "$target" "$out/$name/fmt/"
}

# The bundled plans.
for plan in plans/*.toml; do
  id=$(basename "$plan" .toml)
  mkdir -p "$out/plans/$id"
  diagnostics "plans/$id" "$plan"
  run "plans/$id/build" build "$plan" -o "$out/plans/$id/build"
  run "plans/$id/build-en" build "$plan" --locale en -o "$out/plans/$id/build-en"
  run "plans/$id/build-zh" build "$plan" --locale zh-CN -o "$out/plans/$id/build-zh"
  for split in channel owner; do
    run "plans/$id/build-$split" build "$plan" --only calendar --split "$split" \
      -o "$out/plans/$id/build-$split"
  done
  for kind in auto plan review; do
    run "plans/$id/slides-$kind" slides "$plan" --kind "$kind" \
      --format html,pptx,deck-json -o "$out/plans/$id/slides-$kind"
  done
  reformat "plans/$id" "$plan"
done
run plans/year-end slides plans/new-media-2025.toml plans/new-media-2026.toml \
  --kind year-end --format html,pptx,deck-json -o "$out/plans/year-end"
run plans/year-end-en slides plans/new-media-2025.toml plans/new-media-2026.toml \
  --kind year-end --locale en --format html,pptx,deck-json -o "$out/plans/year-end-en"
run plans/diff-markdown diff plans/new-media-2025.toml plans/new-media-2026.toml --color never
run plans/diff-json diff plans/new-media-2025.toml plans/new-media-2026.toml --format json
diagnostics plans/all plans
run plans/build-all build plans -o "$out/plans/build-all"

# The rule fixtures, one by one (a folder fixture as a whole).
for fixture in tests/fixtures/rules/*; do
  name=fixtures/$(basename "$fixture")
  mkdir -p "$out/$name"
  diagnostics "$name" "$fixture"
  run "$name/build" build "$fixture" -o "$out/$name/build"
  reformat "$name" "$fixture"
done

# A generated plan of 1,000 items (the generator is deterministic).
cargo run --release --quiet --example gen_plan -- 1000 "$work/gen" || exit 2
(
  cd "$work/gen" || exit 2
  mkdir -p "$out/generated"
  for f in human short json github sarif; do
    "$ALMANAC" check --format "$f" --color never plan.toml \
      >"$out/generated/check-$f.stdout" 2>"$out/generated/check-$f.stderr"
    echo $? >"$out/generated/check-$f.exit"
  done
  "$ALMANAC" build plan.toml -o "$out/generated/build" \
    >"$out/generated/build.stdout" 2>"$out/generated/build.stderr"
  echo $? >"$out/generated/build.exit"
  "$ALMANAC" slides plan.toml --format html,pptx,deck-json -o "$out/generated/slides" \
    >"$out/generated/slides.stdout" 2>"$out/generated/slides.stderr"
  echo $? >"$out/generated/slides.exit"
)
reformat generated "$work/gen"

# Commands that do not take a plan.
run misc/schema schema
run misc/rules rules
for code in $("$ALMANAC" rules | awk '/^[A-Z][0-9][0-9][0-9] / {print $1}'); do
  run "misc/explain/$code" explain "$code"
done
for locale in zh-CN en; do
  run "misc/init-$locale" init --locale "$locale" "$out/misc/init-$locale"
done
run misc/templates templates "$out/misc/templates"
for expr in "spring_festival - 7d" "Q3" "every wed except holidays" "2027-10-01" \
  "618" "double11 - 10wd" "nonsense here"; do
  run "misc/when/$(echo "$expr" | tr -c 'A-Za-z0-9\n' _)" when \
    --plan plans/new-media-2026.toml --color never "$expr"
done

# Messages name the folders written into; make them the same for every DIR.
find "$out" -type f \( -name '*.stdout' -o -name '*.stderr' \) \
  -exec sed -i "s|$out|OUT|g" {} +
find "$out" -type f | wc -l | xargs echo "files written:"
