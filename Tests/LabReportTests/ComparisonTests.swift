import Foundation
import LabResults
import Testing
@testable import LabReport

@Suite struct ComparisonTests {
    /// t(0.975, df) against published values (tables, and beyond 30 the Cornish-Fisher expansion).
    @Test func tQuantiles() {
        for (df, t) in [(1, 12.706), (2, 4.303), (4, 2.776), (10, 2.228), (30, 2.042), (31, 2.040), (40, 2.021), (60, 2.000),
                        (120, 1.980), (1000, 1.962)] {
            #expect(abs(StudentT.quantile975(df: df) - t) < 0.0006, "df \(df): \(StudentT.quantile975(df: df))")
        }
        #expect(abs(StudentT.quantile975(df: Int.max) - 1.95996) < 1e-5)
        // decreasing in df, across the switch from the table to the expansion
        for df in 1..<200 { #expect(StudentT.quantile975(df: df) > StudentT.quantile975(df: df + 1), "df \(df)") }
    }

    @Test func verdictOfAnInterval() {
        #expect(Comparisons.verdict((-0.01, 0.01), margin: 0.01, lowerIsBetter: false) == .equivalent)
        #expect(Comparisons.verdict((-0.005, 0.011), margin: 0.01, lowerIsBetter: false) == .inconclusive)
        #expect(Comparisons.verdict((0.02, 0.03), margin: 0.01, lowerIsBetter: false) == .better)
        #expect(Comparisons.verdict((0.02, 0.03), margin: 0.01, lowerIsBetter: true) == .worse)
        #expect(Comparisons.verdict((-0.03, -0.02), margin: 0.01, lowerIsBetter: false) == .worse)
        #expect(Comparisons.verdict((-0.03, -0.02), margin: 0.01, lowerIsBetter: true) == .better)
        // beyond the margin on one side but not wholly: inconclusive
        #expect(Comparisons.verdict((0.005, 0.03), margin: 0.01, lowerIsBetter: false) == .inconclusive)
        #expect(Comparisons.verdict(nil, margin: 0.01, lowerIsBetter: false) == .inconclusive)
    }

    /// Reference `full` at seeds 0, 1, 2 (0.9, 0.8, 0.85 at length 64; 0.5 at 32) and configurations
    /// whose paired differences are known.
    static func data(metric: String = "accuracy") -> ReportData {
        let ref = [0.9, 0.8, 0.85]
        let configs: [(variant: String, window: String?, diffs: [Double])] = [
            ("sliding_window", "8", [0.001, -0.002, 0.000]),   // equivalent
            ("sliding_window", "4", [-0.20, -0.22, -0.21]),    // worse
            ("rattention", "4", [0.10, 0.12, 0.11]),           // better (for accuracy)
            ("rattention", "8", [0.2, -0.2, 0.0]),             // a wide interval: inconclusive
            ("linear_attention", nil, [0.0]),                  // one seed: inconclusive
        ]
        var rows: [ResultRow] = [], n = 0
        func add(_ labels: [String: String], _ v64: Double) {
            n += 1
            rows.append(row(String(format: "%016x", n), labels: labels.merging(["task": "t"]) { $1 },
                            metrics: [MetricValue(metric, v64, unit: "fraction", task: "t", length: 64),
                                      MetricValue(metric, 0.5, unit: "fraction", task: "t", length: 32)]))
        }
        for (s, v) in ref.enumerated() { add(["variant": "full", "seed": String(s)], v) }
        for c in configs {
            for (s, d) in c.diffs.enumerated() {
                var labels = ["variant": c.variant, "seed": String(s)]
                labels["window"] = c.window
                add(labels, ref[s] + d)
            }
        }
        return ReportData(study: "synthetic", rows: rows)
    }

    @Test func verdictsOnHandMadeRows() throws {
        let spec = ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.01, lengths: [64])
        let results = Comparisons.results(Self.data(), spec)
        #expect(results.count == 5)
        #expect(results.allSatisfy { $0.length == 64 && $0.task == "t" })
        func find(_ v: String, _ w: Int?) throws -> Comparisons.Result {
            try #require(results.first { $0.config.variant == v && $0.config.window == w })
        }
        let eq = try find("sliding_window", 8), worse = try find("sliding_window", 4), better = try find("rattention", 4)
        let wide = try find("rattention", 8), one = try find("linear_attention", nil)
        #expect(Comparisons.verdict(eq, spec) == .equivalent)
        #expect(Comparisons.verdict(worse, spec) == .worse)
        #expect(Comparisons.verdict(better, spec) == .better)
        #expect(Comparisons.verdict(wide, spec) == .inconclusive)
        #expect(one.n == 1 && one.interval == nil && Comparisons.verdict(one, spec) == .inconclusive)
        // mean −0.21, s = 0.01, n = 3: half-width t(0.975, 2)·0.01/√3 = 0.024841
        #expect(worse.n == 3 && abs(worse.mean + 0.21) < 1e-9)
        let ci = try #require(worse.interval)
        #expect(abs(ci.low + 0.234841) < 1e-5 && abs(ci.high + 0.185159) < 1e-5)
        // a loss: lower is better flips better and worse
        let loss = ComparisonSpec(reference: ["variant": "full"], metric: "loss", lowerIsBetter: true, margin: 0.01, lengths: [64])
        let lr = Comparisons.results(Self.data(metric: "loss"), loss)
        #expect(lr.first { $0.config.window == 4 && $0.config.variant == "sliding_window" }.map { Comparisons.verdict($0, loss) } == .better)
        #expect(lr.first { $0.config.window == 4 && $0.config.variant == "rattention" }.map { Comparisons.verdict($0, loss) } == .worse)
        // every eval length when none are named: length 32 differences are all 0 (equivalent, but n = 1 inconclusive)
        let all = Comparisons.results(Self.data(), ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.01))
        #expect(Set(all.map(\.length)) == [32, 64] && all.count == 10)
        #expect(all.filter { $0.length == 32 && $0.n == 3 }.allSatisfy { Comparisons.verdict($0, spec) == .equivalent })
    }

    /// A named entry of the reference's kind (`variant_name`, an ablation) is compared with the
    /// reference, never pooled into it; a reference naming it takes only its rows.
    @Test func namedEntryIsNeverTheReferenceUnlessNamed() throws {
        func r(_ id: String, _ labels: [String: String], _ v: Double) -> ResultRow {
            row(id, labels: labels.merging(["task": "t"]) { $1 }, metrics: [MetricValue("bpb", v, unit: "bits", task: "t", length: 64)])
        }
        let d = ReportData(study: "s", rows: [
            r("1", ["variant": "rattention", "window": "8", "seed": "0"], 2.0), r("2", ["variant": "rattention", "window": "8", "seed": "1"], 2.1),
            r("3", ["variant": "rattention", "window": "8", "variant_name": "norm_only", "seed": "0"], 2.5),
            r("4", ["variant": "rattention", "window": "8", "variant_name": "norm_only", "seed": "1"], 2.7),
        ])
        let plain = Comparisons.results(d, ComparisonSpec(reference: ["variant": "rattention", "window": "8"], metric: "bpb", lowerIsBetter: true, margin: 0.02))
        let one = try #require(plain.count == 1 ? plain.first : nil)
        #expect(one.config.groups["variant_name"] == "norm_only" && one.n == 2)
        #expect(abs(one.mean - 0.55) < 1e-9)  // (0.5 + 0.6) / 2: against the plain rows only
        let named = Comparisons.results(d, ComparisonSpec(reference: ["variant": "rattention", "variant_name": "norm_only"], metric: "bpb",
                                                          lowerIsBetter: true, margin: 0.02))
        #expect(named.count == 1 && named.first?.config.groups["variant_name"] == nil && abs((named.first?.mean ?? 0) + 0.55) < 1e-9)
    }

    /// A reference run once without a label the others sweep (`pattern`) pairs with every stack;
    /// a reference run with the same label pairs only with its own stack.
    @Test func pairingFollowsTheOtherLabels() {
        func r(_ id: String, _ labels: [String: String], _ v: Double) -> ResultRow {
            row(id, labels: labels.merging(["task": "t"]) { $1 }, metrics: [MetricValue("accuracy", v, unit: "fraction", task: "t", length: 64)])
        }
        let spec = ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.01)
        let unlabelled = ReportData(study: "s", rows: [
            r("1", ["variant": "full", "seed": "0"], 0.9), r("2", ["variant": "full", "seed": "1"], 0.8),
            r("3", ["variant": "rattention", "window": "8", "pattern": "a", "seed": "0"], 0.85),
            r("4", ["variant": "rattention", "window": "8", "pattern": "a", "seed": "1"], 0.75),
        ])
        #expect(Comparisons.results(unlabelled, spec).map(\.differences).first.map { $0.map { ($0 * 1000).rounded() } } == [-50, -50])
        let labelled = ReportData(study: "s", rows: [
            r("1", ["variant": "full", "pattern": "a", "seed": "0"], 0.9), r("2", ["variant": "full", "pattern": "b", "seed": "0"], 0.1),
            r("3", ["variant": "rattention", "window": "8", "pattern": "a", "seed": "0"], 0.85),
        ])
        let res = Comparisons.results(labelled, spec)
        #expect(res.count == 1 && res[0].differences.count == 1 && abs(res[0].differences[0] + 0.05) < 1e-9)
    }

    /// Differences 0.01, 0.03, 0.05 (mean 0.03, s 0.02) against ±0.02: the interval decides once
    /// t(0.975, n − 1)·0.02/√n < 0.01, first at n = 18 (t(17) = 2.110: 0.497; t(16) = 2.120 at 17: 0.514).
    @Test func seedsToDecideProjectsTheObservedSpread() {
        let spec = ComparisonSpec(reference: ["variant": "full"], metric: "bpb", lowerIsBetter: true, margin: 0.02)
        var r = Comparisons.Result(config: RunConfig(variant: "sliding_window", window: 8), kernel: nil, task: "t", length: 64,
                                   differences: [0.01, 0.03, 0.05])
        #expect(r.seedsToDecide(margin: 0.02) == 18)
        #expect(r.sampleText(spec) == "n = 3; ≈ 18 seeds to decide")
        r.differences = [0.0, 0.001, -0.001]  // equivalent already: no projection
        #expect(r.sampleText(spec) == "n = 3")
        r.differences = [0.01, 0.03]  // mean 0.02 = the margin: no number of seeds decides
        #expect(r.seedsToDecide(margin: 0.02) == nil && r.sampleText(spec) == "n = 2; over 200 seeds to decide")
        r.differences = [0.1]
        #expect(r.seedsToDecide(margin: 0.02) == nil && r.sampleText(spec) == "n = 1")
    }

    @Test func notebookSection() throws {
        let spec = ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.01, lengths: [64])
        let text = Comparisons.markdown(Self.data(), spec)
        #expect(text.contains("| configuration | task | length | n | mean difference | 95 % CI | margin | verdict |"))
        #expect(text.contains("| swa W4 | t | 64 | 3 | -0.2100 | [-0.2348, -0.1852] | ±0.01 | **worse** |"), "\(text)")
        #expect(text.contains("| swa W8 | t | 64 | 3 |"))
        #expect(text.contains("| **equivalent** |"))
        #expect(text.contains("| **better** |"))
        #expect(text.contains("| linear only | t | 64 | 1 | +0.0000 | – | ±0.01 | inconclusive (n = 1) |"), "\(text)")
        #expect(text.contains("| ratt W8 | t | 64 | 3 | +0.0000 | [-0.4968, 0.4968] | ±0.01 | inconclusive (n = 3; over 200 seeds to decide) |"), "\(text)")
        #expect(!text.contains("| full "))
        #expect(Comparisons.markdown(Self.data(), nil).contains("No comparison declared in the study file"))
        // a metric no row carries
        let none = Comparisons.markdown(Self.data(), ComparisonSpec(reference: ["variant": "full"], metric: "bpb", margin: 0.1))
        #expect(none.contains("No rows to compare") && !none.contains("| configuration |"))
    }

    /// The section sits under Results in a new notebook and in the notebook's sections, fed by the input's spec.
    @Test func sectionInTheNotebook() throws {
        let d = try Fixture.data()
        var input = NotebookInput(study: try StudyFile.resolve(Fixture.study), data: d, sources: ["r.jsonl"],
                                  figures: Figures.build(d, command: "p"), plotsLink: "../p", plotsDir: "p",
                                  plotCommand: "p", reportCommand: "r")
        let skeleton = Notebook.skeleton(name: "fixture", sections: Notebook.sections(input), reportCommand: "r")
        #expect(skeleton.contains("## Results\n\n" + Notebook.begin("comparisons") + "\n_No comparison declared in the study file"))
        input.comparison = ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.05)
        let body = try #require(Notebook.sections(input).first { $0.name == "comparisons" }?.body)
        #expect(body.contains("| configuration | task |") && body.contains("mqar_v64"))
        // an existing notebook without the section gets it under its Results heading
        let old = "# x\n\n## Results\n\n" + Notebook.begin("tables") + "\nt\n" + Notebook.end("tables") + "\n"
        let out = try Notebook.update(old, file: "n.md", sections: [("comparisons", "c\n"), ("tables", "t\n")])
        #expect(out.contains("## Results\n\n" + Notebook.begin("comparisons") + "\nc\n" + Notebook.end("comparisons") + "\n\n" + Notebook.begin("tables")))
    }
}

@Suite struct BitsPerByteTableTests {
    /// Language-model rows get a test bits-per-byte table per task (mean ± std over seeds), without
    /// the accuracy table's effective-length column.
    @Test func bpbTableListsEveryConfiguration() {
        func r(_ id: String, _ variant: String, _ seed: Int, _ v: Double) -> ResultRow {
            row(id, labels: ["variant": variant, "task": "lm_t", "seed": String(seed)],
                metrics: [MetricValue("bpb", v, unit: "bits/byte", task: "lm_t", length: 64), MetricValue("accuracy", 0.5, unit: "fraction", task: "lm_t", length: 64)])
        }
        let d = ReportData(study: "s", rows: [r("1", "full", 0, 2.0), r("2", "full", 1, 2.2), r("3", "linear_attention", 0, 2.5)])
        let text = Tables.all(d, threshold: 0.85)
        #expect(text.contains("**lm_t**: bpb at each eval length"))
        #expect(text.contains("| variant | window | L=64 |\n"), "\(text)")
        #expect(text.contains("| full | – | 2.100 ± 0.141 (2) |"))
        #expect(text.contains("| linear_attention (linear only) | – | 2.500 (1) |"))
        let accuracyOnly = ReportData(study: "s", rows: [row("9", labels: ["variant": "full", "task": "t", "seed": "0"],
                                                               metrics: [MetricValue("accuracy", 0.5, unit: "fraction", task: "t", length: 64)])])
        #expect(!Tables.all(accuracyOnly, threshold: 0.85).contains(": bpb at each eval length"))
    }
}
