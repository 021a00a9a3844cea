// AdamW (Loshchilov & Hutter 2019) with decoupled weight decay, a linear warm-up then cosine
// schedule, and global-norm gradient clipping, as PyTorch's `torch.optim.AdamW` +
// `clip_grad_norm_` compute them:
//
//   g ← g · min(1, clip/‖g‖₂)                        (‖g‖ over every parameter together)
//   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²
//   θ ← θ − lr·λ·θ   (decayed parameters only)
//   θ ← θ − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
//   lr(t) = peak·t/warmup for t ≤ warmup, then min + (peak−min)·½(1 + cos(π·p)),
//           p = (t − warmup)/(decay_steps − warmup) clamped to [0, 1]
// No decay on norms and embeddings by default (names `embedding`, `*norm*`, and 1-D tensors).
import Foundation
import LabAttention
import LabCore

public struct OptimizerConfig: Codable, Hashable, Sendable {
    public var learningRate: Double = 3e-3
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    public var weightDecay: Double = 0.1
    /// Also decay norms and embeddings (off by default).
    public var decayNormsAndEmbeddings: Bool = false
    public var warmupSteps: Int = 100
    /// The step at which the cosine reaches `minLearningRateRatio`·peak (then stays there).
    public var decaySteps: Int = 3000
    public var minLearningRateRatio: Double = 0
    /// Global-norm clip (≤ 0: off).
    public var clipNorm: Double = 1

    public init() {}

    /// lr at 1-based step t.
    public func learningRate(atStep t: Int) -> Double {
        if warmupSteps > 0 && t <= warmupSteps { return learningRate * Double(t) / Double(warmupSteps) }
        let span = max(decaySteps - warmupSteps, 1)
        let p = min(max(Double(t - warmupSteps) / Double(span), 0), 1)
        let floor = learningRate * minLearningRateRatio
        return floor + (learningRate - floor) * 0.5 * (1 + cos(Double.pi * p))
    }

    /// Whether parameter `name` of shape `shape` gets weight decay.
    public func decays(_ name: String, shape: [Int]) -> Bool {
        if decayNormsAndEmbeddings { return true }
        let last = name.split(separator: ".").last.map(String.init) ?? name
        return shape.count >= 2 && name != "embedding" && !last.contains("norm")
    }
}

public struct AdamW: Sendable {
    public var config: OptimizerConfig
    /// First and second moments, named like the parameters.
    public var m: ParameterSet<Float>, v: ParameterSet<Float>
    /// Updates applied so far.
    public var step: Int

    public init(config: OptimizerConfig, parameters: ParameterSet<Float>) {
        self.config = config
        m = parameters.zeros(); v = parameters.zeros(); step = 0
    }

    /// ‖g‖₂ over every tensor (accumulated in Double).
    public static func globalNorm(_ grads: ParameterSet<Float>) -> Double {
        let profiled = Profile.begin(); defer { Profile.end(.optimizer, profiled) }
        var s = 0.0
        for n in grads.names { grads[n].scalars.withUnsafeBufferPointer { g in for x in g { s += Double(x) * Double(x) } } }
        return s.squareRoot()
    }

    /// One update with gradient `grads` whose global norm is `norm`; returns the lr used.
    @discardableResult
    public mutating func update(_ params: inout ParameterSet<Float>, grads: ParameterSet<Float>, norm: Double) -> Double {
        let profiled = Profile.begin(); defer { Profile.end(.optimizer, profiled) }
        step += 1
        let lr = config.learningRate(atStep: step)
        let clipScale = config.clipNorm > 0 && norm > config.clipNorm ? Float(config.clipNorm / norm) : 1
        let (b1, b2) = (Float(config.beta1), Float(config.beta2))
        let c1 = Float(1 - pow(config.beta1, Double(step))), c2 = Float(1 - pow(config.beta2, Double(step)))
        let (lrF, eps) = (Float(lr), Float(config.epsilon))
        for n in params.names {
            let decay: Float = config.decays(n, shape: params[n].shape) ? Float(1 - lr * config.weightDecay) : 1
            var p = params[n], mn = m[n], vn = v[n]
            p.scalars.withUnsafeMutableBufferPointer { pp in mn.scalars.withUnsafeMutableBufferPointer { mp in
                vn.scalars.withUnsafeMutableBufferPointer { vp in grads[n].scalars.withUnsafeBufferPointer { gp in
                    for i in 0..<pp.count {
                        let g = gp[i] * clipScale
                        mp[i] = b1 * mp[i] + (1 - b1) * g
                        vp[i] = b2 * vp[i] + (1 - b2) * g * g
                        pp[i] = pp[i] * decay - lrF * (mp[i] / c1) / ((vp[i] / c2).squareRoot() + eps)
                    }
                }}
            }}
            params[n] = p; m[n] = mn; v[n] = vn
        }
        return lr
    }
}
