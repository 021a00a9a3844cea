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
}
