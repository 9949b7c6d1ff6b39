# Lua scripts for wrk that load.sh and growth.sh both drive, written with the staff token and the
# script that reports a run ("dofile" of REPORT). Sourced, not run.

# write_search_lua FILE TOKEN REPORT: sixteen different catalogue searches in turn (text, filters, both,
# second pages), as a busy catalogue page sees them. With COOP_LOAD_UNIQUE=1 each request adds a
# parameter the API ignores but its caches key on, so it runs the search from scratch.
write_search_lua() {
  local file=$1 token=$2 report=$3
  cat > "$file" <<LUA
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
dofile("$report")
LUA
}

# write_cycle_lua FILE TOKEN REPORT: the desk cycle; each connection checks a unit of LOAD-1 out for
# M-0001, then brings that loan back, and so on.
write_cycle_lua() {
  local file=$1 token=$2 report=$3
  cat > "$file" <<LUA
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
dofile("$report")
LUA
}
