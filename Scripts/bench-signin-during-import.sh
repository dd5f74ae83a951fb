#!/usr/bin/env bash
# Sign-in latency during a long road import (issue 18, part 5: "writers that never starve").
#
# One run, on one demo registry served by `diming serve` (release build, 127.0.0.1 only):
#   1. the peer figure: sign-in p50/p99 with nothing else running (POST /api/session, sequential);
#   2. the same sign-ins while `diming roads import` reads and stores a 100 MB OSM file in another
#      process (../shared/tools/gen_osm.py --target-mb 100): p50/p99, how many were answered during
#      the import, and any answer that was not 200.
# Goal: p99 ≤ 500 ms during the import, no 500. The import stages its segments outside any write
# transaction and moves them in with one short one; a sign-in writes only the session store beside
# the registry, so neither waits for the other.
#
# Usage: Scripts/bench-signin-during-import.sh [MB] [REST_SIGNINS]   (defaults 100 and 40)
#        GEN_OSM=path/to/gen_osm.py (default ../shared/tools/gen_osm.py); KEEP=1 keeps the work folder.
# Needs: python3; builds the release binary (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-100}
rest=${2:-40}
[[ $megabytes =~ ^[0-9]+$ && $rest =~ ^[0-9]+$ ]] || { echo "usage: $0 [MB] [REST_SIGNINS]" >&2; exit 2; }
command -v python3 >/dev/null || { echo "missing python3" >&2; exit 2; }
gen=${GEN_OSM:-../shared/tools/gen_osm.py}
[[ -f $gen ]] || { echo "no OSM generator at $gen (set GEN_OSM)" >&2; exit 2; }

echo "Building the release binary…" >&2
build_log=$(mktemp /tmp/diming-signin-bench-build.XXXXXX)
nice swift build -c release --product diming >"$build_log" 2>&1 || { cat "$build_log" >&2; rm -f "$build_log"; exit 1; }
rm -f "$build_log"
diming=$(swift build -c release --show-bin-path)/diming
work=$(mktemp -d /tmp/diming-signin-bench.XXXXXX)
server=
importer=
cleanup() {
  for pid in $importer $server; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "Generating ${megabytes} MB of OSM XML…" >&2
python3 "$gen" "$work/big.osm" --target-mb "$megabytes" --seed 42 >/dev/null
"$diming" demo --db "$work/r.sqlite" >/dev/null
"$diming" serve --db "$work/r.sqlite" --port 0 --exports "$work/Exports" >"$work/server.out" 2>"$work/server.err" &
server=$!
for _ in $(seq 100); do grep -q 'http://' "$work/server.out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/server.out")
echo "server $base; file $(du -m "$work/big.osm" | cut -f1) MB; load $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

# Sign-ins, one after another: `rest N` N of them; `during PID` until process PID ends.
cat >"$work/signin.py" <<'PY'
import json, os, sys, time, urllib.request, urllib.error
base, mode, arg, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
users = ["clerk", "reviewer", "admin"]
def sign_in(i):
    body = json.dumps({"username": users[i % 3], "password": "diming-demo"}).encode()
    request = urllib.request.Request(base + "/api/session", data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            reply.read(); status = reply.status
    except urllib.error.HTTPError as error:
        status = error.code
    return time.perf_counter() - start, status
def alive(pid):
    try: os.kill(pid, 0); return True
    except OSError: return False
results, i = [], 0
if mode == "rest":
    for i in range(arg): results.append(sign_in(i))
else:
    while alive(arg) and i < 100000:
        results.append(sign_in(i)); i += 1
json.dump(results, open(out, "w"))
PY
python3 "$work/signin.py" "$base" rest 3 "$work/warm.json"   # the demo's cheap hashes are replaced at the first sign-in
python3 "$work/signin.py" "$base" rest "$rest" "$work/rest.json"

start=$(date +%s.%N)
"$diming" roads import "$work/big.osm" --county 379901 --allow-outside --source bench-osm --db "$work/r.sqlite" --json >"$work/import.json" 2>"$work/import.err" &
importer=$!
python3 "$work/signin.py" "$base" during "$importer" "$work/during.json"
wait "$importer" && status=0 || status=$?
importer=
end=$(date +%s.%N)
[[ $status == 0 ]] || { echo "the import failed ($status):" >&2; cat "$work/import.err" >&2; exit 1; }
"$diming" audit verify --db "$work/r.sqlite" >/dev/null || { echo "audit verify failed" >&2; exit 1; }

python3 - "$work/rest.json" "$work/during.json" "$start" "$end" "$work/import.json" <<'PY'
import json, math, sys
def figures(path):
    rows = json.load(open(path))
    times = sorted(t for t, _ in rows)
    bad = [s for _, s in rows if s != 200]
    pick = lambda q: times[max(0, math.ceil(q * len(times)) - 1)] * 1000 if times else float("nan")
    return len(rows), pick(0.5), pick(0.99), bad
report = json.load(open(sys.argv[5]))
seconds = float(sys.argv[4]) - float(sys.argv[3])
n0, p50_0, p99_0, bad0 = figures(sys.argv[1])
n1, p50_1, p99_1, bad1 = figures(sys.argv[2])
print(f"import: {seconds:.1f} s, {report.get('segments')} segments")
print(f"sign-in at rest (peer):   n={n0:4d}  p50 {p50_0:7.1f} ms  p99 {p99_0:7.1f} ms  non-200: {len(bad0)}")
print(f"sign-in during import:    n={n1:4d}  p50 {p50_1:7.1f} ms  p99 {p99_1:7.1f} ms  non-200: {len(bad1)} {sorted(set(bad1))}")
print(f"goal: p99 during import ≤ 500 ms and no 500: {'met' if p99_1 <= 500 and 500 not in bad1 and n1 > 0 else 'NOT met'}")
PY
