// Golden rendered examples: one file per task at a fixed length and seed, so any change in generation shows as
// a diff. Regenerate with `ATTNLAB_UPDATE_GOLDEN=1 swift test --filter LabTasksTests.GoldenTests` and review
// the diff. The files sit beside this source (read via #filePath), not in a SwiftPM resource bundle.
import Foundation
import Testing
@testable import LabTasks

/// The golden example of a task: its shortest ladder length (64 for MQAR), the first test seed.
func goldenText(_ t: any SyntheticTask) throws -> String {
    let length = t.groups.contains("mqar") ? 64 : TaskRegistry.rulerLengths[0]
    let e = try t.generate(length: length, seed: Split.test.seed(0))
    var s = "task \(e.task) · length \(e.length) · seed \(e.seed) · metric \(e.metric.rawValue)\n\n"
    s += "prompt (\(e.promptLength) tokens):\n\(t.render(e.prompt))\n\n"
    s += "target: \(t.render(e.target))\n"
    s += "answers: " + e.answers.map { "[\(t.render($0[...]))]" }.joined(separator: " ") + "\n"
    s += "evidence at: " + e.evidence.map(String.init).joined(separator: ", ") + "\n"
    s += "inputs: " + e.inputs.map(String.init).joined(separator: " ") + "\n"
    s += "labels: " + e.labels.map(String.init).joined(separator: " ") + "\n"
    return s
}

let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

@Suite struct GoldenTests {
    @Test(arguments: taskNames)
    func matchesGolden(_ name: String) throws {
        let text = try goldenText(try TaskRegistry.task(named: name))
        let file = goldenDirectory.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["ATTNLAB_UPDATE_GOLDEN"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing \(file.path); run with ATTNLAB_UPDATE_GOLDEN=1 to create it")
            return
        }
        if golden != text {
            let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0 ..< min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name) differs from its golden file at line \(i + 1):\n  golden: \(i < a.count ? a[i] : "<end>")\n  now:    \(i < b.count ? b[i] : "<end>")")
        }
    }
}
