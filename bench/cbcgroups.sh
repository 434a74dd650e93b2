#!/bin/sh
# Cross-check of the sub-group engine (internal/subgroup) against CBC
# (issue 15): N generated delegations of 8-25 visitors, 2-4 interpreters,
# 10-40 candidates and 1-3 days, each solved by CBC with a time limit of
# CBC_TIME seconds and by the engine (1 s of CPU time at most), the
# engine's plan checked by subgroup.Check. The table goes to
# bench/results/cbcgroups.md; the summary is its last lines.
#
# Environment: N (30), SEED (1), CBC_TIME (60), DIR (LP and solution
# files, default a temporary folder), CBC_FROM (an earlier output whose
# CBC columns are reused instead of running CBC again: the MIP does not
# depend on the engine). Needs the cbc binary (Debian package
# coinor-cbc) unless CBC_FROM is set.
set -eu
cd "$(dirname "$0")/.."
N=${N:-30}
SEED=${SEED:-1}
CBC_TIME=${CBC_TIME:-60}
DIR=${DIR:-$(mktemp -d)}
CBC_FROM=${CBC_FROM:-}
if [ -z "$CBC_FROM" ]; then
	command -v cbc >/dev/null || { echo "cbc not found: apt-get install -y coinor-cbc" >&2; exit 1; }
fi
mkdir -p bench/results "$DIR"
BIN=$(mktemp -d)/cbcgroups
go build -o "$BIN" ./bench/cbcgroups
"$BIN" -n "$N" -seed "$SEED" -cbc-time "$CBC_TIME" -dir "$DIR" ${CBC_FROM:+-cbc-from "$CBC_FROM"} >"$DIR/out.md"
mv "$DIR/out.md" bench/results/cbcgroups.md
cat bench/results/cbcgroups.md
