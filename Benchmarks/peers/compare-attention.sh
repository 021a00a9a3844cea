#!/usr/bin/env bash
# Side-by-side: attnlab's tiled-online-softmax and PyTorch's CPU SDPA on the same shapes and
# thread counts, run one after the other on this machine; prints one table with the ratio.
# Usage: bash Benchmarks/peers/compare-attention.sh [out-dir]   (needs `make build peers`)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-.build/peers}
mkdir -p "$out"
: > "$out/ours.jsonl"; : > "$out/peers.jsonl"
run() {  # args: mode threads T... (window flags included)
  .build/release/attnlab kernels bench --json "$@" >> "$out/ours.jsonl"
  .venv-peers/bin/python Benchmarks/peers/torch_attention.py "$@" >> "$out/peers.jsonl"
}
run --mode fwd --threads 1 --T 1024 --T 4096
run --mode fwd --threads 2 --T 4096
run --mode fwdbwd --threads 1 --T 1024 --T 4096
run --mode fwdbwd --threads 2 --T 4096
run --mode fwd --threads 1 --T 2048 --T 16384 --window 256
python3 Benchmarks/peers/compare.py "$out/ours.jsonl" "$out/peers.jsonl"
