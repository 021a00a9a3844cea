// Evaluation that keeps the position: the next-token loss summed per window position, for the
// language-model tasks' bits per byte and their loss-by-position curve (docs/tasks.md).
//
//     lossSum[p] = Σ_b −ln p(labels[b, p] | inputs[b, ..p])   over the sequences b labelled at p
//     count[p]   = number of such sequences
//
// Cost: one forward pass per sequence, O(B·T·V·C) for the head on top of the blocks'.
import Foundation
import LabAttention
import LabCore

/// Per-position sums of a batch's next-token loss (nats), and the overall accuracy.
public struct PositionLoss: Sendable, Equatable {
    /// [T] Σ over sequences of −ln p(label) at position p.
    public var lossSum: [Double]
    /// [T] how many sequences carry a label at position p.
    public var count: [Int]
    /// Labelled positions whose argmax equals the label.
    public var correct: Int

    public init(lossSum: [Double], count: [Int], correct: Int) {
        self.lossSum = lossSum; self.count = count; self.correct = correct
    }

    /// Mean loss over every labelled position, nats.
    public var loss: Double { lossSum.reduce(0, +) / Double(max(count.reduce(0, +), 1)) }
    /// Fraction of labelled positions predicted exactly (argmax).
    public var accuracy: Double { Double(correct) / Double(max(count.reduce(0, +), 1)) }

    /// Mean loss over the positions in `range` (nats; NaN where none is labelled).
    public func loss(over range: Range<Int>) -> Double {
        let r = range.clamped(to: 0 ..< lossSum.count)
        let n = count[r].reduce(0, +)
        return n == 0 ? .nan : lossSum[r].reduce(0, +) / Double(n)
    }

    /// The negative log-likelihood of one row of logits at `target` (nats), in Double:
    /// logsumexp(logits) − logits[target]. Logits of −∞ are allowed (probability 0).
    public static func negativeLogLikelihood(_ logits: UnsafeBufferPointer<Float>, target: Int) -> Double {
        var mx = -Double.infinity
        for v in logits where Double(v) > mx { mx = Double(v) }
        var sum = 0.0
        for v in logits { sum += Foundation.exp(Double(v) - mx) }
        return Foundation.log(sum) - (Double(logits[target]) - mx)
    }
}

extension LanguageModel {
    /// `PositionLoss` over `batch`, `chunk` sequences at a time, chunks spread over `threads`.
    public func positionLoss(_ batch: TokenBatch, params p: ParameterSet<Float>, threads: Int = 1, chunk: Int = 25) -> PositionLoss {
        let T = batch.length, V = config.vocab
        let chunks = (batch.batch + chunk - 1) / chunk
        let slots = ResultSlots<PositionLoss>(count: chunks)
        Parallel.forEach(chunks, threads: threads) { i in
            let part = batch.sequences((i * chunk)..<min((i + 1) * chunk, batch.batch))
            let (x, _) = hidden(part.inputs, batch: part.batch, params: p)
            let rows = part.labels.indices.filter { part.labels[$0] != TokenBatch.ignore }
            let (h, _) = RMSNorm.forward(gatherRows(x, rows), gain: p["final_norm"])
            let logits = LMHead.logits(h, weight: headWeight(p))
            var r = PositionLoss(lossSum: [Double](repeating: 0, count: T), count: [Int](repeating: 0, count: T), correct: 0)
            logits.scalars.withUnsafeBufferPointer { lp in
                for (m, row) in rows.enumerated() {
                    let y = part.labels[row], position = row % T
                    let slice = UnsafeBufferPointer(rebasing: lp[(m * V)..<((m + 1) * V)])
                    r.lossSum[position] += PositionLoss.negativeLogLikelihood(slice, target: y)
                    r.count[position] += 1
                    var arg = 0
                    for v in 1..<V where slice[v] > slice[arg] { arg = v }
                    if arg == y { r.correct += 1 }
                }
            }
            slots.set(i, r)
        }
        var total = PositionLoss(lossSum: [Double](repeating: 0, count: T), count: [Int](repeating: 0, count: T), correct: 0)
        for i in 0..<chunks {
            let s = slots.get(i)
            for t in 0..<T { total.lossSum[t] += s.lossSum[t]; total.count[t] += s.count[t] }
            total.correct += s.correct
        }
        return total
    }
}
