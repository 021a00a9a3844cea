// Multi-query associative recall (MQAR), exactly as Zoology's `zoology/data/multiquery_ar.py` generates it.
//
// For vocabulary V, length L and K key-value pairs (`num_passes` P = 1 by default):
//
//   1. keys: K distinct from [1, V/2); values: K distinct from [V/2, V); context `k1 v1 k2 v2 … kK vK`, tiled
//      P times (2KP tokens).
//   2. query region: L − 2KP tokens, `space = (L − 2KP)/2` slots. K distinct gaps g are drawn from
//      `0 ..< space` without replacement with p(g) ∝ a·(g+1)^(a−1) (a = `powerA` = 0.01, about 1/g); key k_i
//      goes at offset 2·g_i of the region (so queries cluster near the context).
//   3. labels: −100 everywhere except at each query key, whose label is its value (the model must emit the
//      value as the next token).
//   4. `randomNonQueries`: every remaining 0 in the inputs becomes a uniform draw from [0, V) (it may equal a
//      key: an unlabelled pseudo-query, zoology#29).
//
// Zoology's asserts are kept: L even, V > L, 2KP + 2K ≤ L. Zoology's docstring example
// (V = 12, K = 2, L = 16, `randomNonQueries = false`), the shape of every example:
//
//             Key  Val  Key  Val            Query                         Query
//     Inputs: 2    8    4    7    0    0    4    0    0    0    0    0    2    0    0    0
//     Labels: -100 -100 -100 -100 -100 -100 7    -100 -100 -100 -100 -100 8    -100 -100 -100
//
// Zoology draws a whole data set from one NumPy seed; here each example has its own seed (its sample index in
// a `Split`), with the same distribution: NumPy's `choice(replace=False, p=…)` keeps first occurrences of
// i.i.d. draws and renormalises, which is successive sampling without replacement, as done here.
import Foundation
import LabCore

public struct MultiQueryAR: SyntheticTask {
    /// How many key-value pairs an example of length L has.
    public enum PairCount: Sendable, Hashable {
        /// Always K pairs.
        case fixed(Int)
        /// K = L / divisor (Zoology's Figure 2 grid (64, 4), (128, 8), (256, 16) is `perLength(16)`).
        case perLength(Int)

        func pairs(_ length: Int) -> Int {
            switch self {
            case .fixed(let k): return k
            case .perLength(let d): return length / d
            }
        }
    }

    /// Registry name.
    public let name: String
    /// V: tokens are in `0 ..< V`; keys from `[1, V/2)`, values from `[V/2, V)`.
    public let vocabularySize: Int
    /// K, fixed or per length.
    public let pairs: PairCount
    /// a in p(g) ∝ a·(g+1)^(a−1).
    public let powerA: Double
    /// Replace the filler zeros by random tokens.
    public let randomNonQueries: Bool
    /// Times the key-value context is repeated (JRT).
    public let passes: Int

    public var groups: [String] { ["mqar"] }
    public var metric: Metric { .positions }
    public var summary: String {
        let k: String
        switch pairs {
        case .fixed(let n): k = "K=\(n)"
        case .perLength(let d): k = "K=L/\(d)"
        }
        return "associative recall (Zoology MQAR): V=\(vocabularySize), \(k), power_a=\(powerA), "
            + "random_non_queries=\(randomNonQueries)"
    }

    /// An MQAR configuration; defaults are Zoology's (`power_a` 0.01, one pass) with `random_non_queries` off
    /// (Zoology Figure 2 and the lab's recipe).
    public init(name: String, vocabularySize: Int, pairs: PairCount, powerA: Double = 0.01,
                randomNonQueries: Bool = false, passes: Int = 1) {
        precondition(vocabularySize >= 4 && powerA > 0 && passes >= 1)
        self.name = name; self.vocabularySize = vocabularySize; self.pairs = pairs; self.powerA = powerA
        self.randomNonQueries = randomNonQueries; self.passes = passes
    }

    public func check(length: Int) -> LengthCheck {
        let k = pairs.pairs(length)
        if length < 2 { return .tooShort }
        if length % 2 != 0 { return .invalid("\(name) needs an even length (Zoology asserts it)") }
        if vocabularySize <= length {
            return .invalid("\(name) needs a length below its vocabulary size \(vocabularySize) (Zoology asserts V > L)")
        }
        if k < 1 || 2 * k * passes + 2 * k > length { return .tooShort }
        if k > vocabularySize / 2 - 1 || k > vocabularySize - vocabularySize / 2 {
            return .invalid("\(name): \(k) pairs need more than \(vocabularySize / 2 - 1) keys")
        }
        return .ok
    }

    public func generate(length: Int, seed: UInt64) throws -> Example {
        try validate(length: length)
        var rng = randomStream(length: length, seed: seed)
        let k = pairs.pairs(length), half = vocabularySize / 2
        let context = 2 * k * passes
        let keys = rng.sample(k, from: Array(1 ..< half))
        let values = rng.sample(k, from: Array(half ..< vocabularySize))

        var inputs = [Int](repeating: 0, count: length)
        for p in 0 ..< passes {
            for i in 0 ..< k { inputs[p * 2 * k + 2 * i] = keys[i]; inputs[p * 2 * k + 2 * i + 1] = values[i] }
        }
        // Gaps: K distinct slots of `space`, successive sampling with weights (g+1)^(a-1).
        let space = (length - context) / 2
        var weights = (0 ..< space).map { pow(Double($0 + 1), powerA - 1) }
        var labels = [Int](repeating: Example.ignore, count: length)
        var positions: [Int] = []
        for i in 0 ..< k {
            var total = 0.0
            for w in weights { total += w }
            let u = rng.nextDouble() * total
            var g = 0, acc = weights[0]
            while acc <= u && g < space - 1 { g += 1; acc += weights[g] }
            while weights[g] == 0 { g -= 1 }  // rounding at the top end: stay on an unused slot
            weights[g] = 0
            let at = context + 2 * g
            inputs[at] = keys[i]
            labels[at] = values[i]
            positions.append(at)
        }
        if randomNonQueries {
            for i in context ..< length where inputs[i] == 0 { inputs[i] = rng.nextInt(in: 0 ..< vocabularySize) }
        }
        let order = positions.indices.sorted { positions[$0] < positions[$1] }
        return Example(task: name, length: length, seed: seed, metric: metric, inputs: inputs,
                       promptLength: length, labels: labels, answers: order.map { [values[$0]] },
                       evidence: order.map { positions[$0] })
    }

    /// Sliding-window attention's geometric ceiling (docs/training.md): the fraction of
    /// labelled queries whose key (its nearest occurrence in the key-value context) lies at most
    /// `reach` tokens back, t − p ≤ reach. A stack of N sliding-window layers of window W reaches
    /// N·W tokens back, so it cannot answer the other queries whatever it learns.
    public func fractionWithinReach(_ examples: [Example], reach: Int) -> Double {
        var within = 0, total = 0
        for e in examples {
            let context = 2 * pairs.pairs(e.length) * passes
            for t in e.labels.indices where e.labels[t] != Example.ignore {
                total += 1
                if let p = (0 ..< min(t, context)).last(where: { e.inputs[$0] == e.inputs[t] }), t - p <= reach { within += 1 }
            }
        }
        return total == 0 ? 0 : Double(within) / Double(total)
    }

    /// MQAR tokens as integers, e.g. `2 8 4 7 0 0 4 …`.
    public func render(_ tokens: ArraySlice<Int>) -> String { tokens.map(String.init).joined(separator: " ") }
}
