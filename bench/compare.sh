#!/usr/bin/env bash
# almanac against TaskJuggler (tj3) on the same generated plans.
#
#   bench/compare.sh                     # RUNS=3, N = 100 1000 5000 10000 20000 100000
#   RUNS=5 SIZES="100 1000" bench/compare.sh
#
# For each N, `gen_plan N DIR --tjp` writes an almanac plan (plan.toml and
# the team fragment it includes) and the equivalent TaskJuggler project
# (plan.tjp), with the same content (docs/performance.md says what each
# side holds). Each command runs RUNS times, timed, and once more under
# `/usr/bin/time` for its peak memory:
#   almanac build plan.toml -o OUT --only calendar,csv,json
#   almanac check plan.toml
#   tj3 -o OUT plan.tjp                  (a CSV task report and an iCal report)
#   parse_only plan.toml gen-team.toml   (a bare TOML parse with almanac's
#                                         parser: the floor)
#   parse_only --parser toml …           (the same with the toml crate)
# and the script prints a Markdown table of medians and peaks. TaskJuggler
# runs only up to TJ_MAX tasks (default 5000) and under `timeout TJ_TIMEOUT`
# (default 600 s). Wall times come from bash's clock around each run
# (`$EPOCHREALTIME`, microseconds; bash 5 or later); peak memory is the `%M`
# of /usr/bin/time (maximum resident set size).
set -euo pipefail

RUNS=${RUNS:-3}
SIZES=${SIZES:-"100 1000 5000 10000 20000 100000"}
TJ_MAX=${TJ_MAX:-5000}
TJ_TIMEOUT=${TJ_TIMEOUT:-600}

root=$(cd "$(dirname "$0")/.." && pwd)
command -v tj3 >/dev/null || (apt-get update && apt-get install -y tj3)
[ -x /usr/bin/time ] || (apt-get update && apt-get install -y time)

cd "$root"
cargo build --release --quiet --bin almanac --example gen_plan --example parse_only
bin=${CARGO_TARGET_DIR:-$root/target}/release
almanac=$bin/almanac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# RUNS timed runs of a command, then one more under /usr/bin/time for its
# peak memory: prints "median_ms peak_mb", or "- -" when it fails. The
# timed runs are bare (bash's $EPOCHREALTIME around the command), so that
# neither /usr/bin/time nor a `date` process is counted in them.
bench() {
    local times=() r t0 t1 kb
    for ((i = 0; i <= RUNS; i++)); do
        "$@" prepare 2>/dev/null || true
        if ((i < RUNS)); then
            t0=$EPOCHREALTIME
            "${@:2}" >"$work/stdout" 2>"$work/stderr" && r=0 || r=$?
            t1=$EPOCHREALTIME
            times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000000 }')")
        else
            /usr/bin/time -o "$work/time.txt" -f "%M" "${@:2}" >"$work/stdout" 2>"$work/stderr" && r=0 || r=$?
            kb=$(tail -n 1 "$work/time.txt")
        fi
        if ((r != 0)); then
            echo "failed: ${*:2}" >&2
            sed 's/^/    /' "$work/stderr" | tail -n 5 >&2
            echo "- -"
            return
        fi
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    awk -v us="$median" -v kb="$kb" 'BEGIN { printf "%.1f %.1f\n", us / 1000, kb / 1024 }'
}

# `bench` calls "$1 prepare" before each run: a fresh output folder.
fresh() { rm -rf "$work/out" && mkdir -p "$work/out"; }
run() { if [ "$1" = prepare ]; then fresh; fi; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.1f×\n", a / b }'; }
# per N ms MB: microseconds per item and kilobytes of peak per item.
per() { awk -v n="$1" -v ms="$2" -v mb="$3" 'BEGIN { if (ms == "-") print "- -"; else printf "%.1f %.1f\n", ms * 1000 / n, mb * 1024 / n }'; }

rows=()
for n in $SIZES; do
    dir=$work/plan-$n
    "$bin/examples/gen_plan" "$n" "$dir" --tjp
    echo "N=$n: almanac …" >&2
    read -r a_ms a_mb < <(bench run "$almanac" build "$dir/plan.toml" -o "$work/out" --only calendar,csv,json)
    read -r c_ms _ < <(bench run "$almanac" check "$dir/plan.toml")
    read -r p_ms p_mb < <(bench run "$bin/examples/parse_only" "$dir/plan.toml" "$dir/gen-team.toml")
    read -r q_ms _ < <(bench run "$bin/examples/parse_only" --parser toml "$dir/plan.toml" "$dir/gen-team.toml")
    t_ms=- t_mb=-
    if ((n <= TJ_MAX)); then
        echo "N=$n: TaskJuggler …" >&2
        read -r t_ms t_mb < <(bench run timeout "$TJ_TIMEOUT" tj3 --silent --no-color -o "$work/out" "$dir/plan.tjp")
    fi
    read -r a_us_item a_kb_item < <(per "$n" "$a_ms" "$a_mb")
    rows+=("| $n | $a_ms | $a_mb | $a_us_item | $a_kb_item | $c_ms | $t_ms | $t_mb | $(ratio "$t_ms" "$a_ms") | $p_ms | $p_mb | $(ratio "$a_ms" "$p_ms") | $q_ms | $(ratio "$a_ms" "$q_ms") |")
done

echo
echo "RUNS=$RUNS; times are medians in ms, memory is the peak resident set in MB."
echo
echo "| N | almanac build (ms) | almanac peak (MB) | build µs / item | peak KB / item | almanac check (ms) | TaskJuggler (ms) | TaskJuggler peak (MB) | TaskJuggler / almanac | TOML parse (ms) | parse peak (MB) | build / parse | toml crate parse (ms) | build / toml crate parse |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
