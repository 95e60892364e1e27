#!/usr/bin/env python3
"""First renders (server response cache cold, OS cache warm) of each page kind.

usage: bench-server-cold.py BASE_URL SERVER_PID STORE_DIR OUT.md
Start the server just before (so every URL is a cache miss). Each URL is
requested once, sequentially; wall time by urllib (whole response read),
server CPU time (utime+stime of the server process) per group. The URL
lists are read from the store (read-only) before the first request.
"""
import os, sys, time, urllib.request, statistics, sqlite3

base, pid, store, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
tck = os.sysconf("SC_CLK_TCK")


def cpu():
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / tck


def get(path):
    t = time.perf_counter()
    with urllib.request.urlopen(base + path, timeout=120) as r:
        body = r.read()
        status = r.status
    ms = (time.perf_counter() - t) * 1000
    if status != 200:
        print("status", status, path, file=sys.stderr)
    return ms, len(body)


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


db = sqlite3.connect(f"file:{os.path.join(store, 'kroniek.db')}?mode=ro", uri=True)
dyads = db.execute(
    "SELECT min(source_code, target_code), max(source_code, target_code), count(*) FROM events"
    " WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code != target_code"
    " AND negated = 0 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 200").fetchall()
actors = [r[0] for r in db.execute(
    "SELECT c, count(*) FROM (SELECT source_code c FROM events UNION ALL"
    " SELECT target_code FROM events) WHERE c IS NOT NULL GROUP BY c ORDER BY 2 DESC, 1 LIMIT 60")]
ids = [r[0] for r in db.execute("SELECT id FROM documents ORDER BY id")]
docs = ids[16::5000][:20]
db.close()

groups = [
    ("overview `/` (first request after start)", ["/"]),
    ("dyad `/dyad/A/B`, 20 pairs ranked 21–200", [f"/dyad/{a}/{b}" for a, b, _ in dyads[20:200:9]]),
    ("dyad, the 5 busiest pairs (15–30k events), by quarter", [f"/dyad/{a}/{b}?by=quarter" for a, b, _ in dyads[:5]]),
    ("document `/doc/{id}`, 20 ids", [f"/doc/{d}" for d in docs]),
    ("actor `/actor/{id}`, 20 actors ranked 21–60", [f"/actor/{a}" for a in actors[20:60:2]]),
    ("network `/network?from=Y&to=Y`, 10 years", [f"/network?from={y}&to={y}" for y in range(2015, 2025)]),
    ("search `/search?q=w`, 10 words", [f"/search?q={w}" for w in
        ["handel", "vluchtelingen", "grens", "gasleveringen", "troepen", "beschuldigde",
         "militaire", "oefening", "sancties", "verkiezingen"]]),
    ("events API `?limit=50`, 10 offsets 0–90k", [f"/api/v1/events?limit=50&offset={o}" for o in range(0, 100000, 10000)]),
    ("timeline API, 10 pairs ranked 1–10, by month", [f"/api/v1/timeline?a={a}&b={b}&by=month" for a, b, _ in dyads[:10]]),
    ("network API, whole range", ["/api/v1/network"]),
]

lines = ["| page (first render of each URL) | n | median ms | p95 ms | max ms | server CPU ms/page |",
         "|---|---|---|---|---|---|"]
for name, urls in groups:
    c0 = cpu()
    times = [get(u)[0] for u in urls]
    c1 = cpu()
    row = f"| {name} | {len(times)} | {statistics.median(times):.0f} | {p95(times):.0f} | {max(times):.0f} | {(c1 - c0) * 1000 / len(times):.0f} |"
    print(row, flush=True)
    lines.append(row)
open(out, "w").write("\n".join(lines) + "\n")
