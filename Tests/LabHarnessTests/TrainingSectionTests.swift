// A study's `training:` mapping is `TrainOptions` (its defaults, keys and checks), as are
// `attnlab train`'s flags: the same recipe from either front end.
import Testing
import LabModel
@testable import LabHarness

@Suite struct TrainingSectionTests {
    static let keys = """
      steps: 10
      batch: 4
      warmup: 2
      decay_steps: 8
      weight_decay: 0.2
      clip: 0.5
      target_accuracy: 0.9
      plateau: 3
      eval_every: 5
      train_examples: 64
      test_examples: 16
      threads: 1
      parallelism: kernels
    """

    /// Omitted keys are `TrainOptions()`'s defaults, with the cosine ending at the step cap.
    @Test func omittedKeysAreTheTrainersDefaults() throws {
        let study = try Study.parse(BrokenStudyTests.base, file: "s.yaml")
        var cli = TrainOptions()
        try cli.overlay(steps: 10)
        #expect(study.training.options == cli)
        #expect(study.training.options.optimizer.decaySteps == 10)
        #expect(study.training.batchTokens == nil && study.training.checkpointEvery == nil)
    }

    /// Every recipe key sets its setting, as the matching flag does.
    @Test func everyKeyIsTheFlagsSetting() throws {
        let text = BrokenStudyTests.base.replacingOccurrences(of: "  steps: 10", with: Self.keys)
        let study = try Study.parse(text, file: "s.yaml")
        var cli = TrainOptions()
        try cli.overlay(steps: 10, batchSize: 4, warmupSteps: 2, decaySteps: 8, weightDecay: 0.2, clipNorm: 0.5, targetAccuracy: 0.9,
                        plateauEvals: 3, evalEvery: 5, trainExamples: 64, validationExamples: 16, threads: 1, parallelism: "kernels")
        #expect(study.training.options == cli)
        for setting in TrainOptions.recipeSettings {
            #expect(Self.keys.contains("  \(setting.recipeKey!): "), "\(setting) has no key in the test")
        }
        let o = study.trainOptions(task: "mqar_v256", length: 32, seed: 3, learningRate: 0.01)
        #expect(o.length == 32 && o.seed == 3 && o.optimizer.learningRate == 0.01 && o.batchSize == 4)
    }

    /// A bad parallelism is the same one-line problem in a study and on the command line.
    @Test func parallelismIsCheckedOnce() throws {
        let text = BrokenStudyTests.base.replacingOccurrences(of: "  steps: 10", with: "  steps: 10\n  parallelism: threads")
        do {
            _ = try Study.parse(text, file: "s.yaml")
            Issue.record("no error")
        } catch let e as StudyError {
            #expect(e.description == "s.yaml:14: training.parallelism: expected batch or kernels, got 'threads'", "\(e)")
        }
        var o = TrainOptions()
        #expect(throws: TrainOptions.Problem.self) { try o.overlay(parallelism: "threads") }
    }
}
