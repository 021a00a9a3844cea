#!/usr/bin/env bash
# The LoC canary (docs/architecture.md, rules of the house): adding a throwaway attention variant (a copy of
# `full` under the kind `canary_full`) must touch exactly one existing file with one line
# (the registry), and the new variant must pass the registry-driven tests with no new test code.
# Leaves the tree as it found it. Usage: bash scripts/loc-canary.sh
set -euo pipefail
cd "$(dirname "$0")/.."
registry=Sources/LabAttention/AttentionRegistry.swift
canary=Sources/LabAttention/Variants/CanaryAttention.swift
[ -e "$canary" ] && { echo "loc-canary: $canary already exists; remove it first" >&2; exit 2; }
mkdir -p .build; backup=.build/AttentionRegistry.swift.canary-backup; cp "$registry" "$backup"
restore() { mv -f "$backup" "$registry"; rm -f "$canary"; }
trap restore EXIT

# 1. the new file: a copy of full under another kind and type name
sed -e 's/struct FullAttention/struct CanaryAttention/' -e 's/kind = "full"/kind = "canary_full"/' \
    -e 's/{"kind": "full"}/{"kind": "canary_full"}/' Sources/LabAttention/Variants/FullAttention.swift > "$canary"
# 2. the one registry line
sed -i 's/^\(\s*\)FullAttention.self,$/&\n\1CanaryAttention.self,/' "$registry"

changed=$(diff "$backup" "$registry" | grep -c '^[<>]' || true)
added=$(diff "$backup" "$registry" | grep -c '^>' || true)
echo "loc-canary: existing files touched: 1 ($registry), lines changed: $changed (added $added)"
if [ "$changed" != 1 ] || [ "$added" != 1 ]; then
  echo "loc-canary: FAIL: adding a variant should add exactly one line to the registry" >&2; exit 1
fi
swift build --build-tests 2>&1 | grep -E 'error:' && { echo "loc-canary: FAIL: build" >&2; exit 1; }
.build/debug/attnlab variants list | grep -q '^canary_full:' || { echo "loc-canary: FAIL: canary_full not listed" >&2; exit 1; }
swift test --skip-build --filter 'LabAttentionTests' > .build/loc-canary.log 2>&1 || {
  tail -40 .build/loc-canary.log; echo "loc-canary: FAIL: registry-driven tests failed with the canary" >&2; exit 1; }
grep -E 'Test run with' .build/loc-canary.log
echo "loc-canary: OK: canary_full passed the registry-driven variant tests"
