#!/usr/bin/env bash
# The speed numbers of notebooks-md/model-stack.md §3 (today) and peers.md, in one run: the roofline
# (`attnlab machine`), `make peers-bench` (attention and a training step against PyTorch eager and
# torch.compile), decode at window-pareto's shape against its roofline bound (B 1 at T 1,024 and
# 16,384, B 8 at 4,096; 1 thread), the windowed kernel (W 256, T 16,384) and the chunked linear
# branch (T 4,096, no window and W 256) against SGEMM and the FMA peak, and the training profiles
# of the four variants at window-pareto's shape, and RAttention's training step over SWA's at the
# long study's and at window-pareto's shape (`model bench --against`: the two in alternating
# rounds in one process). A kernel row's ratio to the GEMM
# moves between processes (kernels notebook §17), so quote the median of several runs.
# Pause other jobs first (a background study: `kill -STOP`, then `kill -CONT`). About 7 minutes.
# Usage: bash scripts/measure-speed.sh   (needs `make build peers`)
set -uo pipefail
cd "$(dirname "$0")/.."
unset OPENBLAS_CORETYPE
echo "== $(date -u) commit $(git rev-parse --short HEAD)"; uptime; grep -m1 "model name" /proc/cpuinfo
B=.build/release/attnlab
$B machine --threads 2
echo "== make peers-bench"
make peers-bench 2>&1 | grep -v "^Building\|^\[" 
echo "== decode, window-pareto shape, B 1, 1 thread"
for T in 1024 16384; do for v in full swa16 ratt16 linear; do
  echo "$v T=$T $($B model bench --config configs/window-pareto-$v.yaml --T $T --batch 1 --mode decode --threads 1 --decode-tokens 64 2>&1 | grep '^decode')"
done; done
echo "== decode, B 8"
for v in full swa16 ratt16 linear; do
  echo "$v T=4096 B=8 $($B model bench --config configs/window-pareto-$v.yaml --T 4096 --batch 8 --mode decode --threads 1 --decode-tokens 32 2>&1 | grep '^decode')"
done
echo "== kernels: windowed W256 T16k, chunked T4096 (no window, and W256: its main product shape; fwd, fwdbwd), 1 thread"
$B kernels bench --T 16384 --window 256 --budget 3
for mode in fwd fwdbwd; do
  $B kernels bench --op residual-linear-attention --kernel chunked --T 4096 --window -1 --window 256 --mode $mode --budget 3
done
echo "== training profiles at window-pareto's shape"
for v in full swa16 ratt16 linear; do
  $B model bench --config configs/window-pareto-$v.yaml --T 128 --batch 64 --threads 2 --mode train --profile
done
echo "== RAttention's training step over SWA's, in one process (long study's shape, then window-pareto's)"
$B model bench --config configs/window-pareto-long-text-ratt8.yaml --against configs/window-pareto-long-text-swa8.yaml --T 512 --batch 16 --threads 2
$B model bench --config configs/window-pareto-ratt16.yaml --against configs/window-pareto-swa16.yaml --T 128 --batch 64 --threads 2
uptime; echo "== done $(date -u)"
