// The rows of a study as flat observations (one a measurement) keyed by what a figure or table
// groups on. Labels play roles:
// - series: `variant` and `window` name a point or a line (`RunConfig`); how a variant is named,
//   ordered and coloured, and which one is the reference, comes from the rows themselves (each
//   row's `variant` description, written by the harness from the variant's own file): this code
//   knows no variant kind;
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
/// Equality, hashing and order ignore `about` (one variant has one description in a study).
public struct RunConfig: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var variant: String
    /// nil for variants without a window.
    public var window: Int?
    /// Grouping labels (every label that is not a series, axis or replicate label).
    public var groups: [String: String]
    /// How the variant presents itself (its rows' `variant` description; `VariantDescription.undescribed`
    /// for rows written before rows carried one).
    public var about: VariantDescription

    public init(variant: String, window: Int? = nil, groups: [String: String] = [:], about: VariantDescription? = nil) {
        self.variant = variant; self.window = window; self.groups = groups
        self.about = about ?? .undescribed(variant)
    }

    public static func == (a: RunConfig, b: RunConfig) -> Bool {
        a.variant == b.variant && a.window == b.window && a.groups == b.groups
    }
    public func hash(into h: inout Hasher) { h.combine(variant); h.combine(window); h.combine(groups) }

    /// Whether this is a reference configuration, the one every other is compared with
    /// (`VariantDescription.isReference`: full attention, and not a set-apart entry of it).
    public var isReference: Bool { about.isReference && !isSetApartEntry }

    /// The labels that set a study's variant entry apart from the plain entry of its kind: a
    /// state-matched entry (`match_state_of`) and a named one (`name`, e.g. an ablation).
    public static let entryLabels = ["state_matched", "variant_name"]
    /// Whether this configuration comes from such an entry (drawn dashed beside the plain one).
    public var isSetApartEntry: Bool { Self.entryLabels.contains { groups[$0] != nil } }

    /// The labels that are neither series, axes nor replicates.
    public static let nonGroupLabels: Set<String> = ["variant", "window", "task", "length", "seed", "kernel", "round"]
    /// Labels only accuracy runs carry (the training recipe): ignored when joining to bench rows.
    public static let recipeLabels: Set<String> = ["learning_rate", "train_length"]
    /// Labels accuracy rows carry and bench rows do not: the recipe, and `window_fraction` (a bench
    /// point has a window, not a train length to divide it by).
    public static let accuracyOnlyLabels: Set<String> = recipeLabels.union(["window_fraction"])

    /// The configuration a row's labels name, described by `about` (nil: undescribed).
    public init(labels: [String: String], about: VariantDescription? = nil) {
        self.init(variant: labels["variant"] ?? "?", window: labels["window"].flatMap { Int($0) },
                  groups: labels.filter { !Self.nonGroupLabels.contains($0.key) }, about: about)
    }

    /// `ratt W16`, plus the values of `showing` grouping keys it has (`ratt W16 lllg`, `swa W8 conv_kernel=0`).
    public func name(showing keys: [String] = []) -> String {
        var s = about.shortName + (window.map { " W\($0)" } ?? "")
        for k in keys { if let v = groups[k] { s += " " + Self.groupText(k, v) } }
        return s
    }

    /// `lllg` for a pattern (its name says what it is), `key=value` for the others.
    static func groupText(_ key: String, _ value: String?) -> String {
        key == "pattern" ? (value ?? "pattern –") : "\(key)=\(value ?? "–")"
    }

    /// The window axis position: the window, or −1 for a windowless variant other than the
    /// reference (linear attention alone: "linear only").
    public var windowAxis: Int { window ?? -1 }

    public var description: String { name(showing: groups.keys.sorted()) }

    public static func < (a: RunConfig, b: RunConfig) -> Bool {
        let (ra, rb) = (a.about.rank, b.about.rank)
        if ra != rb { return ra < rb }
        if a.variant != b.variant { return a.variant < b.variant }
        if a.window != b.window { return (a.window ?? -1) < (b.window ?? -1) }
        for k in Set(a.groups.keys).union(b.groups.keys).sorted() where a.groups[k] != b.groups[k] {
            return numericAwareLess(a.groups[k] ?? "", b.groups[k] ?? "")
        }
        return false
    }

    /// The configuration as a bench row would label it (no `accuracyOnlyLabels`).
    var benchKey: RunConfig {
        RunConfig(variant: variant, window: window, groups: groups.filter { !Self.accuracyOnlyLabels.contains($0.key) }, about: about)
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
    /// The variants' descriptions the rows carry, by kind (the latest row's where rows differ).
    public let variants: [String: VariantDescription]

    /// `rows` may hold several rows per run (shards, retries): the latest counts, an ok beating a failed.
    public init(study: String, rows: [ResultRow]) {
        self.study = study
        let unique = ResultsStore.deduplicated(rows)
        self.rows = unique
        var described: [String: VariantDescription] = [:]
        for r in unique { if let v = r.variant { described[v.kind] = v } }
        variants = described
        var obs: [Observation] = []
        for r in unique where r.status == .ok {
            let config = RunConfig(labels: r.labels, about: r.labels["variant"].flatMap { described[$0] })
            for m in r.metrics {
                obs.append(Observation(
                    runID: r.runID, kind: r.kind, config: config, task: m.task ?? r.labels["task"],
                    length: m.length ?? r.labels["length"].flatMap { Int($0) }, step: m.step, seed: r.labels["seed"],
                    kernel: r.labels["kernel"], name: m.name, value: m.value, unit: m.unit))
            }
        }
        observations = obs
    }

    /// The reference variant's kind, as prose names it (`full` attention): the described reference
    /// among the rows, else the reference the rows' descriptions name (`referenceKind`: when no
    /// row ran it); "reference" when no row says.
    public var referenceKind: String {
        variants.values.filter(\.isReference).map(\.kind).sorted().first
            ?? variants.values.compactMap(\.referenceKind).sorted().first ?? "reference"
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
        // `window_fraction` goes with the window (an axis, W/L = window ÷ train length), not a split
        let keys = varyingKeys(Array(Set(obs.map(\.config)))).filter { $0 != "window_fraction" }
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
            let full = s.observations.filter(\.config.isReference)
            if full.count == s.observations.count,
               full.allSatisfy({ o in s.values.allSatisfy { o.config.groups[$0.key] == nil } }) { return nil }
            if !full.isEmpty { return s }
            var t = s
            t.observations += obs.filter { o in o.config.isReference && s.values.allSatisfy { o.config.groups[$0.key] == nil } }
            return t
        }
    }

    /// Stat per key, over the observations that map to it (replicates: seeds, repeated runs).
    public static func aggregate<K: Hashable>(_ obs: [Observation], by key: (Observation) -> K?) -> [K: Stat] {
        var values: [K: [Double]] = [:]
        for o in obs { if let k = key(o), o.value.isFinite { values[k, default: []].append(o.value) } }
        return values.compactMapValues { Stat.of($0) }
    }

    /// The entries with the most replicates (the largest n), and how many have fewer: a summary's
    /// "best" is picked among the former only, so a configuration with one seed does not outrank
    /// configurations measured with five (a partial study, or a run that failed on some seeds).
    static func mostReplicated<T>(_ entries: [T], stat: (T) -> Stat) -> (kept: [T], fewer: Int) {
        guard let n = entries.map({ stat($0).n }).max() else { return ([], 0) }
        let kept = entries.filter { stat($0).n == n }
        return (kept, entries.count - kept.count)
    }

    /// The words a summary adds to its best configuration when others had fewer replicates ("" when none).
    static func fewerSeedsNote(_ fewer: Int, n: Int) -> String {
        fewer == 0 ? "" : " (best of those with n = \(n); \(fewer) with fewer seeds not ranked)"
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
