// The language-model answer summary's verdict against the unigram level: below it by more than the
// margin, within the margin, and above it (every configuration worse than a model that ignores
// its context, which must not read as "at the unigram level").
import Testing
@testable import LabReport
import LabResults

@Suite struct TextSummaryTests {
    static func rows(bpb: Double, unigram: Double) -> [ResultRow] {
        (0..<2).map { seed in
            row("r\(seed)", labels: ["variant": "full", "task": "lm_x", "seed": String(seed)],
                metrics: [MetricValue(TextMetrics.bpb, bpb, unit: "bits/byte", task: "lm_x", length: 8),
                          MetricValue(TextMetrics.unigramBPB, unigram, unit: "bits/byte", task: "lm_x", length: 8)])
        }
    }

    @Test(arguments: [(2.0, 4.0, "best 2.000 below the unigram level"),
                      (4.02, 4.0, "**at the unigram level**: no configuration uses its context"),
                      (3.97, 4.0, "**at the unigram level**: no configuration uses its context"),
                      (4.5, 4.0, "**above the unigram level** (best 0.500 worse): no configuration uses its context")])
    func verdictAgainstTheUnigramLevel(_ bpb: Double, _ unigram: Double, _ verdict: String) {
        let text = TextSummary.markdown(ReportData(study: "synthetic", rows: Self.rows(bpb: bpb, unigram: unigram)))
        #expect(text.contains("| " + verdict + " |"), "\(text)")
    }

    /// A configuration with one seed and a lower mean does not outrank full attention's five: the
    /// best is picked among the configurations with the most seeds, and the line says one was left out.
    @Test func theBestIsPickedAmongTheConfigurationsWithTheMostSeeds() {
        func bpbRow(_ id: String, _ variant: String, seed: Int, bpb: Double) -> ResultRow {
            var labels = ["variant": variant, "task": "lm_x", "seed": String(seed)]
            if variant != "full" { labels["window"] = "8" }
            return row(id, labels: labels, metrics: [MetricValue(TextMetrics.bpb, bpb, unit: "bits/byte", task: "lm_x", length: 8),
                                                     MetricValue(TextMetrics.unigramBPB, 4, unit: "bits/byte", task: "lm_x", length: 8)])
        }
        let rows = (0..<5).map { bpbRow("f\($0)", "full", seed: $0, bpb: 2.0) } + [bpbRow("s0", "sliding_window", seed: 0, bpb: 1.5)]
        let text = TextSummary.markdown(ReportData(study: "synthetic", rows: rows))
        #expect(text.contains("| lm_x | 8 | full 2.000 ± 0.000 (5) (best of those with n = 5; 1 with fewer seeds not ranked) |"), "\(text)")
        // with every configuration at one seed, the lowest mean wins and nothing is left out
        let even = TextSummary.markdown(ReportData(study: "synthetic", rows: [rows[0], rows[5]]))
        #expect(even.contains("| lm_x | 8 | sliding_window W=8 1.500 (1) |"), "\(even)")
        // full attention at the unigram level, a one-seed window below it: not "no configuration uses its context"
        let atLevel = (0..<5).map { bpbRow("f\($0)", "full", seed: $0, bpb: 4.0) } + [bpbRow("s0", "sliding_window", seed: 0, bpb: 3.0)]
        let mixed = TextSummary.markdown(ReportData(study: "synthetic", rows: atLevel))
        #expect(mixed.contains("| below the unigram level only with fewer seeds: sliding_window W=8 by 1.000 (n = 1) |"), "\(mixed)")
        #expect(!mixed.contains("no configuration uses its context"))
    }
}
