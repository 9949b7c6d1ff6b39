#!/usr/bin/env bash
# Issue 16's import target, in one run: `coopctl item import` of the generated catalogue through the CLI
# (a new database, progress shown: the command runs on a pseudo-terminal), against the sqlite3 shell's
# import of the same file with its FTS index (Benchmarks/inventory-floor.sh). Target: within 1.5x.
#
# Usage: Benchmarks/import.sh [catalogue.csv] [--before BIN_DIR] [--runs N]
#   --before BIN_DIR  also time the coopctl in BIN_DIR (another commit's release build), in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
csv=.build-bench/catalogue-100k.csv
before_bin=""
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before_bin=$(cd "$2" && pwd); shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) csv=$1; shift ;;
  esac
done
[ -f "$csv" ] || { mkdir -p "$(dirname "$csv")"; python3 Benchmarks/generate-catalogue.py 100000 > "$csv"; }
command -v script >/dev/null || { echo "script missing: apt-get install bsdutils" >&2; exit 1; }
swift build -c release --product coopctl >/dev/null
after_bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One timed import on a new database, on a pseudo-terminal so that progress is drawn as a person sees it.
import_once() {  # bin -> seconds
  local db="$work/import.sqlite"
  rm -f "$db" "$db-wal" "$db-shm"
  COOP_DB="$db" "$1/coopctl" init >/dev/null
  local start end
  start=$(date +%s.%N)
  COOP_DB="$db" script -qfec "$1/coopctl item import $csv" "$work/tty.log" >/dev/null
  end=$(date +%s.%N)
  grep -q "$(basename "$csv") $(($(wc -l < "$csv") - 1))/" "$work/tty.log" || { echo "no progress shown" >&2; exit 1; }
  python3 -c "print(f'{$end - $start:.2f}')"
}

floor_once() {
  bash Benchmarks/inventory-floor.sh "$csv" 2>&1 | sed -n 's/^import, whole: \([0-9.]*\) s$/\1/p'
}

echo "import of $(($(wc -l < "$csv") - 1)) rows ($csv), $runs runs each, interleaved"
declare -A times
labels=(floor after)
[ -n "$before_bin" ] && labels=(floor before after)
for run in $(seq "$runs"); do
  for label in "${labels[@]}"; do
    case $label in
      floor) t=$(floor_once) ;;
      before) t=$(import_once "$before_bin") ;;
      after) t=$(import_once "$after_bin") ;;
    esac
    times[$label]="${times[$label]:-} $t"
    printf '  run %d  %-6s %6s s\n' "$run" "$label" "$t"
  done
done
python3 - "${times[floor]}" "${times[after]}" "${times[before]:-}" <<'PY'
import sys
best = lambda text: min(float(x) for x in text.split()) if text.strip() else None
floor, after, before = best(sys.argv[1]), best(sys.argv[2]), best(sys.argv[3])
print(f"best of each: sqlite3 shell floor {floor:.2f} s; coopctl item import {after:.2f} s = {after/floor:.2f}x the floor "
      f"(target <= 1.5x: {'met' if after <= 1.5 * floor else 'NOT met'})")
if before: print(f"before: {before:.2f} s = {before/floor:.2f}x the floor")
PY
