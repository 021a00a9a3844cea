#!/usr/bin/env bash
# Side-by-side: one training step of the reference config (configs/bench-256x4.yaml; vocab 256,
# d 256, 4 layers, 4 heads, SwiGLU 4x, RoPE, tied head, full attention) in attnlab and in PyTorch
# eager with the same architecture (Benchmarks/peers/torch_model.py), T = 512, batch 8, on 1 and
# 2 threads, one after the other. Usage: bash Benchmarks/peers/compare-model.sh (needs `make build peers`)
set -euo pipefail
cd "$(dirname "$0")/../.."
for threads in 1 2; do
  .build/release/attnlab model bench --config configs/bench-256x4.yaml --T 512 --batch 8 --mode train --threads "$threads"
  .venv-peers/bin/python Benchmarks/peers/torch_model.py --threads "$threads" --T 512 --batch 8
done
