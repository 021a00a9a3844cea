#!/usr/bin/env python3
"""Writes the kernel and checkpoint cases of the malformed-input corpus:
Tests/AttnLabCLITests/Corpus/kernels.jsonl (.npy inputs and `kernels run/bench/check` flags) and
Tests/AttnLabCLITests/Corpus/safetensors.jsonl (a hand-built 1.3 KB checkpoint `ckpt/model.safetensors`,
vocab 8, width 4, one sliding_window layer, fed to `attnlab generate`). Run from the repository root;
the output is deterministic. Usage: python3 scripts/corpus-kernels-safetensors.py"""
import base64, json, math, random, struct

CORPUS = "Tests/AttnLabCLITests/Corpus/"

def b64(data): return {"base64": base64.b64encode(data).decode()}

# ---------------------------------------------------------------- .npy
def npy(shape="(4, 16)", descr="<f4", fortran="False", data=None, version=1, header_len=None, magic=b"\x93NUMPY", values=None):
    """A .npy file; `values` (floats) or raw `data` bytes follow the header."""
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)
    prefix = len(magic) + 2 + (2 if version == 1 else 4)
    header += " " * ((64 - (prefix + len(header) + 1) % 64) % 64) + "\n"
    n = len(header) if header_len is None else header_len
    length = struct.pack("<H", n) if version == 1 else struct.pack("<I", n)
    if data is None:
        data = struct.pack("<%df" % len(values), *values) if values is not None else b""
    return magic + bytes([version, 0]) + length + header.encode() + data

def normal(n, seed):
    r = random.Random(seed)
    return [round(r.gauss(0, 1), 4) for _ in range(n)]

T, D = 8, 16  # T 64 only where the case needs it (a NaN at v[63, 0])
q, k, v = normal(T * D, 1), normal(T * D, 2), normal(T * D, 3)
def with_value(values, index, x):
    out = list(values); out[index] = x; return out
good = {"q.npy": b64(npy("(8, 16)", values=q)), "k.npy": b64(npy("(8, 16)", values=k)), "v.npy": b64(npy("(8, 16)", values=v))}
v64 = normal(64 * D, 3)
good64 = {"q.npy": b64(npy("(1, 1, 64, 16)", values=normal(64 * D, 1))), "k.npy": b64(npy("(1, 1, 64, 16)", values=normal(64 * D, 2)))}
small = {"a.npy": b64(npy("(4, 16)", values=normal(64, 4)))}
RUN = ["kernels", "run", "--q", "$DIR/q.npy", "--k", "$DIR/k.npy", "--v", "$DIR/v.npy", "--out-dir", "$DIR/out"]
RUN_A = ["kernels", "run", "--q", "$DIR/bad.npy", "--k", "$DIR/a.npy", "--v", "$DIR/a.npy", "--out-dir", "$DIR/out"]
LIN = ["--op", "residual-linear-attention"]
BENCH = ["kernels", "bench", "--H", "1", "--D", "16", "--budget", "0.01"]

def bad_q(name, data, fragment):
    return {"name": name, "args": RUN_A, "files": dict(small, **{"bad.npy": b64(data)}), "exit": 2, "stderr": fragment}

kernels = [
    bad_q("npy-shape-element-count-overflows", npy("(1, 1, 4611686018427387905, 16)", data=bytes(64)), "too many elements"),
    bad_q("npy-shape-product-overflows-2d", npy("(4294967296, 4294967296)", data=bytes(64)), "too many elements"),
    bad_q("npy-shape-bytes-overflow-after-count", npy("(2305843009213693952, 1)", data=bytes(64)), "too many elements"),
    bad_q("npy-shape-overflow-float64", npy("(1152921504606846976, 16)", descr="<f8", data=bytes(128)), "too many elements"),
    bad_q("npy-shape-larger-than-int", npy("(99999999999999999999, 16)", data=bytes(64)), "bad shape"),
    bad_q("npy-data-truncated", npy("(4, 16)", data=bytes(100)), "truncated"),
    bad_q("npy-trailing-bytes", npy("(4, 16)", data=bytes(260)), "trailing bytes"),
    bad_q("npy-wrong-magic", npy(magic=b"\x93NUMPX", data=bytes(256)), "wrong magic"),
    bad_q("npy-int32-dtype", npy(descr="<i4", data=bytes(256)), "unsupported dtype"),
    bad_q("npy-big-endian", npy(descr=">f4", data=bytes(256)), "unsupported dtype"),
    bad_q("npy-fortran-order", npy(fortran="True", data=bytes(256)), "Fortran-order"),
    bad_q("npy-negative-dimension", npy("(-4, 16)", data=bytes(256)), "bad shape"),
    bad_q("npy-header-length-past-eof", npy(header_len=60000, data=b""), "truncated header"),
    bad_q("npy-v2-header-length-past-eof", npy(version=2, header_len=4000000000, data=b""), "truncated header"),
    bad_q("npy-format-version-9", npy(version=9, data=bytes(256)), "unsupported .npy format version"),
    bad_q("npy-rank-5", npy("(1, 1, 1, 4, 16)", data=bytes(256)), "expected shape"),
    bad_q("npy-rank-1", npy("(64,)", data=bytes(256)), "expected shape"),
    {"name": "run-nan-in-v-softmax", "args": RUN, "files": dict(good64, **{"v.npy": b64(npy("(1, 1, 64, 16)", values=with_value(v64, 63 * D, math.nan)))}),
     "exit": 2, "stderr": "v: non-finite value nan at [0, 0, 63, 0]"},
    {"name": "run-nan-in-v-linear", "args": RUN + LIN + ["--window", "3"], "files": dict(good, **{"v.npy": b64(npy("(8, 16)", values=with_value(v, 7 * D, math.nan)))}),
     "exit": 2, "stderr": "v: non-finite value nan at [7, 0]"},
    {"name": "run-inf-in-k-softmax", "args": RUN + ["--window", "5"], "files": dict(good, **{"k.npy": b64(npy("(8, 16)", values=with_value(k, 5 * D + 7, math.inf)))}),
     "exit": 2, "stderr": "k: non-finite value inf at [5, 7]"},
    {"name": "run-neg-inf-in-q-linear", "args": RUN + LIN + ["--window", "-1"], "files": dict(good, **{"q.npy": b64(npy("(8, 16)", values=with_value(q, 0, -math.inf)))}),
     "exit": 2, "stderr": "q: non-finite value -inf at [0, 0]"},
    {"name": "run-nan-in-dout", "args": RUN + ["--dout", "$DIR/dout.npy"], "files": dict(good, **{"dout.npy": b64(npy("(8, 16)", values=with_value(q, 17, math.nan)))}),
     "exit": 2, "stderr": "dout: non-finite value nan at [1, 1]"},
    {"name": "run-nan-in-s0", "args": RUN + LIN + ["--window", "2", "--s0", "$DIR/s0.npy"],
     "files": dict(good, **{"s0.npy": b64(npy("(32, 16)", values=with_value([0.0] * 512, 511, math.nan)))}),
     "exit": 2, "stderr": "s0: non-finite value nan at [31, 15]"},
    {"name": "run-window-int-max-softmax-is-causal", "args": RUN + ["--window", "9223372036854775807", "--dout", "$DIR/q.npy"], "files": good, "exit": 0, "stderr": "wrote"},
    {"name": "run-window-int-max-linear-reads-s0", "args": RUN + LIN + ["--window", "9223372036854775807", "--dout", "$DIR/q.npy"], "files": good, "exit": 0, "stderr": "wrote"},
    {"name": "run-window-int-max-minus-one-linear", "args": RUN + LIN + ["--window", "9223372036854775806", "--kernel", "recurrent"], "files": good, "exit": 0, "stderr": "wrote"},
    {"name": "run-window-below-minus-one-linear", "args": RUN + LIN + ["--window", "-2"], "files": good, "exit": 2, "stderr": "window: must be ≥ −1"},
    {"name": "run-threads-zero", "args": RUN + ["--threads", "0"], "files": good, "exit": 2, "stderr": "threads: must be ≥ 1"},
    {"name": "run-chunk-zero", "args": RUN + LIN + ["--window", "1", "--chunk", "0"], "files": good, "exit": 2, "stderr": "chunk: must be ≥ 1"},
    {"name": "run-chunk-int-max", "args": RUN + LIN + ["--window", "1", "--chunk", "9223372036854775807"], "files": good, "exit": 0, "stderr": "wrote"},
    {"name": "run-threads-huge", "args": RUN + ["--threads", "9223372036854775807"], "files": good, "exit": 0, "stderr": "wrote"},
    {"name": "bench-T-overflows-element-count", "args": BENCH + ["--T", "9223372036854775807"], "exit": 2, "stderr": "too many elements"},
    {"name": "bench-T-exceeds-memory", "args": BENCH + ["--T", "100000000000"], "exit": 2, "stderr": "GiB"},
    {"name": "bench-linear-T-overflows", "args": BENCH + LIN + ["--T", "4611686018427387904"], "exit": 2, "stderr": "too many elements"},
    {"name": "bench-D-zero", "args": BENCH + ["--D", "0"], "exit": 2, "stderr": "D: must be ≥ 1"},
    {"name": "bench-T-zero", "args": BENCH + ["--T", "0"], "exit": 2, "stderr": "T: must be ≥ 1"},
    {"name": "bench-threads-zero", "args": BENCH + ["--threads", "0"], "exit": 2, "stderr": "threads: must be ≥ 1"},
    {"name": "bench-mode-unknown", "args": BENCH + ["--mode", "sideways"], "exit": 2, "stderr": "mode: must be"},
    {"name": "bench-window-int-max-softmax", "args": BENCH + ["--T", "48", "--window", "9223372036854775807"], "exit": 0},
    {"name": "bench-window-int-max-linear-decode", "args": BENCH + LIN + ["--mode", "decode", "--T", "32", "--window", "9223372036854775807"], "exit": 0},
    {"name": "bench-threads-beyond-int32", "args": BENCH + ["--T", "32", "--threads", "3000000000"], "exit": 0},
    {"name": "check-threads-zero", "args": ["kernels", "check", "--quick", "--threads", "0"], "exit": 2, "stderr": "threads: must be ≥ 1"},
]

# ---------------------------------------------------------------- safetensors
V, C = 8, 4
def model_config(window=2):
    return json.dumps({"conv_kernel": 0, "embedding_std": 0.02, "head_dim": C, "heads": 1, "kv_heads": 1, "layers": 1, "mlp_ratio": 0,
                       "model_dim": C, "norm_gain": 1, "pattern": [{"kind": "sliding_window", "window": window}],
                       "positional": {"kind": "rope", "theta": 10000}, "projection_scale": 1, "tied_head": True, "vocab": V},
                      separators=(",", ":"), sort_keys=True)

def parameters():
    r = random.Random(7)
    out = []
    for name, shape in [("embedding", [V, C]), ("layers.0.norm_attn", [C]), ("layers.0.attn.qkv.wq", [C, C]), ("layers.0.attn.qkv.wk", [C, C]),
                        ("layers.0.attn.qkv.wv", [C, C]), ("layers.0.attn.wo", [C, C]), ("final_norm", [C])]:
        n = math.prod(shape)
        out.append([name, shape, [1.0] * n if "norm" in name else [round(r.gauss(0, 0.5), 3) for _ in range(n)]])
    return out

def checkpoint(params=None, window=2, meta=None, edit=None, header_len=None, data=None, raw_header=None):
    """model.safetensors bytes; `edit(header)` may change the header dict after offsets are laid out."""
    params = params or parameters()
    header = {"__metadata__": meta if meta is not None else {"format": "attention-lab", "model_config": model_config(window), "seed": "1", "step": "1"}}
    blob, off = b"", 0
    for name, shape, vals in params:
        b = struct.pack("<%df" % len(vals), *vals)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [off, off + len(b)]}
        blob, off = blob + b, off + len(b)
    if edit: edit(header)
    h = raw_header if raw_header is not None else json.dumps(header, separators=(",", ":")).encode()
    while len(h) % 8: h += b" "
    return struct.pack("<Q", len(h) if header_len is None else header_len) + h + (blob if data is None else data)

GEN = ["generate", "--checkpoint", "$DIR/ckpt", "--prompt-tokens", "1,2,3", "--max-tokens", "4"]
def st(name, data, exit=2, fragment=None, args=GEN):
    case = {"name": name, "args": args, "files": {"ckpt/model.safetensors": b64(data)}, "exit": exit}
    if fragment: case["stderr"] = fragment
    return case
def set_entry(name, **kv):
    def f(h): h[name].update(kv)
    return f
def poisoned(name, index, x):
    p = parameters()
    for e in p:
        if e[0] == name: e[2][index] = x
    return p
def drop(name):
    def f(h): del h[name]
    return f

safetensors = [
    st("st-valid-tiny-checkpoint", checkpoint(), exit=0),
    st("st-window-int-max-decodes-in-context", checkpoint(window=9223372036854775807), exit=0),
    st("st-window-int-max-minus-one", checkpoint(window=9223372036854775806), exit=0),
    st("st-tensors-overlap-exactly", checkpoint(edit=lambda h: h["layers.0.attn.qkv.wk"].update(data_offsets=h["layers.0.attn.qkv.wq"]["data_offsets"])), fragment="overlap"),
    st("st-tensors-overlap-partly", checkpoint(edit=lambda h: h["layers.0.attn.wo"].update(data_offsets=[h["layers.0.attn.wo"]["data_offsets"][0] - 4, h["layers.0.attn.wo"]["data_offsets"][1] - 4])), fragment="overlap"),
    st("st-offsets-past-data", checkpoint(edit=lambda h: h["final_norm"].update(data_offsets=[h["final_norm"]["data_offsets"][0] + 64, h["final_norm"]["data_offsets"][1] + 64])), fragment="truncated"),
    st("st-offsets-negative", checkpoint(edit=set_entry("embedding", data_offsets=[-16, 112])), fragment="0 ≤ begin ≤ end"),
    st("st-offsets-reversed", checkpoint(edit=set_entry("final_norm", data_offsets=[16, 0])), fragment="0 ≤ begin ≤ end"),
    st("st-offsets-int-extremes", checkpoint(edit=set_entry("final_norm", data_offsets=[-9223372036854775808, 9223372036854775807])), fragment="0 ≤ begin ≤ end"),
    st("st-offsets-size-mismatch", checkpoint(edit=set_entry("embedding", data_offsets=[0, 124])), fragment="do not hold shape"),
    st("st-shape-count-overflows", checkpoint(edit=set_entry("embedding", shape=[4611686018427387905, 4], data_offsets=[0, 16])), fragment="too many elements"),
    st("st-shape-bytes-overflow", checkpoint(edit=set_entry("final_norm", shape=[2305843009213693952], data_offsets=[0, 0])), fragment="too many elements"),
    st("st-shape-negative", checkpoint(edit=set_entry("final_norm", shape=[-4])), fragment="negative dimension"),
    st("st-header-length-past-eof", checkpoint(header_len=1 << 40), fragment="truncated (header of"),
    st("st-header-length-u64-max", checkpoint(header_len=(1 << 64) - 1), fragment="truncated (header of"),
    st("st-header-not-json", checkpoint(raw_header=b"not json at all!"), fragment="not a JSON object"),
    st("st-header-json-array", checkpoint(raw_header=b"[1, 2, 3]"), fragment="not a JSON object"),
    st("st-file-shorter-than-length-field", b"\x10\x00\x00", fragment="truncated"),
    st("st-dtype-f16", checkpoint(edit=set_entry("final_norm", dtype="F16")), fragment="dtype F16"),
    st("st-entry-three-offsets", checkpoint(edit=set_entry("final_norm", data_offsets=[0, 8, 16])), fragment="malformed header entry"),
    st("st-entry-fractional-shape", checkpoint(edit=set_entry("final_norm", shape=[4.5])), fragment="malformed header entry"),
    st("st-nan-weight", checkpoint(params=poisoned("embedding", 2 * C + 1, math.nan)), fragment="tensor embedding: non-finite value nan at [2, 1]"),
    st("st-inf-weight", checkpoint(params=poisoned("layers.0.attn.wo", 3, math.inf)), fragment="tensor layers.0.attn.wo: non-finite value inf at [0, 3]"),
    st("st-neg-inf-norm-gain", checkpoint(params=poisoned("final_norm", 2, -math.inf)), fragment="tensor final_norm: non-finite value -inf at [2]"),
    st("st-missing-tensor", checkpoint(edit=drop("final_norm")), fragment="missing tensor final_norm"),
    st("st-extra-tensor", checkpoint(edit=lambda h: h.update({"extra": {"dtype": "F32", "shape": [0], "data_offsets": [0, 0]}})), fragment="unexpected tensor extra"),
    st("st-wrong-shape", checkpoint(edit=set_entry("layers.0.attn.wo", shape=[2, 8])), fragment="has shape [2, 8]"),
    st("st-no-model-config", checkpoint(meta={"format": "attention-lab"}), fragment="no model_config"),
    {"name": "st-no-model-file", "args": GEN, "files": {"ckpt/notes.txt": {"text": "no model.safetensors here"}}, "exit": 2, "stderr": "cannot read"},
]

for path, cases in [(CORPUS + "kernels.jsonl", kernels), (CORPUS + "safetensors.jsonl", safetensors)]:
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    with open(path, "w") as f:
        for c in cases: f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{path}: {len(cases)} cases")
