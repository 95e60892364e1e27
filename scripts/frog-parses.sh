#!/usr/bin/env bash
# Frog's dependency parses of the CoNLL-2002 news text (ned.train + ned.testa,
# never ned.testb), the uptraining data of kroniek's parser:
#   scripts/frog-parses.sh OUT_DIR          # writes OUT_DIR/frog-parses.tsv
#   kroniek train parser --frog-parses OUT_DIR/frog-parses.tsv
# Needs Debian's `frog` and `frogdata` (apt-get install -y frog frogdata).
# Sentences of 3-60 tokens, one a line, Frog's own tokeniser skipped so the
# tokens stay CoNLL-2002's; two Frog processes (one a core). Frog parses
# about 100-150 tokens a second a core: some 20 minutes on 2 cores. The output is
# derived from CoNLL-2002 (research use only): keep it out of the repository.
set -euo pipefail
out=${1:?usage: frog-parses.sh OUT_DIR}
shared=${SHARED:-"$(dirname "$0")/../../shared"}
mkdir -p "$out"
python3 - "$shared/data/conll2002-nl" "$out" <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
sents, cur = [], []
for name in ("ned.train", "ned.testa"):
    with open(f"{src}/{name}", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                if cur:
                    sents.append(cur)
                cur = []
                continue
            token = line.split(" ")[0]
            if token != "-DOCSTART-":
                cur.append(token)
    if cur:
        sents.append(cur)
    cur = []
keep = [s for s in sents if 3 <= len(s) <= 60]
half = len(keep) // 2
for part, rows in (("a", keep[:half]), ("b", keep[half:])):
    with open(f"{out}/{part}.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(" ".join(s) for s in rows) + "\n")
PY
for part in a b; do
  (cd "$out" && frog -n --skip=tacn -t "$part.txt" -o "$part.out" >"$part.log" 2>&1) &
done
wait
cat "$out/a.out" "$out/b.out" >"$out/frog-parses.tsv"
rm -f "$out"/frog.*.debug
echo "wrote $out/frog-parses.tsv ($(grep -c . "$out/frog-parses.tsv") tokens)"
