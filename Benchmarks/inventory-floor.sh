#!/usr/bin/env bash
# The floor for Inventory's figures: the same work done by the sqlite3 shell on the same catalogue.
# Usage: Benchmarks/inventory-floor.sh [catalogue.csv]   (default: the file `make bench` generates)
# Needs the sqlite3 shell (apt-get install sqlite3). Prints the shell's own timings (.timer on).
set -euo pipefail
csv=${1:-.build-bench/catalogue-100k.csv}
[ -f "$csv" ] || { mkdir -p "$(dirname "$csv")"; python3 "$(dirname "$0")/generate-catalogue.py" 100000 > "$csv"; }
command -v sqlite3 >/dev/null || { echo "sqlite3 shell missing: apt-get install sqlite3" >&2; exit 1; }
db=$(mktemp -d)/floor.sqlite
trap 'rm -rf "$(dirname "$db")"' EXIT

echo "== import $(($(wc -l < "$csv") - 1)) rows: CSV into a table, then the FTS5 index and two indexes (one transaction)"
TIMEFORMAT='import, whole: %R s'
time sqlite3 "$db" <<SQL >/dev/null
PRAGMA journal_mode=WAL;
CREATE TABLE items(code TEXT PRIMARY KEY COLLATE NOCASE, name, description, category, location, quantity INTEGER,
                   tags, value, taille, couleur, epoque);
BEGIN;
.import --csv --skip 1 $csv items
CREATE VIRTUAL TABLE search USING fts5(code, name, description, category, tags, attributes,
                                       tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO search(rowid, code, name, description, category, tags, attributes)
  SELECT rowid, code, name, description, category, tags, taille || ' ' || couleur || ' ' || epoque FROM items;
CREATE INDEX items_category ON items(category);
CREATE INDEX items_location ON items(location);
COMMIT;
SQL

echo "== searches (each: the 50 best by bm25, or the first 50 by code)"
sqlite3 "$db" <<'SQL'
.timer on
.output /dev/null
SELECT i.code FROM search s JOIN items i ON i.rowid = s.rowid WHERE search MATCH '"robe"' ORDER BY bm25(search) LIMIT 50;
SELECT i.code FROM search s JOIN items i ON i.rowid = s.rowid WHERE search MATCH '"robe" "epoque"*' ORDER BY bm25(search) LIMIT 50;
SELECT i.code FROM search s JOIN items i ON i.rowid = s.rowid WHERE search MATCH '"velours" "bord"*' ORDER BY bm25(search) LIMIT 50;
SELECT code FROM items WHERE (category = 'Costumes/Robe' OR category LIKE 'Costumes/Robe/%') AND quantity > 0 AND taille = 'M' ORDER BY code LIMIT 50;
SELECT code FROM items WHERE location LIKE 'Entrepôt/Étage 2/%' AND couleur = 'rouge' ORDER BY code LIMIT 50;
SELECT i.code FROM search s JOIN items i ON i.rowid = s.rowid WHERE search MATCH '"soie"' AND i.category LIKE 'Costumes/Robe/%' ORDER BY bm25(search) LIMIT 50;
SELECT code FROM items ORDER BY code LIMIT 50;
SELECT * FROM items WHERE code = 'GC-054321';
SQL
