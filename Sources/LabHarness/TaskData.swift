// Tasks bound to the model: LabModel trains on a `BatchSource` and decodes token ids, and knows no
// tasks; here a registered task (LabTasks) becomes the data of a run (`TaskData.batches`, what the
// study runner, `attnlab train` and the tests pass to `Trainer` and `Checkpoint.resume`), and a
// task example becomes a scored answer (`LanguageModel.answer`, for `attnlab generate`).
//
// Splits: the optimiser sees samples 0 ..< trainExamples of the train split; every validation (and
// so the stop rules and the validation curve) reads samples 0 ..< validationExamples of the
// validation split; the test split is left to the study's evaluation ladder, so the examples that
// decide when to stop are never the ones reported.
import LabCore
import LabModel
import LabTasks

extension TokenBatch {
    /// Equal-length examples as one batch: [B, T] inputs and labels (`Example.ignore` is
    /// `TokenBatch.ignore`, −100).
    public init(_ examples: [Example]) {
        self.init(inputs: examples.flatMap(\.inputs), labels: examples.flatMap(\.labels), batch: examples.count)
    }
}

public enum TaskData {
    /// The data of a run on the task `options.task`, at `options.length` tokens a sequence: the
    /// training set drawn once (seeds 0 ..< trainExamples of the train split) and read in seeded
    /// epochs of `options.batchSize` (`EpochBatches`, seed `options.seed`); the validation set the
    /// validation split's first `validationExamples`. The plateau rule reads the loss for a
    /// language-model task (`SyntheticTask.isLanguageModelling`).
    /// The vocabulary size is the task's. Throws `TaskError` for an unknown task or a length it
    /// cannot fill.
    public static let batches = BatchSourceBuilder(
        vocabularySize: { try TaskRegistry.task(named: $0.task).vocabularySize },
        make: { options in
            let task = try TaskRegistry.task(named: options.task)
            return EpochBatches(train: TokenBatch(try task.examples(options.trainExamples, length: options.length, split: .train)),
                                validation: TokenBatch(try task.examples(options.validationExamples, length: options.length, split: .validation)),
                                batchSize: options.batchSize, seed: options.seed, stopsOnLoss: task.isLanguageModelling)
        })
}

/// A model's answer to one task example, and its score under the task's metric.
public struct TaskAnswer: Sendable, Equatable {
    /// `all`/`part`: the greedy continuation of the prompt; `positions` (MQAR): the argmax next
    /// token at every input position (`[example.length]`).
    public var output: [Int]
    /// `example.score(output)`, in [0, 1].
    public var score: Double
}

extension LanguageModel {
    /// Answers `example` the way study runs score it: for `all`/`part`, greedy decoding after the
    /// prompt for `maxNewTokens` tokens (default: the target's length, as the `score` metric) or
    /// until `stopToken`; for `positions` (MQAR, whose prompt is the whole sequence), the argmax of
    /// the logits at every position (as the `accuracy` metric).
    /// - Throws: `ModelError` for a token outside the model's vocabulary.
    public func answer(_ example: Example, params p: ParameterSet<Float>, maxNewTokens: Int? = nil,
                       stopToken: Int? = nil) throws -> TaskAnswer {
        for t in example.inputs where t < 0 || t >= config.vocab {
            throw ModelError("task \(example.task): token \(t) outside the model's vocabulary 0..<\(config.vocab)")
        }
        let output: [Int]
        if example.metric == .positions {
            let l = logits(example.inputs, batch: 1, params: p)
            output = argmax(l.reshaped([example.length, config.vocab]))
        } else {
            output = try generate(prompts: [Array(example.prompt)], params: p,
                                  maxNewTokens: maxNewTokens ?? max(example.target.count, 1), stopToken: stopToken)[0]
        }
        return TaskAnswer(output: output, score: example.score(output))
    }
}
