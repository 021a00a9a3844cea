// The rows of a study as flat observations (one a measurement) keyed by what a figure or table
// groups on. Labels play roles:
// - series: `variant` and `window` name a point or a line (`RunConfig`);
// - axes: `task`, `length`, `kernel` (bench), `step` (curves) place it;
// - replicates: `seed` (accuracy runs) and `round` (the repeats of a bench run, `bench.repeats`)
//   are summarised over (`Stat`: seeds by their mean, rounds by their median);
// - every other label (`pattern`, `conv_kernel`, `norm_gain`, `learning_rate`, `train_length`, and
//   any label this code does not know) is a grouping key: part of the configuration, and where it
//   takes more than one value in a study, figures split on it (one figure per value combination)
//   and tables show it as a column.
import Foundation
import LabResults

/// What a point or line stands for: a variant, its window and the grouping labels of its run.
public struct RunConfig: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var variant: String
    /// nil for variants without a window (`full`, `linear_attention`).
    public var window: Int?
    /// Grouping labels (every label that is not a series, axis or replicate label).
    public var groups: [String: String]

    public init(variant: String, window: Int? = nil, groups: [String: String] = [:]) {
        self.variant = variant; self.window = window; self.groups = groups
    }

    /// The reference every other configuration is compared with: full attention.
    public static let referenceVariant = "full"
    /// Whether this is a reference configuration (`referenceVariant`).
    public var isReference: Bool { variant == Self.referenceVariant }

    /// The labels that are neither series, axes nor replicates.
    public static let nonGroupLabels: Set<String> = ["variant", "window", "task", "length", "seed", "kernel", "round"]
    /// Labels only accuracy runs carry (the training recipe): ignored when joining to bench rows.
    public static let recipeLabels: Set<String> = ["learning_rate", "train_length"]

    public init(labels: [String: String]) {
        variant = labels["variant"] ?? "?"
        window = labels["window"].flatMap { Int($0) }
        groups = labels.filter { !Self.nonGroupLabels.contains($0.key) }
    }

    /// Short variant names for point labels.
    public static func shortName(_ variant: String) -> String {
        switch variant {
        case "full": return "full"
        case "sliding_window": return "swa"
        case "rattention": return "ratt"
        case "linear_attention": return "linear only"
        default: return variant
        }
    }

    /// Order of variants in legends and tables: the reference first, then by how much they keep.
    static func variantRank(_ v: String) -> Int {
        ["full": 0, "linear_attention": 1, "sliding_window": 2, "rattention": 3][v] ?? 4
    }

    /// `ratt W16`, plus the values of `showing` grouping keys it has (`ratt W16 lllg`, `swa W8 conv_kernel=0`).
    public func name(showing keys: [String] = []) -> String {
        var s = Self.shortName(variant) + (window.map { " W\($0)" } ?? "")
        for k in keys { if let v = groups[k] { s += " " + Self.groupText(k, v) } }
        return s
    }

    /// `lllg` for a pattern (its name says what it is), `key=value` for the others.
    static func groupText(_ key: String, _ value: String?) -> String {
        key == "pattern" ? (value ?? "pattern –") : "\(key)=\(value ?? "–")"
    }

    /// The window axis position: the window, or −1 for a windowless variant other than full
    /// (`linear_attention`: "linear only").
    public var windowAxis: Int { window ?? -1 }

    public var description: String { name(showing: groups.keys.sorted()) }

    public static func < (a: RunConfig, b: RunConfig) -> Bool {
        let (ra, rb) = (variantRank(a.variant), variantRank(b.variant))
        if ra != rb { return ra < rb }
        if a.variant != b.variant { return a.variant < b.variant }
        if a.window != b.window { return (a.window ?? -1) < (b.window ?? -1) }
        for k in Set(a.groups.keys).union(b.groups.keys).sorted() where a.groups[k] != b.groups[k] {
            return numericAwareLess(a.groups[k] ?? "", b.groups[k] ?? "")
        }
        return false
    }

    /// The configuration as a bench row would label it (no training-recipe labels).
    var benchKey: RunConfig {
        RunConfig(variant: variant, window: window, groups: groups.filter { !Self.recipeLabels.contains($0.key) })
    }
}

/// One measurement of one ok row, with the labels that place it.
public struct Observation: Sendable {
    public var runID: String
    public var kind: String
    public var config: RunConfig
    public var task: String?
    public var length: Int?
    public var step: Int?
    public var seed: String?
    public var kernel: String?
    public var name: String
    public var value: Double
    public var unit: String
}

/// A subset of configurations that share the values of the grouping keys that vary: one figure.
public struct Split: Sendable {
    /// The varying grouping keys and this split's value of each (empty when nothing varies).
    public var values: [(key: String, value: String)]
    public var observations: [Observation]

    /// `.pattern=lllg.conv_kernel=0` (empty when nothing varies), for file names.
    public var suffix: String {
        values.map { "." + Fmt.fileSafe("\($0.key)=\($0.value)") }.joined()
    }

    /// `pattern lllg, conv_kernel=0` for titles (empty when nothing varies).
    public var title: String {
        values.map { RunConfig.groupText($0.key, $0.value) }.joined(separator: ", ")
    }
}

public struct ReportData: Sendable {
    public let study: String
    /// One row per run (the latest, `ResultsStore.latest`), in file order.
    public let rows: [ResultRow]
    public var okRows: [ResultRow] { rows.filter { $0.status == .ok } }
    public var failedRows: [ResultRow] { rows.filter { $0.status == .failed } }
    /// The measurements of the ok rows.
    public let observations: [Observation]

    /// `rows` may hold several rows per run (shards, retries): the latest counts, an ok beating a failed.
    public init(study: String, rows: [ResultRow]) {
        self.study = study
        let unique = ResultsStore.deduplicated(rows)
        self.rows = unique
        var obs: [Observation] = []
        for r in unique where r.status == .ok {
            let config = RunConfig(labels: r.labels)
            for m in r.metrics {
                obs.append(Observation(
                    runID: r.runID, kind: r.kind, config: config, task: m.task ?? r.labels["task"],
                    length: m.length ?? r.labels["length"].flatMap { Int($0) }, step: m.step, seed: r.labels["seed"],
                    kernel: r.labels["kernel"], name: m.name, value: m.value, unit: m.unit))
            }
        }
        observations = obs
    }

    /// The observations of `name` (of rows of `kind`, when given).
    public func observations(_ name: String, kind: String? = nil) -> [Observation] {
        observations.filter { $0.name == name && (kind == nil || $0.kind == kind) }
    }

    public func has(_ name: String, kind: String? = nil) -> Bool {
        observations.contains { $0.name == name && (kind == nil || $0.kind == kind) }
    }

    /// Grouping keys that take more than one value (a missing label counts as a value) among `configs`.
    public static func varyingKeys(_ configs: [RunConfig]) -> [String] {
        let keys = Set(configs.flatMap { $0.groups.keys })
        return keys.filter { k in Set(configs.map { $0.groups[k] ?? "" }).count > 1 }
            .sorted { a, b in
                let order = ["pattern", "conv_kernel", "norm_gain", "learning_rate", "train_length"]
                let (ia, ib) = (order.firstIndex(of: a) ?? order.count, order.firstIndex(of: b) ?? order.count)
                return ia != ib ? ia < ib : a < b
            }
    }

    /// `obs` cut into one split per combination of the varying grouping keys, in sorted order.
    public static func splits(_ obs: [Observation]) -> [Split] {
        let keys = varyingKeys(Array(Set(obs.map(\.config))))
        var groups: [[String]: [Observation]] = [:]
        for o in obs { groups[keys.map { o.config.groups[$0] ?? "–" }, default: []].append(o) }
        return groups.keys.sorted { a, b in
            for (x, y) in zip(a, b) where x != y { return numericAwareLess(x, y) }
            return false
        }.map { vals in Split(values: Array(zip(keys, vals)).map { ($0.0, $0.1) }, observations: groups[vals]!) }
    }

    /// `splits` of accuracy observations, with full attention as every split's reference: where
    /// full was not run with a split's labels (e.g. run once, without the `pattern` the others
    /// sweep), its rows without those labels join that split, and its own split is dropped.
    public static func splitsWithReference(_ obs: [Observation]) -> [Split] {
        let all = splits(obs)
        guard all.count > 1 else { return all }
        return all.compactMap { s in
            let full = s.observations.filter { $0.config.variant == "full" }
            if full.count == s.observations.count,
               full.allSatisfy({ o in s.values.allSatisfy { o.config.groups[$0.key] == nil } }) { return nil }
            if !full.isEmpty { return s }
            var t = s
            t.observations += obs.filter { o in o.config.variant == "full" && s.values.allSatisfy { o.config.groups[$0.key] == nil } }
            return t
        }
    }

    /// Stat per key, over the observations that map to it (replicates: seeds, repeated runs).
    public static func aggregate<K: Hashable>(_ obs: [Observation], by key: (Observation) -> K?) -> [K: Stat] {
        var values: [K: [Double]] = [:]
        for o in obs { if let k = key(o), o.value.isFinite { values[k, default: []].append(o.value) } }
        return values.compactMapValues { Stat.of($0) }
    }

    /// Sorted distinct values.
    static func distinct<T: Hashable & Comparable>(_ xs: [T?]) -> [T] { Array(Set(xs.compactMap { $0 })).sorted() }

    /// Distinct tasks, in numeric-aware order.
    static func tasks(_ obs: [Observation]) -> [String] {
        Array(Set(obs.compactMap(\.task))).sorted(by: numericAwareLess)
    }
}

/// Accuracy (or another per-task, per-length metric) keyed by configuration, task and length.
public struct CellKey: Hashable, Sendable {
    public var config: RunConfig
    public var task: String
    public var length: Int
}
