#!/usr/bin/env bash
# The zsh and fish completions, sourced into the real shells (bash's are
# tested by `cargo test`): fish completes rule codes after `explain` and
# output names after `build --only`; zsh loads the script into its
# completion system and gets the `_almanac` function with the rule codes.
#
#   bash tests/e2e/install/completions.sh ALMANAC WORK_DIR
set -euo pipefail

almanac="$1"
work="$2"
mkdir -p "$work"
fail() {
  echo "completions: $*" >&2
  exit 1
}

"$almanac" completions fish >"$work/almanac.fish"
"$almanac" completions zsh >"$work/_almanac"

# fish: `complete -C` prints what the shell would offer for a command line.
offered="$(fish --no-config -c "source $work/almanac.fish; complete -C 'almanac explain B00'")"
grep -qx 'B001' <<<"$(cut -f1 <<<"$offered")" || fail "fish offers no B001 after explain: $offered"
offered="$(fish --no-config -c "source $work/almanac.fish; complete -C 'almanac build --only c'")"
[[ "$(cut -f1 <<<"$offered" | sort | tr '\n' ' ')" == "calendar csv " ]] ||
  fail "fish offers '$offered' after build --only c"

# zsh: the script is a completion function; loaded through compinit it
# defines `_almanac`, whose text lists the rule codes.
ZDOTDIR="$work" zsh -f -c "
  fpath=($work \$fpath)
  autoload -Uz compinit && compinit -u -d $work/zcompdump
  autoload -Uz +X _almanac && (( \$+functions[_almanac] )) || exit 3
  functions _almanac | grep -q B001 || exit 4
" || fail "zsh did not load _almanac with the rule codes (exit $?)"
echo "completions: fish and zsh complete rule codes and output names" >&2
