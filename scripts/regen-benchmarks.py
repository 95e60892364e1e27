#!/usr/bin/env python3
"""Rebuild the per-stage tail of BENCHMARKS.md from docs/benchmarks/*.md.

Everything up to the end of the "## Per-stage details" paragraph is kept;
after it come the stage documents in pipeline order, each heading one level
deeper. usage: scripts/regen-benchmarks.py
"""
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ORDER = ["text", "nlp", "ner", "time", "coder", "analysis", "extract", "server", "postgres"]


def main():
    path = os.path.join(ROOT, "BENCHMARKS.md")
    text = open(path, encoding="utf-8").read()
    marker = text.index("## Per-stage details")
    head_end = text.index("\n\n", text.index("\n\n", marker) + 2) + 2
    parts = [text[:head_end]]
    for name in ORDER:
        doc = open(os.path.join(ROOT, "docs/benchmarks", name + ".md"), encoding="utf-8").read()
        lines = ["#" + l if l.startswith("#") else l for l in doc.rstrip("\n").split("\n")]
        parts.append("\n".join(lines) + "\n\n")
    open(path, "w", encoding="utf-8").write("".join(parts).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
