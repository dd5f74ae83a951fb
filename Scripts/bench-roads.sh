#!/usr/bin/env bash
# Road import + survey benchmark (issue: road network import and the unnamed-road survey).
#
#  1. Speed on one OSM file against peers, in one run on the same file:
#       diming roads import + survey
#       osmium tags-filter w/highway | osmium tags-filter -i w/name | osmium export
#       ogr2ogr -f GeoJSON … lines -where "highway IS NOT NULL AND name IS NULL"
#       a bare libxml2 SAX2 parse (Scripts/sax_parse.c)
#     and prints the ratios; peak memory of the import from /usr/bin/time.
#     The same data as OSM PBF (osmium cat): diming import + survey against `osmium fileinfo -e`.
#     The machine's load is printed before and after each run (the machine may be shared).
#     What SQLite alone takes to store the same rows (Scripts/bench-store-floor.py), beside the goals.
#  2. Scale: the synthetic generator at 1×, 10× and 100× a county (import + survey time each).
#
# Usage: Scripts/bench-roads.sh [OSM_FILE]   (default: a synthetic province of about 100 MB;
#        ../shared/tools/gen_osm.py OUT.osm --target-mb 100 --seed 42 makes the realistic mix of issue 16)
#        BENCH_RUNS=N (default 3) runs of each command; BENCH_SCALE=0 skips the scale part.
# Needs: hyperfine, osmium-tool, gdal-bin (apt-get install hyperfine osmium-tool gdal-bin), gcc, libxml2-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine osmium ogr2ogr gcc; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install hyperfine osmium-tool gdal-bin gcc" >&2; exit 2; }
done

work=$(mktemp -d /tmp/diming-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
swift build -c release --product diming >/dev/null
diming=$(swift build -c release --show-bin-path)/diming
runs=${BENCH_RUNS:-3}
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"; }
gcc -O2 -o "$work/sax_parse" Scripts/sax_parse.c $(pkg-config --cflags --libs libxml-2.0)

file=${1:-}
if [ -z "$file" ]; then
  echo "Generating a synthetic province (about 100 MB of OSM XML)…"
  "$diming" generate --out "$work/province" --cities 20 --counties 99 --towns 6 --villages 10 --osm >/dev/null
  file="$work/province/roads.osm"
  divisions="$work/province/divisions.csv"
  boundaries="$work/province/boundaries.geojson"
else
  divisions=GeoData/demo/divisions.csv
  boundaries=""
fi
bytes=$(stat -c %s "$file")
megabytes=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }")
echo "File: $file ($megabytes MB)"

base="$work/base.sqlite"
"$diming" divisions import "$divisions" --db "$base" >/dev/null
if [ -n "$boundaries" ]; then
  # Roads go to the county whose boundary holds them.
  "$diming" divisions boundaries "$boundaries" --db "$base" >/dev/null
  county_option=""
else
  county_option="--county $(awk -F, 'NR > 1 && $3 == "county" { print substr($1, 1, 6); exit }' "$divisions")"
fi

# The registry is copied with its -wal file: what the divisions import wrote may not be checkpointed yet.
fresh="rm -f $work/run.sqlite* && cp $base $work/run.sqlite && { [ ! -f $base-wal ] || cp $base-wal $work/run.sqlite-wal; }"
import_and_survey="$fresh && $diming roads import $file $county_option --db $work/run.sqlite >/dev/null && $diming survey --db $work/run.sqlite >/dev/null"
osmium_pipeline="osmium tags-filter -R -O -o $work/hw.osm.pbf $file w/highway && osmium tags-filter -O -i -o $work/unnamed.osm.pbf $work/hw.osm.pbf w/name && osmium export -O -o $work/unnamed.geojson $work/unnamed.osm.pbf"
ogr="rm -f $work/ogr.geojson && ogr2ogr -f GeoJSON $work/ogr.geojson $file lines -where \"highway IS NOT NULL AND name IS NULL\""
sax="$work/sax_parse $file"

load
hyperfine --warmup 1 --runs "$runs" --export-json "$work/speed.json" \
  -n diming "$import_and_survey" -n osmium "$osmium_pipeline" -n ogr2ogr "$ogr" -n sax2 "$sax"
load

python3 - "$work/speed.json" "$bytes" <<'PY'
import json, sys
results = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
mb = int(sys.argv[2]) / 1048576
d = results["diming"]
print(f"diming import+survey: {d:.3f} s = {mb / d:.0f} MB/s (goal ≥ 150 MB/s)")
print(f"  ogr2ogr / diming = {results['ogr2ogr'] / d:.2f}× (goal ≥ 1.5×)")
print(f"  osmium pipeline / diming = {results['osmium'] / d:.2f}× (goal ≥ 3×)")
print(f"  diming / bare SAX2 parse = {d / results['sax2']:.2f}× (goal ≤ 2×)")
PY

echo
echo "The same data as OSM PBF (osmium cat):"
osmium cat -O -o "$work/data.osm.pbf" "$file"
echo "PBF: $(awk "BEGIN { printf \"%.1f\", $(stat -c %s "$work/data.osm.pbf") / 1048576 }") MB"
pbf_import_and_survey="$fresh && $diming roads import $work/data.osm.pbf $county_option --db $work/run.sqlite >/dev/null && $diming survey --db $work/run.sqlite >/dev/null"
load
hyperfine --warmup 1 --runs "$runs" --export-json "$work/pbf.json" \
  -n diming-pbf "$pbf_import_and_survey" -n osmium-fileinfo "osmium fileinfo -e $work/data.osm.pbf"
load
python3 - "$work/pbf.json" <<'PY'
import json, sys
results = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
d = results["diming-pbf"]
print(f"diming PBF import+survey: {d:.3f} s; / osmium fileinfo -e = {d / results['osmium-fileinfo']:.2f}× (goal ≤ 3×)")
PY

# The store's floor: SQLite alone storing the rows the last run stored (no parsing, one core).
echo
echo "SQLite alone, storing the same rows (Scripts/bench-store-floor.py; no file read, one core):"
python3 Scripts/bench-store-floor.py "$work/run.sqlite" "$runs" | tee "$work/floor.txt"
python3 - "$work/speed.json" "$work/pbf.json" "$work/floor.txt" <<'PY'
import json, sys
speed = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
pbf = {r["command"]: r["mean"] for r in json.load(open(sys.argv[2]))["results"]}
floor = {line.split()[0]: float(line.split()[1]) for line in open(sys.argv[3]) if line.split()[0] in ("import", "survey")}
store = floor["import"] + floor["survey"]
parse = speed["sax2"] / 2
print(f"  the store's writes: {store:.3f} s; the bare SAX2 parse cut in two on two cores: {parse:.3f} s")
print(f"  osmium goal: diming ≤ {speed['osmium'] / 3:.3f} s; those two alone take {parse + store:.3f} s")
print(f"  PBF goal: diming ≤ {3 * pbf['osmium-fileinfo']:.3f} s; the store's writes and osmium fileinfo -e alone take {store + pbf['osmium-fileinfo']:.3f} s")
PY

cp "$base" "$work/mem.sqlite"
[ ! -f "$base-wal" ] || cp "$base-wal" "$work/mem.sqlite-wal"
/usr/bin/time -v "$diming" roads import "$file" $county_option --db "$work/mem.sqlite" 2>"$work/time.txt" >/dev/null
nodes=$(grep -c "<node" "$file" || true)
peak=$(awk '/Maximum resident/ { print $NF }' "$work/time.txt")
python3 -c "import sys; n, kb = int(sys.argv[1]), int(sys.argv[2]); print(f'peak memory {kb/1024:.0f} MB for {n} nodes; budget 24 B/node + 200 MB = {(24*n)/1048576 + 200:.0f} MB')" "$nodes" "$peak"

[ "${BENCH_SCALE:-1}" = 0 ] && exit 0
echo
echo "Scale (synthetic counties; import + survey):"
for n in 1 10 100; do
  dir="$work/scale$n"
  "$diming" generate --out "$dir" --cities "$(( n >= 10 ? n / 10 : 1 ))" --counties "$(( n >= 10 ? 10 : 1 ))" --osm >/dev/null
  "$diming" divisions import "$dir/divisions.csv" --db "$dir/r.sqlite" >/dev/null
  "$diming" divisions boundaries "$dir/boundaries.geojson" --db "$dir/r.sqlite" >/dev/null
  start=$(date +%s.%N)
  "$diming" roads import "$dir/roads.osm" --db "$dir/r.sqlite" >/dev/null
  "$diming" survey --db "$dir/r.sqlite" >/dev/null
  end=$(date +%s.%N)
  size=$(stat -c %s "$dir/roads.osm")
  awk "BEGIN { printf \"  %4d× county: %8.1f KB  %6.3f s  %6.1f µs/KB\n\", $n, $size / 1024, $end - $start, ($end - $start) * 1e6 / ($size / 1024) }"
done
