// Cross-layer KV sharing at the layer level (KVSharing.swift) and as pattern data (LayerPattern).
//
// The reference for a consumer is an *unshared* layer of the same kind, given the producer's K/V
// projections and reading the producer's stream: run on the channel-concatenated input
// [h_c | h_p] ([B, T, 2C]) with Wq' = [Wq_c; 0], Wk' = [0; Wk_p], Wv' = [0; Wv_p] and
// Wo' = [Wo_c | 0], it computes q = h_c·Wq_c, k = h_p·Wk_p, v = h_p·Wv_p through the plain code path,
// and its first C output channels are what the consumer must give.
import Foundation
import Testing
import LabCore
import LabTestSupport
@testable import LabAttention

/// [B, T, C1] | [B, T, C2] → [B, T, C1+C2].
func concatChannels<S: TensorScalar>(_ a: Tensor<S>, _ b: Tensor<S>) -> Tensor<S> {
    let (BT, C1, C2) = (a.shape[0] * a.shape[1], a.shape[2], b.shape[2])
    var out = [S]()
    for r in 0..<BT { out += a.scalars[(r * C1)..<((r + 1) * C1)]; out += b.scalars[(r * C2)..<((r + 1) * C2)] }
    return Tensor(shape: [a.shape[0], a.shape[1], C1 + C2], scalars: out)
}

/// The first C channels of x: [B, T, C'].
func firstChannels<S: TensorScalar>(_ x: Tensor<S>, _ C: Int) -> Tensor<S> {
    let (BT, Cw) = (x.shape[0] * x.shape[1], x.shape[2])
    var out = [S]()
    for r in 0..<BT { out += x.scalars[(r * Cw)..<(r * Cw + C)] }
    return Tensor(shape: [x.shape[0], x.shape[1], C], scalars: out)
}

/// Rows stacked: [R1, K] over [R2, K] → [R1+R2, K]; zeros where one is nil.
func stackRows(_ top: Tensor<Float>?, _ bottom: Tensor<Float>?, rows: (Int, Int), cols K: Int) -> Tensor<Float> {
    Tensor(shape: [rows.0 + rows.1, K], scalars: (top?.scalars ?? [Float](repeating: 0, count: rows.0 * K))
                                               + (bottom?.scalars ?? [Float](repeating: 0, count: rows.1 * K)))
}

/// [R, K] | zeros [R, K2] → [R, K+K2].
func padColumns(_ w: Tensor<Float>, _ extra: Int) -> Tensor<Float> {
    let (R, K) = (w.shape[0], w.shape[1])
    var out = [Float]()
    for r in 0..<R { out += w.scalars[(r * K)..<((r + 1) * K)]; out += [Float](repeating: 0, count: extra) }
    return Tensor(shape: [R, K + extra], scalars: out)
}

struct SharingPair: CustomStringConvertible, Sendable {
    let producer: String, consumer: String
    var description: String { "\(producer) → \(consumer)" }
}

/// Sound (producer, consumer) pairings of every shape the check allows.
let soundPairs = [
    SharingPair(producer: #"{"kind": "full"}"#, consumer: #"{"kind": "full"}"#),
    SharingPair(producer: #"{"kind": "full"}"#, consumer: #"{"kind": "sliding_window", "window": 2}"#),
    SharingPair(producer: #"{"kind": "sliding_window", "window": 3}"#, consumer: #"{"kind": "sliding_window", "window": 2}"#),
    SharingPair(producer: #"{"kind": "rattention", "window": 2}"#, consumer: #"{"kind": "rattention", "window": 2}"#),
    SharingPair(producer: #"{"kind": "rattention", "window": 2}"#, consumer: #"{"kind": "sliding_window", "window": 1}"#),
    SharingPair(producer: #"{"kind": "full"}"#, consumer: #"{"kind": "rattention", "window": 2, "linear_branch": "off"}"#),
]

@Suite struct KVSharingLayerTests {
    let dims = testDims  // C 32, H 4, Hkv 2, D 16

    func variants(_ pair: SharingPair) throws -> (producer: any AttentionVariant, consumer: any AttentionVariant, plain: any AttentionVariant) {
        let p = try AnyAttentionConfig.parse(json: pair.producer), c = try AnyAttentionConfig.parse(json: pair.consumer)
        let wide = AttentionDims(modelDim: 2 * dims.modelDim, heads: dims.heads, kvHeads: dims.kvHeads, headDim: dims.headDim)
        return (p.makeVariant(dims: dims, positional: rope), c.makeVariant(dims: dims, positional: rope),
                c.makeVariant(dims: wide, positional: rope))
    }

    /// The unshared reference's parameters (see the header).
    func wideParameters(consumer pc: ParameterSet<Float>, producer pp: ParameterSet<Float>) -> ParameterSet<Float> {
        let (C, HD, KD) = (dims.modelDim, dims.heads * dims.headDim, dims.kvHeads * dims.headDim)
        var w = ParameterSet<Float>()
        w.add("qkv.wq", stackRows(pc["qkv.wq"], nil, rows: (C, C), cols: HD))
        w.add("qkv.wk", stackRows(nil, pp["qkv.wk"], rows: (C, C), cols: KD))
        w.add("qkv.wv", stackRows(nil, pp["qkv.wv"], rows: (C, C), cols: KD))
        w.add("wo", padColumns(pc["wo"], C))
        for n in pc.names where !n.hasPrefix("qkv.") && n != "wo" { w.add(n, pc[n]) }
        return w
    }

    /// Training forward, suffix prefill (parallel and through the producer's cache) and
    /// token-by-token decode of a consumer all equal the unshared reference.
    @Test(arguments: soundPairs) func consumerEqualsUnsharedReference(pair: SharingPair) throws {
        let (producer, consumer, plain) = try variants(pair)
        #expect(consumer.kvNeed!.check(against: producer.kvOffer!) == nil)
        var rng = SeededGenerator(seed: 11)
        let pp = producer.initialParameters(rng: &rng), pc = consumer.initialParameters(rng: &rng, sharedKV: true)
        #expect(!pc.contains("qkv.wk") && !pc.contains("qkv.wv") && pc.contains("qkv.wq"))
        let (B, T, C) = (2, 11, dims.modelDim)
        let hp: Tensor<Float> = randomInput([B, T, C], seed: 12), hc: Tensor<Float> = randomInput([B, T, C], seed: 13)
        let reference = firstChannels(plain.forward(concatChannels(hc, hp), params: wideParameters(consumer: pc, producer: pp)).y, C)

        // training forward
        let shared = producer.forward(hp, params: pp).saved.kv!
        let y = consumer.forward(hc, params: pc, kv: shared).y
        #expect(y.maxAbsDifference(reference) < 1e-5, "\(pair): forward differs by \(y.maxAbsDifference(reference))")

        // prefill: the producer fills its cache over the whole prompt, the consumer computes the
        // last n positions (n = 1 reads the cache as decoding does; n = 4 runs the suffix)
        for n in [1, 4] {
            let cache = producer.makeCache(batch: B)
            let (_, kv) = producer.prefill(hp, params: pp, cache: cache, kv: nil)
            #expect(kv?.prompt?.k.shape == [B, dims.kvHeads, T, dims.headDim])
            let suffix = consumer.prefill(timeSlice(hc, (T - n)..<T), params: pc, cache: nil, kv: kv).y
            let want = timeSlice(reference, (T - n)..<T)
            #expect(suffix.maxAbsDifference(want) < 1e-5, "\(pair): prefill of the last \(n) differs by \(suffix.maxAbsDifference(want))")
        }

        // decode: the producer appends each token, then the consumer reads its cache
        let cache = producer.makeCache(batch: B)
        var t = 0
        let stepwise = decodeEach(hc) { xc in
            let kv = producer.decode(timeSlice(hp, t..<(t + 1)), params: pp, cache: cache, kv: nil).kv
            t += 1
            return consumer.decode(xc, params: pc, cache: nil, kv: kv).y
        }
        #expect(stepwise.maxAbsDifference(reference) < 1e-4, "\(pair): decode differs by \(stepwise.maxAbsDifference(reference))")
    }

    /// L = ⟨y_p, dy_p⟩ + ⟨y_c, dy_c⟩ with the consumer reading the producer: the consumer's input
    /// and parameter gradients, and the producer's K/V projection gradients with the consumer's
    /// dk, dv added, against central differences in Double.
    @Test(arguments: [soundPairs[1], soundPairs[3]]) func gradientsFlowIntoTheProducer(pair: SharingPair) throws {
        let p = try AnyAttentionConfig.parse(json: pair.producer), c = try AnyAttentionConfig.parse(json: pair.consumer)
        let producer = p.makeVariant(dims: tinyDims, positional: rope), consumer = c.makeVariant(dims: tinyDims, positional: rope)
        var rng = SeededGenerator(seed: 21)
        let pp = producer.initialParameters(rng: &rng).converted(to: Double.self)
        let pc = consumer.initialParameters(rng: &rng, sharedKV: true).converted(to: Double.self)
        let shape = [1, 7, tinyDims.modelDim]
        let hp: Tensor<Double> = randomInput(shape, seed: 22), hc: Tensor<Double> = randomInput(shape, seed: 23)
        let dyp: Tensor<Double> = randomInput(shape, seed: 24), dyc: Tensor<Double> = randomInput(shape, seed: 25)
        func loss(_ hc: Tensor<Double>, _ pp: ParameterSet<Double>, _ pc: ParameterSet<Double>) -> Double {
            let (yp, saved) = producer.forward(hp, params: pp)
            let yc = consumer.forward(hc, params: pc, kv: saved.kv!).y
            return GradientCheck.dot(yp, dyp) + GradientCheck.dot(yc, dyc)
        }
        let (_, savedP) = producer.forward(hp, params: pp)
        let (_, savedC) = consumer.forward(hc, params: pc, kv: savedP.kv!)
        let (dxc, gc, kvGrad) = consumer.backward(dyc, params: pc, saved: savedC, dkv: nil)
        let (_, gp, _) = producer.backward(dyp, params: pp, saved: savedP, dkv: kvGrad!)
        #expect(GradientCheck.maxError(of: dxc, at: hc) { loss($0, pp, pc) } < 1e-6, "\(pair) dx_c")
        for name in pc.names {
            let err = GradientCheck.maxError(of: gc[name], at: pc[name]) { var q = pc; q[name] = $0; return loss(hc, pp, q) }
            #expect(err < 1e-6, "\(pair) consumer d\(name): \(err)")
        }
        for name in pp.names {
            let err = GradientCheck.maxError(of: gp[name], at: pp[name]) { var q = pp; q[name] = $0; return loss(hc, q, pc) }
            #expect(err < 1e-6, "\(pair) producer d\(name): \(err)")
        }
    }

    @Test func readsTheLastWindowOfALongerCache() {
        let cache = KVCache(batch: 1, kvHeads: 1, headDim: 2, capacity: 4)
        for t in 0..<6 { cache.append(k: Tensor(shape: [1, 1, 1, 2], scalars: [Float(t), 0]), v: Tensor(shape: [1, 1, 1, 2], scalars: [0, Float(t)])) }
        // the ring holds tokens 2…5; the last 2 are 4 and 5
        #expect(cache.contents(last: 2).k.scalars == [4, 0, 5, 0])
        #expect(Set(cache.contents(last: 9).k.scalars.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)) == [2, 3, 4, 5])
        let growing = KVCache(batch: 1, kvHeads: 1, headDim: 1, capacity: nil)
        for t in 0..<5 { growing.append(k: Tensor(shape: [1, 1, 1, 1], scalars: [Float(t)]), v: Tensor(shape: [1, 1, 1, 1], scalars: [Float(t)])) }
        #expect(growing.contents(last: 3).v.scalars == [2, 3, 4])
    }
}

@Suite struct KVSharingPatternTests {
    func pattern(_ json: String) throws -> LayerPattern { try JSONDecoder().decode(LayerPattern.self, from: Data(json.utf8)) }

    /// The error text of validating `json` at `depth` (decoding errors included), or nil if valid.
    func failure(_ json: String, depth: Int) -> String? {
        do { try pattern(json).validate(depth: depth); return nil } catch { return (error as? PatternError)?.message ?? describe(error) }
    }

    @Test func kvFromEntriesDecodeRepeatAndRoundTrip() throws {
        let p = try pattern(#"[{"kind": "full"}, {"repeat": 2, "layer": {"kind": "sliding_window", "window": 4, "kv_from": 0}}, {"kind": "full", "kv_from": 0}]"#)
        #expect(p.kvFrom == [nil, 0, 0, 0])
        #expect(p.kvSources(depth: 4) == [nil, 0, 0, 0])
        #expect(p.kvProducers(depth: 4) == [0])
        #expect(p.layers(depth: 4).map(\.kind) == ["full", "sliding_window", "sliding_window", "full"])
        try p.validate(depth: 4)
        let again = try JSONDecoder().decode(LayerPattern.self, from: JSONEncoder().encode(p))
        #expect(again == p && again.kvFrom == p.kvFrom)
        #expect(p.description.contains("←0"))
        #expect(p.unshared.kvFrom == [nil, nil, nil, nil] && !p.unshared.sharesKV)
        // kv_from belongs to pattern entries only
        #expect(throws: DecodingError.self) { try AnyAttentionConfig.parse(json: #"{"kind": "full", "kv_from": 0}"#) }
    }

    /// AFM's split: the last ⌊L·3/8⌋ layers read layer L − ⌊L·3/8⌋ − 1.
    @Test func kvShareRatioSplitsTheStack() throws {
        let p = try pattern(#"{"layers": [{"kind": "full"}], "kv_share": {"ratio": "5:3"}}"#)
        #expect(p.kvSources(depth: 8) == [nil, nil, nil, nil, nil, 4, 4, 4])
        #expect(p.kvSources(depth: 16) == Array(repeating: nil, count: 10) + Array(repeating: 9, count: 6))
        #expect(p.kvSources(depth: 4) == [nil, nil, nil, 2])  // ⌊4·3/8⌋ = 1
        try p.validate(depth: 8)
        let again = try JSONDecoder().decode(LayerPattern.self, from: JSONEncoder().encode(p))
        #expect(again == p && again.kvShare?.text == "5:3")
        // with the shorthand form
        let s = try pattern(#"{"shorthand": "LG", "local": {"kind": "sliding_window", "window": 4}, "global": {"kind": "full"}, "kv_share": {"ratio": "1:1"}}"#)
        #expect(s.kvSources(depth: 4) == [nil, nil, 1, 1])
        try s.validate(depth: 4)
    }

    /// 2·Hkv·D·4 = 256 bytes a token at testDims: 8 full layers hold 8·256·T; AFM 5:3 holds 5·256·T,
    /// saving exactly 3/8.
    @Test func stateBytesCountASharedCacheOnce() throws {
        let uniform = try pattern(#"[{"kind": "full"}]"#)
        let afm = try pattern(#"{"layers": [{"kind": "full"}], "kv_share": {"ratio": "5:3"}}"#)
        for T in [1000, 4096] {
            #expect(uniform.stateBytes(depth: 8, dims: testDims, sequenceLength: T) == 8 * 256 * T)
            #expect(afm.stateBytes(depth: 8, dims: testDims, sequenceLength: T) == 5 * 256 * T)
            let saved = uniform.stateBytes(depth: 8, dims: testDims, sequenceLength: T) - afm.stateBytes(depth: 8, dims: testDims, sequenceLength: T)
            #expect(saved * 8 == 3 * uniform.stateBytes(depth: 8, dims: testDims, sequenceLength: T))
            #expect(afm.unshared.stateBytes(depth: 8, dims: testDims, sequenceLength: T) == 8 * 256 * T)
        }
        // mixed: layers 0, 2 SWA(15) (16 slots), 1, 3 full; layer 2 reads 0 and layer 3 reads 1
        let mixed = try pattern(#"[{"kind": "sliding_window", "window": 15}, {"kind": "full"}, {"kind": "sliding_window", "window": 15, "kv_from": 0}, {"kind": "full", "kv_from": 1}]"#)
        #expect(mixed.stateBytes(depth: 4, dims: testDims, sequenceLength: 1000) == 256 * (16 + 1000))
        let rows = mixed.table(depth: 4, dims: testDims, sequenceLength: 1000)
        #expect(rows.map(\.bytes) == [256 * 16, 256 * 1000, 0, 0])
        #expect(rows.map(\.kvFrom) == [nil, nil, 0, 1])
        // a rattention producer's linear states (H·2D·D·4 = 4·2·16·16·4) count once too
        let ratt = try pattern(#"[{"kind": "rattention", "window": 7}, {"kind": "rattention", "window": 7, "kv_from": 0}]"#)
        #expect(ratt.stateBytes(depth: 2, dims: testDims, sequenceLength: 100) == 256 * 8 + 4 * 2 * 16 * 16 * 4)
    }

    @Test func badPatternsNameTheLayerAndTheReason() throws {
        let cases: [(String, Int, [String])] = [
            (#"[{"kind": "full"}, {"kind": "full", "kv_from": 1}]"#, 2, ["layer 1 (0-based", "kv_from 1 is the layer itself"]),
            (#"[{"kind": "full", "kv_from": 1}, {"kind": "full"}]"#, 2, ["layer 0 (0-based", "kv_from 1 is a later layer"]),
            (#"[{"kind": "full"}, {"kind": "full", "kv_from": 5}]"#, 2, ["layer 1 (0-based", "kv_from 5: no such layer", "0…1"]),
            (#"[{"kind": "full"}, {"kind": "full", "kv_from": -1}]"#, 2, ["layer 1 (0-based", "no such layer"]),
            (#"[{"kind": "full"}, {"kind": "full", "kv_from": 0}, {"kind": "full", "kv_from": 1}]"#, 3,
             ["layer 2 (0-based", "kv_from 1", "it reads layer 0", "point kv_from at layer 0"]),
            (#"[{"kind": "sliding_window", "window": 2}, {"kind": "full", "kv_from": 0}]"#, 2,
             ["layer 1 (0-based; full) cannot read the keys and values of layer 0 (0-based; sliding_window, W=2)", "keeps only the last 3"]),
            (#"[{"kind": "sliding_window", "window": 2}, {"kind": "sliding_window", "window": 4, "kv_from": 0}]"#, 2,
             ["layer 1 (0-based; sliding_window, W=4)", "attends to the last 5 keys but the producer keeps only the last 3"]),
            (#"[{"kind": "full"}, {"kind": "rattention", "window": 2, "kv_from": 0}]"#, 2,
             ["layer 1 (0-based; rattention, W=2)", "linear state of rattention(W=2, softmax2)", "keeps no linear state"]),
            (#"[{"kind": "rattention", "window": 3}, {"kind": "rattention", "window": 2, "kv_from": 0}]"#, 2,
             ["layer 1 (0-based; rattention, W=2)", "that of rattention(W=3, softmax2)"]),
            // kv_share: layers 5, 6 (SWA) read layer 4 (SWA, W=15), layer 7 (full) cannot
            (#"{"layers": [{"repeat": 3, "layer": {"kind": "sliding_window", "window": 15}}, {"kind": "full"}], "kv_share": {"ratio": "5:3"}}"#, 8,
             ["layer 7 (0-based; full)", "layer 4 (0-based; sliding_window, W=15)", "keeps only the last 16"]),
            (#"{"layers": [{"kind": "full"}], "kv_share": {"ratio": "5:3"}}"#, 1, ["kv_share 5:3", "no second block"]),
            (#"{"layers": [{"kind": "full"}, {"kind": "full", "kv_from": 0}], "kv_share": {"ratio": "5:3"}}"#, 8, ["kv_share and kv_from together"]),
            (#"{"layers": [{"kind": "full"}], "kv_share": {"ratio": "5-3"}}"#, 8, ["kv_share.ratio", "expected two integers a:b"]),
            (#"{"layers": [{"kind": "full"}], "kv_share": {"ratio": "5:0"}}"#, 8, ["both parts must be ≥ 1"]),
            (#"{"layers": [{"kind": "full"}], "kv_share": {"ratio": "5:3", "producer": 2}}"#, 8, ["unknown key 'producer' in kv_share"]),
        ]
        for (json, depth, parts) in cases {
            guard let message = failure(json, depth: depth) else { Issue.record("accepted \(json) at depth \(depth)"); continue }
            for part in parts { #expect(message.contains(part), "\(json): \(message) lacks '\(part)'") }
        }
    }
}
