// The figures of a study, as pure functions of its rows: each a data file and a gnuplot script
// (Script.swift); `Plotter` writes them and runs gnuplot. The style table (colour per variant,
// marker per stack, dash per kernel, titles of metrics in words) is Style.swift. Which figures the
// rows support:
// - accuracy-vs-window.TASK: accuracy against window per variant (and kernel), a panel per eval
//   length, error bars min..max over seeds, full attention as a line with its min..max over seeds
//   as a band (the reference: the variant whose rows' description says so), a windowless variant
//   (linear only) at W = −1, MQAR's reach ceiling (`MetricName.reachCeiling`) as a dashed line in
//   the colour of the variant whose description lists it (sliding window);
// - on every accuracy panel (accuracy vs window, the Pareto figures): the reference marks
//   (`AccuracyMarks`): the chance level where the rows carry `chance_accuracy`, the training target
//   where the runs had one, and the equivalence band (the declared comparison's reference mean ±
//   margin) at the compared lengths; the y range is zoomed to the data and these marks (a chance
//   level far below says so in the key instead of stretching the axis);
// - pareto-state-bytes.TASK, pareto-decode.TASK, pareto-prefill.TASK: accuracy at eval length L
//   against decode-state bytes at L, and against decode or prefill tokens/s measured at L (bench
//   runs at L; where the rows have none, at the largest bench length measured for the most
//   configurations, and the panel title and the caption say "cost at B tokens, accuracy at L");
//   points numbered, with a key panel naming each number; the frontier (`Pareto.frontier` of the
//   seed means against the median cost) as a step line; one frontier over all configurations (not
//   split on grouping labels: which pattern or recipe wins is the point of the figure);
// - throughput-vs-length, memory-vs-length: bench metrics against context length, log-log, the
//   median over rounds with min..max bars;
// - heatmap-accuracy (and heatmap-score): task × eval length, a panel per variant/window;
// - curves.TASK: validation loss and accuracy against training step, a line per run.
// - bpb-vs-window.TASK, position-curve.TASK: the language-model tasks (Figures/TextFigures.swift).
// - difference-vs-window-fraction.TASK: in a study with windows as fractions of the train length,
//   the declared comparison against W/L with intervals and the equivalence band.
// - roofline: bench rows on the machine's roofline, a panel per mode (train, prefill, decode):
//   analytic FLOPs ÷ compulsory bytes against attained FLOP/s, under min(peak, bandwidth × x)
//   drawn from the FMA peak and triad bandwidth the runs measured (Figures/Roofline.swift).
// The other figures are split on the grouping labels that vary (pattern, conv_kernel, …): the
// split's values end the file name (`accuracy-vs-window.mqar_v256.pattern=lllg`).
//
// Each family of figures is one `FigureBuilder` in Sources/LabReport/Figures/ (one file each), and
// `Figures.all` lists them in the order the figures are written; `Figures.build` runs the list.
// Builders take every colour, marker and dash from the style table (Style.swift).
import Foundation
import LabResults

/// What every figure builder gets besides the rows: the command that writes the figures (named in
/// each script's header) and the reference marks of accuracy panels (with the declared comparison).
struct FigureContext {
    var command: String
    var marks: Figures.AccuracyMarks
}

/// One family of figures (accuracy vs window, the Pareto frontiers of one cost, …): every figure of
/// that family the rows support, and, where they support none, a note saying why (`FigureSet.skipped`;
/// an empty set where the family does not concern the rows at all).
protocol FigureBuilder: Sendable {
    /// The family, in words (`accuracy vs window`).
    var family: String { get }
    func build(_ d: ReportData, _ context: FigureContext) -> FigureSet
}

public enum Figures {
    /// Every family of figures, in the order they are written (and listed in the notebook).
    static let all: [any FigureBuilder] = [
        AccuracyVsWindow(),
        ParetoFrontiers(cost: .stateBytes), ParetoFrontiers(cost: .throughput("decode")), ParetoFrontiers(cost: .throughput("prefill")),
        BenchVsLength(memory: false), BenchVsLength(memory: true),
        Heatmap(metric: MetricName.accuracy), Heatmap(metric: MetricName.score),
        TrainingCurves(),
        BitsPerByteVsWindow(), PositionCurves(),
        DifferenceVsWindowFraction(),
        RooflineFigure(),
    ]

    /// Every figure the rows of `data` support. `command` is the command that writes them (named in
    /// each script's header); `comparison`, the study's declared `compare:` block, draws the
    /// equivalence band on accuracy panels.
    public static func build(_ data: ReportData, command: String, comparison: ComparisonSpec? = nil) -> FigureSet {
        let context = FigureContext(command: command, marks: AccuracyMarks(data, comparison))
        var set = FigureSet(study: data.study)
        for builder in all {
            let part = builder.build(data, context)
            set.figures += part.figures
            set.skipped += part.skipped
        }
        return set
    }

    static let lengthAbout = "Error bars: min..max over seeds; points: the mean."

    /// `study: what (split's labels)`, the title of a figure of `split` (without its labels where
    /// the split has none).
    static func figureTitle(_ d: ReportData, _ what: String, _ split: Split) -> String {
        "\(d.study): \(what)" + (split.title.isEmpty ? "" : " (\(split.title))")
    }

    /// One point of a variant's line against the window: the window (`RunConfig.windowAxis`: −1 for
    /// a windowless variant) and the statistic over seeds there.
    struct WindowPoint {
        var window: Int
        var stat: Stat
    }

    /// The points of `variant`'s line among `configs`: `stat` of each of its configurations that has
    /// one, by window ascending. The reference is never a point (it is drawn as its own line), so
    /// a named entry of the reference's kind is a line of its own.
    static func windowPoints(_ variant: String, among configs: [RunConfig], _ stat: (RunConfig) -> Stat?) -> [WindowPoint] {
        configs.filter { $0.variant == variant && !$0.isReference }.compactMap { c in stat(c).map { WindowPoint(window: c.windowAxis, stat: $0) } }
            .sorted { $0.window < $1.window }
    }

    /// The configuration that stands for `variant`'s line (its label and style: the first that is
    /// not the reference) and the name of its data blocks: the variant, or for a set-apart entry of
    /// the reference's kind (a named full attention) the variant and its entry labels, so its block
    /// never shares the reference's name (gnuplot's `index "…"` would read the first of the two).
    static func seriesHead(_ variant: String, among configs: [RunConfig]) -> (config: RunConfig, block: String)? {
        guard let c = configs.first(where: { $0.variant == variant && !$0.isReference }) else { return nil }
        guard c.about.isReference else { return (c, variant) }
        return (c, ([variant] + RunConfig.entryLabels.compactMap { k in c.groups[k].map { "\(k)=\($0)" } }).joined(separator: " "))
    }

    /// The x tic of a window slot: the window, or for −1 (`RunConfig.windowAxis`: windowless)
    /// "linear only", unless a windowless configuration drawn there is a set-apart entry of the
    /// reference kind (a named full attention), where it says "no window".
    static func windowTic(_ w: Int, among configs: [RunConfig]) -> String {
        guard w == -1 else { return String(w) }
        return configs.contains { $0.window == nil && !$0.isReference && $0.about.isReference } ? "no window" : "linear only"
    }

    static func uniqueInOrder<T: Hashable>(_ xs: [T]) -> [T] {
        var seen = Set<T>()
        return xs.filter { seen.insert($0).inserted }
    }
}
