#!/usr/bin/env bash
# The whole test suite, nothing skipped: starts PostgreSQL and installs
# Chromium when needed (scripts/services.sh), then runs every Go test on
# SQLite and PostgreSQL, the browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."

# go.mod and go.sum must be what `go mod tidy` makes of them: direct
# dependencies not marked indirect, no missing or stale checksums.
if ! go mod tidy -diff; then
  echo "test.sh: go.mod or go.sum is not tidy: run 'go mod tidy' and commit the result" >&2
  exit 1
fi

scripts/services.sh
export ITINERA_TEST_POSTGRES="${ITINERA_TEST_POSTGRES:-postgres://itinera:itinera@127.0.0.1:5432/itinera_test?sslmode=disable}"
export ITINERA_CHROMIUM="${ITINERA_CHROMIUM:-$(command -v chromium)}"
# ical.js, the independent iCalendar implementation the calendar tests check against.
npm ci --prefix tools/icaljs --no-audit --no-fund --loglevel=error
# axe-core, the accessibility checker the browser tests run on every page.
npm ci --prefix tools/axe --no-audit --no-fund --loglevel=error
go vet ./...
go test -count=1 -timeout 15m "$@" ./...
# The web UI's and the API's whole suites once more on PostgreSQL (the
# first run used SQLite; tests written for both databases ran on both).
ITINERA_TEST_STORE=postgres go test -count=1 -timeout 15m "$@" ./internal/api/ ./internal/web/ ./internal/server/
