#!/usr/bin/env bash
# PySpark (local mode) run of the scale-out recipe in docs/scale-out.md:
# articles → rdd.pipe("kroniek extract") → Parquet lake → Spark SQL dyad
# timeline, checked against `kroniek timeline` on an ingested store and on
# the lake imported with `kroniek import`.
#
#   tests/spark/run.sh            # after `cargo build --release -p kroniek`
#   KRONIEK_BIN=/path/to/kroniek tests/spark/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
bin=${KRONIEK_BIN:-$target/release/kroniek}
if [ ! -x "$bin" ]; then
  echo "no kroniek binary at $bin: run cargo build --release -p kroniek first" >&2
  exit 1
fi
if ! python3 -c "import pyspark" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore pyspark
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/test_spark.py" \
  --kroniek "$bin" \
  --shared "${KRONIEK_SHARED:-$root/../shared}" \
  --demo "$root/data/demo/articles.jsonl" \
  --work "$work"
