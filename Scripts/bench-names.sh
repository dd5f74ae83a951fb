#!/usr/bin/env bash
# Name-check and search benchmark (issue: standard names). Goals: one check against a county of
# 100,000 names ≤ 2 ms at p99, all rules included; search ≤ 5 ms at p99.
# Usage: Scripts/bench-names.sh [NAMES] [CHECKS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
"$(swift build -c release --show-bin-path)/diming" names bench --names "${1:-100000}" --checks "${2:-2000}"
