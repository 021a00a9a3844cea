// The points and frontiers of the Pareto figures (shared with the notebook's frontier tables):
// accuracy against decode-state bytes, and against decode or prefill tokens/s measured at the
// accuracy's length (or, where the rows have none there, at a fallback bench length).
import Foundation
import LabResults

extension Figures {
    /// A point of a Pareto figure: a configuration (and bench kernel), its cost and its accuracy.
    public struct ParetoPoint: Sendable, Equatable {
        public var config: RunConfig
        public var label: String
        /// The cost: state bytes, or the median tokens/s over a bench point's rounds.
        public var x: Double
        public var accuracy: Stat
        /// The cost's replicates (bench rounds), for min..max bars; nil for an analytic cost.
        public var cost: Stat? = nil
        /// The bench kernel, where the study sweeps several.
        public var kernel: String? = nil
    }

    /// One panel of a Pareto figure: accuracy at eval length `length` on `task` against a cost
    /// measured at `costLength` (equal to `length` unless the rows have no cost there).
    public struct ParetoSet: Sendable {
        public var split: Split
        public var task: String
        public var length: Int
        public var costLength: Int
        public var points: [ParetoPoint]
        public var frontier: [ParetoPoint]
        /// Whether cost and accuracy come from the same context length.
        public var sameLength: Bool { costLength == length }
    }

    /// Accuracy (mean over seeds) against state bytes at each eval length, per task: the points and
    /// the frontier (cheapest first). Shared by the figure and the notebook table. The bytes are the
    /// accuracy rows' own `state_bytes` at that eval length, so cost and accuracy share the length.
    /// Not split on the grouping labels: configurations that differ in them (pattern, conv_kernel,
    /// …) are points of one frontier, labelled with the values that vary (`ratt W16 lllg conv_kernel=3`).
    public static func stateBytesPoints(_ d: ReportData) -> [ParetoSet] {
        let acc = d.observations(MetricName.accuracy, kind: "accuracy")
        let bytes = d.observations(MetricName.stateBytes, kind: "accuracy")
        var out: [ParetoSet] = []
        for split in [Split(values: [], observations: acc)] {
            let runs = Set(split.observations.map(\.runID))
            let b = ReportData.aggregate(bytes.filter { runs.contains($0.runID) }) { o in o.length.map { Key2(config: o.config, length: $0) } }
            let keys = varyingKeysAcross(split)
            for task in ReportData.tasks(split.observations) {
                let obs = split.observations.filter { $0.task == task }
                let stats = ReportData.aggregate(obs) { o in o.length.map { CellKey(config: o.config, task: task, length: $0) } }
                for L in ReportData.distinct(obs.map(\.length)) {
                    let points = Array(Set(obs.map(\.config))).sorted().compactMap { c -> ParetoPoint? in
                        guard let a = stats[CellKey(config: c, task: task, length: L)], let x = b[Key2(config: c, length: L)] else { return nil }
                        return ParetoPoint(config: c, label: c.name(showing: keys), x: x.mean, accuracy: a)
                    }
                    guard !points.isEmpty else { continue }
                    let front = Pareto.frontier(points, x: \.x, .minimize, y: \.accuracy.mean, .maximize)
                    out.append(ParetoSet(split: split, task: task, length: L, costLength: L, points: points, frontier: front))
                }
            }
        }
        return out
    }

    /// Accuracy (mean over seeds) at each eval length L against `<mode>_tokens_per_second` (the
    /// median over a bench point's rounds) measured at L, joining accuracy rows to bench rows on
    /// variant, window and the grouping labels (not the training recipe). Where no bench row has
    /// length L, the cost comes from the fallback length: the largest of those measured for the
    /// most configurations (a study still running must not put one configuration alone on the
    /// frontier), and the set's `costLength` says so. Points of several kernels are labelled with
    /// the kernel.
    public static func throughputPoints(_ d: ReportData, mode: String) -> [ParetoSet] {
        let speedObs = d.observations(MetricName.tokensPerSecond(mode), kind: "bench")
        let coverage = Dictionary(grouping: speedObs.filter { $0.length != nil }, by: { $0.length! }).mapValues { Set($0.map(\.config)).count }
        guard let fallback = coverage.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else { return [] }
        struct BK: Hashable { var config: RunConfig; var kernel: String; var length: Int }
        let speed = ReportData.aggregate(speedObs.filter { $0.length != nil }) { BK(config: $0.config, kernel: $0.kernel ?? "", length: $0.length!) }
        let kernels = Set(speed.keys.map(\.kernel))
        let acc = d.observations(MetricName.accuracy, kind: "accuracy")
        var sets: [ParetoSet] = []
        for split in [Split(values: [], observations: acc)] {
            let keys = varyingKeysAcross(split)
            for task in ReportData.tasks(split.observations) {
                let obs = split.observations.filter { $0.task == task }
                let stats = ReportData.aggregate(obs) { o in o.length.map { CellKey(config: o.config, task: task, length: $0) } }
                for L in ReportData.distinct(obs.map(\.length)) {
                    let B = coverage[L] != nil ? L : fallback
                    var points: [ParetoPoint] = []
                    for c in Array(Set(obs.map(\.config))).sorted() {
                        guard let a = stats[CellKey(config: c, task: task, length: L)] else { continue }
                        for k in kernels.sorted() {
                            guard let s = speed[BK(config: c.benchKey, kernel: k, length: B)] else { continue }
                            let label = c.name(showing: keys) + (kernels.count > 1 ? " \(k)" : "")
                            points.append(ParetoPoint(config: c, label: label, x: s.median, accuracy: a, cost: s, kernel: kernels.count > 1 ? k : nil))
                        }
                    }
                    guard !points.isEmpty else { continue }
                    let front = Pareto.frontier(points, x: \.x, .maximize, y: \.accuracy.mean, .maximize)
                    sets.append(ParetoSet(split: split, task: task, length: L, costLength: B, points: points, frontier: front))
                }
            }
        }
        return sets
    }

    /// `throughputPoints` of decode tokens/s.
    public static func decodePoints(_ d: ReportData) -> [ParetoSet] { throughputPoints(d, mode: "decode") }

    struct Key2: Hashable { var config: RunConfig; var length: Int }

    /// Grouping keys that vary inside a split, for point labels: none, but for the split's own keys
    /// where a reference joined it without them (`splitsWithReference`), which the title names.
    static func varyingKeysAcross(_ split: Split) -> [String] {
        ReportData.varyingKeys(Array(Set(split.observations.map(\.config)))).filter { k in !split.values.contains { $0.key == k } }
    }

    /// `cost at 16,384 tokens, accuracy at 128 and 192` for the sets whose cost comes from another
    /// length than their accuracy (by cost length, accuracy lengths ascending); nil when none does.
    static func mixedLengths(_ sets: [ParetoSet]) -> String? {
        let mixed = sets.filter { !$0.sameLength }
        guard !mixed.isEmpty else { return nil }
        return Dictionary(grouping: mixed, by: \.costLength).sorted { $0.key < $1.key }.map { B, group in
            "cost at \(Fmt.tokens(B)) tokens, accuracy at " + Array(Set(group.map(\.length))).sorted().map(Fmt.tokens).joined(separator: " and ")
        }.joined(separator: "; ")
    }

    /// The bounds of a `set yrange [lo:hi]` line.
    static func yValues(_ setting: String) -> (Double, Double) {
        let v = setting.dropFirst("set yrange [".count).dropLast().split(separator: ":").compactMap { Double($0) }
        return v.count == 2 ? (v[0], v[1]) : (0, 1)
    }

    /// `cost at 16,384 tokens, accuracy at 128` when they differ, else `at 128 tokens`.
    static func lengthNote(_ s: ParetoSet) -> String {
        s.sameLength ? "at \(Fmt.tokens(s.length)) tokens" : "cost at \(Fmt.tokens(s.costLength)) tokens, accuracy at \(Fmt.tokens(s.length))"
    }
}
