"""The scale-out recipe of docs/scale-out.md, run in PySpark local mode.

Articles (the seeds, turned into JSON Lines with their header dates, and the
demo corpus) are piped through `kroniek extract` across two partitions; the
events are written as a Parquet lake partitioned by year/month in the column
layout of `kroniek export --format parquet`; Spark SQL then computes the
RUS-ARM monthly timeline, which must equal `kroniek timeline` on a store
built by `kroniek ingest` of the same file, and on a store loaded from the
lake by `kroniek import`.
"""

import argparse
import calendar
import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from pyspark.sql import Row, SparkSession
from pyspark.sql import types as T

DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*$")


def seed_articles(seeds: Path):
    """Seed files as JSONL records: id = file stem, `date YYYY-MM` header → date."""
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        record = {"id": path.stem, "text": text}
        match = DATE_HEADER.match(first)
        if match:
            record["date"] = match.group(1)
            record["text"] = rest
        yield record


def date_interval(value):
    """First and last day of YYYY, YYYY-MM, YYYY-MM-DD (as kroniek-export does)."""
    if not value:
        return None
    try:
        year = int(value[:4])
        month = int(value[5:7]) if value[4:5] == "-" and value[5:7].isdigit() else None
        day = int(value[8:10]) if month and value[7:8] == "-" and value[8:10].isdigit() else None
        if month and day:
            d = datetime.date(year, month, day)
            return d, d
        if month:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except ValueError:
        return None


def actor_parts(actor):
    if not actor:
        return [None, None, None, None]
    return [actor.get("id"), actor.get("name") or actor.get("text") or None,
            actor.get("country"), actor.get("sector")]


def flat_row(e):
    """An event as a row of kroniek's flat layout (kroniek_export::FLAT_COLUMNS)."""
    interval = date_interval(e.get("date"))
    year = month = None
    if interval and interval[0].year == interval[1].year:
        year = interval[0].year
        if interval[0].month == interval[1].month:
            month = interval[0].month
    s_id, s_name, s_country, s_sector = actor_parts(e.get("source"))
    t_id, t_name, t_country, t_sector = actor_parts(e.get("target"))
    return Row(
        event_id=e["event_id"], date=e.get("date"), date_precision=e.get("date_precision"),
        date_begin=interval[0] if interval else None, date_end=interval[1] if interval else None,
        source_id=s_id, source_name=s_name, source_country=s_country, source_sector=s_sector,
        target_id=t_id, target_name=t_name, target_country=t_country, target_sector=t_sector,
        category=e["category"], mode=e.get("mode"), quad_class=e["quad_class"],
        score=float(e["score"]), negated=bool(e["negated"]), modality=e["modality"],
        confidence=float(e["confidence"]), num_mentions=1, num_docs=1,
        doc_id=e["doc_id"], doc_ids=e["doc_id"], sentence_index=int(e["sentence_index"]),
        sentence=e["sentence"], trigger=e["trigger"], date_rule=e.get("date_rule", ""),
        coder_version=e["coder_version"], year=year, month=month,
    )


S, F, I = T.StringType(), T.FloatType(), T.IntegerType()
SCHEMA = T.StructType([T.StructField(name, kind, nullable) for name, kind, nullable in [
    ("event_id", S, False), ("date", S, True), ("date_precision", S, True),
    ("date_begin", T.DateType(), True), ("date_end", T.DateType(), True),
    ("source_id", S, True), ("source_name", S, True), ("source_country", S, True),
    ("source_sector", S, True), ("target_id", S, True), ("target_name", S, True),
    ("target_country", S, True), ("target_sector", S, True), ("category", S, False),
    ("mode", S, True), ("quad_class", S, False), ("score", F, False),
    ("negated", T.BooleanType(), False), ("modality", S, False), ("confidence", F, False),
    ("num_mentions", I, False), ("num_docs", I, False), ("doc_id", S, False),
    ("doc_ids", S, False), ("sentence_index", I, False), ("sentence", S, False),
    ("trigger", S, False), ("date_rule", S, False), ("coder_version", S, False),
    ("year", I, True), ("month", I, True),
]])

DYAD_SQL = """
SELECT year, month, COUNT(*) AS events, AVG(score) AS score_mean
FROM events
WHERE NOT negated AND modality <> 'hypothetical' AND month IS NOT NULL
  AND ((source_country = 'RUS' AND target_country = 'ARM')
    OR (source_country = 'ARM' AND target_country = 'RUS'))
GROUP BY year, month
ORDER BY year, month
"""


def kroniek_timeline(kroniek, store):
    out = subprocess.run([kroniek, "--store", str(store), "timeline", "RUS", "ARM",
                          "--by", "month", "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    return [(p["period"], p["events"], round(p["score_mean"], 3))
            for p in json.loads(out)["periods"] if p["events"] > 0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kroniek", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--demo", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    kroniek = os.path.abspath(args.kroniek)
    work = Path(args.work)
    seeds = Path(args.shared) / "corpus" / "seeds"
    if not seeds.is_dir():
        print(f"{seeds} not found: the Spark test needs ../shared", file=sys.stderr)
        sys.exit(1)

    articles = work / "articles.jsonl"
    with articles.open("w", encoding="utf-8") as out:
        for record in seed_articles(seeds):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for line in Path(args.demo).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.write(line + "\n")

    spark = (SparkSession.builder.master("local[2]").appName("kroniek-extract-test")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "2")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        lines = spark.sparkContext.textFile(str(articles), minPartitions=2)
        assert lines.getNumPartitions() >= 2, lines.getNumPartitions()
        # One `kroniek extract` process per partition, fed the partition's lines.
        records = lines.pipe(f"{kroniek} extract").map(json.loads)
        events = records.filter(lambda r: r.get("kind") == "event").map(flat_row)
        lake = work / "lake"
        frame = spark.createDataFrame(events, SCHEMA)
        frame.write.partitionBy("year", "month").parquet(str(lake))
        total = frame.count()
        assert total > 0, "no events from the articles"

        spark.read.parquet(str(lake)).createOrReplaceTempView("events")
        spark_rows = [(f"{r.year:04d}-{r.month:02d}", r.events, round(r.score_mean, 3))
                      for r in spark.sql(DYAD_SQL).collect()]
    finally:
        spark.stop()

    store = work / "store"
    subprocess.run([kroniek, "--store", str(store), "ingest", str(articles)],
                   check=True, capture_output=True)
    expected = kroniek_timeline(kroniek, store)
    assert expected, "no RUS-ARM events in the ingested store"
    assert spark_rows == expected, f"Spark SQL {spark_rows}\n!= kroniek timeline {expected}"

    imported = work / "imported"
    subprocess.run([kroniek, "--store", str(imported), "import", "--parquet", str(lake)],
                   check=True, capture_output=True)
    from_lake = kroniek_timeline(kroniek, imported)
    assert from_lake == expected, f"imported lake {from_lake}\n!= ingested store {expected}"
    print(f"spark: {total} events over {len(expected)} RUS-ARM months; "
          "Spark SQL, kroniek timeline and the imported lake agree")


if __name__ == "__main__":
    main()
