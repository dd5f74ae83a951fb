#!/usr/bin/env bash
# Web registry load benchmark (issue: the web registry), with wrk on loopback.
# Goals: reads (road by id, backlog, name check) ≥ 3,000 req/s with p99 ≤ 25 ms at 64 connections;
# case transitions ≥ 300/s with none lost or duplicated.
# Usage: Scripts/bench-web.sh [SECONDS]      Needs: wrk (apt-get install wrk), a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "missing wrk: apt-get install wrk" >&2; exit 2; }
duration=${1:-10}
swift build -c release >/dev/null
diming=$(swift build -c release --show-bin-path)/diming
work=$(mktemp -d /tmp/diming-web-bench.XXXXXX)
"$diming" demo --db "$work/web.sqlite" >/dev/null
"$diming" serve --db "$work/web.sqlite" --port 18099 >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
base=http://127.0.0.1:18099
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d '{"username":"reviewer","password":"diming-demo"}' $base/api/session \
  | awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2 }')
road=$(curl -s -H "Cookie: $cookie" "$base/api/roads?unnamed=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
for path in "/api/roads/$road" "/api/backlog" "/api/names/check?road=$road&name=%E5%90%8C%E5%BF%83%E8%B7%AF"; do
  echo "GET $path"
  wrk -t2 -c64 -d"${duration}s" --latency -H "Cookie: $cookie" "$base$path" | grep -E "Requests/sec|99%"
done
