// The style table of every figure, in one place: what tells lines and points apart, and what
// panels and axes are called.
//
//   colour  ← variant: the colour its rows' description gives (`VariantDescription.colour`: full
//             attention black, sliding window blue, RAttention red, linear only green), others
//             from `palette`; windows of one variant are shades of its colour, the smallest
//             window palest (`shade`)
//   marker  ← stack, the `pattern` label of `sweep.pattern` (`stackMarkers`, in the order the
//             stacks sort; no label: a filled circle)
//   dash    ← kernel, the `kernel` label of `sweep.kernel` (`kernelDashes`, in sorted order; one
//             kernel: solid)
//   grey    ← reference lines: chance (dashed), the training target (dotted), the equivalence
//             band (a light fill around the reference), the unigram level (dashed), the Pareto
//             frontier (solid, its points ringed), point labels and their leader lines
//   black   ← full attention drawn as the reference: its mean (solid), min..max (band or dotted)
//   heatmap ← red 0, yellow 0.5, green 1 (`heatmapPalette`)
//
// The figure builders (Figures/) take every colour, marker and dash from here.
//
// Metric names become titles in words with units (`metricTitle`), never the raw row names.
import Foundation
import LabResults

enum Style {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
    /// Filled circle, square, triangle, diamond, inverted triangle, pentagon; then open ones.
    static let stackMarkers = [7, 5, 9, 13, 11, 15, 6, 4, 8, 12]
    /// Solid, dashed, dotted, dash-dot, dash-dot-dot.
    static let kernelDashes = [1, 2, 3, 4, 5]
    /// Reference lines and fills.
    static let chanceColour = "#7f7f7f", targetColour = "#444444", bandColour = "#bbbbbb", frontierColour = "#555555"
    /// The roofline (min(peak, bandwidth × intensity)) in the roofline figure.
    static let roofColour = "#444444"
    /// Full attention drawn as the reference (a line, its min..max band or dotted bounds): black.
    static let referenceColour = "#000000"
    /// The unigram model's level on bits-per-byte panels: the chance grey (a model ignoring its context).
    static let unigramColour = chanceColour
    /// The numbers beside Pareto points and the leader lines to the points they were pushed from.
    static let labelColour = "#222222", leaderColour = "#999999"
    /// Dashes of reference lines: chance and the unigram level dashed, the training target and
    /// full attention's min..max dotted, the Pareto frontier solid, the reach ceiling dashed.
    static let chanceDash = 2, targetDash = 3, spreadDash = 3, frontierDash = 1, ceilingDash = 2
    /// A set-apart configuration (state-matched or named: `RunConfig.isSetApartEntry`) beside the
    /// plain one of its variant.
    static let setApartDash = 2
    /// Markers of reference points: the reach ceiling's plus, the frontier's ring (open circle).
    static let ceilingMarker = 1, frontierMarker = 6
    /// The heatmaps' colour scale over 0..1: red, yellow at 0.5, green.
    static let heatmapPalette = "set palette defined (0 \"#d73027\", 0.5 \"#fee08b\", 1 \"#1a9850\")"

    /// The colour of `config`'s variant: its description's, else one of `palette` after the first
    /// three, by its place among the variants without one in `configs` (the figure's).
    static func colour(_ config: RunConfig, among configs: [RunConfig]) -> String {
        if let c = config.about.colour { return c }
        let others = Figures.uniqueInOrder(configs.filter { $0.about.colour == nil }.map(\.variant))
        return palette[3 + (others.firstIndex(of: config.variant) ?? 0) % (palette.count - 3)]
    }

    /// The variant's colour, lightened for the smaller windows of that variant among `configs`:
    /// the largest window (or a windowless variant) at full strength, the smallest mixed 45 % with
    /// white (full attention's black becomes grey steps).
    static func shade(_ config: RunConfig, among configs: [RunConfig]) -> String {
        let base = colour(config, among: configs)
        let windows = ReportData.distinct(configs.filter { $0.variant == config.variant }.map(\.window))
        guard windows.count > 1, let w = config.window, let i = windows.firstIndex(of: w) else { return base }
        let t = 0.45 * Double(windows.count - 1 - i) / Double(windows.count - 1)
        return mix(base, white: t)
    }

    /// `hex` mixed with white by `t` in [0, 1].
    static func mix(_ hex: String, white t: Double) -> String {
        let v = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels: [Int] = [(v >> 16) & 255, (v >> 8) & 255, v & 255]
        var out = "#"
        for c in channels {
            let x = Double(c)
            let mixed: Double = x + (255.0 - x) * t
            out += String(format: "%02x", Int(mixed.rounded()))
        }
        return out
    }

    /// The marker of a stack (`pattern` label value; nil: none) among the stacks of the figure.
    static func marker(stack: String?, among stacks: [String]) -> Int {
        guard let stack, let i = stacks.sorted(by: numericAwareLess).firstIndex(of: stack) else { return stackMarkers[0] }
        return stackMarkers[i % stackMarkers.count]
    }

    /// The dash of a kernel (`kernel` label value; nil: none) among the kernels of the figure.
    static func dash(kernel: String?, among kernels: [String]) -> Int {
        guard let kernel, let i = kernels.sorted().firstIndex(of: kernel) else { return kernelDashes[0] }
        return kernelDashes[i % kernelDashes.count]
    }

    /// `lc rgb "#…" pt N dt M` for `config` run with `kernel`: colour by variant (shade by window;
    /// the variant's own colour without `shaded`, for a line joining its windows), marker by stack,
    /// dash by kernel (where the figure has one kernel, a state-matched or named entry is dashed:
    /// `setApartDash`), among the configurations and kernels of the figure.
    static func line(_ config: RunConfig, kernel: String? = nil, among configs: [RunConfig], kernels: [String] = [],
                     shaded: Bool = true) -> String {
        let stacks = ReportData.distinct(configs.map { $0.groups["pattern"] })
        let colour = shaded ? shade(config, among: configs) : colour(config, among: configs)
        let dt = kernels.count <= 1 && config.isSetApartEntry ? setApartDash : dash(kernel: kernel, among: kernels)
        return "lc rgb \(Fmt.q(colour)) pt \(marker(stack: config.groups["pattern"], among: stacks)) dt \(dt)"
    }

    /// `lc rgb "#…" pt N` for a line per variant without stacks or kernels: its colour and the
    /// first marker.
    static func variantPoints(_ config: RunConfig, among configs: [RunConfig]) -> String {
        "lc rgb \(Fmt.q(colour(config, among: configs))) pt \(stackMarkers[0])"
    }

    /// Titles and units of the metrics rows carry: (what it is in words, unit).
    static let metricTitles: [String: (title: String, unit: String)] = [
        MetricName.accuracy: ("accuracy", "fraction of answer tokens"),
        MetricName.score: ("generation score", "fraction"),
        MetricName.tokensPerSecond("train"): ("training throughput", "tokens/s"),
        MetricName.tokensPerSecond("prefill"): ("prefill throughput (to the first token)", "tokens/s"),
        MetricName.tokensPerSecond("decode"): ("decode throughput", "tokens/s"),
        MetricName.stateBytes: ("decode state, analytic", "bytes"),
        MetricName.measuredStateBytes: ("decode state, measured in the caches", "bytes"),
        MetricName.peakResidentBytes: ("peak resident memory of the run", "bytes"),
        MetricName.curveValidationLoss: ("validation loss", "nats"),
        MetricName.curveValidationAccuracy: ("validation accuracy", "fraction of answer tokens"),
    ]

    /// `decode throughput (tokens/s)`; an unknown metric: its name.
    static func metricTitle(_ name: String) -> String {
        metricTitles[name].map { "\($0.title) (\($0.unit))" } ?? name
    }
}
