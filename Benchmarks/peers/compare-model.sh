#!/usr/bin/env bash
# Side-by-side training steps, ours and PyTorch's (Benchmarks/peers/torch_model.py: the same
# architecture, eager and torch.compile), one after the other in one run:
#   1. configs/bench-256x4.yaml (vocab 256, d 256, 4 layers, 4 heads, SwiGLU 4x, RoPE, tied head,
#      full attention), T = 512, batch 8, on 1 and 2 threads;
#   2. window-pareto's shape, configs/window-pareto-full.yaml (d 64, 4 layers, one head of 64, no
#      MLP, short convolution 3, full attention), T = 128, batch 64, 2 threads.
# Prints `uptime` before and after (quote the ratios, with the load) and a table of tokens/s and
# ratios last. On a loaded machine PyTorch's OpenMP threads spin-wait for each other and its
# 2-thread steps collapse; OMP_WAIT_POLICY=passive in the environment makes them block instead.
# Usage: bash Benchmarks/peers/compare-model.sh   (needs `make build peers`)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
ours() { .build/release/attnlab model bench --mode train --json "$@" | tee -a "$rows"; }
peer() { .venv-peers/bin/python Benchmarks/peers/torch_model.py "$@" | tee -a "$rows"; }
uptime
for threads in 1 2; do
  ours --config configs/bench-256x4.yaml --T 512 --batch 8 --threads "$threads"
  peer --T 512 --batch 8 --threads "$threads"
  peer --T 512 --batch 8 --threads "$threads" --compile
done
pareto=(--d 64 --layers 4 --heads 1 --mlp-ratio 0 --conv-kernel 3 --T 128 --batch 64 --threads 2)
ours --config configs/window-pareto-full.yaml --T 128 --batch 64 --threads 2
peer "${pareto[@]}"
peer "${pareto[@]}" --compile
uptime
python3 Benchmarks/peers/compare_model.py "$rows"
