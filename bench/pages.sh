#!/usr/bin/env bash
# Issue 14's side-by-side load test, on loopback only: the demo's signed-in
# program page, the API's program record and itinerary, a visitor's
# calendar feed (full answers and 304s), each against nginx serving the
# same bytes from files, in the same run, with the same load generator
# (bench/load: closed loop, C connections for D). Prints one JSON line per
# run and a Markdown table. Needs Go and nginx (apt-get install nginx-light).
#
#   C=50 D=10s bench/pages.sh
#   PG=postgres://user:pw@127.0.0.1/db bench/pages.sh   # the demo in a new schema of that PostgreSQL database
#   ONLY='program page' PROFILE=/tmp/page.prof bench/pages.sh   # one row (and its nginx twin), with a CPU profile of the server
#
# ONLY keeps the rows whose name contains it; PROFILE is the server's whole run
# (start-up included), so profile one row at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
C=${C:-50}
D=${D:-10s}
PORT=${PORT:-18960}
NGINX_PORT=${NGINX_PORT:-18961}
PG=${PG:-}
ONLY=${ONLY:-}
PROFILE=${PROFILE:-}
PASSWORD='bench password for the demo 42'
EMAIL=officer@gateway-global.example
work=$(mktemp -d)
pids=()
schema=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$schema" ] && psql -q "$PG" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
command -v nginx >/dev/null || { echo "bench/pages.sh: nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }

go build -o "$work/itinera" ./cmd/itinera
go build -o "$work/load" ./bench/load
dbargs=()
dburl="sqlite:$work/data/itinera.db"
if [ -n "$PG" ]; then
  # A new schema of the database named, dropped at the end.
  schema="bench_pages_$$_$RANDOM"
  psql -q "$PG" -c "CREATE SCHEMA $schema" >/dev/null
  case "$PG" in *\?*) dburl="$PG&search_path=$schema" ;; *) dburl="$PG?search_path=$schema" ;; esac
  dbargs=(--database "$dburl")
fi
profargs=()
[ -n "$PROFILE" ] && profargs=(--cpu-profile "$PROFILE")
ITINERA_DEMO_PASSWORD="$PASSWORD" "$work/itinera" demo --data "$work/data" "${dbargs[@]}" "${profargs[@]}" \
  --addr "127.0.0.1:$PORT" --log-level error >"$work/demo.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs -o /dev/null "$base/login" && break; sleep 0.2; done

# A session for the page, a token for the API, a feed for the calendar.
csrf=$(curl -fs -c "$work/jar" "$base/login" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//' || true)
curl -fs -b "$work/jar" -c "$work/jar" -o /dev/null --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "csrf_token=$csrf" "$base/login"
cookie=$(awk '$6 == "itinera_session" {print $6 "=" $7}' "$work/jar")
token=$("$work/itinera" token create --database "$dburl" --email "$EMAIL" 2>/dev/null | tail -1)
feed=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"kind":"visitor","subject_id":1}' \
  "$base/api/v1/programs/1/feeds" | sed 's/.*"url":"\([^"]*\)".*/\1/')
feed=${feed#http://127.0.0.1:$PORT}

# The same bytes, served by nginx.
mkdir -p "$work/www"
curl -fs -H "Cookie: $cookie" "$base/programs/1" >"$work/www/program.html"
curl -fs -H "Authorization: Bearer $token" "$base/api/v1/programs/1" >"$work/www/program.json"
curl -fs -H "Authorization: Bearer $token" "$base/api/v1/programs/1/itinerary" >"$work/www/itinerary.json"
curl -fs "$base$feed" >"$work/www/feed.ics"
etag=$(curl -fsI "$base$feed" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/octet-stream;
  server { listen 127.0.0.1:$NGINX_PORT; root $work/www; etag on; }
}
CONF
chmod -R a+rX "$work"  # nginx's workers may run as another user
nginx -c "$work/nginx.conf" -p "$work"
nb="http://127.0.0.1:$NGINX_PORT"

# load NAME TWIN ARGS…: runs when ONLY is empty or in NAME or TWIN.
load() {
  local name=$1 twin=$2; shift 2
  case "$name|$twin" in *"$ONLY"*) "$work/load" -c "$C" -d "$D" -name "$name" "$@" ;; esac
}
{
  load "program page (signed in)" "" -url "$base/programs/1" -H "Cookie: $cookie"
  load "nginx: program page" "program page (signed in)" -url "$nb/program.html"
  load "API program record" "" -url "$base/api/v1/programs/1" -H "Authorization: Bearer $token"
  load "nginx: program record" "API program record" -url "$nb/program.json"
  load "API itinerary" "" -url "$base/api/v1/programs/1/itinerary" -H "Authorization: Bearer $token"
  load "nginx: itinerary" "API itinerary" -url "$nb/itinerary.json"
  load "calendar feed" "" -url "$base$feed"
  load "nginx: calendar feed" "calendar feed" -url "$nb/feed.ics"
  load "calendar feed, 304" "" -url "$base$feed" -H "If-None-Match: $etag" -status 304
} | tee "$work/results.jsonl"

kill "${pids[0]}" && wait "${pids[0]}" || true  # the server writes its profile as it stops
python3 - "$work/results.jsonl" "$C" "$D" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"\n| what ({sys.argv[2]} connections, {sys.argv[3]}) | req/s | p50 ms | p99 ms | errors | bytes | % of nginx |")
print("|---|---|---|---|---|---|---|")
nginx = {r["name"].split(": ", 1)[1]: r["rps"] for r in rows if r["name"].startswith("nginx: ")}
pairs = {"program page (signed in)": "program page", "API program record": "program record",
         "API itinerary": "itinerary", "calendar feed": "calendar feed", "calendar feed, 304": "calendar feed"}
for r in rows:
    ref = nginx.get(pairs.get(r["name"], ""), 0)
    ratio = f"{100 * r['rps'] / ref:.1f} %" if ref and not r["name"].startswith("nginx") else ""
    print(f"| {r['name']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | {r['bytes_per_answer']} | {ratio} |")
PY
