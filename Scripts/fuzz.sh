#!/usr/bin/env bash
# Fuzzes every file reader with libFuzzer (issue 18, item 2).
#
#   Scripts/fuzz.sh [SECONDS] [TARGET…]     default: 60 seconds each, all targets
#
# Targets: osm geojson kml kmz gpx csv divisions. The harness (Sources/DimingFuzz) is built with
# `-sanitize=fuzzer,address` into .build-fuzz, apart from the normal debug build. Each target starts
# from its seeds in Fuzz/corpus/TARGET (read-only) and keeps what it learns in
# .build-fuzz/corpus/TARGET, so a later run goes on from there. Two targets run at a time.
# A crash, a leak, a timeout (>10 s per input) or >1 GB of memory stops that target with an input
# in .build-fuzz/crashes/; copy it into Fuzz/regressions/TARGET/ and FuzzCorpusTests replays it as a
# regression test once the reader is fixed. The script exits 1 if any target found something.
#
# Longer runs: Scripts/fuzz.sh 3600 geojson   (an hour on one reader), or FUZZ_JOBS=1 to run one at a time.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(osm geojson kml kmz gpx csv divisions)
scratch=.build-fuzz
jobs=${FUZZ_JOBS:-2}

echo "fuzz: building the harness with -sanitize=fuzzer,address in $scratch"
swift build --scratch-path "$scratch" --product DimingFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -v "Cannot export local symbol" | tail -3
binary="$scratch/debug/DimingFuzz"
[ -x "$binary" ] || { echo "fuzz: $binary was not built" >&2; exit 1; }

mkdir -p "$scratch/crashes" "$scratch/logs"
run_one() {
    local target=$1
    mkdir -p "$scratch/corpus/$target"
    local log="$scratch/logs/$target.log"
    # SWIFT_BACKTRACE off: libFuzzer reports crashes itself and the runtime's backtracer would wait.
    if DIMING_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 \
        "$binary" "$scratch/corpus/$target" "Fuzz/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
        -artifact_prefix="$scratch/crashes/$target-" -print_final_stats=1 >"$log" 2>&1; then
        echo "fuzz: $target: $(grep -m1 -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$') inputs in ${seconds} s, nothing found"
    else
        echo "fuzz: $target FOUND A PROBLEM (log: $log; input: $(ls -t "$scratch"/crashes/"$target"-* 2>/dev/null | head -1))"
        grep -m5 -E "ERROR|Fatal error|panic|SUMMARY" "$log" || tail -20 "$log"
        return 1
    fi
}
export -f run_one
export scratch binary seconds
status=0
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}' || status=$?
# FUZZ_REPORT_ONLY=1 (what `make test` sets): a finding is printed, with its input, but does not fail
# the run; random inputs found by chance must not decide whether a change lands. Triage it by hand:
# fix the reader, then move the input into Fuzz/regressions/READER, which the tests replay for ever.
if [ "$status" != 0 ] && [ "${FUZZ_REPORT_ONLY:-0}" = 1 ]; then
    echo "fuzz: findings above are reported, not failed on (FUZZ_REPORT_ONLY=1); run Scripts/fuzz.sh to reproduce"
    exit 0
fi
exit "$status"
