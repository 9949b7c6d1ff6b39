#!/usr/bin/env bash
# HTTP load on a release coop-api over 100,000 catalogue items, with wrk on 127.0.0.1 only, bounded in
# time. Prints requests/s and p50/p99 for each scenario beside GET /health (the framework floor) and the
# ratio between them. Usage: Benchmarks/load.sh [seconds per scenario, default 10]
# Needs wrk (apt-get install wrk); `make bench` runs it after the package benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=32
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }

swift build -c release --product coop-api >/dev/null
swift build -c release --product coopctl >/dev/null
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d)
api_pid=""
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

db="$work/load.sqlite"
catalogue=.build-bench/catalogue-100k.csv
[ -f "$catalogue" ] || { mkdir -p .build-bench; python3 Benchmarks/generate-catalogue.py 100000 > "$catalogue"; }
export COOP_DB="$db"
"$bin/coopctl" init >/dev/null
"$bin/coopctl" item import "$catalogue" >/dev/null
"$bin/coopctl" plan add --name Annuel --fee 40 --months 12 --max-loans 1000 --max-reservations 10 >/dev/null
"$bin/coopctl" member add --first-name Desk --last-name Load --email desk@example.org --plan Annuel >/dev/null
"$bin/coopctl" item add --code LOAD-1 --name "Chaise de banquet" --quantity 100000 >/dev/null
token=$("$bin/coopctl" token create --role staff --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
COOP_LOG_LEVEL=warning "$bin/coop-api" --db "$db" --host 127.0.0.1 --port "$port" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

# Each wrk run prints "name req/s p50 p99" via a small Lua report.
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
LUA
cat > "$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
dofile("$work/report.lua")
LUA
cat > "$work/items.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", string.format("/api/v1/items/GC-%06d", (n * 7919) % 100000 + 1))
end
dofile("$work/report.lua")
LUA

# Catalogue search: sixteen different searches in turn (text, filters, both, second pages), as a
# busy catalogue page sees them. The API caches encoded pages until the next write, so after the
# first of each these are cache hits; "every search new" adds a parameter the API ignores but its
# cache keys on, so each request runs the search (the uncached cost).
cat > "$work/search.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
local queries = {
  "q=robe", "q=robe%20epoque&available=true", "q=velours&category=Costumes%2FRobe",
  "q=soie&category=Costumes%2FRobe&available=true", "category=Costumes%2FRobe&available=true&attr=taille%3DM",
  "location=Entrep%C3%B4t%2F%C3%89tage%202&attr=couleur%3Drouge", "q=chapeau%20de%20bal", "q=gilet%20brod",
  "q=GC-0045", "", "attr=couleur%3Dbleu&available=true", "q=dentelle&attr=taille%3DS",
  "q=redingote&location=Entrep%C3%B4t%2F%C3%89tage%203", "q=manteau&limit=20", "category=Costumes%2FCape%2F1850",
  "q=uniforme%20militaire&available=true",
}
local n = 0
local unique = os.getenv("COOP_LOAD_UNIQUE") == "1"
request = function()
  n = n + 1
  local query = queries[n % #queries + 1]
  if unique then query = query .. "&nocache=" .. n .. "-" .. math.random(1e9) end
  return wrk.format("GET", "/api/v1/items?" .. query)
end
dofile("$work/report.lua")
LUA

# The desk cycle: each connection checks a unit out, then brings that loan back, and so on.
cat > "$work/cycle.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
local pending = {}
request = function()
  local id = table.remove(pending)
  if id then
    return wrk.format("POST", "/api/v1/loans/" .. id .. "/return", nil, "{}")
  end
  return wrk.format("POST", "/api/v1/loans", nil, '{"item":"LOAD-1","member":"M-0001"}')
end
response = function(status, headers, body)
  if status == 201 then
    local id = string.match(body, '"id":(%d+)')
    if id then table.insert(pending, id) end
  end
end
dofile("$work/report.lua")
LUA

# A busy Saturday: four desks, each checking out or bringing back every 200 ms (20 writes/s), while
# 28 connections search. Every write empties the search cache, so this shows searching between writes.
cat > "$work/desk.lua" <<LUA
dofile("$work/cycle.lua")
delay = function() return 200 end
LUA

run() {  # name script path: a 2-second warm-up (caches, connections), then the measured run
  local line
  wrk -t2 -c"$connections" -d2s -s "$2" "http://127.0.0.1:$port$3" >/dev/null
  line=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$2" "http://127.0.0.1:$port$3" | grep '^RESULT')
  set -- "$1" $line
  printf '%-44s %9s req/s   p50 %7s ms   p99 %7s ms   errors %s\n' "$1" "$3" "$4" "$5" "$6"
  echo "$3" > "$work/rate"
}

echo "coop-api release, 100,000 items, wrk -t2 -c$connections -d${duration}s on 127.0.0.1"
run "GET /health (framework floor)" "$work/report.lua" "/health"; floor=$(cat "$work/rate")
ratio() { python3 -c "print(f'   = {int($(cat "$work/rate"))/int($floor)*100:.0f} % of /health')"; }
run "GET /api/v1/items (16 searches in turn)" "$work/search.lua" "/"; ratio
COOP_LOAD_UNIQUE=1 run "GET /api/v1/items (every search new: no cache)" "$work/search.lua" "/"; ratio
run "GET /api/v1/items/{code} (spread over 100k)" "$work/items.lua" "/"; ratio
run "GET /api/v1/members/{number}" "$work/auth.lua" "/api/v1/members/M-0001"; ratio
run "POST check-out / POST return (alternating)" "$work/cycle.lua" "/"; ratio

wrk -t1 -c4 -d"$((duration + 2))s" --latency -s "$work/desk.lua" "http://127.0.0.1:$port/" | grep '^RESULT' > "$work/desk" &
desk_pid=$!
sleep 1
line=$(wrk -t2 -c28 -d"${duration}s" --latency -s "$work/search.lua" "http://127.0.0.1:$port/" | grep '^RESULT')
wait "$desk_pid"
set -- $line
printf '%-44s %9s req/s   p50 %7s ms   p99 %7s ms   errors %s
' "Saturday: 28 searching (16 searches)" "$2" "$3" "$4" "$5"
set -- $(cat "$work/desk")
printf '%-44s %9s req/s   p50 %7s ms   p99 %7s ms   errors %s
' "  while 4 desks write every 200 ms" "$2" "$3" "$4" "$5"
