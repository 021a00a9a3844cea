// Study keys the language-model studies use: `training.batch_tokens` (one token budget across
// train lengths) and `eval.multiples` (evaluate at multiples of each run's own train length).
import Testing
@testable import LabHarness

@Suite struct TextStudyTests {
    static let text = BrokenStudyTests.base
        .replacingOccurrences(of: "  train_length: [32]", with: "  train_length: [32, 64]")
        .replacingOccurrences(of: "  steps: 10", with: "  steps: 10\n  batch_tokens: 128")
        .replacingOccurrences(of: "measurements: [accuracy]", with: "measurements: [accuracy]\neval: {multiples: [1, 2]}")

    @Test func batchTokensAndMultiplesExpandPerTrainLength() throws {
        let study = try Study.parse(Self.text, file: "s.yaml")
        #expect(study.evalLengths == [32, 64, 128])
        let runs = try study.expand().filter { $0.kind == .accuracy }
        #expect(!runs.isEmpty)
        for r in runs {
            let L = r.train!.length
            #expect(r.train!.batchSize * L == 128)
            #expect(r.evalLengths == [L, 2 * L])
        }
        #expect(Set(runs.map { $0.train!.batchSize }) == [4, 2])
    }

    @Test func withoutTheNewKeysIdsAreUnchanged() throws {
        // the keys only add: a study without them expands exactly as before (same ids, eval lengths)
        let study = try Study.parse(BrokenStudyTests.base, file: "s.yaml")
        #expect(try study.expand().allSatisfy { $0.kind != .accuracy || ($0.evalLengths == [32] && $0.train!.batchSize == 64) })
    }
}
