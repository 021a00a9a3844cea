// The smallest window that matches the reference, for studies whose windows are fractions of the
// train length (`sweep.window_fraction`; label `window_fraction` = "n/d"): a pure function of the
// comparisons (Comparisons.results) and the declared margin, appended to the `comparisons`
// section. For every series — a configuration without its window (stack, variant, a
// `state_matched` label, train length, …), a task and an eval length — the verdict at each W/L in
// increasing order, and:
//   smallest W/L matching = min { f : verdict(f) ∈ {equivalent, better} }
//   holds from            = min { f : verdict(g) ∈ {equivalent, better} for every swept g ≥ f }
// ("better" beyond the margin counts as matching: the question is whether the window loses
// anything against the reference, and a configuration that beats it loses nothing)
// (they differ when a larger window is inconclusive or worse: then the smaller answer is not a
// threshold and the table says so). Where no fraction is equivalent, the closest interval is
// quoted with its n, so "inconclusive" is never silent. A second table puts the series of one
// (task, train length, eval length, stack) side by side per W/L, so one sees where one variant
// holds and another degrades at the same window.
import Foundation
import LabResults

public enum SmallestWindow {
    /// A `window_fraction` label `n/d` as a number (nil when it is not one).
    static func fraction(_ label: String) -> Double? {
        let p = label.split(separator: "/")
        guard p.count == 2, let n = Double(p[0]), let d = Double(p[1]), d > 0 else { return nil }
        return n / d
    }

    /// One series: a configuration without its window, on one task at one eval length.
    struct Series: Hashable, Comparable {
        var config: RunConfig  // window nil, `window_fraction` removed
        var task: String
        var length: Int
        static func < (a: Series, b: Series) -> Bool {
            if a.task != b.task { return numericAwareLess(a.task, b.task) }
            let (la, lb) = (a.config.groups["train_length"].flatMap { Int($0) } ?? 0, b.config.groups["train_length"].flatMap { Int($0) } ?? 0)
            if la != lb { return la < lb }
            if a.length != b.length { return a.length < b.length }
            return a.config < b.config
        }
    }

    /// The series of `results` whose configurations carry a `window_fraction`, each with its
    /// (fraction label, result) pairs in increasing W/L.
    static func series(_ results: [Comparisons.Result]) -> [(Series, [(String, Comparisons.Result)])] {
        var bySeries: [Series: [(String, Comparisons.Result)]] = [:]
        for r in results {
            guard let f = r.config.groups["window_fraction"], fraction(f) != nil else { continue }
            var c = r.config
            c.window = nil
            c.groups["window_fraction"] = nil
            bySeries[Series(config: c, task: r.task, length: r.length), default: []].append((f, r))
        }
        return bySeries.keys.sorted().map { k in (k, bySeries[k]!.sorted { fraction($0.0)! < fraction($1.0)! }) }
    }

    static func mark(_ v: Comparisons.Verdict) -> String {
        switch v {
        case .equivalent: return "✓"
        case .better: return "+"
        case .worse: return "✗"
        case .inconclusive: return "?"
        }
    }

    static func interval(_ r: Comparisons.Result, _ spec: ComparisonSpec) -> String {
        let ci = r.interval.map { String(format: "[%+.3f, %+.3f]", $0.low, $0.high) } ?? "no interval"
        return String(format: "%+.3f ", r.mean) + ci + " (\(r.sampleText(spec)))"
    }

    /// One series' verdict at each W/L, the smallest W/L that matches (in words with its interval
    /// and n, or "none" and the interval closest to the margin; and its label alone, nil for none)
    /// and the W/L matching holds from.
    static func answer(_ points: [(String, Comparisons.Result)], _ spec: ComparisonSpec)
        -> (verdicts: [(String, Comparisons.Verdict)], smallest: String, smallestFraction: String?, holdsFrom: String?) {
        let verdicts = points.map { ($0.0, Comparisons.verdict($0.1, spec), $0.1) }
        let matches: (Comparisons.Verdict) -> Bool = { $0 == .equivalent || $0 == .better }
        let smallest = verdicts.first { matches($0.1) }
        var holdsFrom: String? = nil
        for (f, v, _) in verdicts.reversed() { if matches(v) { holdsFrom = f } else { break } }
        let text: String
        if let smallest {
            text = "**\(smallest.0)**: " + interval(smallest.2, spec) + (holdsFrom == smallest.0 ? "" : " (not a threshold: a larger W/L does not match)")
        } else {
            // the interval closest to the margin: the best case for "equivalent"
            let closest = verdicts.min { a, b in
                let ha = a.2.interval.map { max(abs($0.low), abs($0.high)) } ?? .infinity
                let hb = b.2.interval.map { max(abs($0.low), abs($0.high)) } ?? .infinity
                return ha < hb
            }!
            text = "none; closest \(closest.0): " + interval(closest.2, spec)
        }
        return (verdicts.map { ($0.0, $0.1) }, text, smallest?.0, holdsFrom)
    }

    /// The headline table (a README's opening), kept small: one row per configuration (without its
    /// window), one column per task and train length, each evaluated at its own train length (eval
    /// L = train L). A cell: the smallest W/L that matches (bold), or "none", then the verdict at
    /// every W/L any series sweeps, in increasing order (named in the line above the table; "–"
    /// where the cell's series has none at that W/L); a cell "–" where a configuration has no
    /// comparison for that column. A row is a configuration without its `train_length` label, so
    /// a label that changes with the train length splits it into rows with "–" cells. Empty when
    /// no series has a `train_length` label equal to its eval length. The intervals and n behind
    /// each cell are in `markdown`'s table.
    public static func headline(_ results: [Comparisons.Result], _ spec: ComparisonSpec) -> String {
        let all = series(results).filter { $0.0.config.groups["train_length"] == String($0.0.length) }
        guard !all.isEmpty else { return "" }
        let keys = ReportData.varyingKeys(all.map(\.0.config)).filter { $0 != "train_length" }
        struct Column: Hashable { var task: String; var length: Int }
        var columns: [Column] = []
        var cells: [RunConfig: [Column: [(String, Comparisons.Result)]]] = [:]
        for (k, points) in all {  // sorted by task, then train length
            let column = Column(task: k.task, length: k.length)
            if !columns.contains(column) { columns.append(column) }
            var row = k.config  // the train length is the column's
            row.groups["train_length"] = nil
            cells[row, default: [:]][column] = points
        }
        // every W/L any series sweeps, in increasing order (equal values by label): a cell's marks follow it
        let swept = Set(all.flatMap { $0.1.map(\.0) }).sorted { (fraction($0)!, $0) < (fraction($1)!, $1) }
        let gaps = all.contains { $0.1.count < swept.count } || cells.values.contains { $0.count < columns.count }
        let rows = cells.keys.sorted().map { config -> [String] in
            [config.name(showing: keys)] + columns.map { column in
                guard let points = cells[config]![column] else { return "–" }
                let a = answer(points, spec)
                let marks = swept.map { f in a.verdicts.first { $0.0 == f }.map { mark($0.1) } ?? "–" }.joined(separator: " ")
                return (a.smallestFraction.map { "**\($0)**" } ?? "none") + " (\(marks))"
            }
        }
        let legend = "Verdicts in each cell at W/L = " + swept.joined(separator: ", ") + ", in that order"
            + (gaps ? "; –: no comparison there (not run, or not run yet).\n\n" : ".\n\n")
        return legend + Tables.markdown(["configuration"] + columns.map { "\($0.task) L=\($0.length)" }, rows, alignRight: 99)
    }

    /// The Markdown appended to the comparisons section; empty when no configuration carries a
    /// `window_fraction`.
    public static func markdown(_ results: [Comparisons.Result], _ spec: ComparisonSpec) -> String {
        let all = series(results)
        guard !all.isEmpty else { return "" }
        let keys = ReportData.varyingKeys(all.map(\.0.config)).filter { $0 != "train_length" }
        var s = "\n**Smallest window that matches the reference** (W/L = window ÷ train length; ✓ equivalent, "
        s += "? inconclusive, ✗ worse, + better, by the declared margin ±\(Fmt.num(spec.margin)) on `\(spec.metric)`). "
        s += "A W/L *matches* when its verdict is equivalent or better. *Holds from*: the smallest W/L from which every larger swept W/L matches too. "
        s += "A state-matched configuration (`state_matched`) is listed at the W/L of the window it is matched to; its own window is larger.\n\n"
        var rows: [[String]] = []
        for (k, points) in all {
            let a = answer(points, spec)
            rows.append([k.task, k.config.groups["train_length"] ?? "–", String(k.length), k.config.name(showing: keys),
                         a.verdicts.map { "\($0.0) \(mark($0.1))" }.joined(separator: " · "), a.smallest, a.holdsFrom ?? "–"])
        }
        s += Tables.markdown(["task", "train L", "eval L", "configuration", "verdict by W/L", "smallest W/L that matches", "holds from"], rows, alignRight: 2)
        return s + sideBySide(all, spec, keys: keys)
    }

    /// Per (task, train length, eval length) and W/L: which configurations are equivalent and which
    /// are worse at that same window.
    static func sideBySide(_ all: [(Series, [(String, Comparisons.Result)])], _ spec: ComparisonSpec, keys: [String]) -> String {
        struct Cell: Hashable { var task: String; var train: String; var length: Int; var fraction: String }
        var cells: [Cell: [(String, Comparisons.Verdict)]] = [:]
        for (k, points) in all {
            for (f, r) in points {
                let cell = Cell(task: k.task, train: k.config.groups["train_length"] ?? "–", length: k.length, fraction: f)
                cells[cell, default: []].append((k.config.name(showing: keys), Comparisons.verdict(r, spec)))
            }
        }
        var rows: [[String]] = []
        for c in cells.keys.sorted(by: { a, b in
            if a.task != b.task { return numericAwareLess(a.task, b.task) }
            if a.train != b.train { return numericAwareLess(a.train, b.train) }
            if a.length != b.length { return a.length < b.length }
            return fraction(a.fraction)! < fraction(b.fraction)!
        }) {
            let vs = cells[c]!
            func names(_ v: Comparisons.Verdict...) -> String { vs.filter { v.contains($0.1) }.map(\.0).joined(separator: ", ") }
            // only the windows where the configurations disagree
            guard Set(vs.map(\.1)).count > 1 else { continue }
            rows.append([c.task, c.train, String(c.length), c.fraction, names(.equivalent, .better), names(.worse), names(.inconclusive)])
        }
        guard !rows.isEmpty else { return "\nAt every W/L all configurations of a task, train length and eval length share one verdict.\n" }
        return "\nWhere configurations disagree at the same W/L:\n\n"
            + Tables.markdown(["task", "train L", "eval L", "W/L", "equivalent or better", "worse", "inconclusive"], rows, alignRight: 2)
    }
}
