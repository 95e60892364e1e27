"""Check a `kroniek export --format parquet` folder against the JSON Lines
export of the same store: same rows, same columns, same values, and the
Hive partition columns year/month read back from the folder names.

usage: python3 tests/python/check_parquet.py PARQUET_DIR EVENTS.jsonl
"""
import json
import math
import sys

import pyarrow.dataset as ds

# year and month come from the folder names (Hive partitioning).
PARTITION_COLUMNS = {"year", "month"}


def main(parquet_dir: str, jsonl_path: str) -> int:
    with open(jsonl_path, encoding="utf-8") as f:
        expected = [json.loads(line) for line in f if line.strip()]
    table = ds.dataset(parquet_dir, format="parquet", partitioning="hive").to_table()
    problems = []
    if table.num_rows != len(expected):
        problems.append(f"{table.num_rows} Parquet rows, {len(expected)} JSONL rows")
    jsonl_columns = set(expected[0]) if expected else set()
    parquet_columns = set(table.column_names)
    if expected and parquet_columns != jsonl_columns:
        problems.append(
            f"columns differ: only in Parquet {sorted(parquet_columns - jsonl_columns)}, "
            f"only in JSONL {sorted(jsonl_columns - parquet_columns)}"
        )
    by_id = {row["event_id"]: row for row in table.to_pylist()}
    for want in expected:
        got = by_id.get(want["event_id"])
        if got is None:
            problems.append(f"event {want['event_id']} missing from Parquet")
            continue
        for column, value in want.items():
            have = got.get(column)
            if column in ("date_begin", "date_end") and have is not None:
                have = have.isoformat()
            if isinstance(value, float) or isinstance(have, float):
                same = value is not None and have is not None and math.isclose(
                    float(value), float(have), rel_tol=1e-6, abs_tol=1e-6
                )
            else:
                same = value == have
            if not same:
                problems.append(f"event {want['event_id']} column {column}: {have!r} != {value!r}")
        if len(problems) > 20:
            break
    for p in problems[:20]:
        print("problem:", p)
    passed = 0 if problems else 1
    print(f"{passed} passed, {1 - passed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
