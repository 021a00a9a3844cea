// Study keys the language-model studies use: `training.batch_tokens` (one token budget across
// train lengths) and `eval.multiples` (evaluate at multiples of each run's own train length).
import Foundation
import LabResults
import LabTasks
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

/// `provenance.data` of a language-model run, on the committed fixture corpus (LabTasksTests'
/// Fixtures/corpora/fixture: 17 train, 1 validation and 2 test documents): counts, bytes and the
/// names' SHA-256, which an independent hash of the expected names must reproduce.
@Suite struct DataProvenanceTests {
    @Test func splitsAreCountedAndDigested() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../LabTasksTests/Fixtures/corpora").standardized.path
        let corpus = TextCorpus(name: "fixture", package: "the test fixture", summary: "fixture", archiveSHA256: "", manifestSHA256: "abc")
        let lm = ByteLanguageModel(name: "lm_fixture", corpus: corpus, root: root)
        let data = try RunExecutor.dataProvenance(lm)
        #expect(data["corpus"]?.stringValue == "fixture")
        #expect(data["manifest_sha256"]?.stringValue == "abc")
        let test = data["splits"]?["test"]
        #expect(test?["documents"]?.intValue == 2)
        // SHA-256 of "lima.txt\nsierra.txt\n" (sha256sum of that text)
        #expect(test?["names_sha256"]?.stringValue == Self.sha256sum("lima.txt\nsierra.txt\n"))
        let bytes = ["train", "validation", "test"].compactMap { data["splits"]?[$0]?["bytes"]?.intValue }
        #expect(bytes.count == 3 && bytes.reduce(0, +) == 37_388)
        #expect(data["splits"]?["train"]?["documents"]?.intValue == 17)
        #expect(RunExecutor.namesDigest([]) == Self.sha256sum(""))
    }

    /// The digest by coreutils' sha256sum, independent of the lab's SHA-256.
    static func sha256sum(_ text: String) -> String {
        let p = Process(), input = Pipe(), output = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum"]
        p.standardInput = input; p.standardOutput = output
        try? p.run()
        input.fileHandleForWriting.write(Data(text.utf8)); try? input.fileHandleForWriting.close()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return String(out.prefix(64))
    }
}
