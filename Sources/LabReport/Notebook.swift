// A study's Markdown notebook (notebooks-md/<name>.md). Everything generated lives between
// markers on lines of their own:
//     <!-- generated:begin SECTION -->
//     …
//     <!-- generated:end SECTION -->
// Regenerating replaces only the contents of each section's markers, so hand-written text around
// them (the Answer) survives; a section missing from the notebook is inserted under its heading (else appended at the end). A
// notebook whose markers are unbalanced, nested, duplicated or malformed is an error naming the
// file, the line and the marker, and is left as it is.
import Foundation
import LabResults

/// What a notebook is made of.
public struct NotebookInput: Sendable {
    public var study: StudyFile
    public var data: ReportData
    /// The results files read.
    public var sources: [String]
    /// The run ids the study file expands to, when the caller could compute them (for `pending`).
    public var expectedRunIDs: Set<String>?
    /// Effective length: the largest eval length whose mean accuracy is at least this.
    public var threshold: Double
    public var figures: FigureSet
    /// The plot folder as seen from the notebook's folder (image links), e.g. `../plots/quickstart`.
    public var plotsLink: String
    /// The plot folder as seen from the repository root (commands), e.g. `plots/quickstart`.
    public var plotsDir: String
    /// The command that writes the figures, e.g. `attnlab plot studies/quickstart.yaml`.
    public var plotCommand: String
    /// The command that regenerates the notebook.
    public var reportCommand: String
    /// The study file's `compare:` block (nil: none declared), read by the caller.
    public var comparison: ComparisonSpec?

    public init(study: StudyFile, data: ReportData, sources: [String], expectedRunIDs: Set<String>? = nil,
                threshold: Double = 0.85, figures: FigureSet, plotsLink: String, plotsDir: String,
                plotCommand: String, reportCommand: String, comparison: ComparisonSpec? = nil) {
        self.study = study; self.data = data; self.sources = sources; self.expectedRunIDs = expectedRunIDs
        self.threshold = threshold; self.figures = figures; self.plotsLink = plotsLink; self.plotsDir = plotsDir
        self.plotCommand = plotCommand; self.reportCommand = reportCommand
        self.comparison = comparison
    }
}

public enum Notebook {
    public static func begin(_ section: String) -> String { "<!-- generated:begin \(section) -->" }
    public static func end(_ section: String) -> String { "<!-- generated:end \(section) -->" }

    /// Section names, in the skeleton's order.
    public static let sectionOrder = ["question", "answer-summary", "cost-summary", "setup", "provenance", "status", "comparisons", "tables", "figures"]

    // MARK: - Sections

    /// The generated sections (name → Markdown body), pure in the input.
    public static func sections(_ input: NotebookInput) -> [(name: String, body: String)] {
        [("question", question(input)), ("answer-summary", Summary.markdown(input.data)),
         ("cost-summary", CostSummary.markdown(input.data, input.comparison)), ("setup", setup(input)), ("provenance", provenance(input.data)),
         ("status", status(input)), ("comparisons", Comparisons.markdown(input.data, input.comparison)), ("tables", Tables.all(input.data, threshold: input.threshold)), ("figures", figures(input))]
    }

    static func question(_ input: NotebookInput) -> String {
        guard let q = input.study.question, !q.isEmpty else {
            return "_No question: \(input.study.path.map { "`\($0)` has no `question:` key" } ?? "no study file was found for `\(input.study.name)`")._\n"
        }
        return q.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n"
    }

    static func setup(_ input: NotebookInput) -> String {
        let d = input.data
        var s = "Results: " + input.sources.map { "`\($0)`" }.joined(separator: ", ") + " (\(d.rows.count) runs).\n\n"
        func values(_ label: String, _ kind: String) -> [String] {
            Array(Set(d.rows.filter { $0.kind == kind }.compactMap { $0.labels[label] })).sorted(by: numericAwareLess)
        }
        func list(_ xs: [String]) -> String { xs.map { "`\($0)`" }.joined(separator: ", ") }
        let acc = d.rows.filter { $0.kind == "accuracy" }
        if !acc.isEmpty {
            var parts = ["variants " + list(values("variant", "accuracy"))]
            let w = values("window", "accuracy"); if !w.isEmpty { parts.append("windows " + list(w)) }
            parts.append("tasks " + list(values("task", "accuracy")))
            for (label, text) in [("seed", "seeds"), ("learning_rate", "learning rates"), ("train_length", "train lengths")] {
                let v = values(label, "accuracy"); if !v.isEmpty { parts.append(text + " " + list(v)) }
            }
            let others = Set(acc.flatMap { $0.labels.keys }).subtracting(RunConfig.nonGroupLabels).subtracting(RunConfig.recipeLabels).sorted()
            for k in others { parts.append("\(k) " + list(values(k, "accuracy"))) }
            let evals = Array(Set(d.observations(MetricName.accuracy, kind: "accuracy").compactMap(\.length))).sorted().map(String.init)
            if !evals.isEmpty { parts.append("eval lengths " + list(evals)) }
            s += "- \(acc.count) accuracy runs: " + parts.joined(separator: "; ") + ".\n"
        }
        let bench = d.rows.filter { $0.kind == "bench" }
        if !bench.isEmpty {
            var parts = ["variants " + list(values("variant", "bench"))]
            let w = values("window", "bench"); if !w.isEmpty { parts.append("windows " + list(w)) }
            parts.append("lengths " + list(values("length", "bench")))
            parts.append("kernels " + list(values("kernel", "bench")))
            let others = Set(bench.flatMap { $0.labels.keys }).subtracting(RunConfig.nonGroupLabels).sorted()
            for k in others { parts.append("\(k) " + list(values(k, "bench"))) }
            s += "- \(bench.count) bench runs: " + parts.joined(separator: "; ") + ".\n"
        }
        if let path = input.study.path, let text = input.study.text {
            s += "\nThe study file, `\(path)`:\n\n```yaml\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "```\n"
        } else {
            s += "\n_No study file found for `\(input.study.name)`._\n"
        }
        return s
    }

    static func provenance(_ d: ReportData) -> String {
        let rows = d.rows
        guard !rows.isEmpty else { return "_No rows._\n" }
        func counted(_ xs: [String]) -> String {
            var n: [String: Int] = [:]
            for x in xs { n[x, default: 0] += 1 }
            return n.keys.sorted().map { "`\($0)` (\(n[$0]!))" }.joined(separator: ", ")
        }
        let p = rows.map(\.provenance)
        var s = ""
        s += "- commits: " + counted(p.map { String($0.gitCommit.prefix(12)) + ($0.gitDirty ? " + uncommitted changes" : "") }) + "\n"
        s += "- machines: " + counted(p.map { "\($0.cpuModel) × \($0.cores) cores" }) + "\n"
        s += "- hosts: " + counted(p.map(\.hostname)) + "\n"
        s += "- builds: " + counted(p.map { $0.build + ($0.debugTimings ? " (debug timings: do not compare)" : "") }) + "\n"
        // the OpenBLAS core, once any row recorded it (older rows count as "not recorded")
        if p.contains(where: { $0.openblasCore != nil }) {
            s += "- OpenBLAS cores: " + counted(p.map { $0.openblasCore ?? "not recorded" }) + "\n"
        }
        let kernels = Array(Set(p.flatMap(\.kernels))).sorted()
        if !kernels.isEmpty { s += "- kernels: " + kernels.map { "`\($0)`" }.joined(separator: ", ") + "\n" }
        let starts = p.map(\.started).filter { !$0.isEmpty }.sorted(), ends = p.map(\.ended).filter { !$0.isEmpty }.sorted()
        if let a = starts.first, let b = ends.last { s += "- dates: \(a) to \(b)\n" }
        let wall = p.map(\.wallSeconds).reduce(0, +)
        let runTime = wall < 120 ? String(format: "%.0f s", wall) : wall < 7200 ? String(format: "%.1f min", wall / 60) : String(format: "%.1f h", wall / 3600)
        s += "- run time: \(runTime) of wall clock over all runs\n"
        let resumed = p.filter { $0.resumedFromStep != nil }.count
        if resumed > 0 { s += "- resumed from a checkpoint: \(resumed) runs\n" }
        s += loadAverages(rows.filter { $0.kind == "bench" })
        s += "- commits behind each group of rows:\n" + commitsByGroup(rows).map { "  - \($0.group): \($0.commits)\n" }.joined()
        s += "\n(count of runs in parentheses)\n"
        return s
    }

    /// The 1-minute load average before and after the bench runs (min–max over the runs that
    /// recorded it), against the cores: timings taken on a busy machine say so.
    static func loadAverages(_ bench: [ResultRow]) -> String {
        guard !bench.isEmpty else { return "" }
        let before = bench.compactMap(\.provenance.loadAverageBefore), after = bench.compactMap(\.provenance.loadAverageAfter)
        guard let b = Stat.of(before), let a = Stat.of(after) else {
            return "- load average during the bench runs: not recorded (rows written before it was)\n"
        }
        let cores = bench.map(\.provenance.cores).max() ?? 0
        let busy = bench.filter { r in [r.provenance.loadAverageBefore, r.provenance.loadAverageAfter].contains { ($0 ?? 0) > Double(r.provenance.cores) } }.count
        func range(_ s: Stat) -> String { String(format: "%.2f–%.2f (median %.2f)", s.min, s.max, s.median) }
        return "- load average (1 min) of the \(before.count) bench runs that recorded it: before \(range(b)), after \(range(a)), on \(cores) cores"
            + (busy > 0 ? "; \(busy) runs saw more load than cores (their timings shared the CPUs)" : "") + "\n"
    }

    /// The commits (12 hex digits, `+ uncommitted changes` for a dirty tree) behind each group of
    /// rows: accuracy or bench runs (bench: by round), split on the grouping labels that vary among
    /// them, e.g. `bench runs, pattern lllg, round 2`; each commit with its count of rows.
    public static func commitsByGroup(_ rows: [ResultRow]) -> [(group: String, commits: String)] {
        var out: [(String, String)] = []
        for kind in ["accuracy", "bench"] + Set(rows.map(\.kind)).subtracting(["accuracy", "bench"]).sorted() {
            let mine = rows.filter { $0.kind == kind }
            guard !mine.isEmpty else { continue }
            var keys = ReportData.varyingKeys(mine.map { RunConfig(labels: $0.labels) })
            if Set(mine.map { $0.labels["round"] ?? "1" }).count > 1 { keys.append("round") }
            var groups: [[String]: [ResultRow]] = [:]
            for r in mine { groups[keys.map { k in r.labels[k] ?? (k == "round" ? "1" : "–") }, default: []].append(r) }
            for values in groups.keys.sorted(by: { a, b in
                for (x, y) in zip(a, b) where x != y { return numericAwareLess(x, y) }
                return false
            }) {
                var n: [String: Int] = [:]
                for r in groups[values]! { n[String(r.provenance.gitCommit.prefix(12)) + (r.provenance.gitDirty ? " + uncommitted changes" : ""), default: 0] += 1 }
                let name = "\(kind) runs" + zip(keys, values).map { ", " + ($0.0 == "round" ? "round \($0.1)" : RunConfig.groupText($0.0, $0.1)) }.joined()
                out.append((name, n.keys.sorted().map { "`\($0)` (\(n[$0]!))" }.joined(separator: ", ")))
            }
        }
        return out
    }

    static func status(_ input: NotebookInput) -> String {
        let d = input.data
        let ok = d.okRows.count, failed = d.failedRows.count
        var s = "\(ok) ok, \(failed) failed"
        if let expected = input.expectedRunIDs {
            let have = Set(d.rows.map(\.runID))
            let pending = expected.subtracting(have).count
            let stray = have.subtracting(expected).count
            s += ", \(pending) pending of the \(expected.count) runs the study file expands to"
            if stray > 0 { s += " (\(stray) rows are of runs the study no longer expands to)" }
        }
        s += ".\n"
        if failed > 0 {
            s += "\nFailed runs (skipped in tables and figures):\n\n"
            for r in d.failedRows {
                let labels = r.labels.keys.sorted().map { "\($0)=\(r.labels[$0]!)" }.joined(separator: " ")
                let why = r.reason?.split(separator: "\n").first.map(String.init) ?? "no reason recorded"
                s += "- `\(r.runID)` \(r.kind) \(labels): \(why)\n"
            }
        }
        return s
    }

    /// The section a README opens with (`attnlab report STUDY --readme FILE`, section
    /// `STUDY-headline`): the declared rule, the smallest-window table at the train length
    /// (`SmallestWindow.headline`), the first difference-vs-window-fraction figure, how many of the
    /// study's runs the rows hold, and the command that regenerates it. `plotsLink`: the figure
    /// folder relative to the README's folder.
    public static func headline(_ input: NotebookInput, plotsLink: String, notebookLink: String, command: String) -> String {
        guard let spec = input.comparison else {
            return "_`\(input.study.name)` declares no comparison (`compare:`): no headline._\n"
        }
        let table = SmallestWindow.headline(Comparisons.results(input.data, spec), spec)
        let ref = spec.reference.keys.sorted().map { "\($0) \(spec.reference[$0]!)" }.joined(separator: ", ")
        var s = "From `\(input.study.name)`"
        // counted against the expansion: rows of runs the file no longer expands to (a renamed or
        // removed entry) are not among its recorded runs
        let ok = input.data.okRows.filter { input.expectedRunIDs?.contains($0.runID) ?? true }
        let counts = Dictionary(grouping: ok, by: \.kind).mapValues(\.count)
        let recorded = counts.keys.sorted().map { "\(counts[$0]!) \($0)" }.joined(separator: " and ")
        if let expected = input.expectedRunIDs {
            let done = Set(ok.map(\.runID)).count
            let stray = Set(input.data.okRows.map(\.runID)).subtracting(expected).count
            s += " (\(recorded.isEmpty ? "no" : recorded) runs recorded of the \(Fmt.num(Double(expected.count))) its study file expands to"
                + (stray > 0 ? ", and \(stray) of runs it no longer expands to" : "")
                + (done < expected.count ? "; the study is not finished)" : ")")
        }
        s += ": the smallest window, as a fraction W/L of the train length, at which each configuration matches the reference (\(ref)) "
            + "by the rule declared before the runs — the 95 % interval of the paired difference in `\(spec.metric)` inside ±\(Fmt.num(spec.margin)) "
            + "(✓ equivalent, + better, ? inconclusive, ✗ worse) — evaluated at the train length: in each cell that W/L in bold "
            + "(none: no W/L matches), then the verdict at every W/L. The intervals and n behind each verdict, and where none "
            + "matches the interval closest to the margin and the seeds that would decide it (a projection), are in the notebook.\n\n"
        s += table.isEmpty ? "_No configuration with a `window_fraction` has both its runs and the reference's at its train length yet._\n" : table
        if let f = input.figures.figures.first(where: { $0.png.hasPrefix("difference-vs-window-fraction.") }) {
            s += "\n![\(f.title)](\(plotsLink)/\(f.png))\n"
        }
        s += "\nRegenerate: `\(command)`. Every eval length, the intervals, the cost per token and the training curves: "
            + "[its notebook](\(notebookLink)).\n"
        return s
    }

    static func figures(_ input: NotebookInput) -> String {
        var s = "Every figure: `\(input.plotCommand)` (from the results). After restyling one, redraw it with "
            + "`cd \(input.plotsDir) && gnuplot NAME.gp`.\n"
        for f in input.figures.figures {
            s += "\n**\(f.title)**. \(f.caption)\n\n"
            s += "![\(f.title)](\(input.plotsLink)/\(f.png))\n\n"
            s += "Regenerate: `\(input.plotCommand)`; redraw: `cd \(input.plotsDir) && gnuplot \(f.scriptFile)` "
                + "([svg](\(input.plotsLink)/\(f.svg)), [data](\(input.plotsLink)/\(f.dataFile)), [script](\(input.plotsLink)/\(f.scriptFile))).\n"
        }
        if !input.figures.skipped.isEmpty {
            s += "\nNot drawn:\n\n" + input.figures.skipped.map { "- \($0)\n" }.joined()
        }
        return s
    }

    // MARK: - Skeleton and regeneration

    /// A new notebook: the generated sections between their markers, and hand-written sections
    /// (Answer, Notes) with placeholders.
    public static func skeleton(name: String, sections: [(name: String, body: String)], reportCommand: String) -> String {
        func block(_ n: String) -> String {
            let body = sections.first { $0.name == n }?.body ?? ""
            return begin(n) + "\n" + body + (body.hasSuffix("\n") || body.isEmpty ? "" : "\n") + end(n) + "\n"
        }
        var s = "# Study: \(name)\n\n"
        s += "<!-- Generated by `\(reportCommand)`: it rewrites only what lies between each pair of\n"
        s += "     generated begin/end markers. Write anywhere else; keep the markers as they are. -->\n\n"
        s += "## Question\n\n" + block("question") + "\n"
        s += "## Answer\n\n" + block("answer-summary") + "\n" + block("cost-summary") + "\n"
        s += "_Hand-written (kept when the notebook is regenerated): the answer to the question in a few sentences,\n"
        s += "starting from the generated summary above and citing the numbers in the tables below that support it\n"
        s += "(with their spread over seeds), what did not go as expected, and what to run next. Replace this paragraph._\n\n"
        s += "## Setup\n\n" + block("setup") + "\n"
        s += "## Provenance\n\n" + block("provenance") + "\n"
        s += "## What finished\n\n" + block("status") + "\n"
        s += "## Results\n\n" + block("comparisons") + "\n" + block("tables") + "\n"
        s += "## Figures\n\n" + block("figures") + "\n"
        for extra in sections where !sectionOrder.contains(extra.name) { s += block(extra.name) + "\n" }
        s += "## Notes\n\n_Hand-written: observations, caveats, links to runs worth a closer look._\n"
        return s
    }

    /// A marker line: (begin?, section name).
    static func marker(_ line: Substring) -> (begin: Bool, name: String)? {
        let t = line.trimmingCharacters(in: .whitespaces)
        for (prefix, isBegin) in [("<!-- generated:begin ", true), ("<!-- generated:end ", false)] where t.hasPrefix(prefix) && t.hasSuffix(" -->") {
            let name = t.dropFirst(prefix.count).dropLast(4).trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, !name.contains(" ") { return (isBegin, name) }
        }
        return nil
    }

    /// The sections of `text`: name → (line index of begin, line index of end), 0-based.
    /// Throws on unbalanced, nested, duplicated or malformed markers.
    public static func markers(in text: String, file: String) throws -> [String: (begin: Int, end: Int)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [String: (Int, Int)] = [:]
        var open: (name: String, line: Int)? = nil
        for (i, line) in lines.enumerated() {
            guard let m = marker(line) else {
                if line.contains("generated:begin") || line.contains("generated:end") {
                    throw ReportError("\(file):\(i + 1): malformed marker `\(line.trimmingCharacters(in: .whitespaces))` (write `\(begin("SECTION"))` or `\(end("SECTION"))` on a line of its own)")
                }
                continue
            }
            if m.begin {
                if let o = open {
                    throw ReportError("\(file):\(i + 1): marker `\(begin(m.name))` inside section `\(o.name)` opened at line \(o.line + 1) (no `\(end(o.name))` before it)")
                }
                if found[m.name] != nil {
                    throw ReportError("\(file):\(i + 1): marker `\(begin(m.name))` is duplicated (section `\(m.name)` already at line \(found[m.name]!.0 + 1))")
                }
                open = (m.name, i)
            } else {
                guard let o = open else { throw ReportError("\(file):\(i + 1): marker `\(end(m.name))` has no `\(begin(m.name))` before it") }
                guard o.name == m.name else {
                    throw ReportError("\(file):\(i + 1): marker `\(end(m.name))` closes section `\(o.name)` opened at line \(o.line + 1) (expected `\(end(o.name))`)")
                }
                found[m.name] = (o.line, i)
                open = nil
            }
        }
        if let o = open { throw ReportError("\(file):\(o.line + 1): marker `\(begin(o.name))` has no `\(end(o.name))`") }
        return found
    }

    /// `existing` with the contents of each section's markers replaced by its new body; a section
    /// not in `existing` is inserted under the heading the skeleton gives it (or appended at the end
    /// when the notebook lacks that heading). Everything outside the markers is kept byte for byte.
    public static func update(_ existing: String, file: String, sections: [(name: String, body: String)]) throws -> String {
        let found = try markers(in: existing, file: file)
        var lines = existing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // replace from the bottom up so earlier indices stay valid
        for (name, range) in found.sorted(by: { $0.value.begin > $1.value.begin }) {
            guard let body = sections.first(where: { $0.name == name })?.body else { continue }
            var inner = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if inner.last == "" { inner.removeLast() }
            lines.replaceSubrange((range.begin + 1)..<range.end, with: inner)
        }
        // a missing section goes under the heading the skeleton puts it under, where the notebook has
        // that heading (right after it); else at the end
        let skeletonLines = skeleton(name: "-", sections: sections, reportCommand: "").split(separator: "\n", omittingEmptySubsequences: false)
        for s in sections where found[s.name] == nil {
            let block = [begin(s.name)] + s.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .dropLast(s.body.hasSuffix("\n") ? 1 : 0) + [end(s.name)]
            let at = skeletonLines.firstIndex(of: Substring(begin(s.name)))
            let heading = at.flatMap { i in skeletonLines[..<i].last { $0.hasPrefix("## ") }.map(String.init) }
            // the section before it under the same heading, where the notebook has it: right after its end
            let before = at.flatMap { i in skeletonLines[..<i].last { $0.hasPrefix("## ") || marker($0)?.begin == true } }
                .flatMap { marker($0)?.name }
            if let before, let end = lines.firstIndex(of: end(before)) {
                lines.insert(contentsOf: [""] + block, at: end + 1)
            } else if let heading, let at = lines.firstIndex(of: heading) {
                lines.insert(contentsOf: [""] + block, at: at + 1)
            } else {
                if lines.last == "" { lines.removeLast() }
                lines += [""] + block + [""]
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Writes the notebook at `path`: a skeleton when it does not exist, else `update` of it.
    /// Returns true when it was created.
    @discardableResult
    public static func write(_ input: NotebookInput, to path: String, displayPath: String? = nil) throws -> Bool {
        let fm = FileManager.default
        let secs = sections(input)
        let shown = displayPath ?? path
        let text: String, created: Bool
        if let data = fm.contents(atPath: path) {
            text = try update(String(decoding: data, as: UTF8.self), file: shown, sections: secs)
            created = false
        } else {
            text = skeleton(name: input.study.name, sections: secs, reportCommand: input.reportCommand)
            created = true
        }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw ReportError("cannot write \(shown): \(error.localizedDescription)")
        }
        return created
    }

    /// `target` relative to the folder `from` (both relative to the current directory or absolute).
    public static func relativePath(from: String, to target: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func parts(_ p: String) -> [String] {
            let abs = p.hasPrefix("/") ? p : cwd + "/" + p
            var out: [String] = []
            for c in abs.split(separator: "/") where c != "." && !c.isEmpty {
                if c == ".." { if !out.isEmpty { out.removeLast() } } else { out.append(String(c)) }
            }
            return out
        }
        let (a, b) = (parts(from), parts(target))
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        let rel = Array(repeating: "..", count: a.count - i) + b[i...]
        return rel.isEmpty ? "." : rel.joined(separator: "/")
    }
}
