// The decoder-only language model: token embedding → N blocks → final RMSNorm → LM head.
//
//   x = E[tokens]                                   [B, T, C]
//   x = block_i(x) for i in 0..<layers               (TransformerBlock.swift)
//   h = RMSNorm_final(x[rows])                      [M, C]  rows = positions with a target
//   logits = h·Wᵀ,  loss = mean cross-entropy        (EmbeddingAndHead.swift; W = E when tied)
// KV sharing (pattern `kv_from` / `kv_share`): a consumer block attends over the raw k, v of an
// earlier producer block; backward sums dk, dv over a producer's consumers (they run first, in
// reverse order) and adds them to the producer's own before its K/V projections.
//
// Parameters, in creation (= optimiser and checkpoint) order: embedding [V, C], layers.<i>.*,
// final_norm [C], head [V, C] (untied only). Everything is generic over Float/Double, so the
// whole-model gradient check runs in Double.
import LabAttention
import LabCore

/// A batch of equal-length sequences: inputs and Zoology-style labels (-100 = no target).
public struct TokenBatch: Sendable, Equatable {
    /// The label of a position with no target (the loss mask off), as in Zoology and PyTorch's
    /// cross-entropy (and LabTasks' `Example.ignore`).
    public static let ignore = -100
    /// B·T token ids, row-major.
    public var inputs: [Int]
    /// B·T next-token targets, `TokenBatch.ignore` (-100) where there is none.
    public var labels: [Int]
    public var batch: Int, length: Int

    public init(inputs: [Int], labels: [Int], batch: Int) {
        precondition(inputs.count == labels.count && batch > 0 && inputs.count % batch == 0)
        self.inputs = inputs; self.labels = labels; self.batch = batch; length = inputs.count / batch
    }

    /// Sequences `range` of the batch.
    public func sequences(_ range: Range<Int>) -> TokenBatch {
        let T = length
        return TokenBatch(inputs: Array(inputs[(range.lowerBound * T)..<(range.upperBound * T)]),
                          labels: Array(labels[(range.lowerBound * T)..<(range.upperBound * T)]), batch: range.count)
    }

    /// Number of labelled positions.
    public var targetCount: Int { labels.reduce(0) { $0 + ($1 == TokenBatch.ignore ? 0 : 1) } }
}

/// What one forward+backward over a batch gives.
public struct LossAndGradients<S: TensorScalar> {
    /// Σ of the per-target losses (divide by `targets` for the mean).
    public var lossSum: Double
    public var targets: Int
    /// Targets where the argmax was right.
    public var correct: Int
    /// Gradients of lossSum/normaliser, same names and order as the parameters.
    public var grads: ParameterSet<S>
    public var loss: Double { lossSum / Double(max(targets, 1)) }
}

public struct LanguageModel: Sendable {
    public let config: ModelConfig
    public let kernels: KernelChoice
    let blocks: [TransformerBlock]

    /// - Parameter kernels: attention kernels and their thread count (baked into the variants).
    public init(config: ModelConfig, kernels: KernelChoice = KernelChoice()) {
        self.config = config
        self.kernels = kernels
        let mixers = config.pattern.build(depth: config.layers, dims: config.dims, positional: config.positional,
                                          initScales: config.initScales, kernels: kernels)
        let sources = config.pattern.kvSources(depth: config.layers), producers = config.pattern.kvProducers(depth: config.layers)
        if config.pattern.sharesKV {
            // ModelConfig decoding already ran this check; a config built in code gets the same message.
            do { try config.pattern.validate(depth: config.layers, dims: config.dims) } catch { preconditionFailure("pattern: \(error)") }
        }
        blocks = mixers.enumerated().map { i, mixer in
            TransformerBlock(mixer: mixer, convKernel: config.convKernel, mlpHidden: config.mlpHidden,
                             kvFrom: sources[i], isProducer: producers.contains(i))
        }
    }

    /// Deterministic initial parameters from `seed` (one generator, parameters drawn in order).
    public func initialParameters(seed: UInt64) -> ParameterSet<Float> {
        var rng = SeededGenerator(seed: seed, stream: "init")
        let (V, C) = (config.vocab, config.modelDim)
        var p = ParameterSet<Float>()
        p.add("embedding", Tensor(randomNormal: [V, C], std: Float(config.embeddingStd), rng: &rng))
        for (i, block) in blocks.enumerated() { p.merge(block.initialParameters(config, rng: &rng), prefix: "layers.\(i)") }
        p.add("final_norm", Tensor(zeros: [C], value: 1))
        if !config.tiedHead { p.add("head", config.initScales.weight(fanIn: C, fanOut: V, rng: &rng).transposedMatrix()) }
        return p
    }

    /// The kinds of the layers' mixers, in order.
    public var layerKinds: [String] { blocks.map { type(of: $0.mixer).kind } }

    func headWeight<S: TensorScalar>(_ p: ParameterSet<S>) -> Tensor<S> { config.tiedHead ? p["embedding"] : p["head"] }

    /// The residual stream after the last block, [B, T, C], and what backward needs.
    func hidden<S: TensorScalar>(_ tokens: [Int], batch B: Int, params p: ParameterSet<S>)
        -> (x: Tensor<S>, saved: [TransformerBlock.Saved<S>]) {
        var x = Embedding.forward(tokens, batch: B, table: p["embedding"])
        var saved: [TransformerBlock.Saved<S>] = []
        var kvs: [Int: SharedKV<S>] = [:]  // producer → its raw k, v [B, Hkv, T, D]
        for (i, block) in blocks.enumerated() {
            let (y, s) = block.forward(x, params: p.scoped("layers.\(i)"), kv: block.kvFrom.map { kvs[$0]! })
            if block.isProducer { kvs[i] = s.attn.kv }
            saved.append(s)
            x = y
        }
        return (x, saved)
    }

    /// Forward and backward over `batch`; gradients are of (Σ losses)/`normaliser`
    /// (default: this batch's target count, i.e. the mean).
    public func lossAndGradients<S: TensorScalar>(_ batch: TokenBatch, params p: ParameterSet<S>,
                                                  normaliser: Double? = nil) -> LossAndGradients<S> {
        let C = config.modelDim
        let (x, saved) = hidden(batch.inputs, batch: batch.batch, params: p)
        // rows with a target: gather, final norm, head, loss
        let rows = batch.labels.indices.filter { batch.labels[$0] != TokenBatch.ignore }
        let targets = rows.map { batch.labels[$0] }
        let xr = gatherRows(x, rows)
        let (h, r) = RMSNorm.forward(xr, gain: p["final_norm"])
        let W = headWeight(p)
        let loss = LMHead.crossEntropy(LMHead.logits(h, weight: W), targets: targets, normaliser: normaliser ?? Double(max(rows.count, 1)))
        // backward: head, final norm, scatter back to [B, T, C], blocks in reverse, embedding
        let (dh, dW) = LMHead.backward(h, weight: W, dlogits: loss.dlogits)
        let (dxr, dFinal) = RMSNorm.backward(xr, gain: p["final_norm"], r: r, dy: dh)
        // every position has a target (the language-model and most task batches): xr is x, and dx is dxr
        var dx = rows.count * C == x.count ? dxr.reshaped(x.shape) : Profile.measure(.layout) {
            var dx = Tensor<S>(zeros: x.shape)
            for (j, row) in rows.enumerated() {
                dx.scalars.replaceSubrange((row * C)..<((row + 1) * C), with: dxr.scalars[(j * C)..<((j + 1) * C)])
            }
            return dx
        }
        var named: [String: Tensor<S>] = [:]  // every parameter's gradient, each computed once
        var dkvs: [Int: SharedKV<S>] = [:]  // producer → Σ over its consumers of dk (raw), dv
        for i in stride(from: blocks.count - 1, through: 0, by: -1) {
            let (dxi, g, dkv) = blocks[i].backward(dx, params: p.scoped("layers.\(i)"), saved: saved[i], dkv: dkvs[i])
            if let src = blocks[i].kvFrom, let dkv { dkvs[src] = dkvs[src].map { $0 + dkv } ?? dkv }
            for n in g.names { named["layers.\(i).\(n)"] = g[n] }
            dx = dxi
        }
        var dE = config.tiedHead ? dW : Tensor<S>(zeros: p["embedding"].shape)
        Embedding.backward(batch.inputs, dx: dx, into: &dE)
        named["embedding"] = dE
        named["final_norm"] = dFinal
        if !config.tiedHead { named["head"] = dW }
        return LossAndGradients(lossSum: loss.lossSum, targets: rows.count, correct: loss.correct,
                                grads: p.ordered(named, producer: "the model's backward"))
    }

    /// Logits at every position, [B, T, V] (the reference the decoding tests compare against).
    public func logits<S: TensorScalar>(_ tokens: [Int], batch B: Int, params p: ParameterSet<S>) -> Tensor<S> {
        let (x, _) = hidden(tokens, batch: B, params: p)
        let (h, _) = RMSNorm.forward(x, gain: p["final_norm"])
        let l = LMHead.logits(h, weight: headWeight(p))
        return l.reshaped([B, tokens.count / B, config.vocab])
    }

    /// Rows `rows` (increasing, as filtering the label indices gives them) of x viewed as [B·T, C]
    /// → [M, C]; x itself, reshaped, when `rows` is every row.
    func gatherRows<S: TensorScalar>(_ x: Tensor<S>, _ rows: [Int]) -> Tensor<S> {
        let profiled = Profile.begin(); defer { Profile.end(.layout, profiled) }
        let C = config.modelDim
        if rows.count * C == x.count { return x.reshaped([rows.count, C]) }  // every row, in order (`rows` is increasing)
        var out = [S]()
        out.reserveCapacity(rows.count * C)
        for row in rows { out.append(contentsOf: x.scalars[(row * C)..<((row + 1) * C)]) }
        return Tensor(shape: [rows.count, C], scalars: out)
    }

    /// Forward+backward over the batch split into `partCount` contiguous parts of whole sequences,
    /// about `tokensPerPart` tokens each, run `threads` at a time (each part's gradients are of
    /// Σ loss / the whole batch's target count; they are summed in part order, so the result is
    /// deterministic, and the same for every thread count up to the number of parts).
    public func lossAndGradients(_ batch: TokenBatch, params p: ParameterSet<Float>, threads: Int) -> LossAndGradients<Float> {
        let parts = Self.partCount(batch: batch.batch, length: batch.length, threads: threads)
        if parts == 1 { return lossAndGradients(batch, params: p) }
        let normaliser = Double(max(batch.targetCount, 1))
        let results = ResultSlots<LossAndGradients<Float>>(count: parts)
        Parallel.forEach(parts, threads: threads) { i in
            let range = (i * batch.batch / parts)..<((i + 1) * batch.batch / parts)
            results.set(i, lossAndGradients(batch.sequences(range), params: p, normaliser: normaliser))
        }
        let profiled = Profile.begin(); defer { Profile.end(.gradientReduce, profiled) }
        var total = results.get(0)
        for i in 1..<parts {
            let r = results.get(i)
            total.lossSum += r.lossSum; total.targets += r.targets; total.correct += r.correct
            for n in total.grads.names { total.grads[n].addInPlace(r.grads[n]) }
        }
        return total
    }

    /// Tokens per part of a batch-parallel step. A part's activations (a dozen [tokens × width]
    /// tensors a layer) then stay in the shared cache between its forward and its backward: at
    /// window-pareto's shapes parts of 1,024 tokens ran 1.01–1.09× the tokens/s of one part per
    /// thread (medians of 4–6 alternating rounds per configuration, T 128 and T 512), at 0.37–0.41×
    /// the peak RSS (notebooks-md/model-stack.md, seventh pass).
    public static let tokensPerPart = 1024

    /// The parts `lossAndGradients(_:params:threads:)` splits a batch of `batch` sequences of
    /// `length` tokens into: one per `tokensPerPart` tokens (rounded up), at least `threads`, at
    /// most one per sequence.
    public static func partCount(batch: Int, length: Int, threads: Int) -> Int {
        let byTokens = (batch * length + tokensPerPart - 1) / tokensPerPart
        return max(1, min(batch, max(threads, byTokens)))
    }

    public var parameterCount: Int { initialParameters(seed: 0).count }

    /// The kernels the layers run at sequence length `length` (batch 1, the training forward and
    /// prefill shapes), as `op: name` in layer order without repeats, e.g.
    /// `["softmax-attention: naive", "residual-linear-attention: chunked"]`. Found by running one
    /// forward over `length` pad tokens, so it is what the dispatch (`KernelChoice`) picks for every
    /// variant, whatever the variant; a named kernel that declined a shape shows with its reason.
    public func kernelsRun(length: Int) -> [String] {
        let (_, saved) = hidden([Int](repeating: 0, count: length), batch: 1, params: initialParameters(seed: 0))
        var seen = Set<String>(), out: [String] = []
        for s in saved {
            for (op, name) in s.attn.kernels.sorted(by: { $0.key > $1.key }) where seen.insert("\(op): \(name)").inserted {
                out.append("\(op): \(name)")
            }
        }
        return out
    }

    /// Checks that every kernel named in `kernels` runs at each of `lengths` (it supports the
    /// layers' shapes) and returns the kernels run, as `kernelsRun` (all lengths, no repeats).
    /// - Throws: `ModelError` "OP=NAME: NAME declines SHAPE: REASON; R ran instead" for the first
    ///   named kernel that declined a shape.
    @discardableResult
    public func checkKernels(lengths: [Int]) throws -> [String] {
        var all: [String] = []
        for T in lengths {
            for entry in kernelsRun(length: T) where !all.contains(entry) { all.append(entry) }
        }
        for (op, name) in kernels.overrides.sorted(by: { $0.key > $1.key }) {
            for entry in all where entry.hasPrefix(op + ": ") && entry != "\(op): \(name)" {
                let reported = String(entry.dropFirst(op.count + 2))
                throw ModelError("\(op)=\(name): " + (KernelChoice.declineMessage(reported, named: name) ?? "\(reported) ran instead"))
            }
        }
        return all
    }
}

/// Slots written by distinct threads (one slot each) and read after they joined.
final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit { slots.deinitialize(count: count); slots.deallocate() }
    func set(_ i: Int, _ value: T) { slots[i] = value }
    func get(_ i: Int) -> T { slots[i]! }
}

extension Tensor {
    /// self += other, element-wise.
    mutating func addInPlace(_ other: Tensor) {
        precondition(shape == other.shape)
        scalars.withUnsafeMutableBufferPointer { a in other.scalars.withUnsafeBufferPointer { b in
            for i in 0..<a.count { a[i] += b[i] }
        }}
    }

    /// [R, K] → [K, R].
    func transposedMatrix() -> Tensor {
        let (R, K) = (shape[0], shape[1])
        var out = scalars
        for r in 0..<R { for k in 0..<K { out[k * R + r] = scalars[r * K + k] } }
        return Tensor(shape: [K, R], scalars: out)
    }
}
