import Foundation
import LabResults
import Testing
@testable import LabReport

/// Repeated bench rounds (median, min–max, the spread flag), cost paired with accuracy at the same
/// length, the commits behind each group of rows, and labels that do not overlap.
@Suite struct BenchEvidenceTests {
    @Test func medianMinMaxAndSpreadFlag() throws {
        let s = try #require(Stat.of([110, 90, 100]))
        #expect(s.median == 100 && s.min == 90 && s.max == 110 && s.n == 3)
        #expect(abs(s.spread - 0.2) < 1e-12)
        #expect(s.spreadFlagged)
        #expect(s.formattedMedian { String(Int($0)) } == "100 [90–110] (3) ⚠ spread 20 %")
        let calm = try #require(Stat.of([100, 104, 98, 101]))
        #expect(calm.median == 100.5)  // even n: the mean of the middle two
        #expect(!calm.spreadFlagged)   // 6 / 100.5 < 15 %
        #expect(calm.formattedMedian { String(Int($0)) } == "100 [98–104] (4)")
        // exactly at the limit is not flagged; one value has no spread
        #expect(!(Stat.of([85, 100, 100])!.spreadFlagged))
        #expect(Stat.of([7])!.spread == 0 && Stat.of([7])!.formattedMedian { String(Int($0)) } == "7")
    }

    /// Bench rows of one configuration at one length in three rounds (`round` label): one point,
    /// the median of the rounds, flagged when they disagree.
    static func benchRows(_ speeds: [Double], length: Int = 256, variant: String = "full", window: String? = nil, id: String = "b") -> [ResultRow] {
        speeds.enumerated().map { i, v in
            var labels = ["variant": variant, "kernel": "auto", "length": "\(length)", "round": "\(i + 1)"]
            labels["window"] = window
            return row("\(id)\(length)-\(variant)\(window ?? "")-\(i)", kind: "bench", labels: labels,
                       metrics: [MetricValue("decode_tokens_per_second", v, unit: "tokens/s", length: length, timing: true),
                                 MetricValue("state_bytes", 4096, unit: "bytes", length: length)])
        }
    }

    @Test func benchTableShowsMediansRangesAndFlags() {
        let d = ReportData(study: "synthetic", rows: Self.benchRows([1000, 1300, 1100]) + Self.benchRows([500, 510, 505], variant: "sliding_window", window: "8"))
        let table = Tables.bench(d)
        #expect(table.contains("| 256 | full | – | 1100 [1000–1300] (3) ⚠ spread 27 % | 4.0 KiB |"), "\(table)")
        #expect(table.contains("| 256 | sliding_window | 8 | 505 [500–510] (3) | 4.0 KiB |"), "\(table)")
        #expect(table.contains("1 of 2 throughput points"))
        // the rounds are replicates, not a grouping label: one line per configuration and length
        #expect(table.split(separator: "\n").filter { $0.hasPrefix("| 256 |") }.count == 2)
        // the figure draws the median with min..max bars
        let figure = Figures.benchVsLength(d, "cmd", memory: false).figures[0]
        #expect(figure.data.contains("256 1100 1000 1300 3 0.272727"))
        #expect(figure.caption.contains("1 of 2 points spread more than 15 %"))
    }

    /// Accuracy at 64 and 128 tokens of two configurations, one seed each.
    static func accuracyRows() -> [ResultRow] {
        var rows: [ResultRow] = []
        for (variant, window, acc) in [("full", nil, [0.9, 0.8]), ("sliding_window", "8", [0.7, 0.5])] as [(String, String?, [Double])] {
            var labels = ["variant": variant, "task": "t", "seed": "0"]
            labels["window"] = window
            rows.append(row("a-\(variant)", labels: labels, metrics: [
                MetricValue("accuracy", acc[0], unit: "fraction", task: "t", length: 64),
                MetricValue("accuracy", acc[1], unit: "fraction", task: "t", length: 128)]))
        }
        return rows
    }

    @Test func costIsPairedWithAccuracyAtTheSameLength() throws {
        // bench rows at 64, 128 and 1024: each eval length takes the cost measured at it
        let bench = [64, 128, 1024].flatMap { L in
            Self.benchRows([Double(10 * L)], length: L) + Self.benchRows([Double(40 * L)], length: L, variant: "sliding_window", window: "8")
        }
        let sets = Figures.decodePoints(ReportData(study: "synthetic", rows: Self.accuracyRows() + bench))
        #expect(sets.map(\.length) == [64, 128])
        #expect(sets.map(\.costLength) == [64, 128])
        #expect(sets.allSatisfy { $0.sameLength })
        let full128 = try #require(sets[1].points.first { $0.config.variant == "full" })
        #expect(full128.x == 1280 && full128.accuracy.mean == 0.8)
        let figures = Figures.paretoThroughput(ReportData(study: "synthetic", rows: Self.accuracyRows() + bench), "cmd",
                                               Figures.AccuracyMarks(ReportData(study: "synthetic", rows: []), nil), mode: "decode")
        #expect(!figures.figures[0].title.contains("cost at"))
        #expect(figures.figures[0].script.contains("accuracy vs decode tokens/s, at 128 tokens"))
    }

    @Test func costFromAnotherLengthIsNamed() throws {
        let bench = Self.benchRows([1000], length: 16384) + Self.benchRows([9000], length: 16384, variant: "sliding_window", window: "8")
        let d = ReportData(study: "synthetic", rows: Self.accuracyRows() + bench)
        let sets = Figures.decodePoints(d)
        #expect(sets.map(\.costLength) == [16384, 16384])
        #expect(!sets[0].sameLength)
        let figure = try #require(Figures.paretoThroughput(d, "cmd", Figures.AccuracyMarks(d, nil), mode: "decode").figures.first)
        #expect(figure.title.contains("cost at 16,384 tokens, accuracy at 64 and 128"), "\(figure.title)")
        #expect(figure.caption.contains("cost at 16,384 tokens, accuracy at 128"))
        #expect(figure.script.contains("set title \"accuracy vs decode tokens/s, cost at 16,384 tokens, accuracy at 64\""))
        #expect(Tables.frontiers(d).contains("(median over bench rounds [min–max]; cost at 16,384 tokens, accuracy at 64 and 128 (no bench run at the eval length))"))
    }

    @Test func commitsAreListedPerGroupOfRows() {
        func withCommit(_ r: ResultRow, _ c: String, dirty: Bool = false) -> ResultRow {
            var r = r
            r.provenance.gitCommit = c
            r.provenance.gitDirty = dirty
            return r
        }
        let acc = Self.accuracyRows()
        let bench = Self.benchRows([1, 2, 3])
        let rows = [withCommit(acc[0], "1111111111112222"), withCommit(acc[1], "3333333333334444", dirty: true),
                    withCommit(bench[0], "1111111111112222"), withCommit(bench[1], "5555555555556666"), withCommit(bench[2], "5555555555556666")]
        let groups = Notebook.commitsByGroup(rows)
        #expect(groups.map(\.group) == ["accuracy runs", "bench runs, round 1", "bench runs, round 2", "bench runs, round 3"])
        #expect(groups[0].commits == "`111111111111` (1), `333333333333 + uncommitted changes` (1)")
        #expect(groups[1].commits == "`111111111111` (1)")
        #expect(groups[3].commits == "`555555555555` (1)")
        let section = Notebook.provenance(ReportData(study: "synthetic", rows: rows))
        #expect(section.contains("- commits behind each group of rows:\n  - accuracy runs: `111111111111` (1), `333333333333 + uncommitted changes` (1)\n"))
        // a grouping label that varies splits the groups
        var lllg = acc[1]
        lllg.labels["pattern"] = "lllg"
        lllg.runID = "other"
        let split = Notebook.commitsByGroup([acc[0], lllg].map { var r = $0; r.labels["pattern"] = r.labels["pattern"] ?? "all_local"; return r })
        #expect(split.map(\.group) == ["accuracy runs, all_local", "accuracy runs, lllg"])
    }

    @Test func loadAverageIsReported() {
        var rows = Self.benchRows([1, 2])
        rows[0].provenance.loadAverageBefore = 0.5; rows[0].provenance.loadAverageAfter = 1.0
        rows[1].provenance.loadAverageBefore = 3.0; rows[1].provenance.loadAverageAfter = 2.5
        let text = Notebook.loadAverages(rows)
        #expect(text.contains("before 0.50–3.00 (median 1.75), after 1.00–2.50 (median 1.75), on 2 cores"), "\(text)")
        #expect(text.contains("1 runs saw more load than cores"))
        #expect(Notebook.loadAverages(Self.benchRows([1])).contains("not recorded"))
    }

    @Test func openBLASCoreIsReported() {
        var rows = Self.benchRows([1, 2, 3])
        #expect(!Notebook.provenance(ReportData(study: "synthetic", rows: rows)).contains("OpenBLAS"))  // none recorded: no line
        rows[0].provenance.openblasCore = "Cooperlake"
        rows[1].provenance.openblasCore = "Haswell (OPENBLAS_CORETYPE=Haswell)"
        let section = Notebook.provenance(ReportData(study: "synthetic", rows: rows))
        #expect(section.contains("- OpenBLAS cores: `Cooperlake` (1), `Haswell (OPENBLAS_CORETYPE=Haswell)` (1), `not recorded` (1)\n"), "\(section)")
        // and it survives the results file
        let data = try! JSONEncoder().encode(rows[1])
        #expect(try! JSONDecoder().decode(ResultRow.self, from: data).provenance.openblasCore == "Haswell (OPENBLAS_CORETYPE=Haswell)")
        #expect(String(decoding: data, as: UTF8.self).contains("\"openblas_core\""))
    }

    @Test func labelsDoNotOverlap() {
        // 30 points, many on top of each other or close: every placed label box is disjoint
        var items: [LabelPlacement.Item] = []
        for i in 0..<30 { items.append(.init(x: 100 + Double(i % 6) * 3, y: 0.99 - Double(i / 6) * 0.004, text: String(i + 1))) }
        items.append(.init(x: 100, y: 0.99, text: "31"))  // on top of point 1: shares its label
        let frame = LabelPlacement.Frame(xRange: (50, 400), yRange: (0.9, 1.0), logX: true, width: 480, height: 250)
        let placed = LabelPlacement.place(items, in: frame)
        #expect(placed.contains { $0.text == "1,31" })
        #expect(placed.map { $0.text.split(separator: ",").count }.reduce(0, +) == 31)
        let boxes = placed.map { p -> (Double, Double, Double, Double) in
            let w = Double(p.text.count) * LabelPlacement.charWidth, h = LabelPlacement.lineHeight
            let (cx, cy) = (frame.px(p.x), frame.py(p.y))
            return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let (a, b) = (boxes[i], boxes[j])
                let overlap = a.0 < b.2 - 1e-6 && b.0 < a.2 - 1e-6 && a.1 < b.3 - 1e-6 && b.1 < a.3 - 1e-6
                #expect(!overlap, "labels \(placed[i].text) and \(placed[j].text) overlap")
            }
            // every label stays inside the plot
            #expect(boxes[i].0 >= -1e-6 && boxes[i].2 <= frame.width + 1e-6 && boxes[i].1 >= -1e-6 && boxes[i].3 <= frame.height + 1e-6)
        }
        // a label pushed away from its point has a leader line
        #expect(placed.contains { $0.leader })
    }

    @Test func styleTableSeparatesVariantStackAndKernel() {
        let configs = [RunConfig(variant: "sliding_window", window: 8, groups: ["pattern": "all_local"]),
                       RunConfig(variant: "sliding_window", window: 64, groups: ["pattern": "lllg"]),
                       RunConfig(variant: "rattention", window: 64, groups: ["pattern": "lllg"])]
        let a = Style.line(configs[0], kernel: "auto", among: configs, kernels: ["auto", "naive"])
        let b = Style.line(configs[1], kernel: "naive", among: configs, kernels: ["auto", "naive"])
        let c = Style.line(configs[2], kernel: "naive", among: configs, kernels: ["auto", "naive"])
        func part(_ s: String, _ key: String) -> String { s.components(separatedBy: key + " ")[1].split(separator: " ")[0].description }
        #expect(part(a, "pt") != part(b, "pt"))          // stacks: markers differ
        #expect(part(a, "dt") != part(b, "dt"))          // kernels: dashes differ
        #expect(part(b, "lc rgb") != part(c, "lc rgb"))  // variants: colours differ
        #expect(part(a, "lc rgb") != part(b, "lc rgb"))  // windows of one variant: shades differ
        #expect(Style.metricTitle("decode_tokens_per_second") == "decode throughput (tokens/s)")
    }
}
