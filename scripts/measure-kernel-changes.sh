#!/usr/bin/env bash
# Two builds of the kernels side by side in one run (kernels.md §6): each row is
# `attnlab kernels bench` on 1 thread, BEFORE then AFTER, ROUNDS times (default 2), interleaved so
# that load from other processes hits both alike; the table gives the median ms of each and the
# speed-up (before ÷ after), and AFTER's fraction of the FMA peak measured in its own process.
# Rows: softmax attention causal at D 32 and 64 (T 4096, H 8), the W 256 window at T 16384, a small
# window (W 8) at the long study's shape (B 16, H 2, T 512, D 32), and the chunked linear branch
# at D 32 and 64 (T 4096; no window), at its main product shape (D 64, T 4096, W 256) with softmax2
# and with relu2 (no exponentials), and at the long study's shape (B 8, H 2, T 512, D 32, W 8), and
# the fused recurrent linear branch at that shape (the kernel the dispatch picks there; each linear
# row names its kernel, so a row measures one kernel whatever the dispatch picks); forward and
# forward+backward. The last column is AFTER's (BEFORE's) GFLOP/s over OpenBLAS SGEMM
# of the kernel's main product shape in the same process (`kernels bench`'s second "ratio"; from
# commit bc94a57 on, the median of rounds in which the kernel and that GEMM alternate: a BEFORE
# binary older than that times the GEMM after the kernel, and its ratio is noisier; the newer one
# shares `--budget` between the kernel's and the GEMM's timed calls, so its median ms comes from
# about half as many calls of the kernel).
# Times are the benching thread's CPU time (`--clock cpu`; CLOCK=wall for wall-clock time): on this
# shared 2-core machine two copies of one binary benched in 7 interleaved rounds (the chunked
# forward at W 256) had wall-clock medians 6 % apart and CPU-time medians 0.6 % apart; a change
# shows only as a difference beyond that.
# Usage: bash scripts/measure-kernel-changes.sh BEFORE_BINARY AFTER_BINARY   (about 6 minutes; pause
#   other jobs first). A before binary: check out the older commit in a worktree and
#   `swift build -c release --product attnlab` there. ONLY=REGEX keeps the rows whose names match
#   (grep -E), e.g. ONLY='^chunked linear D64 T4096 W256$' ROUNDS=16 for one row measured often
#   (each round's rows run back to back, so fewer rows also means less drift between a pair).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY" >&2; exit 2; }
before=$1 after=$2 rounds=${ROUNDS:-2} clock=${CLOCK:-cpu} only=${ONLY:-}
unset OPENBLAS_CORETYPE
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
cases=(
  "softmax causal D32 T4096|--T 4096 --D 32"
  "softmax causal D64 T4096|--T 4096 --D 64"
  "softmax W256 D64 T16384|--T 16384 --window 256"
  "softmax W8 D32 T512 B16 H2|--T 512 --B 16 --H 2 --D 32 --window 8"
  "chunked linear D32 T4096|--op residual-linear-attention --kernel chunked --T 4096 --D 32 --window -1"
  "chunked linear D64 T4096|--op residual-linear-attention --kernel chunked --T 4096 --D 64 --window -1"
  "chunked linear D64 T4096 W256|--op residual-linear-attention --kernel chunked --T 4096 --D 64 --window 256"
  "chunked linear relu2 D64 T4096 W256|--op residual-linear-attention --kernel chunked --T 4096 --D 64 --window 256 --feature-map relu2"
  "chunked linear D32 T512 B8 H2 W8|--op residual-linear-attention --kernel chunked --T 512 --B 8 --H 2 --D 32 --window 8"
  "fused-recurrent linear D32 T512 B8 H2 W8|--op residual-linear-attention --kernel fused-recurrent --T 512 --B 8 --H 2 --D 32 --window 8"
)
uptime
for round in $(seq "$rounds"); do
  for c in "${cases[@]}"; do
    name=${c%%|*} args=${c#*|}
    if [ -n "$only" ] && ! grep -qE -- "$only" <<<"$name"; then continue; fi
    for mode in fwd fwdbwd; do
      for tag in before after; do
        bin=$before; [ "$tag" = after ] && bin=$after
        # kernel row: name T H D W mode thr median-ms GFLOP/s of-peak …
        line=$("$bin" kernels bench $args --threads 1 --mode "$mode" --budget 1 --clock "$clock" | grep -E '^(tiled-online-softmax|chunked|fused-recurrent) ')
        echo "$name|$mode|$tag|$(echo "$line" | awk '{print $8, $10, $15}')" | tee -a "$rows"
      done
    done
  done
done
uptime
[ -s "$rows" ] || { echo "$0: ONLY='$only' matches no row" >&2; exit 2; }
python3 - "$rows" <<'PY'
import statistics, sys
ms, peak, gemm, order = {}, {}, {}, []
for line in open(sys.argv[1]):
    name, mode, tag, vals = line.rstrip("\n").split("|")
    t, p, g = vals.split()
    key = (name, mode)
    if key not in order: order.append(key)
    ms.setdefault((key, tag), []).append(float(t)); peak.setdefault((key, tag), []).append(float(p))
    gemm.setdefault((key, tag), []).append(float(g))
print("| kernel, shape | mode | before ms | after ms | speed-up | after, of the FMA peak (before) | after, of its GEMM (before) |")
print("|---|---|---|---|---|---|---|")
for k in order:
    b, a = statistics.median(ms[(k, "before")]), statistics.median(ms[(k, "after")])
    print(f"| {k[0]} | {k[1]} | {b:.2f} | {a:.2f} | {b / a:.2f}× | "
          f"{statistics.median(peak[(k, 'after')]):.2f} ({statistics.median(peak[(k, 'before')]):.2f}) | "
          f"{statistics.median(gemm[(k, 'after')]):.2f} ({statistics.median(gemm[(k, 'before')]):.2f}) |")
PY
