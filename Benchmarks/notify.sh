#!/usr/bin/env bash
# Issue 14's benchmark: 10,000 notices enqueued and delivered to a real SMTP server on 127.0.0.1
# (aiosmtpd, Tests/mail/smtp_server.py), through the release coopctl.
#
# 10,000 members are imported, then one cycle is opened: its transaction writes one `cycle_open` notice
# per active member (the enqueue). `coopctl notify run --once` then renders and sends them all over
# one kept-alive SMTP connection (the delivery). Prints both times and the delivery rate.
#
# Usage: Benchmarks/notify.sh [COUNT]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
make --no-print-directory mail-tools
swift build -c release --product coopctl >/dev/null
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
export COOP_DB="$work/notify.sqlite" COOP_MAIL_FROM=outils@coop-exemple.org COOP_PUBLIC_URL=https://outils.coop-exemple.org

"$bin/coopctl" init >/dev/null
python3 - "$count" > "$work/members.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("first_name,last_name,email,language")
for i in range(1, n + 1):
    print(f"Membre{i},Nom{i},membre{i}@example.org,{'fr' if i % 3 else 'en'}")
PY
"$bin/coopctl" member import "$work/members.csv" >/dev/null
"$bin/coopctl" cycle create --name "Semaine 50" --opens 2026-12-07T09:00 --closes 2099-12-31T20:00 --pickup-date 2100-01-02 >/dev/null

start=$(date +%s.%N)
"$bin/coopctl" cycle open 1 >/dev/null
end=$(date +%s.%N)
enqueue=$(echo "$end - $start" | bc)

.build/venv-mail/bin/python Tests/mail/smtp_server.py --dir "$work/mail" &
server=$!
for _ in $(seq 1 500); do [ -f "$work/mail/port" ] && break; sleep 0.01; done
export COOP_SMTP_URL="smtp://127.0.0.1:$(cat "$work/mail/port")"

start=$(date +%s.%N)
cpu0=$(awk '{print $14 + $15}' /proc/$server/stat)
/usr/bin/time -o "$work/cpu" -f '%U %S' "$bin/coopctl" notify run --once
end=$(date +%s.%N)
deliver=$(echo "$end - $start" | bc)
# The SMTP server's CPU seconds during the delivery (clock ticks of 1/100 s): where the time goes.
server_cpu=$(echo "($(awk '{print $14 + $15}' /proc/$server/stat) - $cpu0) / 100" | bc -l)
received=$(ls "$work/mail" | grep -c '\.eml$')
sent=$("$bin/coopctl" notify list --status sent --limit 1 --json >/dev/null; sqlite3 "$COOP_DB" "SELECT count(*) FROM coop_outbox WHERE status = 'sent'")
printf 'notices: %d enqueued in %.2f s (one transaction, the cycle opening)\n' "$count" "$enqueue"
coop_cpu=$(awk '{print $1 + $2}' "$work/cpu")
printf 'coopctl busy %.1f s (render, MIME, outbox writes, libcurl)\n' "$coop_cpu"
printf 'delivery: %d sent, %d received by the SMTP server, in %.2f s: %.0f notices/s (the Python server busy %.1f s of it)\n' \
  "$sent" "$received" "$deliver" "$(echo "$sent / $deliver" | bc -l)" "$server_cpu"
