import Foundation
import Testing
import LabCore
@testable import LabModel

@Suite struct CrossEntropySIMDTests {
    /// The 16-lane Float cross-entropy against the scalar loop run in Double on the same logits:
    /// loss, argmax hits and dlogits agree to float rounding, with a vocabulary that leaves a
    /// scalar tail (21 = 16 + 5), one of whole lanes (256), one below a lane (7), and a row whose
    /// maximum appears twice (the first index is the argmax, as in the scalar loop).
    @Test(arguments: [21, 256, 7]) func matchesTheScalarLoopInDouble(vocab V: Int) {
        var rng = SeededGenerator(seed: 3, stream: "ce")
        let M = 6
        var logits = Tensor<Float>(randomNormal: [M, V], std: 3, rng: &rng)
        logits.scalars[2 * V + 1] = 20; logits.scalars[2 * V + V - 1] = 20  // a tie at the max of row 2
        let targets = (0..<M).map { m in m == 2 ? 1 : rng.nextInt(in: 0..<V) }
        let f = LMHead.crossEntropySIMD(logits, targets: targets, normaliser: 9)
        let d = LMHead.crossEntropy(logits.converted(to: Double.self), targets: targets, normaliser: 9)
        #expect(abs(f.lossSum - d.lossSum) <= 1e-5 * abs(d.lossSum))
        #expect(f.correct == d.correct)
        #expect(f.correct >= 1)  // row 2's target is its first maximum
        #expect(f.dlogits.converted(to: Double.self).maxAbsDifference(d.dlogits) < 1e-6)
    }
}

@Suite(.serialized) struct StepProfileTests {
    /// `ModelBench.run(profileSteps:)` on a 2-layer full-attention model, the batch split in 2
    /// parts: the measured ops are the ones a step runs, as many times as it runs them, and (since
    /// every measured op is a leaf) their thread-time fits in threads × the step's wall time.
    @Test func profileCountsTheOpsOfAStep() throws {
        let config = try ModelConfig.parse("{vocab: 32, model_dim: 16, layers: 2, heads: 1, mlp_ratio: 0, conv_kernel: 3, pattern: [{kind: full}]}")
        let steps = 2
        let r = try ModelBench.run(config: config, mode: .train, batch: 2, length: 8, threads: 2, parallelism: .batch,
                                   budget: 0.01, profileSteps: steps)
        let p = try #require(r.profile)
        #expect(p.threads == 2 && p.steps == steps)
        let calls = Dictionary(uniqueKeysWithValues: p.entries.compactMap { e in e.callsPerStep.map { (e.op, $0) } })
        // per part and layer: forward q, k, v, o projections, and backward q, k, v (one call: their dx
        // summed in place) and o; 2 parts × 2 layers
        #expect(calls[ProfileOp.projections.rawValue] == Double(2 * 2 * 6))
        #expect(calls[ProfileOp.softmaxAttention.rawValue] == Double(2 * 2 * 2))
        #expect(calls[ProfileOp.convolution.rawValue] == Double(2 * 2 * 2))
        #expect(calls[ProfileOp.rope.rawValue] == Double(2 * 2 * 4))  // q, k forward; dq, dk backward
        #expect(calls[ProfileOp.optimizer.rawValue] == Double(2))     // global norm, update
        #expect(calls[ProfileOp.gradientReduce.rawValue] == Double(1))
        #expect(calls[ProfileOp.linearAttention.rawValue] == nil)  // no layer runs it
        #expect(p.entries.last?.op == "other")
        let measured = p.entries.dropLast().reduce(0) { $0 + $1.secondsPerStep }
        #expect(measured > 0 && measured <= Double(p.threads) * p.stepSeconds * 1.001)
        #expect(p.lines.count == p.entries.count + 2)
    }

    @Test func noProfileUnlessAsked() throws {
        let config = try ModelConfig.parse("{vocab: 32, model_dim: 16, layers: 1, heads: 1, mlp_ratio: 0, pattern: [{kind: full}]}")
        let r = try ModelBench.run(config: config, mode: .train, batch: 2, length: 8, threads: 1, parallelism: .batch, budget: 0.01)
        #expect(r.profile == nil)
    }

    /// `ModelBench.compareTraining`: two configurations' steps in alternating rounds (at least 6
    /// with a tiny budget), each result from its own steps (its own kernels, the same shape), and
    /// the ratio the first's step over the second's: a model of 6 layers against the same model of
    /// 1 takes several times as long a step, and its inverse well under 1.
    @Test func comparedTrainingStepsAlternate() throws {
        let deep = try ModelConfig.parse("{vocab: 32, model_dim: 16, layers: 6, heads: 1, mlp_ratio: 0, pattern: [{kind: rattention, window: 2}]}")
        let shallow = try ModelConfig.parse("{vocab: 32, model_dim: 16, layers: 1, heads: 1, mlp_ratio: 0, pattern: [{kind: full}]}")
        let r = try ModelBench.compareTraining(config: deep, against: shallow, batch: 2, length: 8, threads: 1, parallelism: .batch, budget: 0.01)
        #expect(r.rounds >= 6 && r.rounds <= 40)
        #expect(r.first.kernels.contains { $0.hasPrefix("residual-linear-attention") })
        #expect(!r.second.kernels.contains { $0.hasPrefix("residual-linear-attention") })
        for row in [r.first, r.second] {
            #expect(row.mode == "train" && row.batch == 2 && row.length == 8 && row.secondsMedian > 0 && row.profile == nil)
        }
        #expect(r.ratioQuartiles.count == 2 && r.ratioQuartiles[0] <= r.ratioMedian && r.ratioMedian <= r.ratioQuartiles[1])
        #expect(r.ratioMedian > 2, "6 layers against 1: \(r.ratioMedian)")
        let inverse = try ModelBench.compareTraining(config: shallow, against: deep, batch: 2, length: 8, threads: 1, parallelism: .batch, budget: 0.01)
        #expect(inverse.ratioMedian < 0.5, "1 layer against 6: \(inverse.ratioMedian)")
    }

    /// The memory check of models held at once (`model bench --against`) sums their estimates: two
    /// configurations that each need 0.6 of this machine's memory pass alone and fail together,
    /// with one line that says so.
    @Test func memoryCheckCountsBothModels() throws {
        let c = try ModelConfig.parse("{vocab: 256, model_dim: 64, layers: 1, mlp_ratio: 0}")
        let perToken = c.memoryEstimate(batch: 1, length: 1, training: true) - c.memoryEstimate(batch: 0, length: 0, training: true)
        let length = Int(0.6 * Double(ProcessInfo.processInfo.physicalMemory) / perToken)
        try c.checkMemory(batch: 1, length: length, training: true)
        #expect(throws: ModelError.self) { try ModelConfig.checkMemory([c, c], batch: 1, length: length, training: true) }
        do { try ModelConfig.checkMemory([c, c], batch: 1, length: length, training: true) } catch let e as ModelError {
            #expect(e.message.hasPrefix("the models together need about") && !e.message.contains("\n"))
        }
    }
}
