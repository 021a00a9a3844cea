#!/usr/bin/env python3
"""PyTorch's CPU attention on the shapes `attnlab kernels bench` times, as JSON Lines with the
same fields (op, kernel, B, T, H, Hkv, D, W, mode, threads, median_s, gflops, ...).

- causal: torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
- window W: the same with a boolean mask (i - j >= 0) & (i - j <= W), i.e. W+1 visible keys,
  as attnlab's convention (key j visible to query i iff 0 <= i - j <= W)
FLOPs follow docs/conventions.md exactly as attnlab counts them (matmuls only, visible key pairs,
fwdbwd = 3.5 x fwd), so GFLOP/s are comparable row by row.

Usage: torch_attention.py --T 1024 --T 4096 [--window 256] --H 8 --D 64 --mode fwd --threads 1
Timing: two warm-up calls, then the median of up to --max-repeats calls within --budget seconds
(at least 3), time.perf_counter, torch.no_grad() for fwd.
"""
import argparse
import json
import statistics
import time

import torch


def visible_pairs(T, W):
    return sum(min(t, W) + 1 if W is not None else t + 1 for t in range(T))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--B", type=int, default=1)
    ap.add_argument("--T", type=int, action="append")
    ap.add_argument("--H", type=int, default=8)
    ap.add_argument("--D", type=int, default=64)
    ap.add_argument("--window", type=int, action="append", help="-1 for plain causal")
    ap.add_argument("--mode", choices=["fwd", "fwdbwd"], default="fwd")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--budget", type=float, default=2.0)
    ap.add_argument("--max-repeats", type=int, default=50)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    for T in a.T or [4096]:
        for w in a.window or [-1]:
            W = None if w < 0 else w
            shape = (a.B, a.H, T, a.D)
            q, k, v = (torch.randn(shape, requires_grad=a.mode == "fwdbwd") for _ in range(3))
            dout = torch.randn(shape)
            mask = None
            if W is not None:
                i = torch.arange(T).view(T, 1)
                j = torch.arange(T).view(1, T)
                mask = (i - j >= 0) & (i - j <= W)

            def call():
                if mask is None:
                    o = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
                else:
                    o = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
                if a.mode == "fwdbwd":
                    o.backward(dout)
                return o

            ctx = torch.no_grad() if a.mode == "fwd" else torch.enable_grad()
            with ctx:
                for _ in range(2):
                    call()
                samples, spent = [], 0.0
                while len(samples) < 3 or (len(samples) < a.max_repeats and spent < a.budget):
                    t0 = time.perf_counter()
                    call()
                    dt = time.perf_counter() - t0
                    samples.append(dt)
                    spent += dt
            median = statistics.median(samples)
            fwd_flops = 4.0 * a.B * a.H * visible_pairs(T, W) * a.D
            flops = fwd_flops * (3.5 if a.mode == "fwdbwd" else 1.0)
            print(json.dumps({
                "op": "softmax-attention",
                "kernel": "torch-sdpa" + ("-mask" if W is not None else "-causal"),
                "B": a.B, "T": T, "H": a.H, "Hkv": a.H, "D": a.D, "W": W,
                "mode": a.mode, "threads": a.threads, "median_s": median, "repeats": len(samples),
                "gflops": flops / median / 1e9, "torch": torch.__version__,
            }, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
