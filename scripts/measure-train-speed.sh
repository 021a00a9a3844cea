#!/usr/bin/env bash
# Training speed at window-pareto's shape (configs/window-pareto-{full,swa16,ratt16,linear}.yaml:
# width 64, 4 layers, one head of 64, no MLP, short convolution 3; T 128, batch 64, 2 threads)
# and at window-pareto-long-text's (configs/window-pareto-long-text-{full,swa8,ratt8}.yaml: width
# 64, 4 layers, two heads of 32, MLP 2×; T 512, batch 16, 2 threads), two builds side by side in
# one run, so load from other processes hits both alike:
#   1. `model bench --mode train` of each configuration, BEFORE then AFTER, ROUNDS times (default
#      3), and a table: tokens/s per round, the paired ratio per round and its median, and
#      RAttention's step over SWA's per round at each shape;
#   2. PyTorch eager (OpenMP threads blocking, OMP_WAIT_POLICY=passive, and its default spin-wait)
#      and torch.compile of the same architecture (full attention), between AFTER's own rows;
#   3. the softmax-attention and chunked linear kernels alone at the shape of one batch part
#      (B 32, H 1, T 128, D 64, W 16 and none, fwd+bwd, 1 thread);
#   4. AFTER's `--profile` of each variant;
#   5. with TRAIN=1, one training run per variant and build: 300 steps of the study's recipe
#      (mqar_v256, L 128, batch 64, seed 0, lr 3e-3, cosine over 2,000 steps) with the wall time
#      and the loss and validation accuracy every 100 steps (same seed: the curves should agree).
# OPENBLAS_CORETYPE is unset so OpenBLAS picks its core for this CPU. Prints `uptime` around each part.
# Usage: bash scripts/measure-train-speed.sh BEFORE_BINARY AFTER_BINARY   (part 2 needs `make peers`;
#   without it that part says so and the rest runs;
#   about 12 minutes on a busy 2-core machine, 25 with TRAIN=1). A before binary: check out the
#   older commit in a worktree and `swift build -c release --product attnlab` there.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY" >&2; exit 2; }
before=$1 after=$2 rounds=${ROUNDS:-3}
unset OPENBLAS_CORETYPE
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
variants=(full swa16 ratt16 linear)
bench() { "$1" model bench --config "configs/window-pareto-$2.yaml" --T 128 --batch 64 --threads 2 --mode train "${@:3}"; }
echo "## 1. ours, before and after ($rounds rounds)"; uptime
# configuration, T, batch
shapes=("window-pareto-full 128 64" "window-pareto-swa16 128 64" "window-pareto-ratt16 128 64" "window-pareto-linear 128 64"
        "window-pareto-long-text-full 512 16" "window-pareto-long-text-swa8 512 16" "window-pareto-long-text-ratt8 512 16")
for round in $(seq "$rounds"); do
  for shape in "${shapes[@]}"; do
    read -r c T batch <<< "$shape"
    for tag in before after; do
      bin=$before; [ "$tag" = after ] && bin=$after
      echo "$round $c $tag $("$bin" model bench --config "configs/$c.yaml" --T "$T" --batch "$batch" --threads 2 --mode train --json)" \
        | tee -a "$rows" | cut -c1-70
    done
  done
done
uptime
python3 - "$rows" <<'PY'
import json, statistics, sys
rows, order = {}, []
for line in open(sys.argv[1]):
    rnd, c, tag, js = line.split(" ", 3)
    if c not in order: order.append(c)
    r = json.loads(js)
    rows.setdefault((c, tag), []).append((r["tokensPerSecond"], r["fractionOfPeak"]))
print("| configuration | before tokens/s | after tokens/s | after / before, per round | median | after, of the FMA peak |")
print("|---|---|---|---|---|---|")
for c in order:
    b, a = rows[(c, "before")], rows[(c, "after")]
    r = [x[0] / y[0] for x, y in zip(a, b)]
    print(f"| {c} | {', '.join(f'{x[0]:,.0f}' for x in b)} | {', '.join(f'{x[0]:,.0f}' for x in a)} | "
          f"{', '.join(f'{x:.2f}' for x in r)} | {statistics.median(r):.2f} | {statistics.median(x[1] for x in a):.2f} |")
for swa, ratt in [("window-pareto-swa16", "window-pareto-ratt16"), ("window-pareto-long-text-swa8", "window-pareto-long-text-ratt8")]:
    for tag in ["before", "after"]:
        r = [s[0] / t[0] for s, t in zip(rows[(swa, tag)], rows[(ratt, tag)])]
        print(f"{ratt} step / {swa} step, {tag}: {', '.join(f'{x:.2f}' for x in r)}")
PY
echo "## 2. PyTorch, same architecture (full attention), between our rows"; uptime
if [ -x .venv-peers/bin/python ]; then
  pareto=(--d 64 --layers 4 --heads 1 --mlp-ratio 0 --conv-kernel 3 --T 128 --batch 64 --threads 2)
  bench "$after" full
  OMP_WAIT_POLICY=passive .venv-peers/bin/python Benchmarks/peers/torch_model.py "${pareto[@]}"
  bench "$after" full
  .venv-peers/bin/python Benchmarks/peers/torch_model.py "${pareto[@]}"
  OMP_WAIT_POLICY=passive .venv-peers/bin/python Benchmarks/peers/torch_model.py "${pareto[@]}" --compile 2>&1 | tail -1
  bench "$after" full
  uptime
else
  echo "skipped: no .venv-peers (run \`make peers\` for the PyTorch rows)"
fi
echo "## 3. the kernels alone, one batch part"; uptime
"$after" kernels bench --op softmax-attention --B 32 --H 1 --T 128 --D 64 --window -1 --window 16 --mode fwdbwd --threads 1
"$after" kernels bench --op residual-linear-attention --B 32 --H 1 --T 128 --D 64 --window 16 --window -1 --mode fwdbwd --threads 1
echo "## 4. profiles (after)"; uptime
for v in "${variants[@]}"; do bench "$after" "$v" --profile; done
uptime
[ "${TRAIN:-0}" = 1 ] || exit 0
echo "## 5. one training run per variant, 300 steps of the recipe"; uptime
for v in "${variants[@]}"; do
  for tag in before after; do
    bin=$before; [ "$tag" = after ] && bin=$after
    echo "### $v $tag"
    "$bin" train --config "configs/window-pareto-$v.yaml" --task mqar_v256 --length 128 --steps 300 --decay-steps 2000 \
      --eval-every 100 --seed 0 --threads 2 --log-every 100 | grep -E '^(step|done)'
  done
done
uptime
