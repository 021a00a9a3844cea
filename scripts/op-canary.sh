#!/usr/bin/env bash
# The op canary (docs/architecture.md, rules of the house): adding a throwaway kernel op (a copy of
# `softmax-attention-decode` under the name `canary-decode`, its kernels and types renamed, in a new
# folder) must touch exactly one existing file with one line (the descriptor's line in
# `KernelRegistry.all`), and the new op must then be listed by `attnlab kernels list`, checked by
# `attnlab kernels check`, accepted by `--kernel canary-decode=NAME`, timed by `attnlab kernels
# bench --op canary-decode` (on its check grid) and run by the registry-driven
# kernel tests, with no new test code. Leaves the tree as it found it (the registry is restored
# from a backup and the new folder removed on exit, as scripts/loc-canary.sh does).
# Usage: bash scripts/op-canary.sh
set -euo pipefail
cd "$(dirname "$0")/.."
registry=Sources/LabKernels/KernelRegistry.swift
folder=Sources/LabKernels/CanaryOp
[ -e "$folder" ] && { echo "op-canary: $folder already exists; remove it first" >&2; exit 2; }
mkdir -p .build; backup=.build/KernelRegistry.swift.canary-backup; cp "$registry" "$backup"
# touch: the restored registry is newer than the canary build, so the next build drops the canary
restore() { mv -f "$backup" "$registry"; touch "$registry"; rm -rf "$folder"; }
trap restore EXIT

# 1. the new folder: the decode op's kernels and descriptor, every type and the op name renamed
mkdir "$folder"
rename=(-e 's/\bKVView\b/CanaryKVView/g' -e 's/\bSoftmaxAttentionDecodeKernel\b/CanaryDecodeKernel/g'
        -e 's/\bNaiveSoftmaxAttentionDecode\b/CanaryNaiveDecode/g' -e 's/\bSingleQueryDecode\b/CanarySingleQueryDecode/g'
        -e 's/\bDecodeCase\b/CanaryDecodeCase/g' -e 's/\bDecodeProblem\b/CanaryDecodeProblem/g'
        -e 's/\bSoftmaxAttentionDecodeDescriptor\b/CanaryDecodeDescriptor/g' -e 's/"softmax-attention-decode"/"canary-decode"/g')
sed "${rename[@]}" Sources/LabKernels/SoftmaxAttention/SoftmaxAttentionDecode.swift > "$folder/CanaryDecode.swift"
sed "${rename[@]}" Sources/LabKernels/SoftmaxAttention/SoftmaxAttentionDecodeDescriptor.swift > "$folder/CanaryDecodeDescriptor.swift"
# 2. the one descriptor line
sed -i 's/^\(\s*\)linearAttentionDecode,$/&\n\1CanaryDecodeDescriptor(),/' "$registry"

changed=$(diff "$backup" "$registry" | grep -c '^[<>]' || true)
added=$(diff "$backup" "$registry" | grep -c '^>' || true)
echo "op-canary: existing files touched: 1 ($registry), lines changed: $changed (added $added); new folder: $folder ($(ls "$folder" | tr '\n' ' '))"
if [ "$changed" != 1 ] || [ "$added" != 1 ]; then
  echo "op-canary: FAIL: adding an op should add exactly one line to the registry" >&2; exit 1
fi
swift build --build-tests 2>&1 | grep -E 'error:' && { echo "op-canary: FAIL: build" >&2; exit 1; }
attnlab=.build/debug/attnlab

# 3. listed, checked (a summary line with its verdict) and accepted by --kernel
$attnlab kernels list | grep '^canary-decode: ' || { echo "op-canary: FAIL: canary-decode not listed" >&2; exit 1; }
$attnlab kernels check --quick > .build/op-canary-check.log 2>&1 || {
  tail -20 .build/op-canary-check.log; echo "op-canary: FAIL: kernels check failed with the canary" >&2; exit 1; }
grep -E '^canary-decode +single-query +[0-9]+ cases +all .* ok *$' .build/op-canary-check.log ||
  { echo "op-canary: FAIL: kernels check printed no passing summary for canary-decode" >&2; exit 1; }
out=$($attnlab generate --checkpoint /nonexistent --kernel canary-decode=nope 2>&1 || true)
echo "$out" | grep -q "unknown canary-decode kernel 'nope' (known: single-query, naive)" ||
  { echo "$out"; echo "op-canary: FAIL: --kernel does not know canary-decode's kernels" >&2; exit 1; }
echo "op-canary: --kernel canary-decode=nope is refused naming single-query, naive"
$attnlab kernels bench --op canary-decode --budget 0.001 > .build/op-canary-bench.log 2>&1 || {
  cat .build/op-canary-bench.log; echo "op-canary: FAIL: kernels bench does not time canary-decode" >&2; exit 1; }
grep -q '^single-query \[' .build/op-canary-bench.log ||
  { cat .build/op-canary-bench.log; echo "op-canary: FAIL: kernels bench printed no row for canary-decode" >&2; exit 1; }
echo "op-canary: kernels bench --op canary-decode timed $(grep -c '^single-query \[' .build/op-canary-bench.log) check cases"

# 4. the registry-driven kernel tests run the canary's cases: one test argument per (op, quick case)
swift test --skip-build --disable-xctest --filter 'KernelOpRegistryTests' > .build/op-canary.log 2>&1 || {
  tail -40 .build/op-canary.log; echo "op-canary: FAIL: registry-driven kernel tests failed with the canary" >&2; exit 1; }
ran=$(grep -c 'argument c → canary-decode #[0-9]* .* started' .build/op-canary.log || true)
[ "$ran" -ge 1 ] || { echo "op-canary: FAIL: the registry-driven kernel tests ran no canary-decode case" >&2; exit 1; }
grep -E 'everyKernelMatchesReference.* test cases passed|Test run with' .build/op-canary.log
echo "op-canary: OK: canary-decode was listed, checked, benched and tested ($ran test cases) with one registry line"
