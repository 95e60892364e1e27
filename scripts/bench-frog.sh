#!/usr/bin/env bash
# kroniek's tagger/lemmatiser/parser side by side with Frog 0.20 (Debian
# `frog` + `frogdata`), whole processes, same input, same run:
#   scripts/bench-frog.sh [RUNS]
# Input: the UD Alpino test sentences (../shared) as pre-tokenised text, one
# sentence a line; all 596 sentences for the tagger, the first 200 for the
# parser runs (Frog's parser takes minutes); kroniek also reads the 596
# sentences 20 times over, since one pass is below the clock's resolution.
# Prints user+sys CPU seconds,
# wall seconds and peak memory of each run; start-up is measured on one
# sentence so it can be taken off. Needs `cargo build --release -p
# kroniek-nlp --example annotate` first.
set -euo pipefail
runs=${1:-3}
root="$(cd "$(dirname "$0")/.." && pwd)"
shared=${SHARED:-"$root/../shared"}
annotate="${CARGO_TARGET_DIR:-$root/target}/release/examples/annotate"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$shared/data/ud-nl/test.conllu" "$work" <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
sents, cur = [], []
for line in open(src, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line:
        if cur:
            sents.append(" ".join(cur))
        cur = []
    elif not line.startswith("#"):
        cols = line.split("\t")
        if cols[0].isdigit():
            cur.append(cols[1])
if cur:
    sents.append(" ".join(cur))
open(f"{out}/test.txt", "w").write("\n".join(sents) + "\n")
open(f"{out}/test200.txt", "w").write("\n".join(sents[:200]) + "\n")
open(f"{out}/one.txt", "w").write(sents[0] + "\n")
open(f"{out}/test20.txt", "w").write("\n".join(sents * 20) + "\n")
open(f"{out}/empty.txt", "w").write("")
PY
measure() { # label, then the command; stdin from $input
  local label=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %e %M" -o "$work/t" "$@" <"$input" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r user sys wall kb <"$work/t"
    printf '%-46s cpu %7.3f s  wall %7.2f s  peak %6d MB\n' "$label" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$wall" "$((kb / 1024))"
  done
}
cd "$work"
echo "tokens: $(wc -w <test.txt) (all), $(wc -w <test200.txt) (first 200 sentences), $(wc -w <test20.txt) (all, 20 times)"
input=test.txt;    measure "kroniek annotate --tag-only (596 sentences)" "$annotate" --tag-only
input=empty.txt;   measure "kroniek annotate --tag-only (start-up)" "$annotate" --tag-only
input=test200.txt; measure "kroniek annotate (200 sentences)" "$annotate"
input=test.txt;    measure "kroniek annotate (596 sentences)" "$annotate"
input=test20.txt;  measure "kroniek annotate --tag-only (596 sentences x 20)" "$annotate" --tag-only
input=test20.txt;  measure "kroniek annotate (596 sentences x 20)" "$annotate"
input=/dev/null
measure "frog -n --skip=tmacnp (596 sentences)" frog -n --skip=tmacnp -t test.txt
measure "frog -n --skip=tmacnp (start-up)" frog -n --skip=tmacnp -t one.txt
measure "frog -n --skip=ac (200 sentences)" frog -n --skip=ac -t test200.txt
measure "frog -n --skip=ac (start-up)" frog -n --skip=ac -t one.txt
