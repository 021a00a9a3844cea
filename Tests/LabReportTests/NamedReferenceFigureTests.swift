// A named entry of the reference's kind (`{kind: full, name: big}`) in the window figures: a line of
// its own at the windowless slot, labelled "no window" (not "linear only"), never pooled with the
// plain reference, which stays the black line.
import Foundation
import Testing
@testable import LabReport
import LabResults

@Suite struct NamedReferenceFigureTests {
    @Test func namedFullIsItsOwnPointAtTheNoWindowSlot() throws {
        func r(_ id: String, _ labels: [String: String], _ v: Double) -> ResultRow {
            row(id, labels: labels.merging(["task": "t"]) { $1 },
                metrics: [MetricValue(MetricName.accuracy, v, unit: "fraction", task: "t", length: 64)])
        }
        let d = ReportData(study: "s", rows: [
            r("1", ["variant": "full", "seed": "0"], 0.9), r("2", ["variant": "full", "seed": "1"], 0.8),
            r("3", ["variant": "full", "variant_name": "big", "seed": "0"], 0.5), r("4", ["variant": "full", "variant_name": "big", "seed": "1"], 0.6),
            r("5", ["variant": "sliding_window", "window": "4", "seed": "0"], 0.7), r("6", ["variant": "sliding_window", "window": "4", "seed": "1"], 0.7),
        ])
        let figures = Figures.build(d, command: "p").figures.filter { $0.name.hasPrefix("accuracy-vs-window.") }
        let named = try #require(figures.first { $0.name.contains("variant_name=big") }, "\(figures.map(\.name))")
        #expect(named.script.contains("\"no window\" 0") && !named.script.contains("linear only"), "\(named.script)")
        // the named entry's block holds its own mean (0.55) over its two seeds, not the plain rows
        #expect(named.data.components(separatedBy: "[L=64 | full]").count == 2, "one block of that name: the reference's")
        let after = named.data.components(separatedBy: "[L=64 | full variant_name=big]").dropFirst().first ?? ""
        let block = after.components(separatedBy: "# [").first ?? ""  // up to the next block
        let points = block.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(points.count == 1 && points.first?.contains(" 0.55 ") == true, "\(named.data)")
        // drawn with its own label, dashed (set apart), not as the reference
        #expect(named.script.contains("dt \(Style.setApartDash)"), "\(named.script)")
    }
}
