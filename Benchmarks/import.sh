#!/usr/bin/env bash
# Issue 16's import target, in one run: `coopctl item import` of the generated catalogue through the CLI
# (a new database, progress shown: the command runs on a pseudo-terminal), against the sqlite3 shell's
# import of the same file with its FTS index (Benchmarks/inventory-floor.sh). Target: within 1.5x.
#
# Usage: Benchmarks/import.sh [catalogue.csv] [--before BIN_DIR] [--runs N] [--schema]
#   --before BIN_DIR  also time the coopctl in BIN_DIR (another commit's release build), in the same run.
#   --schema          also time the sqlite3 shell writing the rows coopctl writes into Coop's own schema
#                     (copied, table by table in one transaction, from a database coopctl imported the
#                     file into): what SQLite alone needs for Coop's tables, indexes, checks and keys.
set -euo pipefail
cd "$(dirname "$0")/.."
csv=.build-bench/catalogue-100k.csv
before_bin=""
runs=3
schema=""
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before_bin=$(cd "$2" && pwd); shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --schema) schema=1; shift ;;
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

# Coop's rows written by the sqlite3 shell into a new Coop database, as coopctl's connection is set up
# for the import (foreign keys on, synchronous NORMAL, the import's 256 MB page cache), in the order
# coopctl writes them, one INSERT … SELECT per table from a database coopctl filled (not timed).
schema_once() {
  local db="$work/schema.sqlite"
  rm -f "$db" "$db-wal" "$db-shm"
  COOP_DB="$db" "$after_bin/coopctl" init >/dev/null
  local start end
  start=$(date +%s.%N)
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -262144;
ATTACH '$work/source.sqlite' AS src;
BEGIN IMMEDIATE;
INSERT INTO inventory_categories SELECT * FROM src.inventory_categories ORDER BY id;
INSERT INTO inventory_locations SELECT * FROM src.inventory_locations ORDER BY id;
INSERT INTO inventory_items SELECT * FROM src.inventory_items ORDER BY id;
INSERT INTO inventory_item_tags SELECT * FROM src.inventory_item_tags ORDER BY item_id, tag;
INSERT INTO inventory_item_attributes SELECT * FROM src.inventory_item_attributes ORDER BY item_id, key;
INSERT INTO inventory_movements SELECT * FROM src.inventory_movements ORDER BY id;
INSERT INTO inventory_search (rowid, code, name, description, category, tags, attributes)
  SELECT rowid, code, name, description, category, tags, attributes FROM src.inventory_search ORDER BY rowid;
UPDATE inventory_catalogue SET version = version + 1;
COMMIT;
SQL
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f}')"
}

echo "import of $(($(wc -l < "$csv") - 1)) rows ($csv), $runs runs each, interleaved"
declare -A times
labels=(floor after)
[ -n "$before_bin" ] && labels=(floor before after)
if [ -n "$schema" ]; then
  labels+=(schema)
  COOP_DB="$work/source.sqlite" "$after_bin/coopctl" init >/dev/null
  COOP_DB="$work/source.sqlite" "$after_bin/coopctl" item import "$csv" >/dev/null
fi
for run in $(seq "$runs"); do
  for label in "${labels[@]}"; do
    case $label in
      floor) t=$(floor_once) ;;
      before) t=$(import_once "$before_bin") ;;
      after) t=$(import_once "$after_bin") ;;
      schema) t=$(schema_once) ;;
    esac
    times[$label]="${times[$label]:-} $t"
    printf '  run %d  %-6s %6s s\n' "$run" "$label" "$t"
  done
done
python3 - "${times[floor]}" "${times[after]}" "${times[before]:-}" "${times[schema]:-}" <<'PY'
import sys
best = lambda text: min(float(x) for x in text.split()) if text.strip() else None
floor, after, before, schema = best(sys.argv[1]), best(sys.argv[2]), best(sys.argv[3]), best(sys.argv[4])
print(f"best of each: sqlite3 shell floor {floor:.2f} s; coopctl item import {after:.2f} s = {after/floor:.2f}x the floor "
      f"(target <= 1.5x: {'met' if after <= 1.5 * floor else 'NOT met'})")
if before: print(f"before: {before:.2f} s = {before/floor:.2f}x the floor")
if schema: print(f"Coop's rows by the sqlite3 shell: {schema:.2f} s = {schema/floor:.2f}x the floor; coopctl = {after/schema:.2f}x that")
PY
