#!/usr/bin/env python3
"""Backfill: adds to every result row that has none the description of its variant (`variant`,
LabResults.VariantDescription), as `attnlab variants list --json` prints it from the registry.

Rows written before rows carried it render in the report as undescribed variants (the kind as
their name, no colour, no reference). This inserts the description text as the last key of each
such row (the key order ResultRow.jsonLine writes: sorted, `variant` last) and changes nothing
else: run ids, labels, metrics and every other byte stay as they were. Rows whose `variant` label
names no registered kind, and rows without a `variant` label, are left alone.
Usage: python3 scripts/describe-results.py ATTNLAB FILE.jsonl...
       (ATTNLAB: the attnlab binary, e.g. .build/debug/attnlab)
"""
import json, subprocess, sys

attnlab, files = sys.argv[1], sys.argv[2:]
described = {}
for line in subprocess.run([attnlab, "variants", "list", "--json"], capture_output=True, text=True, check=True).stdout.splitlines():
    described[json.loads(line)["kind"]] = line
for path in files:
    out, added = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            row = json.loads(line) if line.strip() else None
            kind = row and row.get("labels", {}).get("variant")
            if row is None or "variant" in row or kind not in described:
                out.append(line)
                continue
            assert line.endswith("}") and max(row) < "variant", f"{path}: a row whose keys do not sort before `variant`"
            out.append(line[:-1] + ',"variant":' + described[kind] + "}")
            added += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in out))
    print(f"describe-results: {path}: {added} rows described")
