// The generated cost statements (break-even with full attention, measured vs analytic state bytes)
// on hand-made bench rows whose answers are known.
import Foundation
import LabResults
import Testing
@testable import LabReport

@Suite struct CostSummaryTests {
    @Test func breakEvenIsTheStartOfTheLastFasterRun() {
        typealias B = CostSummary.BreakEven
        #expect(CostSummary.breakEven([(512, 1.2), (1024, 1.5)]) == B.always)
        #expect(CostSummary.breakEven([(512, 0.5), (1024, 0.9), (2048, 1.1), (4096, 2)]) == B.from(length: 2048, after: 1024, alsoAt: []))
        // a tie-level win at 512, slower at 1024, faster from 2048: the break-even is 2048, 512 noted
        #expect(CostSummary.breakEven([(2048, 1.1), (512, 1.001), (1024, 0.98)]) == B.from(length: 2048, after: 1024, alsoAt: [512]))
        #expect(CostSummary.breakEven([(512, 2), (1024, 0.9)]) == B.never)
        #expect(CostSummary.breakEven([(512, 1.0), (1024, 1.0)]) == B.never)
        #expect(CostSummary.breakEven([]) == B.never)
    }

    func bench(_ id: String, _ variant: String, window: Int? = nil, length: Int, decode: Double, state: Double, measured: Double) -> ResultRow {
        var labels = ["variant": variant, "length": String(length), "kernel": "auto"]
        if let window { labels["window"] = String(window) }
        return row(id, kind: "bench", labels: labels, metrics: [
            MetricValue("decode_tokens_per_second", decode, unit: "tokens/s", length: length),
            MetricValue("state_bytes", state, unit: "bytes", length: length),
            MetricValue("measured_state_bytes", measured, unit: "bytes", length: length),
        ])
    }

    @Test func theSectionStatesBreakEvenAndByteAgreementFromTheRows() {
        let d = ReportData(study: "synthetic", rows: [
            bench("f1", "full", length: 512, decode: 100, state: 1000, measured: 1000),
            bench("f2", "full", length: 1024, decode: 50, state: 2000, measured: 2000),
            bench("f3", "full", length: 2048, decode: 25, state: 4000, measured: 4000),
            bench("s1", "sliding_window", window: 64, length: 512, decode: 80, state: 300, measured: 300),
            bench("s2", "sliding_window", window: 64, length: 1024, decode: 80, state: 300, measured: 600),
            bench("s3", "sliding_window", window: 64, length: 2048, decode: 80, state: 300, measured: 300),
        ])
        let text = CostSummary.markdown(d)
        #expect(text.contains("| swa W64 | faster from 1024 (1.60×; 0.80× at 512) |"), "\(text)")
        #expect(text.contains("measured equals analytic in 5 of 6 bench rows"))
        #expect(text.contains("(+100.0 %) for swa W64 at 1024 tokens"))
        #expect(!text.contains("| full"))
        #expect(CostSummary.markdown(ReportData(study: "empty", rows: [])).contains("No bench rows"))
        // full attention run in one stack only stands in for the other stack's configurations
        var stacked = d.rows
        stacked += [bench("l1", "sliding_window", window: 64, length: 512, decode: 200, state: 300, measured: 300),
                    bench("l2", "sliding_window", window: 64, length: 1024, decode: 200, state: 300, measured: 300)]
            .map { r in var r = r; r.labels["pattern"] = "lllg"; return r }
        stacked = stacked.map { r in var r = r; if r.labels["pattern"] == nil { r.labels["pattern"] = "all_local" }; return r }
        let two = CostSummary.markdown(ReportData(study: "stacks", rows: stacked))
        #expect(two.contains("| swa W64 lllg vs full all_local | faster at every length (2.00× at 512) |"), "\(two)")
        // full attention in two stacks (all_local and afm): without a compare block no reference is
        // unique and the lllg row goes; the compare block's reference pairs it, and afm's full run
        // (a reference-kind variant but not the declared reference) gets its own row
        var afm = stacked
        afm += [bench("a1", "full", length: 512, decode: 120, state: 800, measured: 800),
                bench("a2", "full", length: 1024, decode: 40, state: 1600, measured: 1600)]
            .map { r in var r = r; r.labels["pattern"] = "afm"; return r }
        let three = ReportData(study: "afm", rows: afm)
        #expect(!CostSummary.markdown(three).contains("lllg"))
        let spec = ComparisonSpec(reference: ["variant": "full", "pattern": "all_local"], metric: "bpb", lowerIsBetter: true, margin: 0.02)
        let declared = CostSummary.markdown(three, spec)
        #expect(declared.contains("| swa W64 lllg vs full all_local | faster at every length (2.00× at 512) |"), "\(declared)")
        #expect(declared.contains("| full afm vs full all_local |"), "\(declared)")
        #expect(declared.contains("compare block's reference (pattern all_local, variant full"))
    }
}

@Suite struct StateMatchedCostTests {
    func bench(_ id: String, _ variant: String, window: Int, stateMatched: String? = nil, length: Int, train: Double, state: Double) -> ResultRow {
        var labels = ["variant": variant, "window": String(window), "length": String(length), "kernel": "auto", "pattern": "all_local"]
        if let stateMatched { labels["state_matched"] = stateMatched }
        return row(id, kind: "bench", labels: labels, metrics: [
            MetricValue("train_tokens_per_second", train, unit: "tokens/s", length: length),
            MetricValue("state_bytes", state, unit: "bytes", length: length),
        ])
    }
    func accuracy(_ id: String, _ variant: String, window: Int, stateMatched: String? = nil) -> ResultRow {
        var labels = ["variant": variant, "window": String(window), "window_fraction": "1/64", "train_length": "512",
                      "pattern": "all_local", "task": "lm", "seed": "0"]
        if let stateMatched { labels["state_matched"] = stateMatched }
        return row(id, labels: labels, metrics: [MetricValue("bpb", 2, unit: "bits/byte", length: 512)])
    }

    /// rattention W8 (state 500) against sliding_window W8 (state 100) and the state-matched
    /// sliding_window W40 (state 500): ratios 0.5–0.8 and 1.0, bytes 5× and 1×.
    @Test func theSubjectIsPairedWithItsSameWindowAndSameStatePartners() {
        let rows = [
            accuracy("a1", "rattention", window: 8), accuracy("a2", "sliding_window", window: 8),
            accuracy("a3", "sliding_window", window: 40, stateMatched: "rattention"),
            bench("r1", "rattention", window: 8, length: 512, train: 50, state: 500),
            bench("r2", "rattention", window: 8, length: 1024, train: 80, state: 500),
            bench("s1", "sliding_window", window: 8, length: 512, train: 100, state: 100),
            bench("s2", "sliding_window", window: 8, length: 1024, train: 100, state: 100),
            bench("m1", "sliding_window", window: 40, stateMatched: "rattention", length: 512, train: 50, state: 500),
            bench("m2", "sliding_window", window: 40, stateMatched: "rattention", length: 1024, train: 80, state: 500),
        ]
        let text = CostSummary.markdown(ReportData(study: "matched", rows: rows))
        #expect(text.contains("| ratt W8 all_local | swa W8 all_local (same window) | 0.50–0.80× | 5.00× at 1024 |"), "\(text)")
        #expect(text.contains("| ratt W8 all_local | swa W40 all_local state_matched=rattention (same state) | 1.00× | 1.00× at 1024 |"), "\(text)")
        #expect(text.contains("measured lengths 512–1024"))
        // without the state-matched accuracy row there is no pairing and no table
        let none = CostSummary.markdown(ReportData(study: "plain", rows: rows.filter { $0.runID != "a3" }))
        #expect(!none.contains("same window"), "\(none)")
    }
}
