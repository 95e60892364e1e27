#!/usr/bin/env bash
# Two `kroniek ingest` processes at once into one PostgreSQL store (issue 9):
# afterwards every article is stored exactly once, nothing is lost, and the
# store holds the same documents and events as a one-process SQLite ingest
# of the same articles.
#
# usage: scripts/pg-concurrent-ingest.sh URL [ARTICLES]
#   URL       postgres://USER@HOST:PORT/DB of an existing, empty database
#   ARTICLES  default 10000
# env: KRONIEK_BIN (default target/release/kroniek), SKIP_SQLITE=1 skips the
#      SQLite comparison run, JOBS worker threads per process (default 1).
#
# The articles are synthetic (generated below from templates written for
# this script, a few sentences each, most with a political event); process
# A ingests the first 60 %, process B the last 60 % in reverse order, so
# the middle 20 % is ingested by both at about the same time.
set -euo pipefail
url=${1:?usage: pg-concurrent-ingest.sh URL [ARTICLES]}
n=${2:-10000}
kroniek=${KRONIEK_BIN:-target/release/kroniek}
jobs=${JOBS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$n" <<'PY'
import json, random, sys
work, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(9)
countries = ["Nederland", "België", "Duitsland", "Frankrijk", "Rusland", "Oekraïne",
             "Armenië", "Azerbeidzjan", "Turkije", "China", "Iran", "Polen", "Japan"]
acts = ["sprak met", "steunde", "bekritiseerde", "beschuldigde", "tekende een akkoord met",
        "stuurde hulp naar", "dreigde", "veroordeelde", "ontmoette"]
topics = ["de handel", "de grens", "de energieprijzen", "de vluchtelingen", "het klimaat",
          "de verkiezingen", "de havens", "de wapenleveranties"]
fillers = ["Dat meldde een woordvoerder {d}.", "Het overleg duurde {k} uur.",
           "De onderhandelingen gaan {d} verder.", "Er waren {k} journalisten aanwezig.",
           "Analisten verwachten weinig van de gesprekken."]
days = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]
articles = []
for i in range(n):
    sentences = []
    for _ in range(rng.randint(2, 5)):
        a, b = rng.sample(countries, 2)
        sentences.append(f"{a} {rng.choice(acts)} {b} {rng.choice(days)} over {rng.choice(topics)}.")
        if rng.random() < 0.6:
            sentences.append(rng.choice(fillers).format(d=rng.choice(days), k=rng.randint(2, 90)))
    # A sentence of its own makes every article's content unique.
    sentences.append(f"Dit is bericht {i} van de reeks.")
    date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    articles.append({"id": f"pg-{i:06d}", "title": f"Bericht {i}", "date": date,
                     "text": " ".join(sentences)})
cut_a, cut_b = int(n * 0.6), int(n * 0.4)
with open(f"{work}/a.jsonl", "w", encoding="utf-8") as f:
    for art in articles[:cut_a]:
        f.write(json.dumps(art, ensure_ascii=False) + "\n")
with open(f"{work}/b.jsonl", "w", encoding="utf-8") as f:
    for art in reversed(articles[cut_b:]):
        f.write(json.dumps(art, ensure_ascii=False) + "\n")
with open(f"{work}/all.jsonl", "w", encoding="utf-8") as f:
    for art in articles:
        f.write(json.dumps(art, ensure_ascii=False) + "\n")
PY

echo "ingesting $n articles from 2 processes into $url"
start=$(date +%s.%N)
/usr/bin/time -f "A: %U user %S sys %e wall %M KB" "$kroniek" --store "$url" ingest --jobs "$jobs" --json "$work/a.jsonl" > "$work/a.json" &
pid_a=$!
/usr/bin/time -f "B: %U user %S sys %e wall %M KB" "$kroniek" --store "$url" ingest --jobs "$jobs" --json "$work/b.jsonl" > "$work/b.json" &
pid_b=$!
wait $pid_a
wait $pid_b
end=$(date +%s.%N)
echo "both finished in $(echo "$end - $start" | bc) s wall"
echo "A: $(tr -d ' \n' < "$work/a.json")"
echo "B: $(tr -d ' \n' < "$work/b.json")"

"$kroniek" --store "$url" check
"$kroniek" --store "$url" stats --json > "$work/stats.json"
"$kroniek" --store "$url" docs --json > "$work/docs.json"
"$kroniek" --store "$url" events --include-negated --format jsonl > "$work/events.jsonl"
if [ "${SKIP_SQLITE:-}" != 1 ]; then
  "$kroniek" --store "$work/sqlite" ingest --jobs "$jobs" --json "$work/all.jsonl" > /dev/null
  "$kroniek" --store "$work/sqlite" events --include-negated --format jsonl > "$work/sqlite-events.jsonl"
fi

python3 - "$work" "$n" <<'PY'
import json, os, sys
work, n = sys.argv[1], int(sys.argv[2])
stats = json.load(open(f"{work}/stats.json"))
docs = json.load(open(f"{work}/docs.json"))
ids = [d["id"] for d in docs]
expected = {f"pg-{i:06d}" for i in range(n)}
problems = []
if len(ids) != len(set(ids)):
    problems.append(f"{len(ids) - len(set(ids))} document ids listed twice")
if set(ids) != expected:
    problems.append(f"{len(expected - set(ids))} articles lost, {len(set(ids) - expected)} unexpected")
if stats["documents"] != n:
    problems.append(f"stats: {stats['documents']} documents, expected {n}")
events = [json.loads(l) for l in open(f"{work}/events.jsonl")]
event_ids = [e["event_id"] for e in events]
if len(event_ids) != len(set(event_ids)):
    problems.append("an event is stored twice")
if sum(d["events"] for d in docs) != len(events) or stats["events"] != len(events):
    problems.append("event rows disagree with the documents' event counts")
if os.path.exists(f"{work}/sqlite-events.jsonl"):
    sqlite = [json.loads(l) for l in open(f"{work}/sqlite-events.jsonl")]
    if sqlite != events:
        problems.append(f"events differ from a one-process SQLite ingest ({len(sqlite)} there, {len(events)} here)")
    else:
        print(f"same {len(events)} events as a one-process SQLite ingest, in the same order")
for p in problems:
    print("PROBLEM:", p)
print(f"{stats['documents']} documents, {stats['events']} events, {stats['sentences']} sentences, "
      f"{stats['duplicates']} duplicates, {stats['runs']} runs")
sys.exit(1 if problems else 0)
PY
