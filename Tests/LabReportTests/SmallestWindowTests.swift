import Foundation
import LabResults
import Testing
@testable import LabReport

@Suite struct SmallestWindowTests {
    /// Reference `full` (seeds 0–2) and windowed configurations labelled with W/L whose paired
    /// differences give known verdicts at margin 0.01.
    static func data() -> ReportData {
        let ref = [0.9, 0.8, 0.85]
        let configs: [(variant: String, window: String, fraction: String, diffs: [Double])] = [
            ("sliding_window", "4", "1/16", [-0.20, -0.22, -0.21]),  // worse
            ("sliding_window", "8", "1/8", [0.001, -0.002, 0.000]),  // equivalent
            ("rattention", "4", "1/16", [0.001, 0.000, -0.001]),     // equivalent
            ("rattention", "8", "1/8", [0.2, -0.2, 0.0]),            // inconclusive
        ]
        var rows: [ResultRow] = [], n = 0
        func add(_ labels: [String: String], _ v: Double) {
            n += 1
            rows.append(row(String(format: "%016x", n), labels: labels.merging(["task": "t", "train_length": "64"]) { $1 },
                            metrics: [MetricValue("accuracy", v, unit: "fraction", task: "t", length: 64)]))
        }
        for (s, v) in ref.enumerated() { add(["variant": "full", "seed": String(s)], v) }
        for c in configs {
            for (s, d) in c.diffs.enumerated() {
                add(["variant": c.variant, "window": c.window, "window_fraction": c.fraction, "seed": String(s)], ref[s] + d)
            }
        }
        return ReportData(study: "synthetic", rows: rows)
    }

    @Test func smallestAndHoldsFrom() throws {
        let spec = ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.01)
        let results = Comparisons.results(Self.data(), spec)
        let series = SmallestWindow.series(results)
        #expect(series.count == 2)
        let text = SmallestWindow.markdown(results, spec)
        let lines = text.split(separator: "\n").map(String.init)
        let swa = try #require(lines.first { $0.contains("swa") && $0.contains("1/16 ✗ · 1/8 ✓") })
        #expect(swa.contains("**1/8**") && swa.hasSuffix("| 1/8 |"), "\(swa)")
        let ratt = try #require(lines.first { $0.contains("ratt") && $0.contains("1/16 ✓ · 1/8 ?") })
        #expect(ratt.contains("**1/16**") && ratt.contains("not a threshold") && ratt.hasSuffix("| – |"), "\(ratt)")
        // side by side: at 1/16 one holds where the other degrades; at 1/8 they disagree too
        #expect(lines.contains { $0.contains("| 1/16 |") && $0.contains("| ratt |") && $0.contains("| swa |") }, "\(text)")
        // no window_fraction labels: nothing appended
        let plain = Comparisons.results(ComparisonTests.data(), ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.01))
        #expect(SmallestWindow.markdown(plain, spec).isEmpty)
    }

    /// The headline keeps the series evaluated at their train length (one row per configuration),
    /// and the notebook's headline section wraps it with the rule, the run count, the difference
    /// figure and the regenerating command.
    @Test func headlineAtTheTrainLength() throws {
        let spec = ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.01)
        // the same rows also evaluated at twice the train length
        let base = Self.data()
        let rows = base.rows.map { r -> ResultRow in
            var r = r
            r.metrics += r.metrics.map { m in MetricValue(m.name, m.value, unit: m.unit, task: m.task, length: 128) }
            return r
        }
        let d = ReportData(study: "synthetic", rows: rows)
        let results = Comparisons.results(d, spec)
        #expect(SmallestWindow.series(results).count == 4)
        let table = SmallestWindow.headline(results, spec)
        // one row per configuration, one column per task and train length (eval 128 left out)
        #expect(table.contains("Verdicts in each cell at W/L = 1/16, 1/8, in that order.\n\n| configuration | t L=64 |\n"), "\(table)")
        #expect(table.contains("\n| swa | **1/8** (✗ ✓) |\n") && table.contains("\n| ratt | **1/16** (✓ ?) |\n"), "\(table)")
        #expect(table.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == 3, "\(table)")  // header, 2 rows
        // a second train length where only rattention ran, and only at 1/16: its cell marks 1/8 "–";
        // swa has no cell there
        var more = d.rows
        var n = 1000
        for s in 0..<3 {
            for (labels, v) in [(["variant": "full"], 0.5 + 0.1 * Double(s)),
                                (["variant": "rattention", "window": "2", "window_fraction": "1/16"], 0.2 + 0.1 * Double(s))] {
                n += 1
                more.append(row(String(format: "%016x", n), labels: labels.merging(["task": "t", "train_length": "32", "seed": String(s)]) { $1 },
                                metrics: [MetricValue("accuracy", v, unit: "fraction", task: "t", length: 32)]))
            }
        }
        let mixed = SmallestWindow.headline(Comparisons.results(ReportData(study: "synthetic", rows: more), spec), spec)
        #expect(mixed.contains("Verdicts in each cell at W/L = 1/16, 1/8, in that order; –: no comparison there (not run, or not run yet).\n\n"
                               + "| configuration | t L=32 | t L=64 |\n"), "\(mixed)")
        #expect(mixed.contains("\n| swa | – | **1/8** (✗ ✓) |\n"), "\(mixed)")
        #expect(mixed.contains("\n| ratt | none (✗ –) | **1/16** (✓ ?) |\n"), "\(mixed)")
        var input = NotebookInput(study: try StudyFile.resolve(Fixture.study), data: d, sources: ["r.jsonl"],
                                  expectedRunIDs: Set(d.rows.map(\.runID)).union(["pending-run"]),
                                  figures: Figures.build(d, command: "p", comparison: spec), plotsLink: "../p", plotsDir: "p",
                                  plotCommand: "p", reportCommand: "r")
        #expect(Notebook.headline(input, plotsLink: "plots/x", notebookLink: "n.md", command: "c").contains("declares no comparison"))
        input.comparison = spec
        let body = Notebook.headline(input, plotsLink: "plots/x", notebookLink: "n.md", command: "attnlab report x --readme README.md")
        #expect(body.contains("(\(d.rows.count) accuracy runs recorded of the \(d.rows.count + 1) its study file expands to; the study is not finished)"), "\(body)")
        // rows of a run the file no longer expands to (a renamed entry) are counted apart
        let renamed = d.rows[0].runID
        input.expectedRunIDs = Set(d.rows.map(\.runID)).subtracting([renamed]).union(["pending-run"])
        let counted = Notebook.headline(input, plotsLink: "plots/x", notebookLink: "n.md", command: "c")
        #expect(counted.contains("(\(d.rows.count - 1) accuracy runs recorded of the \(d.rows.count) its study file expands to, "
                                 + "and 1 of runs it no longer expands to; the study is not finished)"), "\(counted)")
        #expect(body.contains("[its notebook](n.md)"))
        #expect(body.contains("](plots/x/difference-vs-window-fraction.t.png)"), "\(body)")
        #expect(body.contains("Regenerate: `attnlab report x --readme README.md`"))
        #expect(body.contains(table))
    }

    /// The figure: one block per configuration (log₂ W/L, mean, interval, n), the band at ±margin;
    /// none for rows without W/L labels.
    @Test func differenceFigure() throws {
        let spec = ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.01)
        let set = Figures.build(Self.data(), command: "attnlab plot x", comparison: spec)
        let fig = try #require(set.figures.first { $0.name == "difference-vs-window-fraction.t" })
        #expect(fig.data.contains("[L=64 eval 64 | swa]") && fig.data.contains("[L=64 eval 64 | ratt]"))
        // swa at 1/16 (log2 = −4): mean −0.21 over 3 seeds
        #expect(fig.data.contains("\n-4 -0.21 "), "\(fig.data)")
        #expect(fig.script.contains("with filledcurves y1=0.01"))
        // one key below the panels (none inside a panel, where it would hide points): the band and each configuration once
        let drawnLines = fig.script.split(separator: "\n").filter { $0.contains("using 1:2:3:4 with yerrorlines") }
        #expect(fig.script.contains("# key: the configurations") && !drawnLines.isEmpty && drawnLines.allSatisfy { $0.contains("notitle") })
        #expect(fig.script.components(separatedBy: "keyentry with yerrorlines").count - 1 == 2, "\(fig.script)")
        #expect(fig.script.contains("keyentry with filledcurves") && fig.script.contains("title \"equivalence band ±0.01\""))
        let plain = Figures.build(ComparisonTests.data(), command: "attnlab plot x", comparison: spec)
        #expect(!plain.figures.contains { $0.name.hasPrefix("difference-vs-window-fraction") })
    }
}
