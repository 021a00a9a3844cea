// throughput-vs-length, memory-vs-length: bench metrics against context length, log-log, the
// median over rounds with min..max bars.
import Foundation
import LabResults

extension Figures {
    /// throughput-vs-length (or memory-vs-length with `memory`), per split of the grouping labels.
    struct BenchVsLength: FigureBuilder {
        var memory: Bool
        var family: String { memory ? "memory vs length" : "throughput vs length" }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet { benchVsLength(d, context.command, memory: memory) }
    }

    static func benchVsLength(_ d: ReportData, _ command: String, memory: Bool) -> FigureSet {
        let metrics = memory ? [MetricName.stateBytes, MetricName.measuredStateBytes, MetricName.peakResidentBytes]
            : [MetricName.tokensPerSecond("train"), MetricName.tokensPerSecond("prefill"), MetricName.tokensPerSecond("decode")]
        let what = memory ? "memory" : "throughput"
        let obs = d.observations.filter { $0.kind == "bench" && metrics.contains($0.name) && $0.length != nil }
        guard !obs.isEmpty else { return FigureSet(skipped: ["\(what) vs length: no bench rows with \(metrics.joined(separator: "/"))"]) }
        var out = FigureSet()
        for split in ReportData.splits(obs) {
            struct SK: Hashable { var config: RunConfig; var kernel: String; var metric: String; var length: Int }
            let stats = ReportData.aggregate(split.observations) { SK(config: $0.config, kernel: $0.kernel ?? "", metric: $0.name, length: $0.length!) }
            let series = Array(Set(stats.keys.map { Series(config: $0.config, kernel: $0.kernel) })).sorted()
            let configs = series.map(\.config)
            let kernels = ReportData.distinct(series.map(\.kernel))
            let rounds = stats.values.map(\.n).max() ?? 1
            let flagged = stats.filter { $0.value.spreadFlagged }.count
            let name = "\(what)-vs-length" + split.suffix
            let title = figureTitle(d, "\(what) vs context length", split)
            var file = DataFile(header: [title, "One block per metric and configuration: the median over the bench rounds, min..max, n rounds, spread (max − min)/median."])
            var panels: [Panel] = []
            for m in metrics {
                var elements: [String] = []
                var values: [Double] = []
                for s in series {
                    let rows = stats.filter { $0.key.metric == m && $0.key.config == s.config && $0.key.kernel == s.kernel }
                        .sorted { $0.key.length < $1.key.length }
                    guard !rows.isEmpty else { continue }
                    let label = s.config.name(showing: ReportData.varyingKeys(configs)) + (kernels.count > 1 ? " \(s.kernel)" : "")
                    let sel = file.add("\(m) | \(label)", columns: "length median min max n spread",
                                       rows.map { "\($0.key.length) \(Fmt.num($0.value.median)) \(Fmt.num($0.value.min)) \(Fmt.num($0.value.max)) \($0.value.n) \(Fmt.num($0.value.spread))" })
                    values += rows.flatMap { [$0.value.min, $0.value.max] }
                    // series nudged apart along the log x axis (±6 % at most) so their bars do not hide each other
                    let i = series.firstIndex(of: s) ?? 0
                    let nudge = series.count > 1 ? pow(2, (Double(i) / Double(series.count - 1) - 0.5) * 0.16) : 1
                    elements.append("data \(sel) using ($1*\(Fmt.num(nudge))):2:3:4 with yerrorlines \(Style.line(s.config, kernel: s.kernel, among: configs, kernels: kernels)) lw 1.5 title \(Fmt.q(label))")
                }
                guard !elements.isEmpty else { continue }
                let lengths = ReportData.distinct(split.observations.filter { $0.name == m }.map(\.length))
                let positive = values.filter { $0 > 0 && $0.isFinite }
                // a log axis with room above and below every line (nothing on the frame)
                let yr = positive.isEmpty ? "set autoscale y" : "set yrange [\(Fmt.num(positive.min()! / 1.8)):\(Fmt.num(positive.max()! * 1.8))]"
                    + "; " + (memory ? "set ytics autofreq" : logTics(positive.min()! / 1.8, positive.max()! * 1.8) ?? "set ytics autofreq")
                panels.append(Panel(comment: m, settings: [
                    "set title \(Fmt.q(Style.metricTitle(m)))", "set logscale xy",
                    "set xrange [\(Fmt.num(Double(lengths.first!) / 1.5)):\(Fmt.num(Double(lengths.last!) * 1.5))]",
                    "set xtics (\(lengths.map { "\"\($0)\" \($0)" }.joined(separator: ", ")))",
                    memory ? "set logscale y 2; set format y \"%.0b %BB\"" : "set format y \"%.0s%c\"", yr,
                    "set xlabel \"context length (tokens)\"", "set ylabel \(Fmt.q(memory ? "bytes, log scale" : "tokens per second, log scale"))",
                    "set key outside right top",
                ], elements: elements))
            }
            guard !panels.isEmpty else { continue }
            let spreadNote = rounds > 1
                ? "Median of \(rounds) interleaved rounds, bars min..max; \(flagged) of \(stats.count) points spread more than \(Int(Stat.spreadLimit * 100)) % of their median."
                : "One round per point (no spread measured: set bench.repeats)."
            out.figures.append(Figure(name: name, title: title,
                                      caption: memory ? "Decode-state bytes (analytic and measured) and peak resident memory vs context length, log-log."
                                          : "Train, prefill and decode tokens/s vs context length, log-log. " + spreadNote,
                file: file,
                about: ["Bench \(what) against context length, log-log, one line per variant/window" + (kernels.count > 1 ? "/kernel." : "."),
                        "Colour: variant (paler: smaller window); marker: stack; dash: kernel.",
                        memory ? "Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory."
                            : "Tokens per second of a training step, a prefill and a decode step (median of the bench budget).",
                        spreadNote],
                command: command, panels: panels, columns: 3, panelSize: (600, 420), common: ["set grid"]))
        }
        return out
    }

    /// Tics at 1, 2 and 5 × 10^k between `lo` and `hi` (`set ytics ("2k" 2000, …)`) for a log axis
    /// spanning under three decades, where gnuplot's decade tics would leave one label or none.
    static func logTics(_ lo: Double, _ hi: Double) -> String? {
        guard lo > 0, hi > lo, hi / lo < 1000 else { return nil }
        var tics: [Double] = []
        var decade = pow(10, floor(log10(lo)))
        while decade <= hi {
            for m in [1.0, 2.0, 5.0] where decade * m >= lo && decade * m <= hi { tics.append(decade * m) }
            decade *= 10
        }
        func text(_ v: Double) -> String {
            for (unit, suffix) in [(1e9, "G"), (1e6, "M"), (1e3, "k")] where v >= unit { return Fmt.num(v / unit) + suffix }
            return Fmt.num(v)
        }
        return "set ytics (" + tics.map { "\"\(text($0))\" \(Fmt.num($0))" }.joined(separator: ", ") + ")"
    }

    struct Series: Hashable, Comparable {
        var config: RunConfig
        var kernel: String
        static func < (a: Series, b: Series) -> Bool { a.config != b.config ? a.config < b.config : a.kernel < b.kernel }
    }
}
