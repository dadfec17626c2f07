#!/usr/bin/env python3
"""Two almanac binaries side by side on the same command, in one run.

    bench/ab.py OLD_BINARY NEW_BINARY [--runs N] [--cwd DIR] -- ARGS...

Runs `OLD ARGS` and `NEW ARGS` alternately (old, new, old, new, ...) after
one warm-up each, so that both see the same machine state, and prints the
median wall time and the median peak memory (max RSS) of each with the
ratio new/old. Exit codes must agree between the two binaries on every run;
output goes to /dev/null. Used for the before/after tables in
docs/performance.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time


def run(binary, args, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(
        [binary, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def main():
    # Everything after `--` is almanac's; options may stand anywhere before it.
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    p = argparse.ArgumentParser()
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--runs", type=int, default=21)
    p.add_argument("--cwd", default=".")
    a = p.parse_args(argv[:split])
    args = argv[split + 1 :]
    if not args:
        p.error("give almanac's arguments after `--`")
    times = {"old": [], "new": []}
    rss = {"old": [], "new": []}
    codes = set()
    for which in ("old", "new"):
        run(getattr(a, which), args, a.cwd)
    for _ in range(a.runs):
        for which in ("old", "new"):
            t, m, code = run(getattr(a, which), args, a.cwd)
            times[which].append(t)
            rss[which].append(m)
            codes.add((which, code))
    if len({c for _, c in codes}) != 1:
        print(f"exit codes differ: {sorted(codes)}", file=sys.stderr)
        return 1
    mt = {w: statistics.median(v) for w, v in times.items()}
    mm = {w: statistics.median(v) for w, v in rss.items()}
    print(f"almanac {' '.join(args)}  ({a.runs} runs each, alternating)")
    print(f"  old: {mt['old'] * 1000:8.1f} ms  {mm['old'] / 1024:7.1f} MB")
    print(f"  new: {mt['new'] * 1000:8.1f} ms  {mm['new'] / 1024:7.1f} MB")
    print(f"  new/old: time {mt['new'] / mt['old']:.3f}, memory {mm['new'] / mm['old']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
