#!/usr/bin/env bash
# HTTP load on a release coop-api over 100,000 catalogue items, with wrk on 127.0.0.1 only, bounded in
# time. Prints requests/s and p50/p99 for each scenario beside GET /health (the framework floor) and the
# ratio between them, then the busy Saturday (searches while four desks write) against issue 16's targets.
#
# Usage: Benchmarks/load.sh [seconds per scenario, default 10] [--before BIN_DIR]
#   --before BIN_DIR  also serve the same catalogue with the coop-api and coopctl in BIN_DIR (another
#                     commit's release build, e.g. `git worktree add /tmp/coop-before 8aa4b4a` then
#                     `swift build -c release --scratch-path /tmp/coop-before/.build-bench` there) and run
#                     every scenario on it right before this build's, so both are measured in one run.
# Needs wrk (apt-get install wrk); `make bench` runs it after the package benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10
before_bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before_bin=$(cd "$2" && pwd); shift 2 ;;
    *) duration=$1; shift ;;
  esac
done
connections=32
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }

swift build -c release --product coop-api >/dev/null
swift build -c release --product coopctl >/dev/null
after_bin=$(swift build -c release --show-bin-path)
source "$(dirname "$0")/wrk-scripts.sh"
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

catalogue=.build-bench/catalogue-100k.csv
[ -f "$catalogue" ] || { mkdir -p .build-bench; python3 Benchmarks/generate-catalogue.py 100000 > "$catalogue"; }

# The Lua report: "RESULT req/s p50 p99 errors".
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
LUA

# serve TAG BIN: a database with the catalogue, a member, a desk item and a staff token, served by BIN's
# coop-api; writes the wrk scripts for that server into $work/TAG/.
serve() {
  local tag=$1 bin=$2 dir="$work/$1"
  mkdir -p "$dir"
  local db="$dir/load.sqlite"
  COOP_DB="$db" "$bin/coopctl" init >/dev/null
  COOP_DB="$db" "$bin/coopctl" item import "$catalogue" >/dev/null
  COOP_DB="$db" "$bin/coopctl" plan add --name Annuel --fee 40 --months 12 --max-loans 1000 --max-reservations 10 >/dev/null
  COOP_DB="$db" "$bin/coopctl" member add --first-name Desk --last-name Load --email desk@example.org --plan Annuel >/dev/null
  COOP_DB="$db" "$bin/coopctl" item add --code LOAD-1 --name "Chaise de banquet" --quantity 100000 >/dev/null
  local token
  token=$(COOP_DB="$db" "$bin/coopctl" token create --role staff --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  COOP_LOG_LEVEL=warning "$bin/coop-api" --db "$db" --host 127.0.0.1 --port "$port" >"$dir/api.log" 2>&1 &
  pids+=($!)
  echo "$port" > "$dir/port"
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

  cat > "$dir/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
dofile("$work/report.lua")
LUA
  cat > "$dir/items.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", string.format("/api/v1/items/GC-%06d", (n * 7919) % 100000 + 1))
end
dofile("$work/report.lua")
LUA

  # Catalogue search (see wrk-scripts.sh); after the first of each, cache hits until the next write.
  write_search_lua "$dir/search.lua" "$token" "$work/report.lua"

  write_cycle_lua "$dir/cycle.lua" "$token" "$work/report.lua"

  # A busy Saturday: four desks, each checking out or bringing back every 200 ms (20 writes/s), while
  # 28 connections search.
  cat > "$dir/desk.lua" <<LUA
dofile("$dir/cycle.lua")
delay = function() return 200 end
LUA
}

tags=(after)
serve after "$after_bin"
if [ -n "$before_bin" ]; then
  tags=(before after)
  serve before "$before_bin"
fi

line() {  # label tag result...: one printed line
  local label=$1 tag=$2; shift 2
  printf '%-46s %-6s %9s req/s   p50 %7s ms   p99 %7s ms   errors %s\n' "$label" "$tag" "$1" "$2" "$3" "$4"
}

# Waits until the server has finished the requests wrk gave up on (an uncached search's queue), so
# that they do not slow the next measure or the other server's.
settle() {
  for _ in $(seq 100); do
    local t
    t=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$1/health")
    python3 -c "import sys; sys.exit(0 if $t < 0.02 else 1)" && break
    sleep 0.2
  done
  sleep 1
}

measure() {  # name script-name path [env]: a 2-second warm-up (caches, connections), then the measured run, per server
  local name=$1 script=$2 path=$3 tag port result
  for tag in "${tags[@]}"; do
    port=$(cat "$work/$tag/port")
    wrk -t2 -c"$connections" -d2s -s "$work/$tag/$script" "http://127.0.0.1:$port$path" >/dev/null
    result=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/$tag/$script" "http://127.0.0.1:$port$path" | grep '^RESULT' | cut -d' ' -f2-)
    echo "$result" > "$work/$tag/$script-$COOP_LOAD_UNIQUE.result"
    settle "$port"
    set -- $result
    local share=""
    [ -f "$work/$tag/floor" ] && share=$(python3 -c "print(f'  = {$1/$(cat "$work/$tag/floor")*100:.1f} % of /health')")
    line "$name" "$tag" "$@"
    [ -n "$share" ] && echo "$share"
  done
}

saturday() {  # per server: 4 desks writing every 200 ms while 28 connections search
  local tag port
  for tag in "${tags[@]}"; do
    port=$(cat "$work/$tag/port")
    wrk -t1 -c4 -d"$((duration + 2))s" --latency -s "$work/$tag/desk.lua" "http://127.0.0.1:$port/" | grep '^RESULT' | cut -d' ' -f2- > "$work/$tag/desk" &
    local desk_pid=$!
    sleep 1
    wrk -t2 -c28 -d"${duration}s" --latency -s "$work/$tag/search.lua" "http://127.0.0.1:$port/" | grep '^RESULT' | cut -d' ' -f2- > "$work/$tag/saturday"
    wait "$desk_pid"
    settle "$port"
    line "Saturday: 28 searching (16 searches)" "$tag" $(cat "$work/$tag/saturday")
    line "  while 4 desks write every 200 ms" "$tag" $(cat "$work/$tag/desk")
  done
}

echo "coop-api release, 100,000 items, wrk -t2 -c$connections -d${duration}s on 127.0.0.1${before_bin:+; before = $before_bin}"
export COOP_LOAD_UNIQUE=0
for tag in "${tags[@]}"; do
  port=$(cat "$work/$tag/port")
  wrk -t2 -c"$connections" -d2s -s "$work/report.lua" "http://127.0.0.1:$port/health" >/dev/null
  result=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/report.lua" "http://127.0.0.1:$port/health" | grep '^RESULT' | cut -d' ' -f2-)
  line "GET /health (framework floor)" "$tag" $result
  echo "$result" | cut -d' ' -f1 > "$work/$tag/floor"
done
measure "GET /api/v1/items (16 searches in turn)" search.lua "/"
COOP_LOAD_UNIQUE=1 measure "GET /api/v1/items (every search new: no cache)" search.lua "/"
measure "GET /api/v1/items/{code} (spread over 100k)" items.lua "/"
measure "GET /api/v1/members/{number}" auth.lua "/api/v1/members/M-0001"
measure "POST check-out / POST return (alternating)" cycle.lua "/"
saturday

# Issue 16's targets, per server.
echo
for tag in "${tags[@]}"; do
  python3 - "$tag" "$work/$tag" <<'PY'
import sys
tag, d = sys.argv[1], sys.argv[2]
read = lambda name: [float(x) for x in open(f"{d}/{name}").read().split()]
floor = read("floor")[0]
calm = read("search.lua-0.result")
new = read("search.lua-1.result")
sat, desk = read("saturday"), read("desk")
def check(ok): return "met" if ok else "NOT met"
print(f"{tag}: Saturday searches {sat[0]:.0f} req/s = {sat[0]/calm[0]*100:.0f} % of the {calm[0]:.0f} without writes "
      f"(target >= 50 %: {check(sat[0] >= calm[0]/2)}), p99 {sat[2]:.2f} ms (target < 10 ms: {check(sat[2] < 10)}); "
      f"desk p99 {desk[2]:.2f} ms (target < 25 ms: {check(desk[2] < 25)}); "
      f"every search new {new[0]/floor*100:.2f} % of /health")
PY
done
if [ -n "$before_bin" ]; then
  python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
share = lambda tag: float(open(f"{w}/{tag}/search.lua-1.result").read().split()[0]) / float(open(f"{w}/{tag}/floor").read().split()[0])
ratio = share("after") / share("before")
print(f"every search new: {ratio:.2f}x the share of /health before (target >= 3x: {'met' if ratio >= 3 else 'NOT met'})")
PY
fi
