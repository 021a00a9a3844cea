#!/usr/bin/env python3
"""One table from the JSON lines that compare-model.sh collects: per (T, batch, threads), our
training tokens/s (`attnlab model bench --json`), PyTorch eager's and torch.compile's
(torch_model.py), and ours / theirs (> 1 means we are faster). Usage: compare_model.py rows.jsonl"""
import sys

from compare import json_lines, print_table


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    shapes = {}  # (T, batch, threads) -> {"ours": tok/s, "pytorch-eager": tok/s, ...}
    for r in json_lines(sys.argv[1], "compare_model.py"):
        if "peer" in r:
            key, who, tps = (r["T"], r["batch"], r["threads"]), r["peer"], r["tokens_per_second"]
        else:
            key, who, tps = (r["length"], r["batch"], r["threads"]), "ours", r["tokensPerSecond"]
        shapes.setdefault(key, {})[who] = tps
    header = ["T", "batch", "thr", "ours tok/s", "eager tok/s", "compile tok/s", "ours/eager", "ours/compile"]
    table = [header]
    for (T, B, thr), v in sorted(shapes.items()):
        ours, eager, comp = v.get("ours"), v.get("pytorch-eager"), v.get("pytorch-compile")
        fmt = lambda x: "-" if x is None else f"{x:,.0f}"
        ratio = lambda a, b: "-" if a is None or b is None else f"{a / b:.2f}x"
        table.append([str(T), str(B), str(thr), fmt(ours), fmt(eager), fmt(comp), ratio(ours, eager), ratio(ours, comp)])
    print_table(table)


if __name__ == "__main__":
    main()
