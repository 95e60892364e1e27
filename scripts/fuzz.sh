#!/usr/bin/env bash
# Fuzzes kroniek's parsers on the stable toolchain (crates/fuzz): each target
# runs for FUZZ_SECONDS (default 60) from the seed corpus in
# crates/fuzz/corpus/<target>/, printing its executions. Crashing inputs are
# saved in FUZZ_CRASHES (default target/fuzz-crashes), and so is the slowest
# input of a target when it took over 1 s (<target>-slowest.bin, to replay
# and profile a superlinear path); the exit code is 1 if
# any target crashed. Usage: scripts/fuzz.sh [target...]
#   targets: cleaner segment time html jsonl query
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
seed=${FUZZ_SEED:-$(date +%s)}
target_dir=${CARGO_TARGET_DIR:-target}
crashes=${FUZZ_CRASHES:-$target_dir/fuzz-crashes}
cargo build --release -q -p kroniek-fuzz
echo "seed $seed, $seconds s per target, crashes to $crashes"
"$target_dir/release/kroniek-fuzz" "$@" --seconds "$seconds" --seed "$seed" --crashes "$crashes"
