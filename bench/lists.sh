#!/usr/bin/env bash
# Issue 14's big tenant, on loopback only: bench/bigtenant fills a new
# database (500 programs, 10,000 visitors, 20,000 meetings, 200,000 outbox
# messages, 5,000 feeds by default), `itinera serve` serves it, and
# bench/load loads every list page and API list (first page) and a program's
# pages, C connections for D each. Prints one JSON line per run and a
# Markdown table with p99 against the 50 ms target.
#
#   C=50 D=5s bench/lists.sh
#   PG=postgres://user:pw@127.0.0.1/db bench/lists.sh   # in a new schema of that database
#   DB=/tmp/big.db bench/lists.sh                      # fill that SQLite file once, reuse it after
#   PG=… PG_SCHEMA=bench_big bench/lists.sh             # the same with a PostgreSQL schema (kept)
set -euo pipefail
cd "$(dirname "$0")/.."
C=${C:-50}
D=${D:-5s}
PORT=${PORT:-18962}
PG=${PG:-}
DB=${DB:-}
PG_SCHEMA=${PG_SCHEMA:-}
PASSWORD='bench password for the big org 42'
EMAIL=admin@big-org.example
work=$(mktemp -d)
pids=()
schema=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
  [ -n "$schema" ] && psql -q "$PG" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/itinera" ./cmd/itinera
go build -o "$work/load" ./bench/load
go build -o "$work/bigtenant" ./bench/bigtenant
fill=yes
if [ -n "$PG" ]; then
  s=${PG_SCHEMA:-bench_lists_$$_$RANDOM}
  if [ -z "$PG_SCHEMA" ]; then schema=$s; fi  # dropped at the end
  if [ "$(psql -Atq "$PG" -c "SELECT COUNT(*) FROM pg_namespace WHERE nspname = '$s'")" = 1 ]; then
    fill=""
  else
    psql -q "$PG" -c "CREATE SCHEMA $s" >/dev/null
  fi
  case "$PG" in *\?*) dburl="$PG&search_path=$s" ;; *) dburl="$PG?search_path=$s" ;; esac
else
  file=${DB:-$work/big.db}
  dburl="sqlite:$file"
  if [ -f "$file" ]; then fill=""; fi
fi
if [ -n "$fill" ]; then
  "$work/bigtenant" -database "$dburl" -email "$EMAIL" -password "$PASSWORD" >&2
fi
"$work/itinera" migrate --database "$dburl" >/dev/null
"$work/itinera" serve --database "$dburl" --addr "127.0.0.1:$PORT" --log-level error >"$work/serve.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs -o /dev/null "$base/login" && break; sleep 0.2; done
csrf=$(curl -fs -c "$work/jar" "$base/login" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//' || true)
curl -fs -b "$work/jar" -c "$work/jar" -o /dev/null --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "csrf_token=$csrf" "$base/login"
cookie=$(awk '$6 == "itinera_session" {print $6 "=" $7}' "$work/jar")
token=$("$work/itinera" token create --database "$dburl" --email "$EMAIL" 2>/dev/null | tail -1)

# Each address is asked once alone first: that answer is made from the
# database (nothing is kept for it yet), and its time is the "first" column.
first() { curl -s -o /dev/null -w '%{time_total}' -H "$1" "$2"; }
withfirst() { python3 -c 'import json,sys; r=json.load(sys.stdin); r["first_ms"]=float(sys.argv[1])*1000; print(json.dumps(r))' "$1"; }
page() { local f; f=$(first "Cookie: $cookie" "$base$2"); "$work/load" -c "$C" -d "$D" -name "$1" -url "$base$2" -H "Cookie: $cookie" | withfirst "$f"; }
api() { local f; f=$(first "Authorization: Bearer $token" "$base$2"); "$work/load" -c "$C" -d "$D" -name "$1" -url "$base$2" -H "Authorization: Bearer $token" | withfirst "$f"; }
{
  page "page: programs" /programs
  page "page: program overview" /programs/1
  page "page: program delegation" /programs/1/delegation
  page "page: program candidates" /programs/1/candidates
  page "page: outbox" /outbox
  page "page: directory" /directory
  page "page: audit log" /admin/audit
  page "page: home" /
  api "API: programs" /api/v1/programs
  api "API: program record" /api/v1/programs/1
  api "API: program visitors" /api/v1/programs/1/visitors
  api "API: program meetings" /api/v1/programs/1/meetings
  api "API: program feeds" /api/v1/programs/1/feeds
  api "API: outbox" /api/v1/outbox
  api "API: organizations" /api/v1/organizations
  api "API: contacts" /api/v1/contacts
} | tee "$work/results.jsonl"
python3 - "$work/results.jsonl" "$C" "$D" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"\n| what ({sys.argv[2]} connections, {sys.argv[3]}) | first answer ms (made from the database) | req/s | p50 ms | p99 ms | under 50 ms | errors | bytes |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    ok = "yes" if r["p99_ms"] < 50 and r["errors"] == 0 else "**no**"
    print(f"| {r['name']} | {r['first_ms']:.1f} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {ok} | {r['errors']} | {r['bytes_per_answer']} |")
PY
