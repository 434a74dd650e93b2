#!/bin/sh
# Cross-check of the sub-group engine (internal/subgroup) against CBC
# (issue 15): N generated delegations of 8-25 visitors, 2-4 interpreters,
# 10-40 candidates and 1-3 days, each solved by CBC with a time limit of
# CBC_TIME seconds and by the engine (1 s of CPU time at most), the
# engine's plan checked by subgroup.Check. The table goes to
# bench/results/cbcgroups.md; the summary is its last lines.
#
# Environment: N (30), SEED (1), CBC_TIME (60), DIR (LP and solution
# files, default a temporary folder). Needs the cbc binary (Debian
# package coinor-cbc).
set -eu
cd "$(dirname "$0")/.."
N=${N:-30}
SEED=${SEED:-1}
CBC_TIME=${CBC_TIME:-60}
DIR=${DIR:-$(mktemp -d)}
command -v cbc >/dev/null || { echo "cbc not found: apt-get install -y coinor-cbc" >&2; exit 1; }
mkdir -p bench/results
BIN=$(mktemp -d)/cbcgroups
go build -o "$BIN" ./bench/cbcgroups
"$BIN" -n "$N" -seed "$SEED" -cbc-time "$CBC_TIME" -dir "$DIR" | tee bench/results/cbcgroups.md
