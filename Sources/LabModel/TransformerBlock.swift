// One decoder block, pre-norm:
//
//   x1 = x0 + conv(x0)                       (only when conv_kernel > 0)
//   x2 = x1 + mixer(RMSNorm_attn(x1))        (the layer's attention variant from the LayerPattern)
//   x3 = x2 + SwiGLU(RMSNorm_mlp(x2))        (only when mlp_ratio > 0)
//                                            x0 … x3: [B, T, C]
// Backward runs the same three residuals in reverse: each adds its branch's input gradient to
// the stream's.
// Parameters (under `layers.<i>.`): conv [k, C], norm_attn [C], attn.* (the variant's),
// norm_mlp [C], mlp.{w1, w3, w2}.
// KV sharing (LabAttention/KVSharing.swift): a consumer block's mixer reads the raw k, v of an
// earlier producer block (`kv`) and has no attn.qkv.wk/wv; its backward hands dk, dv back to the
// model, which sums them per producer and passes them to the producer's backward (`dkv`). The
// block only threads the optional state through its mixer's calls.
import LabAttention
import LabCore

struct TransformerBlock: Sendable {
    let mixer: any AttentionVariant
    let convKernel: Int
    let mlpHidden: Int
    /// The 0-based layer whose keys and values this block's mixer reads, or nil (its own).
    var kvFrom: Int? = nil
    /// Later layers read this block's keys and values.
    var isProducer = false

    func initialParameters(_ config: ModelConfig, rng: inout SeededGenerator) -> ParameterSet<Float> {
        let C = config.modelDim
        var p = ParameterSet<Float>()
        if convKernel > 0 {
            p.add("conv", ShortConvolution.initialWeight(kernel: convKernel, channels: C, scale: config.projectionScale, rng: &rng))
        }
        p.add("norm_attn", Tensor(zeros: [C], value: 1))
        p.merge(mixer.initialParameters(rng: &rng, sharedKV: kvFrom != nil), prefix: "attn")
        if mlpHidden > 0 {
            p.add("norm_mlp", Tensor(zeros: [C], value: 1))
            p.merge(SwiGLU.initialParameters(modelDim: C, hidden: mlpHidden, scales: config.initScales, rng: &rng), prefix: "mlp")
        }
        return p
    }

    struct Saved<S: TensorScalar> {
        var x0, x1, h1, x2: Tensor<S>
        var r1: [S]
        var attn: SavedActivations<S>
        var h2: Tensor<S>?, r2: [S]?, mlp: SwiGLU.Saved<S>?
    }

    /// x0: [B, T, C] → x3 [B, T, C]; `kv`: the producer's raw k, v when this block consumes.
    func forward<S: TensorScalar>(_ x0: Tensor<S>, params p: ParameterSet<S>, kv: SharedKV<S>? = nil) -> (y: Tensor<S>, saved: Saved<S>) {
        let x1 = convKernel > 0 ? ShortConvolution.forward(x0, weight: p["conv"], residual: true) : x0  // x0 + conv(x0)
        let (h1, r1) = RMSNorm.forward(x1, gain: p["norm_attn"])
        precondition((kv != nil) == (kvFrom != nil), "a consumer block runs with its producer's keys and values, any other without")
        let (a, attnSaved) = mixer.forward(h1, params: p.scoped("attn"), kv: kv)
        let x2 = LinearAlgebra.add(x1, a)
        var saved = Saved(x0: x0, x1: x1, h1: h1, x2: x2, r1: r1, attn: attnSaved)
        guard mlpHidden > 0 else { return (x2, saved) }
        let (h2, r2) = RMSNorm.forward(x2, gain: p["norm_mlp"])
        let (m, mlpSaved) = SwiGLU.forward(h2, params: p.scoped("mlp"))
        saved.h2 = h2; saved.r2 = r2; saved.mlp = mlpSaved
        return (LinearAlgebra.add(x2, m), saved)
    }

    /// dy = dx3 → dx0 and the block's gradients (same names as its parameters); a producer takes
    /// its consumers' summed dk, dv (`dkv`), a consumer returns its own (the returned `dkv`).
    func backward<S: TensorScalar>(_ dy: Tensor<S>, params p: ParameterSet<S>, saved: Saved<S>, dkv: SharedKV<S>? = nil)
        -> (dx: Tensor<S>, grads: ParameterSet<S>, dkv: SharedKV<S>?) {
        var named: [String: Tensor<S>] = [:]
        var dx2 = dy
        if mlpHidden > 0, let mlpSaved = saved.mlp, let r2 = saved.r2 {
            let (dh2, mlpGrads) = SwiGLU.backward(dy, params: p.scoped("mlp"), saved: mlpSaved)
            let (dxn, dg) = RMSNorm.backward(saved.x2, gain: p["norm_mlp"], r: r2, dy: dh2, residual: dy)
            dx2 = dxn  // dy + the norm's dx
            named["norm_mlp"] = dg
            for n in mlpGrads.names { named["mlp." + n] = mlpGrads[n] }
        }
        let (dh1, attnGrads, dkvOut) = mixer.backward(dx2, params: p.scoped("attn"), saved: saved.attn, dkv: dkv)
        for n in attnGrads.names { named["attn." + n] = attnGrads[n] }
        var (dx, dg) = RMSNorm.backward(saved.x1, gain: p["norm_attn"], r: saved.r1, dy: dh1, residual: dx2)  // dx2 + the norm's dx
        named["norm_attn"] = dg
        if convKernel > 0 {
            let (dxc, dw) = ShortConvolution.backward(saved.x0, weight: p["conv"], dy: dx, residual: true)  // dx + the convolution's
            dx = dxc
            named["conv"] = dw
        }
        return (dx, p.ordered(named, producer: "block backward"), dkvOut)
    }

    // MARK: Decoding

    /// A consumer keeps no attention cache (`attn` nil): it reads its producer's.
    final class Cache {
        let attn: AttentionCache?
        let conv: ConvolutionCache?
        init(attn: AttentionCache?, conv: ConvolutionCache?) { self.attn = attn; self.conv = conv }
        var bytes: Int { (attn?.bytes ?? 0) + (conv?.bytes ?? 0) }
    }

    func makeCache(batch: Int, modelDim: Int) -> Cache {
        Cache(attn: kvFrom == nil ? mixer.makeCache(batch: batch) : nil,
              conv: convKernel > 0 ? ConvolutionCache(batch: batch, kernel: convKernel, channels: modelDim) : nil)
    }

    /// x: [B, T, C] at the cache's position (T = 1 decodes one token); advances the caches.
    /// `mix` runs the attention branch on RMSNorm_attn(x1) (the caller picks prefill or decode and
    /// hands a consumer its producer's state).
    func step(_ x0: Tensor<Float>, params p: ParameterSet<Float>, cache: Cache, mix: (Tensor<Float>) -> Tensor<Float>) -> Tensor<Float> {
        let x1 = cache.conv.map { LinearAlgebra.add(x0, $0.step(x0, weight: p["conv"])) } ?? x0
        let (h1, _) = RMSNorm.forward(x1, gain: p["norm_attn"])
        let x2 = LinearAlgebra.add(x1, mix(h1))
        guard mlpHidden > 0 else { return x2 }
        let (h2, _) = RMSNorm.forward(x2, gain: p["norm_mlp"])
        return LinearAlgebra.add(x2, SwiGLU.forward(h2, params: p.scoped("mlp")).y)
    }
}
