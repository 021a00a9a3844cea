// What a trainer reads: the batch of each step and the validation set. LabModel knows no tasks;
// whoever does binds one to a `BatchSource` (LabHarness `TaskData.batches`, which the study runner,
// `attnlab train` and the tests pass to `Trainer` and `Checkpoint.resume`).
//
// A batch is `TokenBatch`: [B, T] inputs and [B, T] next-token targets, the loss mask folded into
// the targets (`TokenBatch.ignore` where it is off, Zoology's and PyTorch's −100).
import LabCore

/// The data of one training run. Its token ids (inputs and targets) are in `0 ..< V`, V the
/// vocabulary size its `BatchSourceBuilder` gave.
public protocol BatchSource {
    /// The plateau rule reads the validation loss instead of the accuracy (language-model data,
    /// where a next-byte accuracy barely moves).
    var stopsOnLoss: Bool { get }
    /// What every validation reads: [N, T] sequences, the same at every validation.
    var validation: TokenBatch { get }
    /// The batch of 1-based step `t`, [B, T]. A pure function of `t` and what the source was built
    /// from, so that a run resumed at step t from a checkpoint sees the batches an uninterrupted one
    /// would (mutating only to cache).
    mutating func batch(atStep t: Int) -> TokenBatch
}

/// Builds a run's `BatchSource` from its options (`task`, `length`, `seed`, `batchSize`,
/// `trainExamples`, `validationExamples`). `Trainer` validates the options, asks the data's
/// vocabulary size (cheap: before any data is drawn, so a model too small for it fails at once),
/// then builds the source, once.
public struct BatchSourceBuilder: Sendable {
    /// The vocabulary size V the data's token ids stay below.
    public let vocabularySize: @Sendable (TrainOptions) throws -> Int
    /// The data itself (drawing a training set may take seconds).
    public let make: @Sendable (TrainOptions) throws -> any BatchSource

    public init(vocabularySize: @escaping @Sendable (TrainOptions) throws -> Int,
                make: @escaping @Sendable (TrainOptions) throws -> any BatchSource) {
        self.vocabularySize = vocabularySize; self.make = make
    }
}

/// A fixed training set read in seeded epochs: the batch of step t is sequences (t−1)·B ..< t·B of
/// the concatenated per-epoch permutations of the N training sequences, epoch e's permutation drawn
/// from `SeededGenerator(seed, "epoch-e")`. Step t's batch is a pure function of (seed, t); the
/// permutation of the current epoch is cached (one shuffle of N indices per epoch).
public struct EpochBatches: BatchSource {
    /// The N training sequences, [N, T].
    public let train: TokenBatch
    public let validation: TokenBatch
    /// Sequences a step (B).
    public let batchSize: Int
    public let seed: UInt64
    public let stopsOnLoss: Bool
    private var permutation: (epoch: Int, order: [Int])?

    /// - Precondition: `batchSize` ≥ 1.
    public init(train: TokenBatch, validation: TokenBatch, batchSize: Int, seed: UInt64, stopsOnLoss: Bool) {
        precondition(batchSize >= 1, "batch size \(batchSize)")
        self.train = train; self.validation = validation; self.batchSize = batchSize; self.seed = seed
        self.stopsOnLoss = stopsOnLoss
    }

    public mutating func batch(atStep t: Int) -> TokenBatch {
        let N = train.batch, T = train.length, B = batchSize
        var inputs: [Int] = [], labels: [Int] = []
        inputs.reserveCapacity(B * T); labels.reserveCapacity(B * T)
        for g in ((t - 1) * B)..<(t * B) {
            let epoch = g / N
            if permutation?.epoch != epoch {
                var order = Array(0..<N)
                var rng = SeededGenerator(seed: seed, stream: "epoch-\(epoch)")
                rng.shuffle(&order)
                permutation = (epoch, order)
            }
            let row = permutation!.order[g % N] * T  // sequence i is elements i·T ..< (i+1)·T
            inputs.append(contentsOf: train.inputs[row ..< row + T])
            labels.append(contentsOf: train.labels[row ..< row + T])
        }
        return TokenBatch(inputs: inputs, labels: labels, batch: B)
    }
}
