#!/usr/bin/env python3
"""The layer check: imports point down the layers Package.swift draws, and are exactly what it declares.

Package.swift's header lists the layers, one line per non-test target, bottom up:

    //   L4 LabModel → LabCore, LabKernels, LabAttention, Yams: what it owns

This check fails, naming the file and line or the target, when
  - a file imports a module of the package, or a product, that Package.swift does not declare for
    its target (the system modules Foundation, Glibc, Dispatch, Testing, … are always allowed);
  - a target declares a dependency that none of its files imports;
  - a non-test target declares a package target that is not in a lower layer (up or sideways);
  - a target "for tests only" is a dependency of anything but a test target;
  - the layer lines and Package.swift disagree: a target missing from the lines or a line naming no
    target, or a line whose "→" list is not exactly the target's declared dependencies.
Test targets sit above every library; they are checked for declared = imported only.
Run from the repository root: `python3 scripts/layer-check.py` (`make layer-check`; CI runs it).
`--self-test` runs the check on small made-up packages, one per way to break a rule, and fails
unless each is caught and the unbroken one passes.
"""
import json, os, re, subprocess, sys

SYSTEM = {"Foundation", "Glibc", "Dispatch", "Synchronization", "Testing", "XCTest", "PackageDescription", "Darwin", "FoundationEssentials", "FoundationXML", "FoundationNetworking", "_Concurrency"}
PRODUCT_MODULES = {"Numerics": {"Numerics", "RealModule", "ComplexModule"}, "ArgumentParser": {"ArgumentParser"}, "Yams": {"Yams"}}
IMPORT = re.compile(r"\s*(?:@testable\s+|@_exported\s+)?import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)")
LAYER_LINE = re.compile(r"//\s+L(\d+)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:→\s*([^:]*))?:(.*)$")


def layer_lines(package_swift):
    """{target: (layer, [listed dependencies], tests only)} from Package.swift's header lines."""
    layers = {}
    for line in package_swift.splitlines():
        m = LAYER_LINE.match(line.strip())
        if m:
            listed = [d.strip() for d in (m.group(3) or "").split(",") if d.strip()]
            layers[m.group(2)] = (int(m.group(1)), listed, "for tests only" in m.group(4))
    return layers


def swift_imports(folder):
    """[(path, line number, module)] for every import in the Swift files under `folder`."""
    found = []
    for root, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            if f.endswith(".swift"):
                path = os.path.join(root, f)
                for n, line in enumerate(open(path, encoding="utf-8"), 1):
                    m = IMPORT.match(line)
                    if m:
                        found.append((path, n, m.group(1)))
    return found


def check(package, package_swift, imports_in):
    """The problems, one line each. `package`: `swift package dump-package`'s JSON; `package_swift`:
    the text of Package.swift; `imports_in(folder)`: as `swift_imports`."""
    targets = {t["name"]: t for t in package["targets"]}
    layers = layer_lines(package_swift)
    problems = []

    def deps(t):
        return [dep[next(iter(dep))][0] for dep in t.get("dependencies", [])]

    for name in layers:
        if name not in targets:
            problems.append(f"Package.swift: the layer line of {name} names no target")
    for name, t in targets.items():
        declared_deps = deps(t)
        if t["type"] != "test":
            if name not in layers:
                problems.append(f"Package.swift: {name} has no layer line (//   L<n> {name} → …: …)")
            else:
                rank, listed, _ = layers[name]
                if sorted(listed) != sorted(declared_deps):
                    problems.append(f"Package.swift: the layer line of {name} lists {', '.join(listed) or 'nothing'}; "
                                    f"its declaration has {', '.join(declared_deps) or 'nothing'}")
                for d in declared_deps:
                    if d in layers and layers[d][0] >= rank:
                        problems.append(f"Package.swift: {name} (L{rank}) declares {d} (L{layers[d][0]}), which is not in a lower layer")
        for d in declared_deps:
            if d in layers and layers[d][2] and t["type"] != "test":
                problems.append(f"Package.swift: {name} declares {d}, which is for tests only")
        if t["type"] == "system":
            continue
        declared = set()
        for d in declared_deps:
            declared |= PRODUCT_MODULES.get(d, {d})
        imported = set()
        folder = t.get("path") or ("Tests/" if t["type"] == "test" else "Sources/") + name
        for path, n, module in imports_in(folder):
            if module in SYSTEM or module == name:
                continue
            imported.add(module)
            if module not in declared:
                problems.append(f"{path}:{n}: {name} imports {module}, which Package.swift does not declare for it")
        for d in declared_deps:
            if not PRODUCT_MODULES.get(d, {d}) & imported:
                problems.append(f"Package.swift: {name} declares {d}, which none of its files imports")
    return problems


def self_test():
    """Each way to break a rule, on a made-up three-layer package; returns the failures."""
    header = """
//   L0 Sys: a system library
//   L1 Core → Sys, Numerics: the bottom
//   L2 Mid → Core: the middle
//   L2 Side → Core: beside the middle
//   L2 Helpers → Core: test helpers (for tests only)
//   L3 Top → Core, Mid: the top
"""
    def target(name, kind, *deps):
        return {"name": name, "type": kind, "dependencies": [{"byName": [d, None]} for d in deps]}

    def package(*changes):
        ts = {"Sys": target("Sys", "system"), "Core": target("Core", "regular", "Sys", "Numerics"),
              "Mid": target("Mid", "regular", "Core"), "Side": target("Side", "regular", "Core"),
              "Helpers": target("Helpers", "regular", "Core"), "Top": target("Top", "regular", "Core", "Mid"),
              "TopTests": target("TopTests", "test", "Top", "Helpers")}
        files = {"Sources/Core": ["Sys", "RealModule", "Foundation"], "Sources/Mid": ["Core"], "Sources/Side": ["Core"],
                 "Sources/Helpers": ["Core", "Testing"], "Sources/Top": ["Core", "Mid", "Top"], "Tests/TopTests": ["Top", "Helpers", "Testing"]}
        text = header
        for change in changes:
            text = change(ts, files, text)
        return {"targets": list(ts.values())}, text, lambda folder: [(folder + "/A.swift", i + 1, m) for i, m in enumerate(files.get(folder, []))]

    def declare(name, dep):
        def change(ts, files, text):
            ts[name]["dependencies"].append({"byName": [dep, None]})
            return text
        return change

    def imports(folder, module):
        def change(ts, files, text):
            files[folder].append(module)
            return text
        return change

    def relist(name, new):
        def change(ts, files, text):
            return re.sub(rf"(L\d+ {name}) → [^:]*:", rf"\1 → {new}:", text)
        return change

    cases = [
        ("an import not declared", [imports("Sources/Mid", "Side")], "does not declare"),
        ("an import of a product not declared", [imports("Sources/Mid", "Yams")], "does not declare"),
        ("a declared dependency no file imports", [declare("Top", "Side"), relist("Top", "Core, Mid, Side")], "none of its files imports"),
        ("a dependency pointing up", [declare("Mid", "Top"), imports("Sources/Mid", "Top"), relist("Mid", "Core, Top")], "not in a lower layer"),
        ("a dependency pointing sideways", [declare("Mid", "Side"), imports("Sources/Mid", "Side"), relist("Mid", "Core, Side")], "not in a lower layer"),
        ("a library on the test helpers", [declare("Top", "Helpers"), imports("Sources/Top", "Helpers"), relist("Top", "Core, Mid, Helpers")], "for tests only"),
        ("a layer line that disagrees", [relist("Top", "Core")], "the layer line of Top lists"),
        ("a target without a layer line", [lambda ts, files, text: text.replace("//   L2 Side → Core: beside the middle\n", "")], "Side has no layer line"),
        ("a layer line naming no target", [lambda ts, files, text: text + "//   L2 Gone → Core: removed\n"], "names no target"),
    ]
    failures = []
    clean = check(*package())
    if clean:
        failures.append(f"the unbroken package fails: {clean}")
    for what, changes, expected in cases:
        found = check(*package(*changes))
        if not any(expected in p for p in found):
            failures.append(f"{what}: not caught (expected '{expected}'; got {found})")
    return failures, len(cases)


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        failures, n = self_test()
        for f in failures:
            print("layer-check self-test: " + f)
        print("layer-check self-test: FAILED" if failures else f"layer-check self-test: OK: {n} broken packages caught, the unbroken one passes")
        sys.exit(1 if failures else 0)
    package = json.loads(subprocess.run(["swift", "package", "dump-package"], capture_output=True, text=True, check=True).stdout)
    problems = check(package, open("Package.swift", encoding="utf-8").read(), swift_imports)
    for p in problems:
        print("layer-check: " + p)
    print(f"layer-check: {'FAILED' if problems else 'OK'}: {len(package['targets'])} targets, imports {'cross' if problems else 'match'} the declared layers")
    sys.exit(1 if problems else 0)
