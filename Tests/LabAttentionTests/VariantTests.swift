import Foundation
import Testing
import LabCore
import LabTestSupport
@testable import LabAttention

/// Small shapes, window much smaller than T so windows (and RAttention's linear branch) really work.
let testDims = AttentionDims(modelDim: 32, heads: 4, kvHeads: 2, headDim: 16)
let tinyDims = AttentionDims(modelDim: 6, heads: 2, kvHeads: 1, headDim: 4)
let rope = PositionalEncoding.rope(theta: 10_000)

func minimalConfig(_ type: any AttentionVariant.Type) -> AnyAttentionConfig {
    try! AnyAttentionConfig.parse(json: type.minimalConfigJSON)
}

func randomInput<S: TensorScalar>(_ shape: [Int], seed: UInt64, as: S.Type = S.self) -> Tensor<S> {
    var rng = SeededGenerator(seed: seed, stream: "input")
    return Tensor<S>(randomNormal: shape, rng: &rng)
}

@Suite struct VariantRegistryTests {
    static let kinds = AttentionRegistry.kinds

    @Test(arguments: kinds) func minimalConfigDecodesAndRoundTrips(kind: String) throws {
        let type = AttentionRegistry.type(ofKind: kind)!
        let config = try AnyAttentionConfig.parse(json: type.minimalConfigJSON)
        #expect(config.kind == kind)
        let again = try AnyAttentionConfig.parse(json: config.canonicalJSON)
        #expect(again == config)
    }

    @Test(arguments: kinds) func unknownKeysAreErrors(kind: String) {
        let type = AttentionRegistry.type(ofKind: kind)!
        let json = type.minimalConfigJSON.replacingOccurrences(of: "}", with: #", "windw": 4}"#)
        do {
            _ = try AnyAttentionConfig.parse(json: json)
            Issue.record("accepted an unknown key: \(json)")
        } catch {
            #expect(describe(error).contains("unknown key 'windw'"), "\(describe(error))")
        }
    }

    @Test func unknownKindIsAnErrorListingTheKnownOnes() {
        do {
            _ = try AnyAttentionConfig.parse(json: #"{"kind": "mamba"}"#)
            Issue.record("accepted an unknown kind")
        } catch {
            #expect(describe(error).contains("unknown attention kind 'mamba'"))
            #expect(describe(error).contains("sliding_window"))
        }
    }

    /// Decoding token by token through the cache equals the parallel forward, for every variant,
    /// and prefill of a prefix followed by decode equals it too.
    @Test(arguments: kinds) func decodeEqualsForward(kind: String) {
        let variant = minimalConfig(AttentionRegistry.type(ofKind: kind)!).makeVariant(dims: testDims, positional: rope)
        var rng = SeededGenerator(seed: 1)
        let params = variant.initialParameters(rng: &rng)
        let x: Tensor<Float> = randomInput([2, 13, testDims.modelDim], seed: 2)
        let (y, _) = variant.forward(x, params: params)

        let cache = variant.makeCache(batch: 2)
        let stepwise = decodeEach(x) { variant.decode($0, params: params, cache: cache) }
        #expect(stepwise.maxAbsDifference(y) < 1e-4, "\(kind): token-by-token decode differs from forward")
        #expect(cache.position == 13)

        let cache2 = variant.makeCache(batch: 2)
        let y1 = variant.prefill(timeSlice(x, 0..<5), params: params, cache: cache2)
        let y2 = decodeEach(timeSlice(x, 5..<13)) { variant.decode($0, params: params, cache: cache2) }
        #expect(timeConcat(y1, y2).maxAbsDifference(y) < 1e-4, "\(kind): prefill + decode differs from forward")
    }

    /// The whole layer's analytic gradients (projections included) against finite differences in Double.
    @Test(arguments: kinds) func layerGradientsMatchFiniteDifferences(kind: String) {
        let variant = minimalConfig(AttentionRegistry.type(ofKind: kind)!).makeVariant(dims: tinyDims, positional: rope)
        var rng = SeededGenerator(seed: 3)
        let params = variant.initialParameters(rng: &rng).converted(to: Double.self)
        let x: Tensor<Double> = randomInput([1, 7, tinyDims.modelDim], seed: 4)
        let dy: Tensor<Double> = randomInput([1, 7, tinyDims.modelDim], seed: 5)
        let (_, saved) = variant.forward(x, params: params)
        let (dx, grads) = variant.backward(dy, params: params, saved: saved)
        func loss(_ x: Tensor<Double>, _ p: ParameterSet<Double>) -> Double {
            zip(variant.forward(x, params: p).y.scalars, dy.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        #expect(GradientCheck.maxError(of: dx, at: x) { loss($0, params) } < 1e-6, "\(kind) dx")
        for name in params.names {
            let err = GradientCheck.maxError(of: grads[name], at: params[name]) { p in
                var ps = params
                ps[name] = p
                return loss(x, ps)
            }
            #expect(err < 1e-6, "\(kind) d\(name): \(err)")
        }
    }

    @Test(arguments: kinds) func cacheBytesMatchTheAnalyticFormula(kind: String) {
        let variant = minimalConfig(AttentionRegistry.type(ofKind: kind)!).makeVariant(dims: testDims, positional: rope)
        var rng = SeededGenerator(seed: 1)
        let params = variant.initialParameters(rng: &rng)
        let cache = variant.makeCache(batch: 1)
        _ = variant.prefill(randomInput([1, 11, testDims.modelDim], seed: 9), params: params, cache: cache)
        #expect(cache.bytes == variant.stateBytes(sequenceLength: 11), "\(kind)")
    }
}

@Suite struct VariantEquivalenceTests {
    /// sliding_window(W ≥ T−1) = full, parameter for parameter.
    @Test(arguments: [12, 20]) func wideSlidingWindowEqualsFull(window: Int) throws {
        let full = try AnyAttentionConfig.parse(json: #"{"kind": "full"}"#).makeVariant(dims: testDims, positional: rope)
        let swa = try AnyAttentionConfig.parse(json: #"{"kind": "sliding_window", "window": \#(window)}"#)
            .makeVariant(dims: testDims, positional: rope)
        var rng = SeededGenerator(seed: 1)
        let params = full.initialParameters(rng: &rng)
        let x: Tensor<Float> = randomInput([2, 13, testDims.modelDim], seed: 2)
        #expect(full.forward(x, params: params).y.maxAbsDifference(swa.forward(x, params: params).y) < 1e-6)
    }

    @Test func stateBytesByHand() throws {
        // C 32, H 4, Hkv 2, D 16: per token 2 (k, v) · 2 heads · 16 · 4 bytes = 256 bytes
        let full = try AnyAttentionConfig.parse(json: #"{"kind": "full"}"#).makeVariant(dims: testDims)
        let swa = try AnyAttentionConfig.parse(json: #"{"kind": "sliding_window", "window": 63}"#).makeVariant(dims: testDims)
        #expect(full.stateBytes(sequenceLength: 1000) == 256_000)
        #expect(swa.stateBytes(sequenceLength: 1000) == 256 * 64)
        #expect(swa.stateBytes(sequenceLength: 10) == 256 * 10)
    }
}

@Suite struct LayerPatternTests {
    @Test func listFormWithRepeatIsCyclic() throws {
        let json = #"[{"repeat": 3, "layer": {"kind": "sliding_window", "window": 8}}, {"kind": "full"}]"#
        let p = try JSONDecoder().decode(LayerPattern.self, from: Data(json.utf8))
        #expect(p.unit.count == 4)
        #expect(p.layers(depth: 8).map(\.kind) == ["sliding_window", "sliding_window", "sliding_window", "full",
                                                   "sliding_window", "sliding_window", "sliding_window", "full"])
        #expect(p.config(forLayer: 5).window == 8)
        // round trip through the collapsed encoding
        let again = try JSONDecoder().decode(LayerPattern.self, from: JSONEncoder().encode(p))
        #expect(again == p)
    }

    @Test func shorthand() throws {
        let json = #"{"shorthand": "LLLLLG", "local": {"kind": "sliding_window", "window": 4}, "global": {"kind": "full"}}"#
        let p = try JSONDecoder().decode(LayerPattern.self, from: Data(json.utf8))
        #expect(p.layers(depth: 12).filter { $0.kind == "full" }.count == 2)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LayerPattern.self, from: Data(#"{"shorthand": "LXG", "local": {"kind": "full"}}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LayerPattern.self, from: Data(#"{"shorthand": "LG"}"#.utf8))
        }
    }

    @Test func stackStateBytesSumTheLayers() throws {
        let p = try JSONDecoder().decode(LayerPattern.self, from: Data(
            #"[{"repeat": 3, "layer": {"kind": "sliding_window", "window": 15}}, {"kind": "full"}]"#.utf8))
        // 8 layers: 6 SWA (16 slots) + 2 full (1000 slots), 256 bytes a slot
        #expect(p.stateBytes(depth: 8, dims: testDims, sequenceLength: 1000) == 256 * (6 * 16 + 2 * 1000))
    }

    /// An all-`full` pattern builds exactly the plain stack of `FullAttention` layers.
    @Test func allFullPatternIsThePlainStack() throws {
        let p = LayerPattern(uniform: try AnyAttentionConfig.parse(json: #"{"kind": "full"}"#))
        let layers = p.build(depth: 3, dims: testDims, positional: rope)
        #expect(layers.allSatisfy { type(of: $0).kind == "full" })
        var rng = SeededGenerator(seed: 4)
        let x: Tensor<Float> = randomInput([1, 9, testDims.modelDim], seed: 8)
        for layer in layers {
            let plain = FullAttention(config: .init(), dims: testDims, positional: rope, initScales: AttentionInit(), kernels: KernelChoice())
            let params = plain.initialParameters(rng: &rng)
            #expect(layer.forward(x, params: params).y == plain.forward(x, params: params).y)
        }
    }

    /// A stack mixing variants decodes token by token exactly as its parallel forward.
    @Test func mixedStackDecodeEqualsForward() throws {
        let p = try JSONDecoder().decode(LayerPattern.self, from: Data(
            #"[{"kind": "sliding_window", "window": 2}, {"kind": "full"}]"#.utf8))
        let layers = p.build(depth: 3, dims: testDims, positional: rope)
        var rng = SeededGenerator(seed: 7)
        let params = layers.map { $0.initialParameters(rng: &rng) }
        let x: Tensor<Float> = randomInput([1, 9, testDims.modelDim], seed: 8)
        var y = x
        for (layer, p) in zip(layers, params) { y = LinearAlgebra.add(y, layer.forward(y, params: p).y) }
        let caches = layers.map { $0.makeCache(batch: 1) }
        let stepwise = decodeEach(x) { xt in
            var h = xt
            for i in layers.indices { h = LinearAlgebra.add(h, layers[i].decode(h, params: params[i], cache: caches[i])) }
            return h
        }
        #expect(stepwise.maxAbsDifference(y) < 1e-4)
    }
}

/// x[:, range, :] for x: [B, T, C].
func timeSlice(_ x: Tensor<Float>, _ range: Range<Int>) -> Tensor<Float> {
    let (B, T, C) = (x.shape[0], x.shape[1], x.shape[2])
    var out: [Float] = []
    for b in 0..<B { out += x.scalars[((b * T + range.lowerBound) * C)..<((b * T + range.upperBound) * C)] }
    return Tensor(shape: [B, range.count, C], scalars: out)
}

/// [a; b] along time for a: [B, T1, C], b: [B, T2, C].
func timeConcat(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Tensor<Float> {
    let (B, T1, T2, C) = (a.shape[0], a.shape[1], b.shape[1], a.shape[2])
    var out: [Float] = []
    for i in 0..<B {
        out += a.scalars[(i * T1 * C)..<((i + 1) * T1 * C)]
        out += b.scalars[(i * T2 * C)..<((i + 1) * T2 * C)]
    }
    return Tensor(shape: [B, T1 + T2, C], scalars: out)
}

@Suite struct RAttentionTests {
    func variant(_ json: String, dims: AttentionDims = testDims) throws -> any AttentionVariant {
        try AnyAttentionConfig.parse(json: json).makeVariant(dims: dims, positional: rope)
    }

    /// With the linear branch off the layer is RMSNorm(SWA)·Wo: the SWA variant's attention output,
    /// normalised per head, projected.
    @Test func linearBranchOffIsNormedSlidingWindow() throws {
        let ratt = try variant(#"{"kind": "rattention", "window": 3, "linear_branch": "off"}"#)
        let swa = try variant(#"{"kind": "sliding_window", "window": 3}"#)
        var rng = SeededGenerator(seed: 1)
        let params = ratt.initialParameters(rng: &rng)
        #expect(!params.contains("norm_rla"))
        let x: Tensor<Float> = randomInput([2, 13, testDims.modelDim], seed: 2)
        let o = swa.forward(x, params: params).saved.record(as: SoftmaxAttentionLayer.Saved<Float>.self).o
        let expected = LinearAlgebra.matmul(LinearAlgebra.mergeHeads(HeadRMSNorm.forward(o, scale: params["norm_swa"])), params["wo"])
        #expect(ratt.forward(x, params: params).y.maxAbsDifference(expected) < 1e-6)
        // YAML 1.1 reads unquoted on/off as booleans: false is off, true is on
        #expect(try AnyAttentionConfig.parse(json: #"{"kind": "rattention", "window": 3, "linear_branch": false}"#)
                == AnyAttentionConfig.parse(json: #"{"kind": "rattention", "window": 3, "linear_branch": "off"}"#))
        #expect(try AnyAttentionConfig.parse(json: #"{"kind": "rattention", "window": 3, "linear_branch": true}"#)
                == AnyAttentionConfig.parse(json: #"{"kind": "rattention", "window": 3}"#))
        // the words true/false, quoted, read as on/off; a number or null is one clear message
        #expect(try AnyAttentionConfig.parse(json: #"{"kind": "rattention", "window": 3, "linear_branch": "false"}"#)
                == AnyAttentionConfig.parse(json: #"{"kind": "rattention", "window": 3, "linear_branch": "off"}"#))
        for bad in ["1", "null", #""maybe""#] {
            do {
                _ = try AnyAttentionConfig.parse(json: #"{"kind": "rattention", "window": 3, "linear_branch": "# + bad + "}")
                Issue.record("linear_branch \(bad) was accepted")
            } catch {
                let text = "\(error)"
                #expect(bad == "null" ? text.contains("null") : text.contains("must be on or off"), "\(bad): \(text)")
                #expect(!text.contains("expected a string"), "\(text)")
            }
        }
    }

    /// With W ≥ T−1 no token ever leaves the window: the linear branch is exactly zero, so the
    /// layer equals RMSNorm(full attention)·Wo, the same as with the branch off.
    @Test func wideWindowHasAZeroLinearBranch() throws {
        let on = try variant(#"{"kind": "rattention", "window": 12}"#)
        let off = try variant(#"{"kind": "rattention", "window": 12, "linear_branch": "off"}"#)
        var rng = SeededGenerator(seed: 1)
        let params = on.initialParameters(rng: &rng)
        let x: Tensor<Float> = randomInput([2, 13, testDims.modelDim], seed: 2)
        let (y, saved) = on.forward(x, params: params)
        #expect(saved.record(as: RAttention.Saved<Float>.self).linear!.o.maxAbs == 0)
        #expect(y == off.forward(x, params: params).y)
    }

    /// With W < T−1 the linear branch is really at work (a check that the tests above and the
    /// registry-driven ones do not pass vacuously).
    @Test func smallWindowUsesTheLinearBranch() throws {
        let on = try variant(#"{"kind": "rattention", "window": 3}"#)
        let off = try variant(#"{"kind": "rattention", "window": 3, "linear_branch": "off"}"#)
        var rng = SeededGenerator(seed: 1)
        let params = on.initialParameters(rng: &rng)
        let x: Tensor<Float> = randomInput([1, 13, testDims.modelDim], seed: 2)
        #expect(on.forward(x, params: params).y.maxAbsDifference(off.forward(x, params: params).y) > 1e-2)
        #expect(on.forward(x, params: params).saved.kernels["residual-linear-attention"] == "fused-recurrent")
    }

    @Test(arguments: ["softmax2", "relu2"]) func featureMapsDecodeAndDifferentiate(featureMap: String) throws {
        let v = try variant(#"{"kind": "rattention", "window": 2, "feature_map": "\#(featureMap)", "chunk": 4}"#, dims: tinyDims)
        var rng = SeededGenerator(seed: 3)
        let params = v.initialParameters(rng: &rng).converted(to: Double.self)
        let x: Tensor<Double> = randomInput([1, 9, tinyDims.modelDim], seed: 4)
        let dy: Tensor<Double> = randomInput([1, 9, tinyDims.modelDim], seed: 5)
        let (dx, _) = v.backward(dy, params: params, saved: v.forward(x, params: params).saved)
        let err = GradientCheck.maxError(of: dx, at: x) { x in zip(v.forward(x, params: params).y.scalars, dy.scalars).reduce(0) { $0 + $1.0 * $1.1 } }
        #expect(err < 1e-6)
    }

    @Test func stateBytesByHand() throws {
        // ring: 2 · Hkv 2 · D 16 · (W+1) 8 · 4 = 2048; linear: H 4 · 2D 32 · D 16 · 4 = 8192
        let v = try variant(#"{"kind": "rattention", "window": 7}"#)
        #expect(v.stateBytes(sequenceLength: 1000) == 2048 + 8192)
        #expect(v.stateBytes(sequenceLength: 4) == 2 * 2 * 16 * 4 * 4 + 8192)
    }

    @Test func badConfigsNameTheKey() {
        for (json, fragment) in [(#"{"kind": "rattention"}"#, "window"),
                                 (#"{"kind": "rattention", "window": -1}"#, "window: must be in [0, 16777216], got -1"),
                                 (#"{"kind": "rattention", "window": null}"#, "window: null is not a value"),
                                 (#"{"kind": "linear_attention", "chunk": 65537}"#, "chunk: must be in [1, 65536]"),
                                 (#"{"kind": "rattention", "window": 4, "feature_map": "elu"}"#, "unknown feature map 'elu'"),
                                 (#"{"kind": "rattention", "window": 4, "chunk": 0}"#, "chunk: must be in [1, 65536], got 0")] {
            do {
                _ = try AnyAttentionConfig.parse(json: json)
                Issue.record("accepted \(json)")
            } catch {
                #expect(describe(error).contains(fragment), "\(describe(error))")
            }
        }
    }
}

@Suite struct HugeWindowTests {
    /// A window at or beyond the context behaves as full attention, whatever its size: W = 10⁶ and
    /// the largest a config accepts (2²⁴) give the outputs of W = 13 (≥ T − 1), forward and token by
    /// token, and the decode state holds only the tokens seen: measured bytes equal `stateBytes` at
    /// every position (the ring grows; it is not allocated W + 1 slots). Beyond 2²⁴ a config is
    /// refused naming the range (W + 1 overflowing at 2⁶³ − 1 is the kernels' tests' business).
    @Test(arguments: ["sliding_window", "rattention"], [1_000_000, ConfigLimits.window.upperBound])
    func hugeWindowIsFullAttentionAndCostsOnlyTheContext(kind: String, window: Int) throws {
        func variant(_ w: Int) throws -> any AttentionVariant {
            try AnyAttentionConfig.parse(json: #"{"kind": "\#(kind)", "window": \#(w)}"#).makeVariant(dims: testDims, positional: rope)
        }
        for refused in [ConfigLimits.window.upperBound + 1, Int.max - 1, Int.max] {
            do { _ = try variant(refused); Issue.record("\(kind) accepted window \(refused)") } catch {
                #expect(describe(error).contains("must be in [0, 16777216]"), "\(describe(error))")
            }
        }
        let (huge, wide) = (try variant(window), try variant(13))
        var rng = SeededGenerator(seed: 1)
        let params = huge.initialParameters(rng: &rng)
        let x: Tensor<Float> = randomInput([1, 14, testDims.modelDim], seed: 3)
        #expect(huge.forward(x, params: params).y.maxAbsDifference(wide.forward(x, params: params).y) == 0, "\(kind) W=\(window) forward")
        let prompt = Tensor<Float>(shape: [1, 11, testDims.modelDim], scalars: Array(x.scalars[0..<(11 * testDims.modelDim)]))
        let (cache, wideCache) = (huge.makeCache(batch: 1), wide.makeCache(batch: 1))
        let y = huge.prefill(prompt, params: params, cache: cache)
        #expect(y.maxAbsDifference(wide.prefill(prompt, params: params, cache: wideCache)) == 0)
        #expect(cache.bytes == huge.stateBytes(sequenceLength: 11), "\(kind) W=\(window): \(cache.bytes) bytes after the prompt")
        for t in 11..<14 {
            let xt = Tensor<Float>(shape: [1, 1, testDims.modelDim], scalars: Array(x.scalars[(t * testDims.modelDim)..<((t + 1) * testDims.modelDim)]))
            let o = huge.decode(xt, params: params, cache: cache)
            #expect(o.maxAbsDifference(wide.decode(xt, params: params, cache: wideCache)) == 0, "\(kind) W=\(window) decode t=\(t)")
            #expect(cache.bytes == huge.stateBytes(sequenceLength: t + 1), "\(kind) W=\(window): \(cache.bytes) bytes at t=\(t)")
            #expect(cache.bytes == wideCache.bytes)
        }
    }
}
