#!/usr/bin/env bash
# Web registry load benchmark (issue 11, "Goals"), with wrk on loopback (127.0.0.1 only).
#
# Registry: the generator's city scale, 1 city × 10 counties × 6 towns (60 towns, 660 villages),
# loaded as a county would load it: divisions import, boundaries, roads import, survey.
# Accounts: a reviewer of one county (the reads) and an administrator (the transitions).
#
# Goals at 64 connections (wrk -t2 -c64), with the signed-in reviewer's cookie, each printed beside
# the template-only /login page without a cookie (no database: the framework's ceiling), measured
# right before it in the same run:
#   road by id (GET /api/roads/:id), name check (GET /api/names/check)   ≥ 10,000 req/s, p99 ≤ 20 ms
#   backlog page (GET /backlog), dashboard (GET /)                         ≥  2,000 req/s, p99 ≤ 50 ms
#   500 concurrent case transitions (consulted → submitted), none lost or doubled.
# One more row, without a goal: /login with the cookie, i.e. the ceiling plus the session lookup
# that the session middleware makes (in the database) for every signed-in request.
# Then a double submit: every case gets two concurrent submitted → underReview requests; exactly one
# of each pair may move it. The audit trail (diming cases show --json) is the judge of both.
#
# Usage: Scripts/bench-web.sh [SECONDS] [CASES]     (defaults 10 and 500; CASES=0 skips the transitions)
# Needs: wrk (apt-get install wrk), curl, python3; builds the release binary (swift build -c release).
# KEEP=1 keeps the work folder (registry, server log, transition results).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk curl python3; do command -v $tool >/dev/null || { echo "missing $tool (apt-get install $tool)" >&2; exit 2; }; done
duration=${1:-10}
cases=${2:-500}
[[ $duration =~ ^[0-9]+$ && $cases =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS] [CASES]" >&2; exit 2; }

echo "Building the release binary…" >&2
build_log=$(mktemp /tmp/diming-web-bench-build.XXXXXX)
swift build -c release >"$build_log" 2>&1 || { cat "$build_log" >&2; rm -f "$build_log"; exit 1; }
rm -f "$build_log"
diming=$(swift build -c release --show-bin-path)/diming
work=$(mktemp -d /tmp/diming-web-bench.XXXXXX)
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DIMING_DB=$work/web.sqlite   # the command line acts as itself (cli:$USER) in the audit trail
password=bench-web-password
step() { echo "== $*" >&2; }

step "generating and loading the city (10 counties × 6 towns)"
"$diming" generate --out "$work/region" --cities 1 --counties 10 --towns 6 >&2
"$diming" divisions import "$work/region/divisions.csv" >/dev/null
"$diming" divisions boundaries "$work/region/boundaries.geojson" >/dev/null
"$diming" roads import "$work/region/roads.geojson" --source bench:roads >/dev/null
"$diming" survey run >/dev/null
county=$("$diming" divisions list --level county --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["code"])')
read -r towns roads unnamed < <("$diming" roads list --json | python3 -c '
import json, sys
roads = json.load(sys.stdin)
print(len({r.get("townCode") for r in roads}), len(roads), sum(1 for r in roads if not r.get("name")))')
echo "   $towns towns with roads, $roads roads ($unnamed unnamed); the reviewer's county is $county" >&2
DIMING_PASSWORD=$password "$diming" users add reviewer --role reviewer --county "$county" --name 县民政局审核人 >/dev/null
DIMING_PASSWORD=$password "$diming" users add admin --role admin --name 管理员 >/dev/null

if (( cases > 0 )); then
  step "opening $cases cases through the CLI and advancing them to consulted"
  python3 Scripts/bench-transitions.py prepare --diming "$diming" --db "$DIMING_DB" --count "$cases" --county "$county" --out "$work/cases.txt" | tee "$work/prepare.txt" >&2
fi

step "starting the server on 127.0.0.1"
"$diming" serve --host 127.0.0.1 --port 0 >"$work/serve.log" 2>&1 &
server=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/serve.log" | head -1)
  [[ -n $port ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $port ]] || { echo "the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
base=http://127.0.0.1:$port

cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"username\":\"reviewer\",\"password\":\"$password\"}" "$base/api/session" \
  | awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2 }')
[[ $cookie == diming_session=* ]] || { echo "the reviewer could not sign in" >&2; exit 1; }
road=$(curl -s -H "Cookie: $cookie" "$base/api/roads?unnamed=1&county=$county" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
check_name=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("同心路"))')

# name|path|goal req/s|goal p99 ms (every one with the reviewer's cookie)
targets=(
  "login, signed in|/login||"
  "road by id|/api/roads/$road|10000|20"
  "name check|/api/names/check?road=$road&name=$check_name|10000|20"
  "backlog page|/backlog|2000|50"
  "dashboard|/|2000|50"
)

# Every measured URL must answer 200 with the reviewer signed in (wrk counts a 303 to /login as success).
for target in "/login|/login||" "${targets[@]}"; do
  IFS='|' read -r _ path _ _ <<<"$target"
  status=$(curl -s -o "$work/probe" -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  [[ $status == 200 ]] || { echo "GET $path answered $status: $(head -c 300 "$work/probe")" >&2; exit 1; }
done

# wrk: prints "req/s p99_ms errors" (errors: socket errors, timeouts over 5 s included, plus non-2xx/3xx
# responses). A second argument "anonymous" sends no cookie (the ceiling).
measure() {
  local header=(-H "Cookie: $cookie")
  [[ ${2:-} == anonymous ]] && header=()
  wrk -t2 -c64 -d1s "${header[@]}" "$base$1" >/dev/null   # warm-up, not counted
  wrk -t2 -c64 -d"${duration}s" --timeout 5s --latency "${header[@]}" "$base$1" >"$work/wrk.txt"
  awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
                  p99 = unit == "us" ? v / 1000 : unit == "ms" ? v : unit == "s" ? v * 1000 : unit == "m" ? v * 60000 : v }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { errors += $5 }
    END { printf "%.0f %.2f %d\n", rps, p99, errors }' "$work/wrk.txt"
}

step "wrk -t2 -c64 -d${duration}s per endpoint, each after a /login run (nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg))"
rows=()
for target in "${targets[@]}"; do
  IFS='|' read -r name path goal_rps goal_p99 <<<"$target"
  read -r login_rps login_p99 login_errors < <(measure /login anonymous)
  read -r rps p99 errors < <(measure "$path")
  met=$(awk -v r="$rps" -v p="$p99" -v gr="$goal_rps" -v gp="$goal_p99" -v e="$errors" 'BEGIN { print ((r >= gr && p <= gp && e == 0) ? "yes" : "NO") }')
  goal=">=$goal_rps, <=${goal_p99}ms"
  [[ -z $goal_rps ]] && { goal="(none)"; met="-"; }
  ratio=$(awk -v r="$rps" -v l="$login_rps" 'BEGIN { printf "%.1f%%", (l > 0) ? 100 * r / l : 0 }')
  rows+=("$(printf '%-17s %9s %9s  %-18s %-4s %6s  %10s %8s  %6s' "$name" "$rps" "$p99" "$goal" "$met" "$errors" "$login_rps" "$login_p99" "$ratio")")
  echo "   $name: $rps req/s, p99 $p99 ms (/login just before: $login_rps req/s, p99 $login_p99 ms)" >&2
done

# Still signed in and answering 200 after the load.
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/backlog")
[[ $status == 200 ]] || { echo "after the load GET /backlog answered $status" >&2; exit 1; }

transitions=()
if (( cases > 0 )); then
  step "$cases concurrent transitions consulted → submitted (admin), then a double submit submitted → underReview"
  export DIMING_PASSWORD=$password
  python3 Scripts/bench-transitions.py fire --base "$base" --user admin --ids "$work/cases.txt" --to submitted --out "$work/fire1.json" | tee "$work/fire1.txt" >&2
  python3 Scripts/bench-transitions.py fire --base "$base" --user admin --ids "$work/cases.txt" --to underReview --copies 2 --out "$work/fire2.json" | tee "$work/fire2.txt" >&2
  step "reading every case's audit timeline through the CLI"
  python3 Scripts/bench-transitions.py verify --diming "$diming" --db "$DIMING_DB" --ids "$work/cases.txt" --states submitted,underReview | tee "$work/verify.txt" >&2
  field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1" | head -1; }
  vfield() { grep "to=$1 " "$work/verify.txt" | sed -n "s/.* $2=\([^ ]*\).*/\1/p"; }
  for wave in 1 2; do
    f=$work/fire$wave.txt; to=$(field "$f" to)
    lost=$(vfield "$to" lost); doubled=$(vfield "$to" doubled); once=$(vfield "$to" once)
    met=$([[ $lost == 0 && $doubled == 0 && $once == "$cases" ]] && echo yes || echo NO)
    transitions+=("$(printf '%-28s %8s %8s %9s %9s  %6s %5s %8s  %-4s  %s' \
      "$([[ $wave == 1 ]] && echo "consulted → submitted" || echo "→ underReview, 2 per case")" \
      "$(field "$f" requests)" "$(field "$f" moved)" "$(field "$f" seconds)" "$(field "$f" transitions_per_s)" \
      "$once" "$lost" "$doubled" "$met" "$(field "$f" statuses)")")
  done
fi

echo
echo "Diming web benchmark: $towns towns, $roads roads ($unnamed unnamed), reviewer of county $county; wrk -t2 -c64 -d${duration}s on 127.0.0.1"
echo "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wrk, the server and anything else share these cores)"
echo
printf '%-17s %9s %9s  %-18s %-4s %6s  %10s %8s  %6s\n' endpoint req/s p99_ms goal met errors login_req/s login_p99 ratio
for row in "${rows[@]}"; do echo "$row"; done
echo "(login: the template-only page GET /login without a cookie, no database, measured right before each row: the framework's ceiling; ratio = row / login)"
if (( cases > 0 )); then
  echo
  echo "Case transitions, all requests released together, one connection each (goal: $cases concurrent, none lost or doubled):"
  printf '%-28s %8s %8s %9s %9s  %6s %5s %8s  %-4s  %s\n' wave requests moved seconds per_s once lost doubled met "HTTP statuses"
  for row in "${transitions[@]}"; do echo "$row"; done
  echo "(once/lost/doubled: cases whose audit timeline has exactly one, no, or several case.advanced entries to the target state)"
  echo "$(cat "$work/prepare.txt")"
fi
