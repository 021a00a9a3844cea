// The generated answer summary and the chance line of the accuracy figures, on hand-made rows: one
// task whose accuracies sit at chance, one that is learned, and rows without `chance_accuracy`.
import Foundation
import LabResults
import Testing
@testable import LabReport

@Suite struct SummaryTests {
    /// An accuracy row of `variant` (and `window`) on `task` at length 32 with `accuracy`, and
    /// `chance` when given, plus state bytes (for the Pareto figure).
    func accuracyRow(_ id: String, _ variant: String, window: Int? = nil, task: String, accuracy: Double, chance: Double?) -> ResultRow {
        var labels = ["variant": variant, "task": task, "seed": "0"]
        if let window { labels["window"] = String(window) }
        var metrics = [MetricValue("accuracy", accuracy, unit: "fraction", task: task, length: 32)]
        if let chance { metrics.append(MetricValue("chance_accuracy", chance, unit: "fraction", task: task, length: 32)) }
        metrics.append(MetricValue("state_bytes", Double(1024 * (window ?? 64)), unit: "bytes", length: 32))
        return row(id, labels: labels, metrics: metrics)
    }

    /// `flat` at chance 0.25 (every mean ≤ 0.25 + max(0.02, 0.025)); `learned` far above its chance 0.1.
    func data(chance: Bool = true) -> ReportData {
        ReportData(study: "synthetic", rows: [
            accuracyRow("a1", "full", task: "flat", accuracy: 0.26, chance: chance ? 0.25 : nil),
            accuracyRow("a2", "sliding_window", window: 8, task: "flat", accuracy: 0.24, chance: chance ? 0.25 : nil),
            accuracyRow("a3", "rattention", window: 8, task: "flat", accuracy: 0.27, chance: chance ? 0.25 : nil),
            accuracyRow("b1", "full", task: "learned", accuracy: 0.9, chance: chance ? 0.1 : nil),
            accuracyRow("b2", "sliding_window", window: 8, task: "learned", accuracy: 0.3, chance: chance ? 0.1 : nil),
            accuracyRow("b3", "rattention", window: 8, task: "learned", accuracy: 0.95, chance: chance ? 0.1 : nil),
        ])
    }

    @Test func saysWhichTaskSitsAtChanceAndNamesTheBestOfTheOther() throws {
        let text = Summary.markdown(data())
        #expect(text.contains("| flat | 32 | rattention W=8 0.270 (1) | 0.260 (1) | 0.250 | **\(Summary.atChanceWords)** (every mean ≤ 0.275) |"))
        #expect(text.contains("| learned | 32 | rattention W=8 0.950 (1) | 0.900 (1) | 0.100 | above chance (best +0.850) |"))
        #expect(text.contains("- `flat` sits at chance at every eval length"))
        #expect(!text.contains("`learned` sits at chance"))
        let cells = Summary.cells(data())
        #expect(cells.map { $0.atChance } == [true, false])
        #expect(cells.map { $0.best.config.variant } == ["rattention", "rattention"])
        #expect(cells.allSatisfy { $0.references.map(\.config.variant) == ["full"] })
    }

    /// rattention's one seed at 0.95 does not outrank full attention's three at 0.9: the best is
    /// picked among the configurations with the most seeds, and the line says one was left out.
    @Test func theBestIsPickedAmongTheConfigurationsWithTheMostSeeds() {
        func seeded(_ r: ResultRow, _ seed: Int) -> ResultRow {
            var r = r
            r.runID += "-\(seed)"; r.labels["seed"] = String(seed)
            return r
        }
        let full = accuracyRow("b1", "full", task: "learned", accuracy: 0.9, chance: 0.1)
        let d = ReportData(study: "synthetic", rows: (0..<3).map { seeded(full, $0) }
                           + [accuracyRow("b3", "rattention", window: 8, task: "learned", accuracy: 0.95, chance: 0.1)])
        let cell = Summary.cells(d).first
        #expect(cell?.best.config.variant == "full" && cell?.fewerSeeds == 1)
        #expect(cell?.all.first?.config.variant == "rattention")  // the ranking of every configuration is unchanged
        #expect(Summary.markdown(d).contains("| learned | 32 | full 0.900 ± 0.000 (3) (best of those with n = 3; 1 with fewer seeds not ranked) |"))
        // the best with most seeds at chance, one with fewer seeds above it: the verdict says so
        let atChance = ReportData(study: "synthetic", rows: (0..<3).map { seeded(accuracyRow("c1", "full", task: "flat", accuracy: 0.1, chance: 0.1), $0) }
                                  + [accuracyRow("c3", "rattention", window: 8, task: "flat", accuracy: 0.6, chance: 0.1)])
        #expect(Summary.cells(atChance).first?.atChance == false)
        #expect(Summary.markdown(atChance).contains("| above chance only with fewer seeds: rattention W=8 +0.500 (n = 1) |"))
    }

    @Test func theMarginIsTwoHundredthsOrATenthOfChance() {
        #expect(Summary.chanceMargin(0.1) == 0.02)
        #expect(Summary.chanceMargin(0.5) == 0.05)
        // one configuration just past chance + margin: not at chance
        let d = ReportData(study: "synthetic", rows: [
            accuracyRow("c1", "full", task: "edge", accuracy: 0.10, chance: 0.1),
            accuracyRow("c2", "sliding_window", window: 8, task: "edge", accuracy: 0.125, chance: 0.1),
        ])
        #expect(Summary.cells(d).first?.atChance == false)
        #expect(Summary.markdown(d).contains("above chance (best +0.025)"))
    }

    /// Above chance by accuracy but every greedy answer wrong (score 0): the verdict says there was
    /// no correct answer; one right answer anywhere gives the plain "above chance".
    @Test func aboveChanceWithoutACorrectAnswerSaysSo() {
        func scored(_ id: String, _ variant: String, window: Int? = nil, accuracy: Double, score: Double) -> ResultRow {
            var r = accuracyRow(id, variant, window: window, task: "format", accuracy: accuracy, chance: 0.125)
            r.metrics.append(MetricValue("score", score, unit: "fraction", task: "format", length: 32))
            return r
        }
        let none = ReportData(study: "synthetic", rows: [scored("d1", "full", accuracy: 0.2, score: 0), scored("d2", "sliding_window", window: 8, accuracy: 0.22, score: 0)])
        let text = Summary.markdown(none)
        #expect(Summary.cells(none).first?.noCorrectAnswer == true)
        #expect(text.contains("**no correct answer**: every greedy answer scored 0; the accuracy above chance (best +0.095)"), "\(text)")
        #expect(text.contains("- `format`: no configuration answered any example right at L=32 (best score 0)."))
        let one = ReportData(study: "synthetic", rows: [scored("e1", "full", accuracy: 0.2, score: 0), scored("e2", "sliding_window", window: 8, accuracy: 0.22, score: 0.02)])
        #expect(Summary.cells(one).first?.noCorrectAnswer == false)
        #expect(Summary.markdown(one).contains("above chance (best +0.095)"))
    }

    @Test func rowsWithoutAChanceLevelSaySo() {
        let text = Summary.markdown(data(chance: false))
        #expect(text.contains("| flat | 32 | rattention W=8 0.270 (1) | 0.260 (1) | not recorded | chance level not recorded (rows older than `chance_accuracy`) |"))
        #expect(text.contains("- `flat`: the chance level is not recorded at L=32"))
        #expect(!text.contains("sits at chance"))
        #expect(Summary.cells(data(chance: false)).allSatisfy { $0.atChance == nil })
    }

    @Test func accuracyFiguresDrawTheChanceLineWhereRowsCarryIt() throws {
        let set = Figures.build(data(), command: "attnlab plot synthetic")
        let acc = try #require(set.figures.first { $0.name == "accuracy-vs-window.flat" })
        #expect(acc.data.contains("# [L=32 | chance]\n# columns: mean min max n\n0.25 0.25 0.25 3\n"))
        #expect(acc.script.contains("stats data index \"[L=32 | chance]\" using 1 name \"chance\" nooutput"))
        #expect(acc.script.contains("chance_mean with lines lc rgb \"#7f7f7f\" dt 2 lw 2 title sprintf(\"chance (best constant answer) %.3f\", chance_mean)"))
        let pareto = try #require(set.figures.first { $0.name == "pareto-state-bytes.learned" })
        #expect(pareto.data.contains("# [L=32 | chance]\n# columns: mean min max n\n0.1 0.1 0.1 3\n"))
        #expect(pareto.script.contains("title sprintf(\"chance (best constant answer) %.3f\", chance_mean)"))
        // without the metric, no chance line
        let old = Figures.build(data(chance: false), command: "attnlab plot synthetic")
        #expect(!old.figures.isEmpty)
        #expect(old.figures.allSatisfy { !$0.script.contains("chance") && !$0.data.contains("chance") })
    }

    @Test func theChanceLineIsDrawnByGnuplot() throws {
        let gnuplot = try Gnuplot.locate()
        let dir = try temporaryDirectory("chance")
        defer { cleanUp(dir) }
        let set = Figures.build(data(), command: "attnlab plot synthetic")
        let written = try Plotter.write(set, to: dir, gnuplot: gnuplot)
        #expect(written.count == 4 * set.figures.count)
        let svg = try String(contentsOfFile: dir + "/accuracy-vs-window.flat.svg", encoding: .utf8)
        #expect(svg.contains("chance (best constant answer) 0.250"))
    }
}
