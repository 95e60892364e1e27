#!/usr/bin/env python3
"""Timeline latency of `kroniek timeline A B --format json` on a store (issue 9).

usage: pg-timeline-bench.py STORE [QUERIES] [--kroniek BIN] [--seed N]

STORE is a store folder or a postgres:// URL (e.g. one filled by
`kroniek --store URL synth`, 1M events). Dyads are drawn two ways:
  uniform   each dyad with at least one event equally likely (a typical dyad)
  weighted  a random event's dyad (large dyads come up as often as analysts
            and the web pages ask for them)
Each query is a whole `kroniek` process (start, connect, query, JSON out);
reports p50/p95/max wall time and the client's CPU time (user+sys) per query.
The dyad list is read with `kroniek export --format jsonl` once.
"""
import json, random, resource, subprocess, sys, time


def main():
    args = sys.argv[1:]
    kroniek = "target/release/kroniek"
    seed = 1
    if "--kroniek" in args:
        i = args.index("--kroniek")
        kroniek = args[i + 1]
        del args[i:i + 2]
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    store = args[0]
    queries = int(args[1]) if len(args) > 1 else 200
    rng = random.Random(seed)
    counts = {}
    with subprocess.Popen([kroniek, "--store", store, "export", "--format", "jsonl",
                           "--no-stories", "--skip-negated", "--out", "-"],
                          stdout=subprocess.PIPE, text=True) as p:
        for line in p.stdout:
            e = json.loads(line)
            a, b = e.get("source_country") or e.get("source_id"), e.get("target_country") or e.get("target_id")
            if a and b:
                key = tuple(sorted((a, b)))
                counts[key] = counts.get(key, 0) + 1
    dyads = sorted(counts)
    events = [d for d in dyads for _ in range(counts[d])]
    print(f"{len(dyads)} dyads, {len(events)} dyadic events")
    for name, pick in (("uniform", lambda: rng.choice(dyads)), ("weighted", lambda: rng.choice(events))):
        walls, cpus, sizes = [], [], []
        for _ in range(queries):
            a, b = pick()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([kroniek, "--store", store, "timeline", a, b, "--format", "json"],
                           check=True, stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            sizes.append(counts[(a, b)])
        walls.sort()
        cpus.sort()
        q = lambda xs, f: xs[min(len(xs) - 1, int(f * len(xs)))] * 1000
        print(f"{name:8} {queries} queries, dyad size median {sorted(sizes)[len(sizes) // 2]} max {max(sizes)}: "
              f"wall p50 {q(walls, .5):.1f} ms p95 {q(walls, .95):.1f} ms max {walls[-1] * 1000:.1f} ms; "
              f"client CPU p50 {q(cpus, .5):.1f} ms p95 {q(cpus, .95):.1f} ms")


if __name__ == "__main__":
    main()
