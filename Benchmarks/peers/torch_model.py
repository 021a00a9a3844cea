"""PyTorch peer of LabModel's training step, eager or `torch.compile`d: the SAME architecture as ours.

token embedding (normal, std 0.02) -> N blocks [x += conv(x); x += attn(RMSNorm(x)); x += SwiGLU(RMSNorm(x))]
-> final RMSNorm -> LM head tied to the embedding. conv: the short depthwise causal convolution of
kernel k without bias (`--conv-kernel`, 0 = none, as `conv_kernel`). Attention: q, k, v, o
projections without bias, RoPE (theta 10,000) on interleaved pairs (2i, 2i+1) as LabAttention
applies it, causal SDPA (`--window W`: key j visible to query p iff 0 <= p - j <= W, as
sliding_window(W)). SwiGLU hidden = mlp_ratio * d (0 = no MLP). RMSNorm eps 1e-5 with a gain.
Loss: cross-entropy on every position but the last (next-token), AdamW (lr 3e-3, wd 0.1, no decay
on norms and the embedding), clip 1.0 -- the work of one `LabModel` training step
(`attnlab model bench --mode train`).

`--compile` wraps the model in `torch.compile` (default mode, Inductor's C++ CPU backend: forward
and backward compiled; the optimizer step stays eager); its warm-up steps include the compilation.

Timing as in the lab's own benches: torch.set_num_threads(N), 3 warm-up steps, median of 10 timed steps.

    .venv-peers/bin/python Benchmarks/peers/torch_model.py --threads 2 --T 512 --batch 8
    .venv-peers/bin/python Benchmarks/peers/torch_model.py --d 64 --layers 4 --heads 1 --mlp-ratio 0 \
        --conv-kernel 3 --T 128 --batch 64 --threads 2 --compile     # window-pareto's shape
"""
import argparse, json, math, statistics, time

import torch
import torch.nn as nn
import torch.nn.functional as F


class RMSNorm(nn.Module):
    def __init__(self, d, eps=1e-5):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope(x, theta):  # x: [B, H, T, D], interleaved pairs
    B, H, T, D = x.shape
    inv = theta ** (-torch.arange(0, D, 2, dtype=torch.float64) / D)
    ang = torch.arange(T, dtype=torch.float64)[:, None] * inv[None, :]
    cos, sin = ang.cos().to(x.dtype), ang.sin().to(x.dtype)
    x0, x1 = x[..., 0::2], x[..., 1::2]
    return torch.stack((x0 * cos - x1 * sin, x0 * sin + x1 * cos), dim=-1).flatten(-2)


class ShortConv(nn.Module):
    """y[t] = sum_{j<k} w[j] * x[t-j] per channel (zeros before the start), x: [B, T, d]."""

    def __init__(self, d, k):
        super().__init__()
        self.conv = nn.Conv1d(d, d, k, groups=d, padding=k - 1, bias=False)

    def forward(self, x):
        T = x.shape[1]
        return self.conv(x.transpose(1, 2))[..., :T].transpose(1, 2)


class Attention(nn.Module):
    def __init__(self, d, heads, head_dim, theta, window):
        super().__init__()
        self.h, self.hd, self.theta, self.window = heads, head_dim, theta, window
        self.wq = nn.Linear(d, heads * head_dim, bias=False)
        self.wk = nn.Linear(d, heads * head_dim, bias=False)
        self.wv = nn.Linear(d, heads * head_dim, bias=False)
        self.wo = nn.Linear(heads * head_dim, d, bias=False)

    def forward(self, x):
        B, T, _ = x.shape
        split = lambda t: t.view(B, T, self.h, self.hd).transpose(1, 2)
        q, k, v = split(self.wq(x)), split(self.wk(x)), split(self.wv(x))
        q, k = rope(q, self.theta), rope(k, self.theta)
        if self.window is None:
            o = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            pos = torch.arange(T)
            gap = pos[:, None] - pos[None, :]
            o = F.scaled_dot_product_attention(q, k, v, attn_mask=(gap >= 0) & (gap <= self.window))
        return self.wo(o.transpose(1, 2).reshape(B, T, self.h * self.hd))


class SwiGLU(nn.Module):
    def __init__(self, d, hidden):
        super().__init__()
        self.w1 = nn.Linear(d, hidden, bias=False)
        self.w3 = nn.Linear(d, hidden, bias=False)
        self.w2 = nn.Linear(hidden, d, bias=False)

    def forward(self, x):
        return self.w2(F.silu(self.w1(x)) * self.w3(x))


class Block(nn.Module):
    def __init__(self, d, heads, head_dim, mlp_ratio, theta, conv_kernel, window):
        super().__init__()
        self.conv = ShortConv(d, conv_kernel) if conv_kernel > 0 else None
        self.norm_attn, self.attn = RMSNorm(d), Attention(d, heads, head_dim, theta, window)
        self.mlp = SwiGLU(d, int(round(mlp_ratio * d))) if mlp_ratio > 0 else None
        self.norm_mlp = RMSNorm(d) if self.mlp else None

    def forward(self, x):
        if self.conv is not None:
            x = x + self.conv(x)
        x = x + self.attn(self.norm_attn(x))
        return x + self.mlp(self.norm_mlp(x)) if self.mlp else x


class LM(nn.Module):
    def __init__(self, vocab, d, layers, heads, head_dim, mlp_ratio, conv_kernel=0, window=None, theta=10_000.0):
        super().__init__()
        self.embedding = nn.Embedding(vocab, d)
        nn.init.normal_(self.embedding.weight, std=0.02)
        self.blocks = nn.ModuleList(Block(d, heads, head_dim, mlp_ratio, theta, conv_kernel, window) for _ in range(layers))
        self.final_norm = RMSNorm(d)

    def forward(self, tokens):
        x = self.embedding(tokens)
        for b in self.blocks:
            x = b(x)
        return self.final_norm(x) @ self.embedding.weight.t()  # tied head


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--vocab", type=int, default=256)
    p.add_argument("--d", type=int, default=256)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--mlp-ratio", type=float, default=4)
    p.add_argument("--conv-kernel", type=int, default=0)
    p.add_argument("--window", type=int, default=None)
    p.add_argument("--compile", action="store_true", help="torch.compile the model (forward and backward)")
    p.add_argument("--T", type=int, default=512)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = LM(a.vocab, a.d, a.layers, a.heads, a.d // a.heads, a.mlp_ratio, a.conv_kernel, a.window)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "embedding" not in n and "norm" not in n]
    rest = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "embedding" not in n and "norm" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": rest, "weight_decay": 0.0}], lr=3e-3)
    tokens = torch.randint(0, a.vocab, (a.batch, a.T))
    labels = torch.cat([tokens[:, 1:], torch.full((a.batch, 1), -100)], dim=1)

    forward = torch.compile(model) if a.compile else model

    def step():
        logits = forward(tokens)
        loss = F.cross_entropy(logits.view(-1, a.vocab), labels.view(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    for _ in range(3):
        step()
    times = []
    for _ in range(a.steps):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    n_params = sum(p.numel() for p in model.parameters())
    print(json.dumps({"peer": "pytorch-compile" if a.compile else "pytorch-eager", "torch": torch.__version__,
                      "threads": a.threads, "T": a.T, "batch": a.batch, "d": a.d, "layers": a.layers, "heads": a.heads,
                      "mlp_ratio": a.mlp_ratio, "conv_kernel": a.conv_kernel, "window": a.window,
                      "params": n_params, "step_ms_median": med * 1e3, "tokens_per_second": a.batch * a.T / med}))


if __name__ == "__main__":
    main()
