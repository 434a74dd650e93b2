#!/usr/bin/env bash
# Installs and starts what the test suite needs on Debian: PostgreSQL 15
# (with a role and database for the tests), Chromium for the browser
# tests and the PDF books, poppler-utils to read the PDFs back, the Noto
# fonts the books print Devanagari and Chinese, Japanese and Korean with,
# and Dovecot, which the mailbox tests start on loopback themselves.
# Safe to run again. Needs root (or sudo) for the first run.
set -euo pipefail

SUDO=""
AS_PG=(runuser -u postgres --)
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; AS_PG=(sudo -u postgres); fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils) # the books' PDF tests read them back
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd) # the mailbox tests start their own Dovecot (internal/mailbox)
# The books' fonts beyond DejaVu (docs/books.md, Fonts); internal/book's
# stress test checks that its PDFs embed them.
fonts=$(fc-list : family 2>/dev/null || true)
grep -q "Noto Sans Devanagari" <<<"$fonts" || need+=(fonts-noto-core)
grep -q "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
if [ "${#need[@]}" -gt 0 ]; then
  echo "services: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! $SUDO pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  "${AS_PG[@]}" pg_isready -q && break
  sleep 1
done

"${AS_PG[@]}" psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'itinera') THEN
    CREATE ROLE itinera LOGIN PASSWORD 'itinera';
  END IF;
END $$;
SQL
if ! "${AS_PG[@]}" psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'itinera_test'" | grep -q 1; then
  "${AS_PG[@]}" createdb -O itinera itinera_test
fi
echo "services: PostgreSQL $version and $(chromium --version 2>/dev/null | head -n 1) are ready"
