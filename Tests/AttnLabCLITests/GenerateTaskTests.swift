// `attnlab generate --task`: a task's test example answered by a checkpoint, rendered in the task's
// words, with its score. A 3-step model answers badly, which is fine: the test checks what is
// printed (the example, the predictions at every query, the score in [0, 1]) and that the same
// seed gives the same example.
import Foundation
import Testing

@Suite struct GenerateTaskTests {
    @Test func answersATestExampleAndScoresIt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{vocab: 256, model_dim: 16, layers: 1, heads: 1, head_dim: 16, mlp_ratio: 0, conv_kernel: 0}"
            .write(toFile: dir + "/m.yaml", atomically: true, encoding: .utf8)
        let (trained, _, trainErr) = try attnlab(["train", "--config", dir + "/m.yaml", "--task", "mqar_v256", "--length", "32", "--steps", "3",
                                                  "--batch", "4", "--train-examples", "64", "--test-examples", "16", "--eval-every", "3",
                                                  "--out", dir + "/ck"])
        #expect(trained == 0, "\(trainErr)")
        let args = ["generate", "--checkpoint", dir + "/ck", "--task", "mqar_v256", "--seed", "1", "--length", "32"]
        let (status, out, err) = try attnlab(args)
        #expect(status == 0, "\(err)")
        #expect(out.contains("task mqar_v256") && out.contains("test example 1") && out.contains("prompt (32 tokens)"), "\(out)")
        let queries = out.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains("→") }
        #expect(!queries.isEmpty && queries.allSatisfy { $0.hasSuffix("✓") || $0.hasSuffix("✗") }, "\(out)")
        let scoreLine = try #require(out.split(separator: "\n").first { $0.hasPrefix("score (positions): ") }, "\(out)")
        let score = try #require(Double(scoreLine.split(separator: " ").last ?? ""))
        #expect((0...1).contains(score))
        // the score is the share of queries answered right
        let right = queries.filter { $0.hasSuffix("✓") }.count
        #expect(abs(score - Double(right) / Double(queries.count)) < 1e-4, "\(out)")
        let (_, again, _) = try attnlab(args)
        #expect(again == out, "the same seed draws the same example and the same answer")
        // a task whose tokens lie outside the model's vocabulary: one line, exit 2
        let (bad, _, badErr) = try attnlab(["generate", "--checkpoint", dir + "/ck", "--task", "niah_single_1", "--length", "64"])
        #expect(bad == 2 && badErr.hasPrefix("attnlab: ") && badErr.contains("vocabulary"), "\(badErr)")
    }
}
