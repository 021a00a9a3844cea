#!/usr/bin/env bash
# Every speed figure quoted in notebooks-md/kernels.md, in one run on this machine (release build).
# Each table is measured side by side in one process (ours, and OpenBLAS SGEMM), or back to back
# (ours, then PyTorch on the same shapes and threads). Takes about 10 minutes on 2 idle cores.
# Usage: bash scripts/measure-kernels.sh [out-dir]   (needs `make build peers`)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/measure-kernels}
mkdir -p "$out"
bin=.build/release/attnlab
echo "## machine"; nproc; grep -m1 'model name' /proc/cpuinfo; uptime
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"; git log -1 --format='commit %h %cd' --date=iso

echo; echo "## softmax-attention vs PyTorch SDPA (Benchmarks/peers/compare-attention.sh)"
bash Benchmarks/peers/compare-attention.sh "$out/peers"

echo; echo "## 1 vs 2 threads, causal T=4096 H=8 D=64, forward and forward+backward"
$bin kernels bench --T 4096 --threads 1 --mode fwd --budget 3
$bin kernels bench --T 4096 --threads 2 --mode fwd --budget 3
$bin kernels bench --T 4096 --threads 1 --mode fwdbwd --budget 3
$bin kernels bench --T 4096 --threads 2 --mode fwdbwd --budget 3

echo; echo "## sliding window 256 scaling (T=2048 vs 16384) and against full causal at 16384"
$bin kernels bench --T 2048 --T 16384 --window 256 --budget 3
$bin kernels bench --T 16384 --budget 3

echo; echo "## residual-linear-attention (chunked): forward vs SGEMM, scaling in T"
$bin kernels bench --op residual-linear-attention --T 2048 --T 4096 --T 16384 --window -1 --budget 3
$bin kernels bench --op residual-linear-attention --T 4096 --window -1 --mode fwdbwd --budget 3

echo; echo "## decode step of the linear state: flat in T"
$bin kernels bench --op residual-linear-attention --mode decode --T 1024 --T 4096 --T 16384 --window 512 --budget 2

echo; echo "## RAttention(W=512) against SWA(W=4096) at T=16384: SWA-512 + linear branch vs SWA-4096"
$bin kernels bench --T 16384 --window 512 --window 4096 --budget 3
$bin kernels bench --op residual-linear-attention --T 16384 --window 512 --budget 3
$bin kernels bench --T 16384 --window 512 --window 4096 --mode fwdbwd --budget 3
$bin kernels bench --op residual-linear-attention --T 16384 --window 512 --mode fwdbwd --budget 3

echo; echo "## head dimensions: causal softmax and the chunked linear branch, T=4096 H=8, forward, 1 thread"
for d in 64 80 96 128; do $bin kernels bench --T 4096 --D "$d" --budget 3 | grep -v '^roofline\|^OpenBLAS'; done
for d in 64 80 96 128; do $bin kernels bench --op residual-linear-attention --T 4096 --window -1 --D "$d" --budget 3 | grep -v '^roofline\|^OpenBLAS'; done
