#!/usr/bin/env bash
# The survey alone (issue 16: a survey at the speed of its data), against another diming binary in
# the same hyperfine run (the machine may be shared: only side-by-side figures mean anything).
#
# Usage: Scripts/bench-survey.sh OSM_FILE [OTHER_DIMING]
#   Imports OSM_FILE into the demo county once, then times, on a fresh copy each run:
#     survey     the first survey of the imported segments
#     re-survey  a second survey of an already surveyed copy (every id kept)
#   for this checkout's release build and, if given, OTHER_DIMING (e.g. a copy of the binary
#   before a change). BENCH_RUNS=N (default 10). The machine's load is printed before and after.
# Needs: hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: Scripts/bench-survey.sh OSM_FILE [OTHER_DIMING]}
other=${2:-}
command -v hyperfine >/dev/null || { echo "missing hyperfine: apt-get install hyperfine" >&2; exit 2; }
swift build -c release --product diming >/dev/null
diming=$(swift build -c release --show-bin-path)/diming
runs=${BENCH_RUNS:-10}
work=$(mktemp -d /tmp/diming-survey-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"; }

"$diming" divisions import GeoData/demo/divisions.csv --db "$work/imported.sqlite" >/dev/null
"$diming" roads import "$file" --county 379901 --db "$work/imported.sqlite" >/dev/null
cp "$work/imported.sqlite" "$work/surveyed.sqlite"
[ ! -f "$work/imported.sqlite-wal" ] || cp "$work/imported.sqlite-wal" "$work/surveyed.sqlite-wal"
"$diming" survey --db "$work/surveyed.sqlite"

# A fresh copy (with its -wal: what the import wrote may not be checkpointed yet) before each run.
copy() { echo "rm -f $work/run.sqlite*; cp $work/$1.sqlite $work/run.sqlite; [ ! -f $work/$1.sqlite-wal ] || cp $work/$1.sqlite-wal $work/run.sqlite-wal"; }
for kind in imported surveyed; do
  name=$([ "$kind" = imported ] && echo survey || echo re-survey)
  commands=(-n "$name" "$diming survey --db $work/run.sqlite")
  [ -z "$other" ] || commands+=(-n "$name (other)" "$other survey --db $work/run.sqlite")
  load
  hyperfine -N --warmup 1 --runs "$runs" --prepare "bash -c '$(copy $kind)'" "${commands[@]}"
  load
done
