// `attnlab plot STUDY [--results FILE] [--out DIR]`: a study's figures (docs/report.md). For each
// figure it writes NAME.dat, NAME.gp (self-contained: `gnuplot NAME.gp` in that folder redraws it),
// NAME.png and NAME.svg under plots/<study>/, and prints each file written; the study's figures
// left there by an earlier draw that the rows no longer give are removed (`removed PATH`).
import ArgumentParser
import Foundation
import LabCore
import LabHarness
import LabReport
import LabResults

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a study's figures with gnuplot (.dat, .gp, .png, .svg under plots/<study>/).")
    @Argument(help: "Study file (studies/NAME.yaml) or study name.") var study: String
    @Option(help: "Results file (default: runs/<name>/results.jsonl and its shard files, merged; results/<name>/… with --publish).")
    var results: String?
    @Option(help: "Output folder (default runs/<name>/plots; plots/<name> with --publish).") var out: String?
    @Flag(help: "The canonical places: rows from results/<name>, figures into plots/<name>.") var publish = false

    func run() throws {
        try reportingErrors {
            let s = try StudyFile.resolve(study)
            let places = StudyLocations(study: s.name, publish: publish)
            let data = try loadReportData(s, results: results, folder: places.results)
            var command = "attnlab plot \(study)" + (publish ? " --publish" : "")
            if let results { command += " --results \(results)" }
            if let out { command += " --out \(out)" }
            _ = try drawFigures(data, out: out ?? places.plots, command: command, comparison: try declaredComparison(s))
        }
    }
}

/// The rows of study `s` (from `results`, or the results file or shards in `folder`), notes on stderr.
func loadReportData(_ s: StudyFile, results: String?, folder: String) throws -> (data: ReportData, sources: [String]) {
    let loaded = try ReportInput.load(study: s.name, results: results, folder: folder)
    for n in loaded.notes { FileHandle.standardError.writeIgnoringErrors("attnlab: \(n)\n") }
    return (ReportData(study: s.name, rows: loaded.rows), loaded.sources)
}

/// Builds and draws every figure the rows support into `out`; prints each file written and each
/// figure skipped (with why).
func drawFigures(_ data: (data: ReportData, sources: [String]), out: String, command: String,
                 comparison: ComparisonSpec? = nil) throws -> FigureSet {
    let gnuplot = try Gnuplot.locate()
    if data.data.okRows.isEmpty { throw UsageFailure("\(data.sources.joined(separator: ", ")): no ok rows (all \(data.data.rows.count) runs failed)") }
    let set = Figures.build(data.data, command: command, comparison: comparison)
    try Plotter.write(set, to: out, gnuplot: gnuplot) { print($0) }
    for s in set.skipped { print("skipped: \(s)") }
    return set
}

/// The comparisons declared in the study file (`compare:`), for the notebook's section and the
/// figures' equivalence band: a file with a `compare:` block must load (a broken block is an
/// error, not "no comparison declared"); nil without a block or a study file.
func declaredComparison(_ s: StudyFile) throws -> ComparisonSpec? {
    guard let path = s.path, let text = s.text, text.split(separator: "\n").contains(where: { $0.hasPrefix("compare:") }),
          let c = try Study.load(path: path).compare else { return nil }
    return ComparisonSpec(reference: c.reference, metric: c.metric, lowerIsBetter: c.lowerIsBetter, margin: c.margin, lengths: c.lengths)
}
