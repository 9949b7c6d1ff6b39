#!/usr/bin/env bash
# Hostile input against the real API: schemathesis generates requests for every operation of
# /openapi.yaml (with a staff token) and checks that no answer is a 500 and every answer matches its
# documented status and schema. Runs on 127.0.0.1 only, bounded by --max-examples.
# Usage: scripts/fuzz.sh [max examples per operation, default 25]   (make fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-25}
command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis
swift build --product coop-api >/dev/null
swift build --product coopctl >/dev/null
bin=$(swift build --show-bin-path)
work=$(mktemp -d)
api_pid=""
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

export COOP_DB="$work/fuzz.sqlite"
"$bin/coopctl" init >/dev/null
"$bin/coopctl" plan add --name Annuel --fee 40 --months 12 --max-loans 5 --max-reservations 3 >/dev/null
"$bin/coopctl" member add --first-name Ada --last-name Lovelace --email ada@example.org --plan Annuel >/dev/null
"$bin/coopctl" item add --code T-0001 --name Perceuse --category Outils --location Atelier --create >/dev/null
token=$("$bin/coopctl" token create --role staff --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
COOP_LOG_LEVEL=warning "$bin/coop-api" --db "$COOP_DB" --host 127.0.0.1 --port "$port" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

set +e
schemathesis run "http://127.0.0.1:$port/openapi.yaml" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$examples" --workers 2 --no-color --generation-deterministic --max-time 600 "${@:2}" \
    2>&1 | tee "$work/fuzz.log"
status=${PIPESTATUS[0]}
set -e
kill -0 "$api_pid" 2>/dev/null || { echo "fuzz: coop-api stopped during the run (see its log above)" >&2; cat "$work/api.log" >&2; exit 1; }
bash scripts/fuzz-verdict.sh "$status" "$work/fuzz.log"
