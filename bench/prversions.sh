#!/bin/bash
# The two versions of pr11-pr20 (issue 15, docs/BENCHMARKS.md "Two versions
# of pr11-pr20").
#
# Righini & Salani's own OPTW test set (optw_tests.zip inside
# instances/righini_salani/) holds a file prNN.OUT for every Cordeau
# instance: a distance matrix and each customer's score, service time and
# window. For pr01-pr10 it is the same instance as the TOPTW file prNN.txt;
# for pr11-pr20 the customers, their scores and service times and the
# distances between them are the same, but the depot is elsewhere and
# every window differs. This script
#   1. compares the two files of each instance (bench/results/rs/versions.md),
#   2. runs the engine on Righini & Salani's pr11-pr20 with m = 1..4 exactly
#      as bench/toptw.sh runs the TOPTW files (LIMIT seconds of CPU, seed
#      SEED, one worker; bench/results/rs/pr-rs-mM.jsonl),
#   3. prints, per (instance, m), bks.csv's value, the score on the TOPTW
#      file (bench/results/pr-mM-b.jsonl, from bench/toptw.sh) and the score
#      on Righini & Salani's file (bench/results/rs/compare.md).
#
# Environment: DATA (default ../shared/toptw), LIMIT (5), SEED (1), JOBS
# (processes side by side, default 1). Needs unzip.
set -eu
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/toptw}
LIMIT=${LIMIT:-5}
SEED=${SEED:-1}
JOBS=${JOBS:-1}
OUT=bench/results/rs
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
BIN=$TMP/toptwbench
go build -o "$BIN" ./internal/itinerary/toptw/cmd/toptwbench
unzip -q -o -d "$TMP" "$DATA/instances/righini_salani/Righini and Salani.zip" optw_tests.zip
unzip -q -o -j -d "$TMP/rs" "$TMP/optw_tests.zip" 'tests/Cordeau/pr*.OUT'
pairs=""
for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	pairs="$pairs $DATA/instances/toptw/pr/pr$i.txt $TMP/rs/pr$i.OUT"
done
# shellcheck disable=SC2086
"$BIN" versions $pairs >"$OUT/versions.md"
cat "$OUT/versions.md"
export BIN LIMIT SEED TMP OUT
printf '%s\n' 1 2 3 4 | xargs -P "$JOBS" -I{} sh -c \
	'"$BIN" toptw --clock cpu --seed "$SEED" --workers 1 --time-limit "$LIMIT" --tours {} "$TMP"/rs/pr1[1-9].OUT "$TMP"/rs/pr20.OUT >"$OUT/pr-rs-m{}.jsonl"'
{
	echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
	echo "Command: \`LIMIT=$LIMIT SEED=$SEED bench/prversions.sh\`; the TOPTW files' scores are bench/toptw.sh's last run."
	echo
	"$BIN" compare --bks "$DATA/bks.csv" --a "bench/results/pr-m[1-4]-b.jsonl" --a-label "TOPTW file (prNN.txt)" \
		--b "$OUT/pr-rs-m[1-4].jsonl" --b-label "Righini & Salani's file (prNN.OUT)"
} >"$OUT/compare.md"
cat "$OUT/compare.md"
