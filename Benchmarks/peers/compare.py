#!/usr/bin/env python3
"""Join two JSON Lines files of bench rows (ours, peers) on (op, B, T, H, D, W, mode, threads)
and print one table: our median, theirs, and the speed ratio (theirs / ours, > 1 means we are
faster). Usage: compare.py ours.jsonl peers.jsonl"""
import json
import sys


def json_lines(path, script):
    """The JSON objects of the non-blank lines of `path`; a line that is not JSON ends `script`
    with `script: path:N: not JSON (…)`."""
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{script}: {path}:{n}: not JSON ({e})")


def load(path):
    rows = {}
    for r in json_lines(path, "compare.py"):
        key = tuple(r.get(k) for k in ("op", "B", "T", "H", "D", "W", "mode", "threads"))
        rows[key] = r
    return rows


def print_table(table):
    """Prints rows of strings right-aligned in columns, a rule under the first (the header)."""
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    for i, r in enumerate(table):
        print("  ".join(c.rjust(w) for c, w in zip(r, widths)))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ours, peers = load(sys.argv[1]), load(sys.argv[2])
    header = ["T", "W", "mode", "thr", "ours", "ours ms", "ours GF/s", "peer", "peer ms", "peer GF/s", "speed-up"]
    table = [header]
    for key in sorted(ours, key=lambda k: tuple(-1 if x is None else x for x in k[1:4]) + (k[4] or -1, k[5] or -1)):
        o = ours[key]
        p = peers.get(key)
        if p is None:
            continue
        table.append([str(o["T"]), "-" if o["W"] is None else str(o["W"]), o["mode"], str(o["threads"]),
                      o["kernel"], f'{o["median_s"]*1e3:.1f}', f'{o["gflops"]:.1f}',
                      p["kernel"], f'{p["median_s"]*1e3:.1f}', f'{p["gflops"]:.1f}',
                      f'{p["median_s"]/o["median_s"]:.2f}x'])
    print_table(table)


if __name__ == "__main__":
    main()
