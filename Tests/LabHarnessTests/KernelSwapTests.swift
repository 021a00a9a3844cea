// The kernel-swap study in miniature: the same model trained a few steps with the fast kernels
// and with both ops' references must give the same validation-loss curve. What CI runs of
// studies/kernel-swap.yaml (the full study is a release-build job: notebooks-md/kernel-swap.md).
import Foundation
import Testing
@testable import LabHarness
import LabResults

@Suite struct KernelSwapTests {
    /// studies/kernel-swap.yaml cut to 4 steps of 8 sequences (warm-up 1, lr 0.03 so
    /// four steps move the loss), validated every step on 16
    /// examples: fast (`auto`) and reference curves agree within 1e-4 relative.
    ///
    /// Why 1e-4: the references compute in Double and round to Float, the fast kernels accumulate
    /// in Float (tiled online softmax, fused recurrent linear attention), so one forward differs by a few
    /// Float ulps (~1e-7 relative, `attnlab kernels check` bounds it by 1e-4 absolute); four AdamW
    /// steps carry that into the parameters at about the same relative size, so the
    /// loss agrees to ~1e-6. A kernel that is wrong — a masking or scaling slip, a missing
    /// gradient term — moves the loss by 1e-2 or more after one step. 1e-4 sits between the two.
    @Test func fastAndReferenceCurvesAgree() throws {
        let path = repo.appendingPathComponent("studies/kernel-swap.yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for (from, to) in [("steps: 150", "steps: 4"), ("batch: 32\n  warmup: 20", "batch: 8\n  warmup: 1"),
                           ("eval_every: 10", "eval_every: 1"), ("train_examples: 2000", "train_examples: 64"),
                           ("test_examples: 100", "test_examples: 16"), ("learning_rate: [0.003]", "learning_rate: [0.03]"), ("seed: [0, 1]", "seed: [0]"),
                           ("examples: 100\n", "examples: 8\n"),
                           ("measurements: [accuracy, train_throughput]", "measurements: [accuracy]")] {
            #expect(text.contains(from), "studies/kernel-swap.yaml no longer has '\(from)'")
            text = text.replacingOccurrences(of: from, with: to)
        }
        let runs = try Study.parse(text, file: "kernel-swap-tiny.yaml").expand()
        #expect(runs.count == 2)
        #expect(Set(runs.map { $0.labels["kernel"] ?? "" }) == ["auto", "naive+recurrent"])
        var curves: [String: [Int: Double]] = [:]
        var kernels: [String: [String]] = [:]
        for run in runs {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-swap-\(run.id)-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let outcome = try RunExecutor.execute(run, workDir: dir, progress: { _ in })
            let label = run.labels["kernel"]!
            kernels[label] = outcome.kernels
            curves[label] = Dictionary(uniqueKeysWithValues: outcome.metrics.filter { $0.name == "curve_val_loss" }.map { ($0.step!, $0.value) })
        }
        // the override reached every layer, and provenance says so
        #expect(kernels["auto"] == ["softmax-attention: tiled-online-softmax", "residual-linear-attention: fused-recurrent"])
        #expect(kernels["naive+recurrent"] == ["softmax-attention: naive", "residual-linear-attention: recurrent"])
        let fast = try #require(curves["auto"]), reference = try #require(curves["naive+recurrent"])
        #expect(fast.keys.sorted() == [1, 2, 3, 4] && reference.keys.sorted() == fast.keys.sorted())
        for step in fast.keys.sorted() {
            let (a, b) = (fast[step]!, reference[step]!)
            #expect(abs(a - b) <= 1e-4 * abs(b), "step \(step): val loss \(a) (auto) vs \(b) (reference)")
        }
        // and training moved, by more than twice the tolerance: a curve that stayed put would agree trivially
        #expect(abs(fast[4]! - fast[1]!) > 2e-4 * abs(fast[1]!))
    }
}
