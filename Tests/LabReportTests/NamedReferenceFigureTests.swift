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

/// The Pareto figures' key sits below the panels across the full width, in as many columns as its
/// longest title allows, and is tall enough for every entry (a key panel in one grid cell dropped
/// whatever did not fit: 51 of the 68 configurations of the long-context study).
@Suite struct ParetoKeyLayoutTests {
    @Test func everyEntryFits() {
        let short = Figures.keyLayout(titles: (1...4).map { "\($0)  swa W\($0)" }, width: 1200)
        #expect(short.columns == 4 && short.rows == 1)
        let long = (1...68).map { "\($0)  swa W96 all_local train_length=1024 state_matched=rattention window_fraction=1/16" }
        let l = Figures.keyLayout(titles: long, width: 1200)
        #expect(l.columns == 1 && l.rows == 68 && l.height == 60 + 18 * 68)
        for n in [1, 5, 17, 33] {
            let k = Figures.keyLayout(titles: (1...n).map { "\($0)  ratt W8 lllg window_fraction=1/64" }, width: 1200)
            #expect(k.columns * k.rows >= n && (k.columns - 1) * k.rows < n + k.rows)
        }
    }

    @Test func theKeyIsAFooterAndThePanelsArePlaced() {
        let panel = Panel(comment: "p", settings: ["set title \"a\""], elements: ["x"])
        let script = ScriptWriter.render(name: "f", title: "t", about: [], command: "c", panels: [panel, panel, panel], columns: 2,
                                         panelSize: (600, 400), common: [], footer: Footer(panel: Panel(comment: "key", settings: [], elements: ["y"]), height: 200))
        #expect(script.contains("height = \(400 * 2 + 40 + 200)"))
        #expect(!script.contains("multiplot layout"))
        // the first panel: top left, above the second row and the footer
        #expect(script.contains("set origin 0.0000,\(String(format: "%.4f", 600.0 / 1040.0))"), "\(script)")
        #expect(script.contains("set origin 0,0") && script.contains("set size 1,\(String(format: "%.4f", 200.0 / 1040.0))"))
        // without a footer, gnuplot's grid layout as before
        #expect(ScriptWriter.render(name: "f", title: "t", about: [], command: "c", panels: [panel], columns: 1,
                                    panelSize: (600, 400), common: []).contains("set multiplot layout 1,1"))
    }
}
