// Comparisons declared in the study file before the runs (`compare:`; studies/README.md), as the
// notebook section `comparisons`, a pure function of the rows and the declaration: for every
// configuration against the reference (same grouping labels, task and kernel; paired by seed; at
// each compared eval length), the paired differences over seeds (configuration − reference),
// their mean, n and a 95 % confidence interval by Student's t (mean ± t(0.975, n − 1)·s/√n),
// and a verdict against the declared equivalence margin (docs/report.md). LabReport does not read
// the block itself: the caller (attnlab report, which loads the study) passes it in.
import Foundation

/// A `compare:` block as the report sees it.
public struct ComparisonSpec: Sendable, Equatable {
    /// The reference's labels (`variant`, optionally `window`, or any grouping label).
    public var reference: [String: String]
    /// The metric compared (a metric name of the accuracy rows).
    public var metric: String
    public var lowerIsBetter: Bool
    /// The equivalence margin, in the metric's unit (> 0).
    public var margin: Double
    /// The eval lengths compared; nil: every eval length the rows carry.
    public var lengths: [Int]?

    public init(reference: [String: String], metric: String, lowerIsBetter: Bool = false, margin: Double, lengths: [Int]? = nil) {
        self.reference = reference; self.metric = metric; self.lowerIsBetter = lowerIsBetter
        self.margin = margin; self.lengths = lengths
    }
}

/// Quantiles of Student's t distribution.
public enum StudentT {
    /// t(0.975, df) for df = 1…30 (index df − 1).
    static let table975: [Double] = [
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
        2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
        2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
        2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
    ]
    /// The standard normal's 0.975 quantile.
    static let z975 = 1.959963984540054

    /// t(0.975, df): the table for df ≤ 30; beyond, the normal quantile with the Cornish-Fisher
    /// expansion in 1/df to the fourth order; `Int.max` (∞): the normal quantile. df ≥ 1.
    public static func quantile975(df: Int) -> Double {
        precondition(df >= 1, "degrees of freedom must be at least 1")
        if df <= table975.count { return table975[df - 1] }
        if df == Int.max { return z975 }
        let z = z975, v = Double(df)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v)
    }
}

public enum Comparisons {
    public enum Verdict: String, Sendable {
        case equivalent, better, worse, inconclusive
    }

    /// One configuration against the reference on one task at one length.
    public struct Result: Sendable {
        public var config: RunConfig
        /// The kernel label, where the rows carry one.
        public var kernel: String?
        public var task: String
        public var length: Int
        /// The paired differences (configuration − reference), one per seed both have.
        public var differences: [Double]
        public var n: Int { differences.count }
        public var mean: Double { differences.reduce(0, +) / Double(max(n, 1)) }
        /// The 95 % confidence interval of the mean difference (nil for n < 2).
        public var interval: (low: Double, high: Double)? {
            guard let s = standardDeviation else { return nil }
            let h = StudentT.quantile975(df: n - 1) * s / Double(n).squareRoot()
            return (mean - h, mean + h)
        }
        /// The sample standard deviation of the differences (nil for n < 2).
        public var standardDeviation: Double? {
            guard n >= 2 else { return nil }
            let m = mean
            return (differences.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
        }

        /// The seeds at which an interval with this mean and standard deviation would lie wholly
        /// inside ±`margin` or wholly beyond it, deciding the verdict: the smallest n' ≥ n with
        /// t(0.975, n' − 1)·s/√n' < | |mean| − margin |. A projection, not a result (more seeds move
        /// the mean and s too); nil for n < 2, for |mean| = margin or beyond `cap`.
        public func seedsToDecide(margin: Double, cap: Int = 200) -> Int? {
            guard let s = standardDeviation else { return nil }
            let gap = abs(abs(mean) - margin)
            guard gap > 0 else { return nil }
            for seeds in n...max(n, cap) where StudentT.quantile975(df: seeds - 1) * s / Double(seeds).squareRoot() < gap { return seeds }
            return nil
        }

        /// "n = 3", plus "≈ 14 seeds to decide" (or "over 200") where the verdict is inconclusive.
        public func sampleText(_ spec: ComparisonSpec) -> String {
            guard Comparisons.verdict(self, spec) == .inconclusive, n >= 2 else { return "n = \(n)" }
            return "n = \(n); " + (seedsToDecide(margin: spec.margin).map { "≈ \($0) seeds to decide" } ?? "over 200 seeds to decide")
        }
    }

    /// The verdict of an interval of (configuration − reference) against ±margin.
    public static func verdict(_ interval: (low: Double, high: Double)?, margin: Double, lowerIsBetter: Bool) -> Verdict {
        guard let (lo, hi) = interval, lo.isFinite, hi.isFinite else { return .inconclusive }
        if lo >= -margin && hi <= margin { return .equivalent }
        if lo > margin { return lowerIsBetter ? .worse : .better }
        if hi < -margin { return lowerIsBetter ? .better : .worse }
        return .inconclusive
    }

    public static func verdict(_ r: Result, _ spec: ComparisonSpec) -> Verdict {
        verdict(r.interval, margin: spec.margin, lowerIsBetter: spec.lowerIsBetter)
    }

    /// Whether `c` is the reference `spec` names. A configuration from a set-apart variant entry
    /// (`RunConfig.entryLabels`: state-matched or named) is the reference only if the reference
    /// names that label, so `{variant: rattention}` never takes in a `norm_only` ablation's rows.
    static func matches(_ c: RunConfig, _ reference: [String: String]) -> Bool {
        RunConfig.entryLabels.allSatisfy { c.groups[$0] == nil || reference[$0] != nil } && reference.allSatisfy { k, v in
            switch k {
            case "variant": return c.variant == v
            case "window": return c.window.map(String.init) == v
            default: return c.groups[k] == v
            }
        }
    }

    /// The reference items (configurations matching `spec.reference`) that pair with `config`: those
    /// whose grouping labels outside the spec's equal `config`'s; if none, those whose such labels
    /// all agree with `config`'s (the reference ran once, without a label the others sweep).
    static func pairedReferences<T>(_ refs: [T], of config: RunConfig, _ spec: ComparisonSpec, _ configOf: (T) -> RunConfig) -> [T] {
        let specGroups = Set(spec.reference.keys)
        func free(_ g: [String: String]) -> [String: String] { g.filter { !specGroups.contains($0.key) } }
        let mine = free(config.groups)
        let equal = refs.filter { free(configOf($0).groups) == mine }
        return equal.isEmpty ? refs.filter { free(configOf($0).groups).allSatisfy { mine[$0.key] == $0.value } } : equal
    }

    /// Every non-reference configuration against the reference, by configuration, task, length.
    /// The reference pairs with a configuration where its grouping labels (those the reference
    /// spec does not name) equal the configuration's; where no such reference runs exist (the
    /// reference run once, without a label the others sweep, e.g. `pattern`), reference runs whose
    /// grouping labels all agree with the configuration's stand in.
    public static func results(_ d: ReportData, _ spec: ComparisonSpec) -> [Result] {
        let obs = d.observations(spec.metric, kind: "accuracy").filter {
            $0.task != nil && $0.length != nil && $0.seed != nil && $0.value.isFinite
                && (spec.lengths?.contains($0.length!) ?? true)
        }
        let refs = obs.filter { matches($0.config, spec.reference) }
        let others = obs.filter { !matches($0.config, spec.reference) }
        struct Key: Hashable { var config: RunConfig; var kernel: String?; var task: String; var length: Int }
        var cells: [Key: [String: Double]] = [:]
        for o in others { cells[Key(config: o.config, kernel: o.kernel, task: o.task!, length: o.length!), default: [:]][o.seed!] = o.value }
        var out: [Result] = []
        for key in cells.keys.sorted(by: { a, b in
            if a.task != b.task { return numericAwareLess(a.task, b.task) }
            if a.length != b.length { return a.length < b.length }
            if a.config != b.config { return a.config < b.config }
            return (a.kernel ?? "") < (b.kernel ?? "")
        }) {
            let same = refs.filter { $0.task == key.task && $0.length == key.length && $0.kernel == key.kernel }
            let paired = pairedReferences(same, of: key.config, spec) { $0.config }
            var refBySeed: [String: Double] = [:]
            for o in paired where refBySeed[o.seed!] == nil { refBySeed[o.seed!] = o.value }
            let values = cells[key]!
            let diffs = values.keys.sorted(by: numericAwareLess).compactMap { s in refBySeed[s].map { values[s]! - $0 } }
            out.append(Result(config: key.config, kernel: key.kernel, task: key.task, length: key.length, differences: diffs))
        }
        return out
    }

    /// The notebook section: the declaration in words, then one table row per result.
    public static func markdown(_ d: ReportData, _ spec: ComparisonSpec?) -> String {
        guard let spec else { return "_No comparison declared in the study file (a `compare:` block; studies/README.md)._\n" }
        let ref = spec.reference.keys.sorted { a, b in a == "variant" ? true : b == "variant" ? false : a < b }
            .map { "\($0) `\(spec.reference[$0]!)`" }.joined(separator: ", ")
        let m = Fmt.num(spec.margin)
        var s = "Declared in the study file: each configuration against the reference (\(ref)) on `\(spec.metric)` "
        s += "(\(spec.lowerIsBetter ? "lower" : "higher") is better), paired by seed with the same task and other labels, "
        s += "at \(spec.lengths.map { "eval lengths " + $0.map(String.init).joined(separator: ", ") } ?? "every eval length"); "
        s += "difference = configuration − reference; 95 % CI by Student's t over the seeds; equivalence margin ±\(m). "
        s += "**equivalent**: the whole interval within ±\(m); **better**/**worse**: the whole interval beyond the margin on one side; "
        s += "**inconclusive** otherwise (always for n < 2); there, *≈ N seeds to decide* projects the seeds at which an interval "
        s += "with the observed mean and standard deviation would lie wholly inside or wholly beyond the margin (a projection: more seeds move both).\n\n"
        let results = results(d, spec)
        guard !results.isEmpty else {
            return s + "_No rows to compare: no accuracy row carries `\(spec.metric)` at a compared length for a configuration other than the reference._\n"
        }
        let keys = ReportData.varyingKeys(results.map(\.config))
        let kernels = Set(results.map(\.kernel)).count > 1
        let f = "%.4f"
        var rows: [[String]] = []
        for r in results {
            let v = verdict(r, spec)
            let ci = r.interval.map { "[\(String(format: f, $0.low)), \(String(format: f, $0.high))]" } ?? "–"
            let name = r.config.name(showing: keys) + (kernels ? " (\(r.kernel ?? "–"))" : "")
            let verdictText = v == .inconclusive ? "inconclusive (\(r.sampleText(spec)))" : "**\(v.rawValue)**"
            rows.append([name, r.task, String(r.length), String(r.n), r.n > 0 ? String(format: "%+.4f", r.mean) : "–", ci, "±" + m, verdictText])
        }
        s += Tables.markdown(["configuration", "task", "length", "n", "mean difference", "95 % CI", "margin", "verdict"], rows, alignRight: 2)
        return s + SmallestWindow.markdown(results, spec)
    }
}
