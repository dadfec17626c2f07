#!/usr/bin/env bash
# The Python package (pyproject.toml): builds the wheel with maturin, installs
# it with pipx into a fresh home with no Rust toolchain on the PATH, and
# checks the example plans with the installed `almanac`. Prints the wheel's
# path on its last line, for the tests that install from it.
#
#   bash tests/e2e/install/wheel.sh OUT_DIR
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
out="$1"
mkdir -p "$out"

python3 -m venv "$out/tools"
"$out/tools/bin/python" -m pip install --quiet --disable-pip-version-check \
  maturin==1.16.0 pipx==1.18.4
(cd "$root" && "$out/tools/bin/maturin" build --release --out "$out/dist" >"$out/maturin.log" 2>&1) || {
  cat "$out/maturin.log" >&2
  echo "wheel: maturin build failed" >&2
  exit 1
}
wheels=("$out"/dist/almanac_plan-*.whl)
wheel="${wheels[0]}"
[[ ${#wheels[@]} == 1 && -f "$wheel" ]] || {
  echo "wheel: expected one almanac_plan wheel, found: ${wheels[*]}" >&2
  exit 1
}

# A PATH with Python and the system's tools but no cargo or rustc.
clean="$out/bin:$out/tools/bin:/usr/local/bin:/usr/bin:/bin"
for tool in cargo rustc; do
  if PATH="$clean" command -v "$tool" >/dev/null; then
    echo "wheel: the clean PATH still finds $tool" >&2
    exit 1
  fi
done
PATH="$clean" PIPX_HOME="$out/pipx" PIPX_BIN_DIR="$out/bin" PIPX_MAN_DIR="$out/man" \
  pipx install --quiet "$wheel" >&2
[[ -x "$out/bin/almanac" ]] || {
  echo "wheel: pipx installed no almanac command" >&2
  exit 1
}
version="$(PATH="$clean" almanac --version)"
expected="almanac $(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
[[ "$version" == "$expected" ]] || {
  echo "wheel: almanac --version says '$version', expected '$expected'" >&2
  exit 1
}
report="$(cd "$root" && PATH="$clean" almanac check --lang en plans/ 2>&1)" || {
  echo "$report" >&2
  echo "wheel: almanac check plans/ from the wheel failed" >&2
  exit 1
}
grep -q '^checked 3 plans: 0 errors' <<<"$report" || {
  echo "$report" >&2
  echo "wheel: unexpected report from almanac check plans/" >&2
  exit 1
}
echo "wheel: $(basename "$wheel") installed by pipx; almanac check plans/ → ${report##*$'\n'}" >&2
echo "$wheel"
