#!/usr/bin/env python3
"""Generate a synthetic news corpus for ingest benchmarks from the text in ../shared/data.

Sentences from the UD Dutch treebanks and the CoNLL-2002 newspaper text are
shuffled into articles of 15-40 sentences, wrapped at ~80 columns with blank
lines between some wrapped lines (as PDF/web extraction leaves them), with a
`date YYYY-MM` header on most. Nothing is written into the repository.

usage: gen-corpus.py OUT_DIR MEGABYTES [--seed N]
"""
import os, random, sys, textwrap

def sentences(shared):
    out = []
    for name in ("train.conllu", "dev.conllu"):
        with open(os.path.join(shared, "data/ud-nl", name), encoding="utf-8") as f:
            out += [l[9:].strip() for l in f if l.startswith("# text = ")]
    words = []
    with open(os.path.join(shared, "data/conll2002-nl/ned.train"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if words:
                    out.append(" ".join(words).replace(" .", ".").replace(" ,", ","))
                    words = []
                continue
            words.append(parts[0])
    return [s for s in out if len(s) > 20]

def main():
    out_dir, megabytes = sys.argv[1], float(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared")
    rng = random.Random(seed)
    pool = sentences(shared)
    os.makedirs(out_dir, exist_ok=True)
    total, n = 0, 0
    target = int(megabytes * 1_000_000)
    while total < target:
        k = rng.randint(15, 40)
        body = " ".join(rng.choice(pool) for _ in range(k))
        lines = textwrap.wrap(body, width=rng.randint(70, 90))
        noisy = "".join(l + ("\n\n" if rng.random() < 0.3 else "\n") for l in lines)
        header = f" date {rng.randint(2015, 2024)}-{rng.randint(1, 12):02d} " if rng.random() < 0.8 else ""
        text = f"{header}Artikel {n}\n\n{noisy}"
        sub = os.path.join(out_dir, f"{n // 1000:04d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"art-{n:07d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
        n += 1
    print(f"{n} articles, {total / 1e6:.1f} MB in {out_dir}")

if __name__ == "__main__":
    main()
