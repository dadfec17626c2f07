#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), as one script so that the
# end-to-end suite can run them outside GitHub with the same variables:
#
#   INPUT_PATHS, INPUT_VERSION, INPUT_DENY_WARNINGS, INPUT_DIFF,
#   INPUT_MERMAID          the inputs
#   GITHUB_ACTION_PATH     this repository (where action.yml is)
#   GITHUB_EVENT_NAME      `pull_request` turns the diff on
#   GITHUB_BASE_REF        the pull request's base branch (`main`)
#   GITHUB_STEP_SUMMARY    the run's summary page (a file)
#   GITHUB_OUTPUT          the step's outputs (a file)
#   RUNNER_TEMP            a scratch folder
#
# 1. Install almanac (unless the wanted version is already on the PATH).
# 2. `almanac check --format github PATHS`: annotations, and the summary.
# 3. On a pull request: `almanac diff --git origin/BASE PATHS` (with
#    `--mermaid` unless the input says `false`) into the summary and the
#    `diff` and `diff-file` outputs.
# The exit code is the check's: the job fails when a plan has errors (or
# warnings, with deny-warnings), after the diff has been written.
set -euo pipefail

paths="${INPUT_PATHS:-plans}"
version="${INPUT_VERSION:-source}"
read -r -a targets <<<"$paths"

# --- 1. install ------------------------------------------------------------
if [[ "$version" == source ]]; then
  wanted="almanac $(sed -n 's/^version = "\(.*\)"/\1/p' "$GITHUB_ACTION_PATH/Cargo.toml" | head -1)"
else
  wanted="almanac $version"
fi
have="$(almanac --version 2>/dev/null || true)"
if [[ "$have" == "$wanted" ]]; then
  echo "almanac: using $have from $(command -v almanac)"
else
  echo "::group::Install $wanted"
  if ! command -v pipx >/dev/null; then
    python3 -m pip install --user --quiet pipx
    export PATH="$HOME/.local/bin:$PATH"
  fi
  if [[ "$version" == source ]]; then
    pipx install --force "$GITHUB_ACTION_PATH"
  else
    pipx install --force "almanac-plan==$version"
  fi
  echo "$HOME/.local/bin" >>"${GITHUB_PATH:-/dev/null}"
  export PATH="$HOME/.local/bin:$PATH"
  echo "::endgroup::"
  almanac --version
fi

# --- 2. check ---------------------------------------------------------------
args=(check --format github)
[[ "${INPUT_DENY_WARNINGS:-false}" != true ]] || args+=(--deny-warnings)
status=0
almanac "${args[@]}" "${targets[@]}" || status=$?

# --- 3. the diff on pull requests ---------------------------------------------
if [[ "${INPUT_DIFF:-true}" == true && "${GITHUB_EVENT_NAME:-}" == pull_request && -n "${GITHUB_BASE_REF:-}" ]]; then
  file="${RUNNER_TEMP:-/tmp}/almanac-diff.md"
  diff_status=0
  diff_args=(diff --git "origin/$GITHUB_BASE_REF")
  [[ "${INPUT_MERMAID:-true}" == false ]] || diff_args+=(--mermaid)
  almanac "${diff_args[@]}" "${targets[@]}" >"$file" || diff_status=$?
  if [[ "$diff_status" == 0 ]]; then
    cat "$file" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
    delimiter="almanac_diff_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    {
      echo "diff<<$delimiter"
      cat "$file"
      echo "$delimiter"
      echo "diff-file=$file"
    } >>"${GITHUB_OUTPUT:-/dev/null}"
  else
    echo "::warning::almanac diff against origin/$GITHUB_BASE_REF failed (exit $diff_status); is the base branch fetched (fetch-depth: 0)?"
  fi
fi
exit "$status"
