// Results as tables: the long form (one line a measurement, what `--csv` exports and plots read)
// and the wide form `attnlab results show` prints (one line a run × task × length, one column a
// metric).
import Foundation
import LabCore

public enum ResultsTable {
    /// The label columns, in this order, where any row has them.
    public static let labelOrder = ["pattern", "variant", "window", "window_fraction", "state_matched", "variant_name", "kernel", "task", "seed", "learning_rate", "train_length", "length"]

    /// Label columns present in `rows`, in `labelOrder` (then any others, sorted).
    public static func labelColumns(_ rows: [ResultRow]) -> [String] {
        let present = Set(rows.flatMap { $0.labels.keys })
        return labelOrder.filter(present.contains) + present.subtracting(labelOrder).sorted()
    }

    /// Long form: run_id, status, kind, labels…, metric, task, length, step (curves), value, unit, timing, build, git_commit.
    public static func long(_ rows: [ResultRow]) -> (header: [String], lines: [[String]]) {
        let labels = labelColumns(rows).filter { $0 != "length" && $0 != "task" }
        let header = ["run_id", "status", "kind"] + labels + ["metric", "task", "length", "step", "value", "unit", "timing", "build", "git_commit"]
        var lines: [[String]] = []
        for r in rows {
            let base = [r.runID, r.status.rawValue, r.kind] + labels.map { r.labels[$0] ?? "" }
            let tail = [r.provenance.build + (r.provenance.debugTimings ? " (debug timings)" : ""), r.provenance.gitCommit]
            if r.metrics.isEmpty {
                lines.append(base + ["", r.labels["task"] ?? "", r.labels["length"] ?? "", "", "", "", "", ] + tail)
            }
            for m in r.metrics {
                lines.append(base + [m.name, m.task ?? r.labels["task"] ?? "", m.length.map(String.init) ?? r.labels["length"] ?? "",
                                     m.step.map(String.init) ?? "", format(m.value), m.unit, m.timing ? "true" : "false"] + tail)
            }
        }
        return (header, lines)
    }

    /// CSV text of the long form (RFC 4180 quoting).
    public static func csv(_ rows: [ResultRow]) -> String {
        let (header, lines) = long(rows)
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([header] + lines).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Wide form: one line per (run, task, length); columns are the label columns, then each
    /// metric name in order of first appearance; failed runs show their status in `status`. A
    /// curve (`curve_*`, one value per step) shows its last point.
    public static func wide(_ rows: [ResultRow], metrics only: [String]? = nil) -> (header: [String], lines: [[String]]) {
        let labels = labelColumns(rows).filter { $0 != "length" && $0 != "task" && $0 != "seed" && $0 != "learning_rate" }
            + labelColumns(rows).filter { $0 == "seed" || $0 == "learning_rate" }
        var metricNames: [String] = []
        for r in rows { for m in r.metrics where !metricNames.contains(m.name) { metricNames.append(m.name) } }
        if let only { metricNames = only.filter(metricNames.contains) }
        var lines: [[String]] = []
        for r in rows {
            var keys: [(task: String, length: String)] = []
            for m in r.metrics {
                let k = (m.task ?? r.labels["task"] ?? "", m.length.map(String.init) ?? r.labels["length"] ?? "")
                if !keys.contains(where: { $0 == k }) { keys.append(k) }
            }
            if keys.isEmpty { keys = [(r.labels["task"] ?? "", r.labels["length"] ?? "")] }
            for k in keys {
                var line = [r.runID, r.kind] + labels.map { r.labels[$0] ?? "" } + [k.task, k.length]
                for name in metricNames {
                    let m = r.metrics.last { $0.name == name && ($0.task ?? r.labels["task"] ?? "") == k.task
                        && ($0.length.map(String.init) ?? r.labels["length"] ?? "") == k.length }
                    line.append(m.map { humanise($0) } ?? "")
                }
                line.append(r.status == .ok ? "ok" : "FAILED: " + (r.reason?.split(separator: "\n").first.map(String.init) ?? ""))
                lines.append(line)
            }
        }
        let header = ["run", "kind"] + labels + ["task", "length"] + metricNames + ["status"]
        if only != nil {  // a chosen view: drop the lines and columns with none of the chosen metrics
            let first = header.count - metricNames.count - 1
            lines = lines.filter { l in l[first..<(header.count - 1)].contains { !$0.isEmpty } || l.last != "ok" }
            let keep = header.indices.filter { i in lines.contains { !$0[i].isEmpty } }
            return (keep.map { header[$0] }, lines.map { l in keep.map { l[$0] } })
        }
        return (header, lines)
    }

    /// A number as CSV writes it: integers without a fraction, others with up to 6 significant digits.
    public static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(format: "%.6g", v)
    }

    /// A measurement for people: bytes in KiB/MiB, rates with 3 significant digits.
    public static func humanise(_ m: MetricValue) -> String {
        switch m.unit {
        case "bytes": return formatBytes(m.value)
        case "tokens/s": return String(format: "%.0f", m.value)
        case "fraction": return String(format: "%.3f", m.value)
        default: return format(m.value)
        }
    }

    /// The wide table cut to `width` characters a line: the run id shortened to 8 characters, the
    /// status reason to 40, label columns with one value in every line moved to `constant`
    /// (`name=value`), accuracy, score, throughputs and state bytes placed first and curves and
    /// per-call medians last, then metric columns dropped from
    /// the right until it fits (`dropped`, for a note pointing at `--wide` / `--metrics`).
    public static func fitted(header: [String], lines: [[String]], width: Int, dropMetrics: Bool = true)
        -> (header: [String], lines: [[String]], constant: [String], dropped: [String]) {
        var h = header
        var l = lines.map { line -> [String] in
            var line = line
            if let first = line.first { line[0] = String(first.prefix(8)) }
            if let last = line.last, last.count > 40 { line[line.count - 1] = String(last.prefix(39)) + "…" }
            return line
        }
        func remove(_ i: Int) { h.remove(at: i); l = l.map { var x = $0; x.remove(at: i); return x } }
        var constant: [String] = []
        let labelEnd = h.firstIndex(of: "length") ?? 1
        for i in stride(from: labelEnd - 1, through: 2, by: -1) {
            let values = Set(l.map { $0[i] }.filter { !$0.isEmpty })
            // a label set on some rows only tells those rows apart (e.g. `state_matched`): keep it
            guard l.count > 1, values.count <= 1, l.allSatisfy({ !$0[i].isEmpty }) || values.isEmpty else { continue }
            if let v = values.first { constant.insert("\(h[i])=\(v)", at: 0) }
            remove(i)
        }
        h = h.map { ["train_length": "L_train", "learning_rate": "lr"][$0] ?? $0 }
        // curves and per-call medians last: they go first when space runs out
        let firstMetric = (h.firstIndex(of: "length") ?? 1) + 1
        let metricRange = firstMetric..<(h.count - 1)
        let first = ["accuracy", "score", "train_tokens_per_second", "prefill_tokens_per_second", "decode_tokens_per_second", "state_bytes"]
        func rank(_ n: String) -> Int {
            if let i = first.firstIndex(of: n) { return i }
            return n.hasPrefix("curve_") || n.hasSuffix("_seconds_median") ? 100 : 50
        }
        let order = metricRange.sorted { a, b in (rank(h[a]), a) < (rank(h[b]), b) }
        let permutation = Array(0..<firstMetric) + order + [h.count - 1]
        h = permutation.map { h[$0] }
        l = l.map { x in permutation.map { x[$0] } }
        var dropped: [String] = []
        func lineWidth() -> Int { text(header: h, lines: l).split(separator: "\n").map(\.count).max() ?? 0 }
        while dropMetrics, lineWidth() > width, h.count - 1 > firstMetric {
            let i = h.count - 2  // the last metric column (the status column stays)
            dropped.insert(h[i], at: 0)
            remove(i)
        }
        return (h, l, constant, dropped)
    }

    /// Plain-text table with aligned columns.
    public static func text(header: [String], lines: [[String]]) -> String {
        var widths = header.map(\.count)
        for l in lines { for (i, c) in l.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return ([render(header), render(widths.map { String(repeating: "-", count: $0) })] + lines.map(render)).joined(separator: "\n")
    }
}
