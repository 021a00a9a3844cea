#!/usr/bin/env bash
# RAttention's training step over SWA's at one model shape, each process timing the two in
# alternating rounds (`attnlab model bench --against`, 2 threads), one process after another, with
# each residual-linear-attention kernel in turn. Prints one line per process: process, kernel,
# rounds, the median of the per-round ratios (RAttention's step ÷ SWA's) and their quartiles, the
# two median step times (ms); then per kernel the median over the processes, their range and how
# many were at or under 1.3 (the speed target for RAttention's step). A process that fails prints
# its error and the run goes on. OPENBLAS_CORETYPE is unset so OpenBLAS picks this CPU's kernels.
# Usage: scripts/measure-rattention-over-swa.sh RATT_CONFIG SWA_CONFIG T BATCH [PROCESSES] [KERNELS]
#   (config paths relative to the repository root, where the script runs)
#   e.g. scripts/measure-rattention-over-swa.sh configs/window-pareto-long-text-ratt8.yaml configs/window-pareto-long-text-swa8.yaml 512 16 8
# PROCESSES: per kernel (default 6); KERNELS: space-separated (default "fused-recurrent").
# Build first: swift build -c release --product attnlab. About 15 s a process at the example's
# shape (40 rounds of a 70–100 ms step each, plus as many untimed steps).
set -uo pipefail
cd "$(dirname "$0")/.."
ratt=$1 swa=$2 T=$3 batch=$4 processes=${5:-6} kernels=${6:-fused-recurrent}
bin=.build/release/attnlab
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for ((p = 1; p <= processes; p++)); do
    for kernel in $kernels; do
        if ! json=$(env -u OPENBLAS_CORETYPE "$bin" model bench --config "$ratt" --against "$swa" --T "$T" --batch "$batch" \
                    --threads 2 --kernel "residual-linear-attention=$kernel" --json); then
            echo "$p $kernel failed" >&2
            continue
        fi
        python3 -c "import json, sys; d = json.loads(sys.argv[1]); q = d['ratioQuartiles']; print($p, '$kernel', d['rounds'], '%.3f' % d['ratioMedian'], '%.3f-%.3f' % tuple(q), '%.1f' % (d['first']['secondsMedian'] * 1e3), '%.1f' % (d['second']['secondsMedian'] * 1e3))" "$json" |
            tee -a "$out"
    done
done
python3 - "$out" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for kernel in dict.fromkeys(r[1] for r in rows):
    ratios = sorted(float(r[3]) for r in rows if r[1] == kernel)
    print(f"{kernel}: median over {len(ratios)} processes {statistics.median(ratios):.3f} (range {ratios[0]:.3f}-{ratios[-1]:.3f}); "
          f"{sum(x <= 1.3 for x in ratios)} of {len(ratios)} at or under 1.3")
PY
