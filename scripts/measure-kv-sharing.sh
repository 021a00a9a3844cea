#!/usr/bin/env bash
# AFM's cross-layer KV sharing against the same model without it, side by side in one
# run: configs/uniform-8.yaml (8 full-attention layers, each its own KV cache) and
# configs/afm-8.yaml (5:3 split: layers 5-7 read layer 4's cache). For T in 1k, 4k, 16k: analytic
# decode-state bytes, measured state bytes after the prefill, prefill time (time to first token:
# logits of the last position only) and decode tokens/s after a prefill of T tokens.
# Every (T, mode) measures both configs back to back, ROUNDS times alternating (default 3), and
# the table gives the median over rounds of each config's median and of the paired saving (with
# its range over rounds), so load from other processes hits both sides alike. Release build,
# 2 threads, batch 1.
# Usage: ATTNLAB=/path/to/release/attnlab [ROUNDS=3] bash scripts/measure-kv-sharing.sh [T ...]
#   (default binary .build/release/attnlab; takes about 12 minutes on 2 cores at 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${ATTNLAB:-.build/release/attnlab}
lengths=("$@"); [ ${#lengths[@]} -gt 0 ] || lengths=(1024 4096 16384)
threads=${THREADS:-2}
rounds=${ROUNDS:-3}
echo "## machine"; nproc; grep -m1 'model name' /proc/cpuinfo; uptime
git log -1 --format='commit %h %cd' --date=iso
echo; echo "## analytic decode-state bytes per sequence (attnlab variants pattern)"
$bin variants pattern --config configs/afm-8.yaml $(printf -- '--T %s ' "${lengths[@]}")
rows=$(mktemp)
for T in "${lengths[@]}"; do
  for mode in prefill decode; do
    for round in $(seq "$rounds"); do for cfg in uniform-8 afm-8; do
      json=$($bin model bench --config configs/$cfg.yaml --T "$T" --mode $mode --batch 1 --threads "$threads" --decode-tokens 32 --json)
      echo "$cfg $json" >> "$rows"
      echo "$cfg $json" >&2
    done; done
  done
done
echo; echo "## prefill and decode, uniform-8 vs afm-8 (medians; prefill = time to first token)"
python3 - "$rows" <<'PY'
import json, sys, statistics as st
r = {}
for line in open(sys.argv[1]):
    cfg, js = line.split(" ", 1)
    d = json.loads(js)
    r.setdefault((cfg, d["length"], d["mode"]), []).append(d)
Ts = sorted({k[1] for k in r})
med = lambda xs: st.median(xs)
print("| T | state bytes uniform | state bytes AFM | state saved | prefill uniform (s) | prefill AFM (s) | prefill saved (range) | decode uniform (tok/s) | decode AFM (tok/s) | decode AFM/uniform (range) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for T in Ts:
    u, a = r[("uniform-8", T, "prefill")], r[("afm-8", T, "prefill")]
    du, da = r[("uniform-8", T, "decode")], r[("afm-8", T, "decode")]
    su, sa = u[0]["stateBytes"], a[0]["stateBytes"]
    saved = [100 * (x["secondsMedian"] - y["secondsMedian"]) / x["secondsMedian"] for x, y in zip(u, a)]
    speed = [y["tokensPerSecond"] / x["tokensPerSecond"] for x, y in zip(du, da)]
    print(f"| {T} | {su:,} | {sa:,} | {100*(su-sa)/su:.1f} % | {med([x['secondsMedian'] for x in u]):.3f} | {med([x['secondsMedian'] for x in a]):.3f} | "
          f"{med(saved):.1f} % ({min(saved):.1f}…{max(saved):.1f}) | {med([x['tokensPerSecond'] for x in du]):.1f} | {med([x['tokensPerSecond'] for x in da]):.1f} | "
          f"{med(speed):.2f}× ({min(speed):.2f}…{max(speed):.2f}) |")
print(f"\n{len(u)} rounds; predicted: state and prefill saved 37.5 % (3 of 8 layers hold no cache and run on 1 of T prompt positions)")
PY
rm -f "$rows"
