// The reference marks of every accuracy panel (accuracy vs window, the Pareto figures): the chance
// level, the training target and the declared equivalence band, and the y ranges zoomed to the data
// and these marks. Colours and dashes: Style.swift.
import Foundation
import LabResults

extension Figures {
    /// What an accuracy panel draws besides its data: the chance level, the training target and
    /// the equivalence band of the declared comparison.
    struct AccuracyMarks {
        /// The `chance_accuracy` observations.
        var chance: [Observation]
        /// The training target (`target_accuracy` of the accuracy runs' recipe; the largest when
        /// they differ); nil when no run had one.
        var target: Double?
        var comparison: ComparisonSpec?

        init(_ d: ReportData, _ comparison: ComparisonSpec?) {
            chance = d.observations(MetricName.chanceAccuracy, kind: "accuracy")
            target = d.okRows.filter { $0.kind == "accuracy" }.compactMap { $0.config["train"]?["targetAccuracy"]?.doubleValue }.max()
            self.comparison = comparison
        }

        /// The equivalence band on `task` at `length`: the mean of the reference's accuracy rows among
        /// `obs` ± the margin; nil without a comparison on `accuracy` at that length.
        func band(_ obs: [Observation], task: String, length: Int) -> (reference: Double, margin: Double, name: String)? {
            guard let c = comparison, c.metric == MetricName.accuracy, !c.lowerIsBetter, c.lengths?.contains(length) ?? true else { return nil }
            let labels = c.reference.filter { $0.key != "kernel" }
            let refs = obs.filter { o in
                o.name == MetricName.accuracy && o.task == task && o.length == length && Comparisons.matches(o.config, labels)
                    && (c.reference["kernel"].map { o.kernel == $0 } ?? true)
            }
            guard let s = Stat.of(refs.map(\.value).filter(\.isFinite)) else { return nil }
            let name = c.reference.keys.sorted().map { c.reference[$0]! }.joined(separator: " ")
            return (s.mean, c.margin, name)
        }

        /// Adds the marks of one panel (task, length; `obs` and `runs`: the split's) to `file`,
        /// `settings` and `elements`; returns the accuracy values the y range must show (the band,
        /// the target) and the chance level (shown only when the range reaches it: `yRange`).
        func draw(task: String, length: Int, obs: [Observation], runs: Set<String>?, file: inout DataFile,
                  settings: inout [String], elements: inout [String]) -> (values: [Double], chance: Double?) {
            var values: [Double] = []
            if let b = band(obs, task: task, length: length) {
                let sel = file.add("L=\(length) | equivalence band", columns: "reference_mean margin low high",
                                   ["\(Fmt.num(b.reference)) \(Fmt.num(b.margin)) \(Fmt.num(b.reference - b.margin)) \(Fmt.num(b.reference + b.margin))"])
                settings.append("stats data \(sel) using 3 name \"band_low\" nooutput")
                settings.append("stats data \(sel) using 4 name \"band_high\" nooutput")
                elements.insert("'+' using 1:(band_low_min):(band_high_max) with filledcurves fc rgb \(Fmt.q(Style.bandColour)) fs transparent solid 0.35 noborder "
                                + "title \(Fmt.q("equivalent to \(b.name): ±\(Fmt.num(b.margin)) of its mean (declared margin)"))", at: 0)
                values += [b.reference - b.margin, b.reference + b.margin]
            }
            if let t = target {
                elements.append("\(Fmt.num(t)) with lines lc rgb \(Fmt.q(Style.targetColour)) dt \(Style.targetDash) lw 1.5 title \(Fmt.q("training target \(Fmt.num(t))"))")
                values.append(t)
            }
            var chanceValue: Double? = nil
            if let line = chanceLine(chance, task: task, length: length, runs: runs, file: &file) {
                settings.append(line.setting)
                elements.append(line.element)
                chanceValue = line.value
            }
            return (values, chanceValue)
        }
    }

    /// Which reference marks the panels of one figure drew, for its script header and caption.
    struct MarksDrawn {
        var chance = false, target = false, band = false

        /// Notes one panel's marks: `chance`, what `AccuracyMarks.draw` returned for it; `band`,
        /// whether it had an equivalence band.
        mutating func note(chance drawnChance: Double?, target hasTarget: Bool, band hasBand: Bool) {
            chance = chance || drawnChance != nil
            target = target || hasTarget
            band = band || hasBand
        }

        /// What each mark drawn looks like (`grey band: …`, `dotted: …`, then `grey dashed: ` and
        /// `chanceName`), in that order; empty when none was drawn.
        func texts(chanceName: String) -> [String] {
            [band ? "grey band: the declared equivalence margin around the reference" : nil,
             target ? "dotted: the training target" : nil,
             chance ? "grey dashed: " + chanceName : nil].compactMap { $0 }
        }
    }

    /// `yRange` of an accuracy panel whose plot elements are `elements`: where the range leaves the
    /// chance level below the axis, its line (the last `chance_mean` element) becomes a key entry
    /// saying so (`chanceBelow`).
    static func yRange(_ values: [Double], chance: Double?, elements: inout [String]) -> (setting: String, chanceShown: Bool) {
        let range = yRange(values, chance: chance)
        if let c = chance, !range.chanceShown, let i = elements.lastIndex(where: { $0.hasPrefix("chance_mean") }) {
            elements[i] = chanceBelow(c)
        }
        return range
    }

    /// The y range of an accuracy panel: the data and `marks` with a margin of 8 % of their span (at
    /// least 0.005), clipped to [0, 1] plus the margin; the chance level joins the range when it lies
    /// within one span below the data (else its key entry says it is below the axis). Returns the
    /// `set yrange` line and whether the chance level is inside.
    static func yRange(_ values: [Double], chance: Double?) -> (setting: String, chanceShown: Bool) {
        var v = values.filter(\.isFinite)
        guard let lo0 = v.min(), let hi0 = v.max() else { return ("set yrange [0:1.05]", true) }
        var chanceShown = chance == nil
        if let c = chance, c >= lo0 - max(hi0 - lo0, 0.05) { v.append(c); chanceShown = true }
        let (lo, hi) = (v.min()!, v.max()!)
        let pad = max((hi - lo) * 0.08, 0.005)
        return ("set yrange [\(Fmt.num(max(lo - pad, -0.02))):\(Fmt.num(min(hi + pad, 1 + pad)))]", chanceShown)
    }

    /// The y range of a close-up around the reference: its min..max over seeds, the marks (band,
    /// target) and the other configurations' values (`data`) within 0.05 of them, padded; nil when
    /// none lies that near, or when the panel's full range (`full`, a `set yrange [lo:hi]` line) is
    /// already no wider than 4 times the close-up's.
    static func closeUp(reference: [Stat], marks: [Double], data: [Double], full: String) -> String? {
        guard !reference.isEmpty else { return nil }
        let core = reference.flatMap { [$0.min, $0.max] } + marks
        let (c0, c1) = (core.min()!, core.max()!)
        let near = data.filter { $0 >= c0 - 0.05 && $0 <= c1 + 0.05 }
        guard !near.isEmpty else { return nil }
        let lo = (near + core).min()!, hi = (near + core).max()!
        let pad = max((hi - lo) * 0.15, 0.002)
        let bounds = full.dropFirst("set yrange [".count).dropLast().split(separator: ":").compactMap { Double($0) }
        guard bounds.count == 2, bounds[1] - bounds[0] > 4 * (hi - lo + 2 * pad) else { return nil }
        return "set yrange [\(Fmt.num(lo - pad)):\(Fmt.num(min(hi + pad, 1 + pad)))]"
    }

    /// The chance level of `task` at `length`: the mean `chance_accuracy` of the rows of `runs` (all
    /// rows when nil), added to `file` as a block `L=length | chance`, with the panel setting that reads
    /// it and the plot element that draws it as a labelled grey dashed line; nil when no row records it.
    static func chanceLine(_ chance: [Observation], task: String, length: Int, runs: Set<String>?,
                           file: inout DataFile) -> (setting: String, element: String, value: Double)? {
        let values = chance.filter { $0.task == task && $0.length == length && (runs?.contains($0.runID) ?? true) }.map(\.value)
        guard let s = Stat.of(values.filter(\.isFinite)) else { return nil }
        let name = "L=\(length) | chance"
        let sel = file.has(name) ? "index " + Fmt.q("[\(name)]")
            : file.add(name, columns: "mean min max n", ["\(Fmt.num(s.mean)) \(Fmt.num(s.min)) \(Fmt.num(s.max)) \(s.n)"])
        return ("stats data \(sel) using 1 name \"chance\" nooutput",
                "chance_mean with lines lc rgb \(Fmt.q(Style.chanceColour)) dt \(Style.chanceDash) lw 2 title sprintf(\"chance (best constant answer) %.3f\", chance_mean)",
                s.mean)
    }

    /// The chance line's element when the zoomed y range leaves it below the axis: a key entry only.
    static func chanceBelow(_ value: Double) -> String {
        "chance_mean with lines lc rgb \(Fmt.q(Style.chanceColour)) dt \(Style.chanceDash) lw 2 title sprintf(\"chance (best constant answer) %.3f, below the axis\", chance_mean)"
    }
}
