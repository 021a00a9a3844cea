#!/usr/bin/env python3
"""The layer check: the modules a target imports are exactly the ones it declares in Package.swift.

A target may import only its declared dependencies (and the system modules: Foundation, Glibc,
Dispatch, Testing, XCTest, …); an import of another of the package's modules, or of a product,
that Package.swift does not list for it fails the check, naming the file and line, and so does a
declared dependency that no file of the target imports. SwiftPM refuses cycles, so with both
directions checked an import can only point down the layers Package.swift draws.
Run from the repository root: `python3 scripts/layer-check.py` (`make layer-check`; CI runs it).
"""
import json, os, re, subprocess, sys

SYSTEM = {"Foundation", "Glibc", "Dispatch", "Synchronization", "Testing", "XCTest", "PackageDescription", "Darwin", "FoundationEssentials", "FoundationXML", "FoundationNetworking", "_Concurrency"}
PRODUCT_MODULES = {"Numerics": {"Numerics", "RealModule", "ComplexModule"}, "ArgumentParser": {"ArgumentParser"}, "Yams": {"Yams"}}

package = json.loads(subprocess.run(["swift", "package", "dump-package"], capture_output=True, text=True, check=True).stdout)
targets = {t["name"]: t for t in package["targets"]}
problems = []
for name, t in targets.items():
    declared = set()
    for dep in t.get("dependencies", []):
        kind = next(iter(dep))
        declared |= PRODUCT_MODULES.get(dep[kind][0], {dep[kind][0]})
    folder = t.get("path") or ("Tests/" if t["type"] == "test" else "Sources/") + name
    if t["type"] == "system":
        continue
    imported = set()
    for root, _, files in os.walk(folder):
        for f in sorted(files):
            if not f.endswith(".swift"):
                continue
            path = os.path.join(root, f)
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                m = re.match(r"\s*(?:@testable\s+|@_exported\s+)?import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)", line)
                if not m or m.group(1) in SYSTEM or m.group(1) == name:
                    continue
                imported.add(m.group(1))
                if m.group(1) not in declared:
                    problems.append(f"{path}:{n}: {name} imports {m.group(1)}, which Package.swift does not declare for it")
    for dep in t.get("dependencies", []):
        kind = next(iter(dep))
        modules = PRODUCT_MODULES.get(dep[kind][0], {dep[kind][0]})
        if not modules & imported:
            problems.append(f"Package.swift: {name} declares {dep[kind][0]}, which none of its files imports")
for p in problems:
    print("layer-check: " + p)
print(f"layer-check: {'FAILED' if problems else 'OK'}: {len(targets)} targets, imports {'cross' if problems else 'match'} the declared layers")
sys.exit(1 if problems else 0)
