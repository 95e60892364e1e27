#!/usr/bin/env python3
"""Time raw text -> stored events on one core: `kroniek ingest --jobs 1`
into a fresh store, pinned to one processor, several runs, medians.

This is the measurement behind issue 6's speed target (>= 1 MB/s on one
core). Each run starts the binary anew (model loading included) and ends
when every document, annotation, mention, event and the full-text index is
committed. MB are 10^6 bytes of input files; CPU is user + system time of
the process and its threads.

usage: scripts/bench-ingest.py [--bin target/release/kroniek]
           [--corpus DIR] [--runs 9] [--cpu 0]
Without --corpus, a 5 MB corpus is generated with scripts/gen-corpus.py
(seed 2) into a temporary folder. Build first: cargo build --release.
"""
import argparse, os, re, resource, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def corpus_bytes(path):
    total, files = 0, 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return total, files


def one_run(binary, corpus, cpu):
    store = tempfile.mkdtemp(prefix="kroniek-bench-")
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        pin = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
        done = subprocess.run(
            [binary, "--store", store, "ingest", "--jobs", "1", corpus],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=pin)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.exit(f"ingest failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        summary = (done.stdout + done.stderr).strip().splitlines()
        return wall, cpu_s, summary[-1] if summary else ""
    finally:
        shutil.rmtree(store, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/kroniek"))
    ap.add_argument("--corpus")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--cpu", type=int, default=0, help="processor to pin to; -1: none")
    args = ap.parse_args()
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"{args.bin}: not found; run cargo build --release first")
    scratch = None
    corpus = args.corpus
    if corpus is None:
        scratch = tempfile.mkdtemp(prefix="kroniek-corpus-")
        corpus = os.path.join(scratch, "corpus")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts/gen-corpus.py"),
                        corpus, "5", "--seed", "2"], check=True, stdout=subprocess.DEVNULL)
    cpu = None if args.cpu < 0 else args.cpu
    try:
        size, files = corpus_bytes(corpus)
        mb = size / 1e6
        print(f"corpus {corpus}: {size} bytes in {files} files; {args.runs} runs"
              f" of {args.bin} ingest --jobs 1" + (f", pinned to cpu {cpu}" if cpu is not None else ""))
        walls, cpus = [], []
        for i in range(args.runs):
            wall, cpu_s, summary = one_run(args.bin, corpus, cpu)
            walls.append(wall)
            cpus.append(cpu_s)
            print(f"run {i + 1}: wall {wall:.3f} s, cpu {cpu_s:.3f} s  ({summary})")
        wall, cpu_s = statistics.median(walls), statistics.median(cpus)
        print(f"median wall {wall:.3f} s (min {min(walls):.3f}, max {max(walls):.3f}): {mb / wall:.2f} MB/s")
        print(f"median cpu  {cpu_s:.3f} s (min {min(cpus):.3f}, max {max(cpus):.3f}): {mb / cpu_s:.2f} MB per CPU-second")
        added = re.search(r"(\d+) added", summary)
        if added:
            print(f"{int(added.group(1)) / wall * 3600:,.0f} documents an hour on one core (median wall)")
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
