import Foundation
import LabResults
@testable import LabReport

/// The committed fixture (Fixtures/): a hand-made study of 6 configurations × up to 2 seeds on one
/// MQAR task at eval lengths 32 and 64, with curves, state bytes and reach ceilings, one failed
/// run, and 10 bench rows (5 configurations × lengths 128 and 256).
enum Fixture {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let results = dir + "/results.jsonl"
    static let study = dir + "/fixture.yaml"

    static func rows() throws -> [ResultRow] { try ReportInput.load(study: "fixture", results: results).rows }
    static func data() throws -> ReportData { ReportData(study: "fixture", rows: try rows()) }

    /// The variants' descriptions the fixture's rows carry, by kind (as the harness writes them from
    /// the variant files; `scripts/describe-results.py` put them there), for synthetic rows.
    static let descriptions: [String: VariantDescription] = {
        var d: [String: VariantDescription] = [:]
        for r in (try? rows()) ?? [] { if let v = r.variant { d[v.kind] = v } }
        return d
    }()
}

/// A fresh temporary folder (removed by the caller with `cleanUp`).
func temporaryDirectory(_ tag: String) throws -> String {
    let path = NSTemporaryDirectory() + "labreport-\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func cleanUp(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

/// A minimal ok row for synthetic tests, its variant described as the harness would (`Fixture.descriptions`).
func row(_ id: String, kind: String = "accuracy", status: ResultRow.Status = .ok, labels: [String: String],
         metrics: [MetricValue]) -> ResultRow {
    ResultRow(study: "synthetic", runID: id, kind: kind, status: status, labels: labels, config: .object([:]), metrics: metrics,
              provenance: Provenance(gitCommit: "abc", gitDirty: false, build: "release", debugTimings: false, cpuModel: "cpu",
                                     cores: 2, hostname: "h", kernels: [], started: "2026-01-01T00:00:00Z",
                                     ended: "2026-01-01T00:01:00Z", wallSeconds: 60, peakResidentBytes: 1, exit: "exit 0",
                                     resumedFromStep: nil),
              variant: labels["variant"].flatMap { Fixture.descriptions[$0] })
}
