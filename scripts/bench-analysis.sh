#!/usr/bin/env bash
# Whole-command benchmarks for the analysis commands on a synthetic store
# (issue 7). Builds the release binary, makes a store of DOCS documents and
# EVENTS events once (kept in $BENCH_STORE), then times each command N times
# with /usr/bin/time and prints min/median/max wall seconds and peak memory.
#
#   scripts/bench-analysis.sh              # 100k documents, 1M events
#   DOCS=10000 EVENTS=100000 scripts/bench-analysis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${DOCS:-100000}
EVENTS=${EVENTS:-1000000}
RUNS=${RUNS:-7}
BENCH_STORE=${BENCH_STORE:-/tmp/kroniek-bench-$DOCS-$EVENTS}
cargo build --release -p kroniek -q
bin="${CARGO_TARGET_DIR:-target}/release/kroniek"

if [ ! -f "$BENCH_STORE/kroniek.db" ]; then
    echo "# building the synthetic store in $BENCH_STORE"
    /usr/bin/time -f "synth: %e s wall, %M KB peak" \
        "$bin" --store "$BENCH_STORE" synth --docs "$DOCS" --events "$EVENTS" --seed 1
fi

bench() {
    local name=$1; shift
    local times=() mem=0
    "$@" >/dev/null 2>&1 || true # warm-up (page cache, first-use indexes)
    for _ in $(seq "$RUNS"); do
        local out
        out=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
        times+=("${out% *}")
        local m=${out#* }
        [ "$m" -gt "$mem" ] && mem=$m
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    local min median max
    min=$(echo "$sorted" | head -1)
    max=$(echo "$sorted" | tail -1)
    median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
    printf '%-34s min %6s  median %6s  max %6s s  peak %7s KB\n' "$name" "$min" "$median" "$max" "$mem"
}

bench "timeline USA RUS (top dyad)" "$bin" --store "$BENCH_STORE" timeline USA RUS --format json
bench "timeline ARM AZE (mid dyad)" "$bin" --store "$BENCH_STORE" timeline ARM AZE --format json
bench "network 2020 (one year)" "$bin" --store "$BENCH_STORE" network --from 2020 --to 2020 --format json
out=$(mktemp -d)
bench "export parquet (all events)" sh -c "rm -rf '$out/p' && '$bin' --store '$BENCH_STORE' export --format parquet --out '$out/p'"
rm -rf "$out"

db=$(du -b "$BENCH_STORE/kroniek.db" | cut -f1)
wal=$(du -b "$BENCH_STORE/kroniek.db-wal" 2>/dev/null | cut -f1 || echo 0)
text=$("$bin" --store "$BENCH_STORE" stats --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["text_bytes"], s["events"])')
echo "store: $db bytes (+ $wal WAL); text bytes and events: $text"
python3 - "$db" $text <<'PY'
import sys
db, text, events = map(int, sys.argv[1:4])
print(f"store size: {db / events * 1000 / 1e6:.3f} MB per 1,000 events, {db / (text / 1e6) / 1e6:.2f} MB per MB of text")
PY
