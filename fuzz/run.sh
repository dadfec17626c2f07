#!/bin/sh
# Runs one fuzz target with the limits this repository uses, on one core,
# on the stable compiler: fuzz/run.sh TARGET [SECONDS] [EXTRA LIBFUZZER FLAGS...]
# libFuzzer's log goes to fuzz/fuzz-0.log. See fuzz/README.md.
set -eu
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh toml|expr|check [SECONDS] [FLAGS...]}
seconds=${2:-300}
shift
[ $# -gt 0 ] && shift
case $target in
  toml)  max_len=32768; timeout=1 ;;
  expr)  max_len=1024;  timeout=1 ;;
  check) max_len=32768; timeout=2 ;;
  *) echo "unknown target $target (toml, expr, check)" >&2; exit 2 ;;
esac
exec cargo fuzz run -s none "$target" -- \
  -max_len=$max_len -timeout=$timeout -rss_limit_mb=1024 \
  -max_total_time="$seconds" -dict=almanac.dict -jobs=1 -workers=1 -print_final_stats=1 "$@"
