// How an attention variant presents itself to every consumer that is not the variant layer: the
// harness writes it into each result row (`ResultRow.variant`), the report reads it from there, so
// plots and notebooks name, order and colour variants without knowing any kind. Each variant file
// (Sources/LabAttention/Variants/) defines its own (`AttentionVariant.about`); nothing else does.
//
// In a row (JSON, sorted keys):
//   "variant": {"colour": "#d62728", "extra_metrics": [], "kind": "rattention", "label": "rattention",
//               "rank": 3, "reference": false, "reference_kind": "full", "short_name": "ratt"}
// Rows written before rows carried it have none: the report then uses `undescribed(kind)`, which
// names nothing (the kind as every name, last in legends, a palette colour, not the reference).
// scripts/describe-results.sh backfills it into results files written before.
import Foundation

public struct VariantDescription: Codable, Hashable, Sendable {
    /// The `kind` that names the variant in study files and in the rows' `variant` label.
    public var kind: String
    /// Its name in legends (e.g. `linear only`); tables show `kind (label)` when it differs from the kind.
    public var label: String
    /// Its short name in point labels (`ratt W16`).
    public var shortName: String
    /// Its place in legends and tables, lowest first (the reference 0); ties sort by kind.
    public var rank: Int
    /// Its colour in figures, `#rrggbb` (smaller windows of one variant are drawn paler); nil: one
    /// from the report's palette.
    public var colour: String?
    /// Whether it is the reference every other configuration is compared with (full attention):
    /// drawn as a line and band, the break-even and summary baseline.
    public var isReference: Bool
    /// The metrics its rows carry beyond every run's (`MetricName`), e.g. `MetricName.reachCeiling`.
    public var extraMetrics: [String]
    /// The kind of the reference variant its rows are compared with, filled in by the registry
    /// (`AttentionRegistry.describe`), so a report names the reference even when none of the rows
    /// ran it; nil in a variant file's own description.
    public var referenceKind: String?

    public init(kind: String, label: String? = nil, shortName: String? = nil, rank: Int, colour: String?,
                isReference: Bool = false, extraMetrics: [String] = []) {
        self.kind = kind; self.label = label ?? kind; self.shortName = shortName ?? kind; self.rank = rank
        self.colour = colour; self.isReference = isReference; self.extraMetrics = extraMetrics
    }

    /// The rank of a variant no description places: after every described one.
    public static let unrankedRank = 4

    /// What a row without a description stands for: the kind as every name, ranked after the
    /// described variants, no colour of its own, not the reference.
    public static func undescribed(_ kind: String) -> VariantDescription {
        VariantDescription(kind: kind, rank: unrankedRank, colour: nil)
    }

    enum CodingKeys: String, CodingKey {
        case kind, label, shortName = "short_name", rank, colour, isReference = "reference", extraMetrics = "extra_metrics"
        case referenceKind = "reference_kind"
    }
}
