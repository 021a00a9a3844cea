// `attnlab report STUDY`: the study's notebook, runs/<name>/notebook.md (notebooks-md/<name>.md with
// --publish; docs/report.md): question,
// setup, provenance, what finished, generated tables and the figures (drawn first, by `plot`,
// unless --no-plots). Only the contents of the generated markers are rewritten; hand-written text
// (the Answer) survives.
import ArgumentParser
import Foundation
import LabHarness
import LabReport
import LabResults

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write or refresh a study's Markdown notebook (runs/<name>/notebook.md; notebooks-md/<name>.md with --publish); draws its figures first.")
    @Argument(help: "Study file (studies/NAME.yaml) or study name.") var study: String
    @Option(help: "Results file (default: runs/<name>/results.jsonl and its shard files, merged; results/<name>/… with --publish).")
    var results: String?
    @Option(help: "Notebook file (default runs/<name>/notebook.md; notebooks-md/<name>.md with --publish).") var out: String?
    @Option(help: "Figure folder (default runs/<name>/plots; plots/<name> with --publish).") var plots: String?
    @Flag(help: "The canonical places: rows from results/<name>, figures into plots/<name>, notebook notebooks-md/<name>.md.") var publish = false
    @Option(help: "Effective length: the largest eval length whose mean accuracy is at least this.") var threshold: Double = 0.85
    @Flag(help: "Do not draw the figures (the notebook still links them).") var noPlots = false
    @Option(help: ArgumentHelp("Also rewrite the section STUDY-headline of this Markdown file (e.g. README.md): the smallest-window table at the train length, a figure and this command.",
                               discussion: "The file must already hold the section's two marker lines, <!-- generated:begin STUDY-headline --> and <!-- generated:end STUDY-headline -->, where the headline goes."))
    var readme: String?

    func run() throws {
        try reportingErrors {
            guard threshold.isFinite, threshold >= 0, threshold <= 1 else { throw UsageFailure("--threshold \(threshold): not in 0...1") }
            let s = try StudyFile.resolve(study)
            let places = StudyLocations(study: s.name, publish: publish)
            let notebook = out ?? places.notebook
            let plotsDir = plots ?? places.plots
            // refuse a notebook with broken markers before drawing anything
            if let existing = FileManager.default.contents(atPath: notebook) {
                _ = try Notebook.markers(in: String(decoding: existing, as: UTF8.self), file: notebook)
            }
            let headlineSection = "\(s.name)-headline"
            var readmeText: String? = nil
            if let readme {
                guard let data = FileManager.default.contents(atPath: readme) else { throw UsageFailure("--readme \(readme): no such file") }
                readmeText = String(decoding: data, as: UTF8.self)
                guard try Notebook.markers(in: readmeText!, file: readme)[headlineSection] != nil else {
                    throw UsageFailure("--readme \(readme): no section \(headlineSection) (put the lines `\(Notebook.begin(headlineSection))` and `\(Notebook.end(headlineSection))` where the headline goes)")
                }
            }
            let data = try loadReportData(s, results: results, folder: places.results)
            let publishFlag = publish ? " --publish" : ""
            var plotCommand = "attnlab plot \(s.path ?? s.name)" + publishFlag
            if let results { plotCommand += " --results \(results)" }
            if plots != nil { plotCommand += " --out \(plotsDir)" }
            // the comparisons declared in the study file (before drawing: a broken block stops here)
            let comparison = try declaredComparison(s)
            let figures = noPlots ? Figures.build(data.data, command: plotCommand, comparison: comparison)
                : try drawFigures(data, out: plotsDir, command: plotCommand, comparison: comparison)
            // the runs the study file expands to, for `pending` (cheap; skipped when the file does not load)
            let expected = s.path.flatMap { try? Study.load(path: $0).expand() }.map { Set($0.map(\.id)) }
            var reportCommand = "attnlab report \(s.path ?? s.name)" + publishFlag
            if let results { reportCommand += " --results \(results)" }
            if let out { reportCommand += " --out \(out)" }
            if plots != nil { reportCommand += " --plots \(plotsDir)" }
            if threshold != 0.85 { reportCommand += " --threshold \(threshold)" }
            let input = NotebookInput(
                study: s, data: data.data, sources: data.sources, expectedRunIDs: expected, threshold: threshold,
                figures: figures, plotsLink: Notebook.relativePath(from: (notebook as NSString).deletingLastPathComponent, to: plotsDir),
                plotsDir: plotsDir, plotCommand: plotCommand, reportCommand: reportCommand, comparison: comparison)
            let created = try Notebook.write(input, to: notebook)
            print("\(notebook) (\(created ? "created" : "updated"))")
            if let readme, let readmeText {
                let dir = (readme as NSString).deletingLastPathComponent
                let body = Notebook.headline(input, plotsLink: Notebook.relativePath(from: dir, to: plotsDir),
                                             notebookLink: Notebook.relativePath(from: dir, to: notebook), command: reportCommand + " --readme \(readme)")
                let text = try Notebook.update(readmeText, file: readme, sections: [(headlineSection, body)])
                do { try text.write(toFile: readme, atomically: true, encoding: .utf8) } catch {
                    throw UsageFailure("--readme \(readme): cannot write: \(error.localizedDescription)")
                }
                print("\(readme) (section \(headlineSection) updated)")
            }
        }
    }
}
