#!/usr/bin/env bash
# Side-by-side training step of SWA and of RAttention with each residual-linear-attention kernel,
# at one model shape, in interleaved rounds whose order rotates (one binary, one process per run).
# Usage: scripts/measure-linear-branch-kernels.sh SWA_CONFIG RATT_CONFIG T BATCH [ROUNDS]
# Prints one line per run: round, what ran, median step ms, tokens/s (attnlab model bench --json).
# Build first: swift build -c release --product attnlab
set -euo pipefail
swa=$1 ratt=$2 T=$3 batch=$4 rounds=${5:-6}
bin=.build/release/attnlab
runs=("swa|$swa|" "fused-recurrent|$ratt|residual-linear-attention=fused-recurrent" "chunked|$ratt|residual-linear-attention=chunked")
for ((r = 0; r < rounds; r++)); do
    for ((i = 0; i < 3; i++)); do
        IFS='|' read -r name config kernel <<< "${runs[(r + i) % 3]}"
        args=(model bench --config "$config" --T "$T" --batch "$batch" --threads 2 --mode train --json)
        [[ -n $kernel ]] && args+=(--kernel "$kernel")
        env -u OPENBLAS_CORETYPE "$bin" "${args[@]}" 2>/dev/null |
            python3 -c "import json, sys; d = json.load(sys.stdin); print($r + 1, '$name', round(d['secondsMedian'] * 1000, 2), round(d['tokensPerSecond']))"
    done
done
