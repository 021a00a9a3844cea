// `attnlab results show FILE [--csv]`: a results file as a table, or its long-form CSV.
import ArgumentParser
import Foundation
import LabCore
import LabResults

struct Results: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read results files (JSON Lines).", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A table of a results file: one line per run × task × length, one column per metric (--csv: one line per measurement).")
        @Argument(help: "Results file(s) (.jsonl).") var files: [String]
        @Flag(help: "CSV, one line per measurement (long form).") var csv = false
        @Flag(help: "Leave out failed rows (shown by default, with their reason).") var okOnly = false
        @Option(help: "Only these metrics, comma-separated (e.g. accuracy,decode_tokens_per_second,state_bytes).") var metrics: String?

        func run() throws {
            try reportingErrors {
                var rows: [ResultRow] = []
                for f in files {
                    guard FileManager.default.fileExists(atPath: f) else { throw UsageFailure("\(f): no such file") }
                    let r = try ResultsStore.read(path: f)
                    if r.tornTail { FileHandle.standardError.writeIgnoringErrors("attnlab: warning: \(f): skipped a torn last line\n") }
                    if r.otherSchema > 0 {
                        FileHandle.standardError.writeIgnoringErrors("attnlab: warning: \(f): skipped \(r.otherSchema) rows of another results format (schema ≠ \(ResultsStore.schema))\n")
                    }
                    rows += r.rows
                }
                rows = ResultsStore.deduplicated(rows)
                if okOnly { rows = rows.filter { $0.status == .ok } }
                if csv {
                    FileHandle.standardOutput.writeIgnoringErrors(ResultsTable.csv(rows))
                } else {
                    let (header, lines) = ResultsTable.wide(rows, metrics: metrics.map { $0.split(separator: ",").map(String.init) })
                    print(ResultsTable.text(header: header, lines: lines))
                }
            }
        }
    }
}
