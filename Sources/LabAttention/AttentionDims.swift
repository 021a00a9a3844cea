// The shapes a parent model injects into every attention variant (a variant's own config holds
// only its own knobs), and the initial scales it may set.
import LabCore

public struct AttentionDims: Hashable, Sendable, Codable, CustomStringConvertible {
    /// C: model dim; H: query heads; Hkv: key/value heads (H % Hkv == 0); D: head dim.
    public var modelDim: Int, heads: Int, kvHeads: Int, headDim: Int

    public init(modelDim: Int, heads: Int, kvHeads: Int? = nil, headDim: Int? = nil) {
        self.modelDim = modelDim
        self.heads = heads
        self.kvHeads = kvHeads ?? heads
        self.headDim = headDim ?? modelDim / heads
        precondition(heads >= 1 && self.kvHeads >= 1 && heads % self.kvHeads == 0,
                     "heads \(heads) must be a positive multiple of kv heads \(self.kvHeads)")
        precondition(self.headDim >= 1 && modelDim >= 1)
    }

    public var description: String { "C\(modelDim)_H\(heads)_Hkv\(kvHeads)_D\(headDim)" }
}

/// Initial scales a parent may set for every variant (recorded with every run, since at tiny
/// scale they decide whether a model learns at all: docs/training.md).
public struct AttentionInit: Hashable, Sendable, Codable {
    /// Projection weights are uniform in ±(scale/√fan_in) (PyTorch's `nn.Linear` default at 1).
    public var projectionScale: Double
    /// Initial gain of the per-head output RMSNorms (AXLearn initialises it to 1).
    public var normGain: Double

    public init(projectionScale: Double = 1, normGain: Double = 1) {
        self.projectionScale = projectionScale
        self.normGain = normGain
    }

    /// A [fanIn, fanOut] weight, uniform in ±(projectionScale/√fanIn).
    public func weight(fanIn: Int, fanOut: Int, rng: inout SeededGenerator) -> Tensor<Float> {
        let bound = projectionScale / Double(fanIn).squareRoot()
        return Tensor(shape: [fanIn, fanOut],
                      scalars: (0..<(fanIn * fanOut)).map { _ in Float((2 * rng.nextDouble() - 1) * bound) })
    }
}
