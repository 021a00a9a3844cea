// The bits-per-byte anchors of the language-model tasks (docs/tasks.md), on the committed fixture
// corpus of LabTasksTests (no fetched corpus needed): a uniform model over the 256 byte values scores
// exactly 8 bits per byte; the model's own evaluation (`positionLoss`) of a model whose logits are
// all equal scores log₂ 257 (the separator is one more token it spreads probability over).
import Foundation
import Testing
import LabAttention
import LabCore
import LabTasks
import LabHarness
@testable import LabModel

@Suite struct TextEvaluationTests {
    static let fixtureRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../LabTasksTests/Fixtures/corpora").standardized.path
    static let task = ByteLanguageModel(
        name: "lm_fixture", corpus: TextCorpus(name: "fixture", package: "the test fixture", summary: "fixture", archiveSHA256: "", manifestSHA256: ""),
        root: fixtureRoot)

    @Test func uniformOverBytesScoresEightBitsPerByte() throws {
        // logits 0 on the 256 bytes and −∞ on the separator: p(byte) = 1/256 at every labelled position
        var logits = [Float](repeating: 0, count: ByteTokens.vocabularySize)
        logits[ByteTokens.separator] = -.infinity
        var nats = 0.0, n = 0
        for i in 0 ..< 8 {
            let e = try Self.task.generate(length: 256, seed: Split.test.seed(i))
            for y in e.labels where y != Example.ignore {
                let nll = logits.withUnsafeBufferPointer { PositionLoss.negativeLogLikelihood($0, target: y) }
                #expect(nll / M_LN2 == 8, "position score \(nll / M_LN2) bits")  // ln 256 / ln 2, exact in Double
                nats += nll
                n += 1
            }
        }
        #expect(n == 8 * 256)
        #expect(abs(nats / Double(n) / M_LN2 - 8) < 1e-12)  // the mean, up to the rounding of 2,048 additions
    }

    @Test func equalLogitsModelScoresLog2Of257() throws {
        let config = try ModelConfig.parse("""
        {vocab: 257, model_dim: 8, layers: 1, heads: 2, head_dim: 4, mlp_ratio: 0, conv_kernel: 0,
         pattern: [{kind: sliding_window, window: 8}], positional: rope, tied_head: false}
        """)
        let model = LanguageModel(config: config)
        var params = model.initialParameters(seed: 1)
        params["head"] = Tensor(zeros: params["head"].shape)  // every logit 0
        let examples = try (0 ..< 4).map { try Self.task.generate(length: 128, seed: Split.test.seed($0)) }
        let r = model.positionLoss(TokenBatch(examples), params: params, threads: 1, chunk: 3)
        #expect(r.count.reduce(0, +) == 4 * 128)
        #expect(abs(r.loss / M_LN2 - log2(257.0)) < 1e-6)
        // by position: every bucket the same, and the sums match the plain evaluation's loss
        #expect(abs(r.loss(over: 64 ..< 128) - r.loss(over: 0 ..< 64)) < 1e-9)
        let plain = model.evaluate(TokenBatch(examples), params: params, threads: 1, chunk: 3)
        #expect(abs(plain.loss - r.loss) < 1e-5)
    }

    @Test func positionLossMatchesEvaluateOnATrainedLikeModel() throws {
        let config = try ModelConfig.parse("""
        {vocab: 257, model_dim: 8, layers: 1, heads: 2, head_dim: 4, mlp_ratio: 0, conv_kernel: 0,
         pattern: [{kind: full}], positional: rope}
        """)
        let model = LanguageModel(config: config)
        let params = model.initialParameters(seed: 7)
        let examples = try (0 ..< 5).map { try Self.task.generate(length: 64, seed: Split.validation.seed($0)) }
        let r = model.positionLoss(TokenBatch(examples), params: params, threads: 2, chunk: 2)
        let plain = model.evaluate(TokenBatch(examples), params: params, threads: 1, chunk: 5)
        #expect(abs(plain.loss - r.loss) < 1e-4 && abs(plain.accuracy - r.accuracy) < 1e-12)
        var weighted = 0.0
        for bucket: Range<Int> in [0 ..< 5, 5 ..< 40, 40 ..< 64] {
            let n: Int = r.count[bucket].reduce(0, +)
            weighted += r.loss(over: bucket) * Double(n)
        }
        let total: Int = r.count.reduce(0, +)
        #expect(abs(weighted / Double(total) - r.loss) < 1e-9)
    }
}
