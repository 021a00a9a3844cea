// Inputs of plots and notebooks: the study file (only its `name:` and `question:` are read here,
// with a line match: LabReport does not depend on the harness) and the results rows.
import Foundation
import LabResults

/// A study as the report sees it: its name, its question and its text.
public struct StudyFile: Sendable, Equatable {
    /// The study file, as given (nil when only a name was given and no file was found).
    public var path: String?
    public var name: String
    public var question: String?
    /// The file's text, verbatim.
    public var text: String?

    public init(path: String?, name: String, question: String? = nil, text: String? = nil) {
        self.path = path; self.name = name; self.question = question; self.text = text
    }

    /// `arg` is a study file (an existing file, or a path ending in .yaml/.yml) or a study name;
    /// for a name, `studies/<name>.yaml` under `root` is read when it exists.
    public static func resolve(_ arg: String, root: String = ".") throws -> StudyFile {
        let fm = FileManager.default
        let asPath = arg.hasPrefix("/") || root == "." ? arg : root + "/" + arg
        if arg.hasSuffix(".yaml") || arg.hasSuffix(".yml") || arg.contains("/") || fm.fileExists(atPath: asPath) {
            guard let data = fm.contents(atPath: asPath) else { throw ReportError("\(arg): no such study file") }
            return try parse(String(decoding: data, as: UTF8.self), path: arg)
        }
        guard isName(arg) else { throw ReportError("\(arg): not a study file or a study name (letters, digits, - and _)") }
        let candidate = "studies/\(arg).yaml"
        let full = root == "." ? candidate : root + "/" + candidate
        if let data = fm.contents(atPath: full) {
            let s = try parse(String(decoding: data, as: UTF8.self), path: candidate)
            if s.name == arg { return s }
        }
        return StudyFile(path: nil, name: arg)
    }

    static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// Reads the top-level `name:` (required) and `question:` (plain, quoted, or a `>`/`|` block) keys.
    public static func parse(_ text: String, path: String) throws -> StudyFile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let name = scalar("name", lines) else { throw ReportError("\(path): no top-level `name:` key") }
        guard isName(name) else { throw ReportError("\(path): name `\(name)`: letters, digits, - and _ only") }
        return StudyFile(path: path, name: name, question: scalar("question", lines), text: text)
    }

    /// The value of top-level `key`, with a block scalar's or a continued plain scalar's lines joined.
    static func scalar(_ key: String, _ lines: [String]) -> String? {
        guard let i = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else { return nil }
        var head = String(lines[i].dropFirst(key.count + 1)).trimmingCharacters(in: .whitespaces)
        if head.hasPrefix("#") { head = "" }
        // following lines that belong to the value: indented or blank, up to the next top-level line
        var body: [String] = []
        for l in lines[(i + 1)...] {
            if !l.isEmpty, !l.hasPrefix(" "), !l.hasPrefix("\t") { break }
            body.append(l)
        }
        while body.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeLast() }
        let indent = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        let stripped = body.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }
        if head.hasPrefix("|") { return stripped.joined(separator: "\n") }
        if head.hasPrefix(">") || head.isEmpty {
            // folded: lines joined by spaces, blank lines become newlines
            var out = "", paragraph: [String] = []
            for l in stripped {
                if l.trimmingCharacters(in: .whitespaces).isEmpty {
                    out += paragraph.joined(separator: " ") + "\n"; paragraph = []
                } else { paragraph.append(l.trimmingCharacters(in: .whitespaces)) }
            }
            out += paragraph.joined(separator: " ")
            return out.isEmpty ? nil : out
        }
        var value = ([head] + stripped.map { $0.trimmingCharacters(in: .whitespaces) }).filter { !$0.isEmpty }
            .joined(separator: " ")
        if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
            value = String(value.dropFirst().dropLast())
            value = f == "'" ? value.replacingOccurrences(of: "''", with: "'") : value.replacingOccurrences(of: "\\\"", with: "\"")
        } else if let hash = value.range(of: " #") {
            value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return value
    }
}

public enum ReportInput {
    /// The rows of a study: `results` when given, else every results file of `<folder>` under
    /// `root` — `results.jsonl` and the shard files, as `study status` counts them
    /// (`ResultsStore.studyFiles`) — merged; each file read with its sealed parts first
    /// (`ResultsStore.segments`); `folder` defaults to the published
    /// `results/<name>` (`StudyLocations`). One row per run id (the latest; an ok row beats a failed
    /// one). `sources` are the files read; `notes` mention torn tails.
    public static func load(study: String, results: String?, folder: String? = nil, root: String = ".") throws
        -> (rows: [ResultRow], sources: [String], notes: [String]) {
        func rooted(_ p: String) -> String { p.hasPrefix("/") || root == "." ? p : root + "/" + p }
        /// A file found beside `given` (rooted), named in `given`'s folder as the user wrote it.
        func unrooted(_ found: String, _ given: String) -> String {
            let dir = (given as NSString).deletingLastPathComponent, name = (found as NSString).lastPathComponent
            return dir.isEmpty ? name : dir + "/" + name
        }
        var files: [String]
        if let results {
            files = ResultsStore.segments(of: rooted(results)).map { unrooted($0, results) }
            guard !files.isEmpty else { throw ReportError("\(results): no such results file") }
        } else {
            let dir = folder ?? StudyLocations(study: study, publish: true).results, main = dir + "/results.jsonl"
            files = ResultsStore.studyFiles(in: rooted(dir)).map { unrooted($0, main) }
            if files.isEmpty {
                throw ReportError("\(main): no such results file (run `attnlab study run` on the study first, or give --results; --publish reads results/<name>)")
            }
        }
        var rows: [ResultRow] = [], notes: [String] = []
        for f in files {
            let r: (rows: [ResultRow], tornTail: Bool, otherSchema: Int)
            do { r = try ResultsStore.read(path: rooted(f)) } catch let e as ResultsError { throw ReportError(shorten(e, file: f, root: rooted(f))) }
            if r.tornTail { notes.append("\(f): skipped a torn last line") }
            if r.otherSchema > 0 { notes.append("\(f): skipped \(r.otherSchema) rows of another results format (schema ≠ \(ResultsStore.schema))") }
            rows += r.rows
        }
        if rows.isEmpty { throw ReportError("\(files.joined(separator: ", ")): no result rows") }
        let foreign = Set(rows.filter { $0.study != study }.map(\.study)).sorted()
        if !foreign.isEmpty {
            notes.append("warning: \(rows.filter { $0.study != study }.count) of the rows belong to another study (\(foreign.joined(separator: ", "))), not \(study): is this the right results file?")
        }
        rows = ResultsStore.deduplicated(rows)
        return (rows, files, notes)
    }

    /// `ResultsStore`'s parse error with the path as the user gave it.
    static func shorten(_ e: ResultsError, file: String, root: String) -> String {
        e.message.hasPrefix(root) ? file + e.message.dropFirst(root.count) : e.message
    }
}
