// roofline: the bench rows of a study placed on the machine's roofline. A panel per mode (train,
// prefill, decode), log-log: x = arithmetic intensity, the call's analytic FLOPs ÷ its compulsory
// bytes (`<mode>_call_flops`, `<mode>_call_bytes`, docs/conventions.md "Every mode's roofline"),
// y = attained FLOP/s, those FLOPs ÷ the call's median time; a line per configuration over the
// bench lengths, the median over rounds with min..max bars. The roof is min(peak, bandwidth × x)
// with the FMA peak and the triad bandwidth each run measured in its own process (their median
// over the rows drawn): a point's height under the roof is its fraction of the roofline.
import Foundation
import LabResults

extension Figures {
    struct RooflineFigure: FigureBuilder {
        var family: String { "roofline" }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet { roofline(d, context.command) }
    }

    static let rooflineModes = ["train", "prefill", "decode"]

    static func roofline(_ d: ReportData, _ command: String) -> FigureSet {
        let wanted = Set(rooflineModes.flatMap { [MetricName.callFlops($0), MetricName.callBytes($0), MetricName.secondsMedian($0)] }
                         + [MetricName.fmaPeakFlopsPerSecond, MetricName.triadBytesPerSecond])
        let obs = d.observations.filter { $0.kind == "bench" && wanted.contains($0.name) && $0.length != nil }
        guard obs.contains(where: { $0.name.hasSuffix("_call_flops") }) else {
            return d.observations.contains { $0.kind == "bench" }
                ? FigureSet(skipped: ["roofline: no bench rows with call FLOPs and bytes (rows written before they were recorded)"])
                : FigureSet()
        }
        var out = FigureSet()
        for split in ReportData.splits(obs) {
            // per run: each metric's value (one row = one run at one length)
            var runs: [String: (o: Observation, values: [String: Double])] = [:]
            for o in split.observations { runs[o.runID, default: (o, [:])].values[o.name] = o.value }
            let peak = Stat.of(runs.values.compactMap { $0.values[MetricName.fmaPeakFlopsPerSecond] })?.median
            let bandwidth = Stat.of(runs.values.compactMap { $0.values[MetricName.triadBytesPerSecond] })?.median
            guard let peak, let bandwidth else {
                out.skipped.append("roofline\(split.suffix): no roofline (FMA peak, triad bandwidth) in the rows"); continue
            }
            guard peak > 0, bandwidth > 0, peak.isFinite, bandwidth.isFinite else {
                out.skipped.append("roofline\(split.suffix): the rows' FMA peak (\(Fmt.num(peak))) or triad bandwidth (\(Fmt.num(bandwidth))) is not a positive number"); continue
            }
            struct PK: Hashable { var series: Series; var mode: String; var length: Int }
            // per point, every round's intensity and attained FLOP/s (the intensity is analytic, so the
            // rounds agree unless the rows were written by different code: the median is drawn)
            var intensities: [PK: [Double]] = [:], attained: [PK: [Double]] = [:]
            for (o, v) in runs.values {
                for mode in rooflineModes {
                    guard let flops = v[MetricName.callFlops(mode)], let bytes = v[MetricName.callBytes(mode)],
                          let seconds = v[MetricName.secondsMedian(mode)], flops > 0, bytes > 0, seconds > 0 else { continue }
                    let (x, y) = (flops / bytes, flops / seconds)
                    // a FLOP per byte or FLOP/s beyond 10^±30 is no measurement (and breaks log axes)
                    guard (1e-30...1e30).contains(x), (1e-30...1e30).contains(y) else { continue }
                    let k = PK(series: Series(config: o.config, kernel: o.kernel ?? ""), mode: mode, length: o.length!)
                    intensities[k, default: []].append(x)
                    attained[k, default: []].append(y)
                }
            }
            for mode in rooflineModes where !attained.keys.contains(where: { $0.mode == mode }) {
                if runs.values.contains(where: { $0.values[MetricName.callFlops(mode)] != nil }) {
                    out.skipped.append("roofline\(split.suffix): \(mode): no row with positive FLOPs, bytes and seconds giving a FLOP/byte and a FLOP/s within 10^±30")
                }
            }
            let abovePeak = attained.values.flatMap { $0 }.filter { $0 > peak * 1.05 }.count
            if abovePeak > 0 {
                out.skipped.append("roofline\(split.suffix): \(abovePeak) measurements attain more FLOP/s than the FMA peak in the rows: the rows contradict each other (drawn, above the roof)")
            }
            let series = Array(Set(attained.keys.map(\.series))).sorted()
            guard !series.isEmpty else { continue }
            let configs = series.map(\.config), kernels = ReportData.distinct(series.map(\.kernel))
            let title = figureTitle(d, "roofline", split)
            var file = DataFile(header: [title,
                "FMA peak \(String(format: "%.0f", peak / 1e9)) GFLOP/s, triad \(String(format: "%.1f", bandwidth / 1e9)) GB/s (medians over the rows' own measurements).",
                "One block per mode and configuration: length, intensity (FLOP/byte), attained FLOP/s median min max over the rounds, n, fraction of the roofline (median)."])
            let roof = "(x * \(Fmt.num(bandwidth)) < \(Fmt.num(peak)) ? x * \(Fmt.num(bandwidth)) : \(Fmt.num(peak)))"
            var panels: [Panel] = []
            for mode in rooflineModes {
                var elements = ["\(roof) with lines lc rgb \(Fmt.q(Style.roofColour)) lw 2 title \(Fmt.q("roofline"))"]
                var xs: [Double] = [], ys: [Double] = [peak]
                for s in series {
                    let keys = attained.keys.filter { $0.series == s && $0.mode == mode }.sorted { $0.length < $1.length }
                    guard !keys.isEmpty else { continue }
                    let label = s.config.name(showing: ReportData.varyingKeys(configs)) + (kernels.count > 1 ? " \(s.kernel)" : "")
                    let lines: [String] = keys.map { k in
                        let st = Stat.of(attained[k]!)!, x = Stat.of(intensities[k]!)!.median
                        let bound = min(peak, bandwidth * x)
                        xs.append(x); ys += [st.min, st.max]
                        return "\(k.length) \(Fmt.num(x)) \(Fmt.num(st.median)) \(Fmt.num(st.min)) \(Fmt.num(st.max)) \(st.n) \(Fmt.num(st.median / bound))"
                    }
                    let sel = file.add("\(mode) | \(label)", columns: "length intensity median min max n fraction_of_roofline", lines)
                    elements.append("data \(sel) using 2:3:4:5 with yerrorlines \(Style.line(s.config, kernel: s.kernel, among: configs, kernels: kernels)) lw 1.5 title \(Fmt.q(label))")
                }
                guard elements.count > 1 else { continue }
                let ridge = peak / bandwidth
                let (xlo, xhi) = (min(xs.min()!, ridge) / 3, max(xs.max()!, ridge) * 3)
                let positive = ys.filter { $0 > 0 }
                panels.append(Panel(comment: mode, settings: [
                    "set title \(Fmt.q("\(mode): attained FLOP/s against arithmetic intensity"))", "set logscale xy",
                    "set xrange [\(Fmt.num(xlo)):\(Fmt.num(xhi))]",
                    "set yrange [\(Fmt.num(positive.min()! / 3)):\(Fmt.num(max(peak, positive.max()!) * 2))]",
                    "set format x \"%.0s%c\"", "set format y \"%.0s%cFLOP/s\"",
                    "set xlabel \"FLOPs per compulsory byte, log scale\"", "set ylabel \"attained FLOP/s, log scale\"",
                    "set key outside right top",
                ], elements: elements))
            }
            guard !panels.isEmpty else { continue }
            out.figures.append(Figure(name: "roofline" + split.suffix, title: title,
                caption: "Train, prefill and decode calls on the machine's roofline (FMA peak \(String(format: "%.0f", peak / 1e9)) GFLOP/s, triad \(String(format: "%.1f", bandwidth / 1e9)) GB/s, medians of the rows' own measurements): analytic FLOPs ÷ compulsory bytes against attained FLOP/s, a line per configuration over the bench lengths.",
                file: file,
                about: ["The roofline min(peak, bandwidth × intensity) with the FMA peak and triad bandwidth measured in the runs' own processes (medians over the rows).",
                        "x: a call's analytic FLOPs ÷ the bytes it must move even with every activation in cache (docs/conventions.md); y: those FLOPs ÷ the call's median time.",
                        "A point's height under the roof is its fraction of the roofline (the data file's last column); bars min..max over the rounds.",
                        "A point above the sloped roof moved its bytes faster than the triad's 64 MiB arrays stream from memory: its weights and state stayed in the last-level cache."],
                command: command, panels: panels, columns: 3, panelSize: (600, 420), common: ["set grid"]))
        }
        return out
    }
}
