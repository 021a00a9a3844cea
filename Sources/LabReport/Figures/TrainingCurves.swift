// curves.TASK: validation loss and accuracy against training step, a line per run.
import Foundation
import LabResults

extension Figures {
    /// curves.TASK, per split of the grouping labels.
    struct TrainingCurves: FigureBuilder {
        var family: String { "training curves" }
        func build(_ d: ReportData, _ context: FigureContext) -> FigureSet { curves(d, context.command) }
    }

    static func curves(_ d: ReportData, _ command: String) -> FigureSet {
        let metrics = [MetricName.curveValidationLoss, MetricName.curveValidationAccuracy]
        let obs = d.observations.filter { $0.kind == "accuracy" && metrics.contains($0.name) && $0.step != nil }
        guard !obs.isEmpty else { return FigureSet(skipped: ["training curves: no curve_val_loss/curve_val_accuracy rows"]) }
        let chance = d.observations(MetricName.chanceAccuracy, kind: "accuracy")
        var out = FigureSet()
        for split in ReportData.splits(obs) {
            for task in ReportData.tasks(split.observations) {
                let tobs = split.observations.filter { $0.task == task }
                // the curves' length (the train length): one, for one chance level per panel
                let curveLengths = ReportData.distinct(tobs.map(\.length))
                let configs = Array(Set(tobs.map(\.config))).sorted()
                let kernels = ReportData.distinct(tobs.map(\.kernel))
                let runs = uniqueInOrder(tobs.sorted { a, b in
                    a.config != b.config ? a.config < b.config : numericAwareLess(a.seed ?? "", b.seed ?? "")
                }.map(\.runID))
                let name = "curves." + Fmt.fileSafe(task) + split.suffix
                let title = figureTitle(d, "training curves, \(task)", split)
                var file = DataFile(header: [title, "One block per metric and run: step value (one validation each)."])
                var panels: [Panel] = []
                var drewChance = false
                for m in metrics {
                    var elements: [String] = [], extra: [String] = []
                    var titled = Set<String>()
                    for r in runs {
                        let pts = tobs.filter { $0.runID == r && $0.name == m }.sorted { $0.step! < $1.step! }
                        guard let first = pts.first else { continue }
                        let kernel = kernels.count > 1 ? first.kernel : nil
                        let label = first.config.name() + (kernel.map { " \($0)" } ?? "") + (first.seed.map { " seed \($0)" } ?? "")
                        let sel = file.add("\(m) | \(label) | \(r)", columns: "step value", pts.map { "\($0.step!) \(Fmt.num($0.value))" })
                        let series = first.config.name() + (kernel.map { " \($0)" } ?? "")
                        let t = titled.insert(series).inserted ? "title \(Fmt.q(series))" : "notitle"
                        elements.append("data \(sel) using 1:2 with lines \(Style.line(first.config, kernel: kernel, among: configs, kernels: kernels)) lw 1.2 \(t)")
                    }
                    guard !elements.isEmpty else { continue }
                    var chanceValue: Double? = nil
                    if m == MetricName.curveValidationAccuracy, curveLengths.count == 1,
                       let line = chanceLine(chance, task: task, length: curveLengths[0], runs: Set(runs), file: &file) {
                        extra.append(line.setting)
                        chanceValue = line.value
                        elements.append(line.element)
                        drewChance = true
                    }
                    let range = yRange(tobs.filter { $0.name == m }.map(\.value), chance: chanceValue, elements: &elements)
                    // the stats lines read the .dat before the y range is set (stats skips values outside it)
                    panels.append(Panel(comment: m, settings: ["set autoscale y"] + extra + [
                        "set title \(Fmt.q(m == MetricName.curveValidationLoss ? "validation loss" : "validation accuracy"))",
                        "set xlabel \"training step\"",
                        "set ylabel \(Fmt.q(m == MetricName.curveValidationLoss ? "loss (nats)" : "accuracy on the validation split"))",
                        m == MetricName.curveValidationLoss ? "set autoscale y" : range.setting,
                        "set key outside below height 1",
                    ], elements: elements))
                }
                guard !panels.isEmpty else { continue }
                out.figures.append(Figure(name: name, title: title,
                                          caption: "Training curves on \(task): validation loss and accuracy vs step, one line per run"
                                            + (drewChance ? "; chance level (eval examples at the train length) dashed." : "."),
                    file: file,
                    about: ["Validation loss and accuracy at each validation during training, one line per run",
                            "(seeds of one configuration share its colour, paler for smaller windows; dash: kernel)" + (drewChance
                                ? "; grey dashed: the chance level on the eval examples at the train length." : ".")],
                    command: command, panels: panels, columns: 2, panelSize: (600, 480), common: ["set grid"]))
            }
        }
        return out
    }
}
