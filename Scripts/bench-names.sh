#!/usr/bin/env bash
# Name-check and search benchmark (issue: standard names). Goals: one check against a county of
# 100,000 names ≤ 2 ms at p99, all rules included; search ≤ 5 ms at p99.
# Then the romaniser on real names (issue 14): the review-prompt rate over the village names of
# ../shared/data (when present) and the announced road names of Scripts/bench-data, and the sign-form
# accuracy against the announced names' published sign forms.
# Usage: Scripts/bench-names.sh [NAMES] [CHECKS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
"$(swift build -c release --show-bin-path)/diming" names bench --names "${1:-100000}" --checks "${2:-2000}"
villages=../shared/data/admin/target_areas_5level_2021_liyanjie.csv
if [ -f "$villages" ]; then
  "$(swift build -c release --show-bin-path)/diming" names bench-readings --villages "$villages"
else
  echo "(../shared/data absent: the review-prompt rate covers the announced names only)" >&2
  "$(swift build -c release --show-bin-path)/diming" names bench-readings
fi
