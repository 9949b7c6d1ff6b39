#!/usr/bin/env bash
# How Coop grows with the catalogue: for 10,000, 100,000 and 1,000,000 generated items
# (Benchmarks/generate-catalogue.py), the import through `coopctl item import`, then against a release
# coop-api on that database: one search computed from scratch (the 16 searches of load.sh in turn, each
# made new so that no cache answers; one connection, so each figure is one search's own latency), the same
# searches once kept (units read fresh after each check-out: 4 connections searching while a desk checks
# out and in every 50 ms), and the desk's check-out / return on one connection.
# Prints a Markdown table for docs/PERFORMANCE.md.
#
# Usage: Benchmarks/growth.sh [seconds per measure, default 5] [sizes..., default 10000 100000 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
swift build -c release --product coop-api >/dev/null
swift build -c release --product coopctl >/dev/null
bin=$(swift build -c release --show-bin-path)
source "$(dirname "$0")/wrk-scripts.sh"
work=$(mktemp -d)
api_pid=""
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

rows=()
for n in "${sizes[@]}"; do
  csv=.build-bench/catalogue-$n.csv
  [ -f "$csv" ] || { mkdir -p .build-bench; python3 Benchmarks/generate-catalogue.py "$n" > "$csv"; }
  db="$work/growth-$n.sqlite"
  export COOP_DB="$db"
  "$bin/coopctl" init >/dev/null
  start=$(date +%s.%N)
  "$bin/coopctl" item import "$csv" >/dev/null
  end=$(date +%s.%N)
  import=$(python3 -c "print(f'{$end - $start:.2f}')")
  "$bin/coopctl" plan add --name Annuel --fee 40 --months 12 --max-loans 100000 --max-reservations 10 >/dev/null
  "$bin/coopctl" member add --first-name Desk --last-name Load --email desk@example.org --plan Annuel >/dev/null
  "$bin/coopctl" item add --code LOAD-1 --name "Chaise de banquet" --quantity 1000000 >/dev/null
  token=$("$bin/coopctl" token create --role staff --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  COOP_LOG_LEVEL=warning "$bin/coop-api" --db "$db" --host 127.0.0.1 --port "$port" >"$work/api.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  # Codes go up to the catalogue's size: the code search asks for one that exists.
  write_search_lua "$work/search.lua" "$token" "$work/report.lua"
  write_cycle_lua "$work/cycle.lua" "$token" "$work/report.lua"
  cat > "$work/desk.lua" <<LUA
dofile("$work/cycle.lua")
delay = function() return 50 end
LUA
  url="http://127.0.0.1:$port/"
  new=$(COOP_LOAD_UNIQUE=1 wrk -t1 -c1 -d"${duration}s" --latency -s "$work/search.lua" "$url" | grep '^RESULT')
  wrk -t1 -c4 -d2s -s "$work/search.lua" "$url" >/dev/null
  wrk -t1 -c1 -d"$((duration + 2))s" -s "$work/desk.lua" "$url" >/dev/null &
  desk=$!
  sleep 1
  kept=$(COOP_LOAD_UNIQUE=0 wrk -t1 -c4 -d"${duration}s" --latency -s "$work/search.lua" "$url" | grep '^RESULT')
  wait "$desk"
  cycle=$(wrk -t1 -c1 -d"${duration}s" --latency -s "$work/cycle.lua" "$url" | grep '^RESULT')
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=""
  set -- $new; new_p50=$3; new_p99=$4
  set -- $kept; kept_p50=$3; kept_p99=$4; kept_rate=$2
  set -- $cycle; cycle_p50=$3; cycle_p99=$4
  rows+=("| $(python3 -c "print(f'{$n:,}')") | $import s | $new_p50 / $new_p99 ms | $kept_p50 / $kept_p99 ms ($kept_rate/s) | $cycle_p50 / $cycle_p99 ms |")
  rm -f "$db" "$db-wal" "$db-shm"
done
echo "| items | coopctl item import | search from scratch: p50 / p99 | search kept, desk writing: p50 / p99 | check-out or return: p50 / p99 |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
