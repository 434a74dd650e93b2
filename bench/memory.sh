#!/usr/bin/env bash
# Issue 14's memory figures, on loopback only: the resident memory (RSS) of
# `itinera serve` idle, and its peak while serving the pages of one program
# of 25,000 visitors (bench/bigtenant -programs 1 -visitors 25000), each
# page loaded by bench/load with C connections for D. Peak = the kernel's
# high-water mark (VmHWM in /proc/PID/status), read after each page, so
# each row's peak includes the rows before it. Prints a Markdown table.
# Targets: idle under 60 MB, any page under 150 MB.
#
#   bench/memory.sh                                   # SQLite in a temporary folder
#   C=4 D=5s VISITORS=25000 bench/memory.sh
#   PG=postgres://user:pw@127.0.0.1/db bench/memory.sh  # in a new schema of that database, dropped after
#
# HOST (default 127.0.0.1) must be a loopback address: the script refuses
# any other, as bench/load does.
set -euo pipefail
cd "$(dirname "$0")/.."
C=${C:-4}
D=${D:-5s}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18963}
PG=${PG:-}
VISITORS=${VISITORS:-25000}
MEETINGS=${MEETINGS:-300}
case "$HOST" in
  127.*|::1|localhost) ;;
  *) echo "bench/memory.sh: HOST=$HOST is not a loopback address; benchmarks never leave the machine" >&2; exit 2 ;;
esac
PASSWORD='bench password for the big org 42'
EMAIL=admin@big-org.example
work=$(mktemp -d)
pid=""
schema=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  [ -n "$schema" ] && psql -q "$PG" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/itinera" ./cmd/itinera
go build -o "$work/load" ./bench/load
go build -o "$work/bigtenant" ./bench/bigtenant
if [ -n "$PG" ]; then
  schema="bench_memory_$$_$RANDOM"
  psql -q "$PG" -c "CREATE SCHEMA $schema" >/dev/null
  case "$PG" in *\?*) dburl="$PG&search_path=$schema" ;; *) dburl="$PG?search_path=$schema" ;; esac
else
  dburl="sqlite:$work/big.db"
fi
"$work/bigtenant" -database "$dburl" -email "$EMAIL" -password "$PASSWORD" -programs 1 -visitors "$VISITORS" \
  -meetings "$MEETINGS" -feeds 100 -outbox 1000 -organizations 300 >&2
"$work/itinera" serve --database "$dburl" --addr "$HOST:$PORT" --log-level error --chromium none >"$work/serve.log" 2>&1 &
pid=$!
base="http://$HOST:$PORT"
for _ in $(seq 100); do curl -fs -o /dev/null "$base/login" && break; sleep 0.2; done
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
mb() { awk -v v="$1" 'BEGIN {printf "%.1f", v / 1024}'; }
sleep 2
idle=$(kb VmRSS)

csrf=$(curl -fs -c "$work/jar" "$base/login" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//' || true)
curl -fs -b "$work/jar" -c "$work/jar" -o /dev/null --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "csrf_token=$csrf" "$base/login"
cookie=$(awk '$6 == "itinera_session" {print $6 "=" $7}' "$work/jar")
token=$("$work/itinera" token create --database "$dburl" --email "$EMAIL" 2>/dev/null | tail -1)
after_signin=$(kb VmHWM)

echo "| what ($VISITORS visitors in one program; $C connections for $D) | bytes per answer | req/s | RSS after (MB) | peak RSS so far (MB) | under 150 MB |"
echo "|---|---|---|---|---|---|"
echo "| idle, after start-up | | | $(mb "$idle") | | $( [ "$idle" -lt $((60 * 1024)) ] && echo "yes (target 60 MB)" || echo "**no** (target 60 MB)") |"
echo "| one sign-in (Argon2id hashing) | | | $(mb "$(kb VmRSS)") | $(mb "$after_signin") | |"
row() { # name path header
  local out
  out=$("$work/load" -c "$C" -d "$D" -name "$1" -url "$base$2" -H "$3")
  local hwm rss ok
  hwm=$(kb VmHWM); rss=$(kb VmRSS)
  ok=$( [ "$hwm" -lt $((150 * 1024)) ] && echo yes || echo "**no**")
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("| %s | %d | %.0f | " % (r["name"], r["bytes_per_answer"], r["rps"]), end="")' "$out"
  echo "$(mb "$rss") | $(mb "$hwm") | $ok |"
  if ! python3 -c 'import json,sys; sys.exit(json.loads(sys.argv[1])["errors"])' "$out"; then echo "  errors: $out" >&2; fi
}
row "page: programs" /programs "Cookie: $cookie"
row "page: program overview" /programs/1 "Cookie: $cookie"
row "page: program delegation (first page)" /programs/1/delegation "Cookie: $cookie"
row "page: program delegation (a page in the middle)" "/programs/1/delegation?after=$((VISITORS / 2))" "Cookie: $cookie"
row "page: program candidates" /programs/1/candidates "Cookie: $cookie"
row "page: program itinerary" /programs/1/itinerary "Cookie: $cookie"
row "page: outbox" /outbox "Cookie: $cookie"
row "API: program record" /api/v1/programs/1 "Authorization: Bearer $token"
row "API: program visitors (first page)" /api/v1/programs/1/visitors "Authorization: Bearer $token"
echo
echo "peak RSS of the whole run: $(mb "$(kb VmHWM)") MB; Go $(go env GOVERSION); $(nproc) cores"
