#!/usr/bin/env bash
# The LoC canary (docs/architecture.md, rules of the house): adding a throwaway attention variant (a copy of
# `rattention`, the variant with the most special cases: a window, a linear branch, decode state of both kinds,
# KV sharing with a linear state, under the kind `canary_rattention`) must touch exactly one existing file with
# one line (the registry); the new variant must pass the registry-driven tests with no new test code (among them
# the scan that no source outside the variant files and the registry names a kind), and a tiny study of it must
# expand, run, and render its figures and notebook, with the variant named and drawn as its own description says.
# Leaves the tree as it found it. Usage: bash scripts/loc-canary.sh
set -euo pipefail
cd "$(dirname "$0")/.."
registry=Sources/LabAttention/AttentionRegistry.swift
canary=Sources/LabAttention/Variants/CanaryAttention.swift
[ -e "$canary" ] && { echo "loc-canary: $canary already exists; remove it first" >&2; exit 2; }
mkdir -p .build; backup=.build/AttentionRegistry.swift.canary-backup; cp "$registry" "$backup"
work=$(mktemp -d /tmp/loc-canary.XXXXXX)
restore() { mv -f "$backup" "$registry"; rm -f "$canary"; rm -rf "$work"; }
trap restore EXIT

# 1. the new file: a copy of rattention under another kind and type name (its description, cache class, KV
#    sharing and linear-state identity come along; only the names change)
sed -e 's/\bRAttention\b/CanaryAttention/g' -e 's/"rattention"/"canary_rattention"/g' \
    -e 's/"rattention(W=/"canary_rattention(W=/' Sources/LabAttention/Variants/RAttention.swift > "$canary"
# 2. the one registry line
sed -i 's/^\(\s*\)RAttention.self,$/&\n\1CanaryAttention.self,/' "$registry"

changed=$(diff "$backup" "$registry" | grep -c '^[<>]' || true)
added=$(diff "$backup" "$registry" | grep -c '^>' || true)
echo "loc-canary: existing files touched: 1 ($registry), lines changed: $changed (added $added)"
if [ "$changed" != 1 ] || [ "$added" != 1 ]; then
  echo "loc-canary: FAIL: adding a variant should add exactly one line to the registry" >&2; exit 1
fi
swift build --build-tests 2>&1 | grep -E 'error:' && { echo "loc-canary: FAIL: build" >&2; exit 1; }
attnlab=.build/debug/attnlab
$attnlab variants list | grep -q '^canary_rattention:' || { echo "loc-canary: FAIL: canary_rattention not listed" >&2; exit 1; }
# every registry-driven test: the attention layer's (LabAttentionTests) and the model's decode = forward
swift test --skip-build --filter 'LabAttentionTests|decodeEqualsForward' > .build/loc-canary.log 2>&1 || {
  tail -40 .build/loc-canary.log; echo "loc-canary: FAIL: registry-driven tests failed with the canary" >&2; exit 1; }
grep -E 'Test run with' .build/loc-canary.log
[ "$(grep -c 'canary_rattention" to decodeEqualsForward' .build/loc-canary.log)" -ge 2 ] ||
  { echo "loc-canary: FAIL: the model's registry-driven test did not run the canary" >&2; exit 1; }

# 3. a tiny study of it against the reference: expand, run (debug build, a few seconds), plot, report
cat > "$work/canary.yaml" <<'YAML'
name: canary
question: Does a variant added with one registry line run through the harness and the report?
model: {model_dim: 16, layers: 1, heads: 1, head_dim: 16, mlp_ratio: 0, conv_kernel: 0}
variants: [{kind: full}, {kind: canary_rattention}]
sweep: {window: [4, 8], seed: [0], train_length: [32]}
training: {steps: 10, batch: 4, warmup: 2, eval_every: 5, checkpoint_every: 5, train_examples: 32, test_examples: 16, threads: 1}
tasks: [mqar_v256]
eval: {lengths: [32], examples: 8}
measurements: [accuracy, memory]
YAML
fail() { echo "loc-canary: FAIL: $1" >&2; exit 1; }
$attnlab study expand "$work/canary.yaml" | grep -q 'variant=canary_rattention' || fail "the study does not expand to canary_rattention runs"
$attnlab study run "$work/canary.yaml" --out "$work/out" --plain > "$work/run.log" 2>&1 || { tail -20 "$work/run.log"; fail "study run"; }
grep -q '"variant":{[^}]*"kind":"canary_rattention"' "$work/out/results.jsonl" || fail "the rows do not carry the canary's description"
$attnlab report "$work/canary.yaml" --results "$work/out/results.jsonl" --out "$work/notebook.md" --plots "$work/plots" \
  > "$work/report.log" 2>&1 || { tail -20 "$work/report.log"; fail "report"; }
grep -q '| canary_rattention | 8 |' "$work/notebook.md" || fail "the notebook's table does not list canary_rattention W8"
grep -q 'ratt W8' "$work/plots/pareto-state-bytes.mqar_v256.gp" || fail "the Pareto figure does not label the canary by its short name"
grep -q 'full attention' "$work/plots/accuracy-vs-window.mqar_v256.gp" || fail "the window figure does not draw the reference"
ls "$work/plots"/*.gp | sed 's|.*/|loc-canary: figure |'
echo "loc-canary: OK: canary_rattention passed the registry-driven tests and ran through a study, its figures and notebook"
