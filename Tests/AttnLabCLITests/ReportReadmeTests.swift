// `attnlab report STUDY --readme FILE`: the headline section of a README. Bad input (no file, no
// markers for the section) is one line and exit 2 and leaves the file as it was; with the markers,
// only the section between them changes.
import Foundation
import Testing
import LabTestSupport

@Suite struct ReportReadmeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LabReportTests/Fixtures").path

    func report(_ dir: String, readme: String) throws -> (Int32, String) {
        try runAttnlab(["report", Self.fixtures + "/fixture.yaml", "--results", Self.fixtures + "/results.jsonl",
                        "--out", dir + "/notebook.md", "--plots", dir + "/plots", "--no-plots", "--readme", readme]).pair
    }

    @Test func theHeadlineSectionIsRewrittenInPlaceAndBadInputIsOneLine() throws {
        let dir = NSTemporaryDirectory() + "readme-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let (missing, out1) = try report(dir, readme: dir + "/nope.md")
        #expect(missing == 2 && out1.contains("attnlab: --readme \(dir)/nope.md: no such file"), "\(out1)")

        let plain = "# Title\n\nNo markers here.\n"
        try plain.write(toFile: dir + "/README.md", atomically: true, encoding: .utf8)
        let (noMarkers, out2) = try report(dir, readme: dir + "/README.md")
        #expect(noMarkers == 2 && out2.contains("no section fixture-headline"), "\(out2)")
        #expect(out2.split(separator: "\n").filter { $0.hasPrefix("attnlab:") }.count == 1, "\(out2)")
        #expect(try String(contentsOfFile: dir + "/README.md", encoding: .utf8) == plain)

        let marked = "# Title\n\n<!-- generated:begin fixture-headline -->\nold\n<!-- generated:end fixture-headline -->\n\nKept.\n"
        try marked.write(toFile: dir + "/README.md", atomically: true, encoding: .utf8)
        let (ok, out3) = try report(dir, readme: dir + "/README.md")
        #expect(ok == 0, "\(out3)")
        let text = try String(contentsOfFile: dir + "/README.md", encoding: .utf8)
        #expect(text.hasPrefix("# Title\n\n<!-- generated:begin fixture-headline -->\n") && text.hasSuffix("<!-- generated:end fixture-headline -->\n\nKept.\n"))
        #expect(!text.contains("\nold\n") && text.contains("declares no comparison"), "\(text)")
    }
}
