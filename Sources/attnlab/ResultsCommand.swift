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
        @Argument(help: "Results file(s) (.jsonl; each read with its sealed parts <name>.part-NNNN.jsonl first).") var files: [String]
        @Flag(help: "CSV, one line per measurement (long form).") var csv = false
        @Flag(help: "Leave out failed rows (shown by default, with their reason).") var okOnly = false
        @Option(help: "Only these metrics, comma-separated (e.g. accuracy,decode_tokens_per_second,state_bytes).") var metrics: String?
        @Flag(help: "Every metric column and the full run ids and reasons (the default fits 120 columns).") var wide = false

        func run() throws {
            try reportingErrors {
                var rows: [ResultRow] = []
                for given in files {
                    guard !given.isEmpty else { throw UsageFailure("results show: an empty file name") }
                    guard !ResultsStore.segments(of: given).isEmpty else { throw UsageFailure("\(given): no such file") }
                }
                // each file with its parts, each part once (a shell's results*.jsonl names them twice)
                for f in ResultsStore.expand(files) {
                    let r = try ResultsStore.read(path: f)
                    if r.tornTail { FileHandle.standardError.writeIgnoringErrors("attnlab: warning: \(f): skipped a torn last line\n") }
                    if r.otherSchema > 0 {
                        FileHandle.standardError.writeIgnoringErrors("attnlab: warning: \(f): skipped \(r.otherSchema) rows of another results format (schema ≠ \(ResultsStore.schema))\n")
                    }
                    rows += r.rows
                }
                rows = ResultsStore.deduplicated(rows)
                if rows.isEmpty { throw UsageFailure("\(files.joined(separator: ", ")): no result rows") }
                if okOnly { rows = rows.filter { $0.status == .ok } }
                if csv {
                    FileHandle.standardOutput.writeIgnoringErrors(ResultsTable.csv(rows))
                } else {
                    var (header, lines) = ResultsTable.wide(rows, metrics: metrics.map { $0.split(separator: ",").map(String.init) })
                    var constant: [String] = [], dropped: [String] = []
                    if !wide {  // chosen metrics are kept; the rest is compacted the same way
                        (header, lines, constant, dropped) = ResultsTable.fitted(header: header, lines: lines, width: 120, dropMetrics: metrics == nil)
                    }
                    if !constant.isEmpty { print("every row: " + constant.joined(separator: "  ")) }
                    print(ResultsTable.text(header: header, lines: lines))
                    if !dropped.isEmpty {
                        print("(\(dropped.count) more metric columns; --wide shows them all, --metrics a,b chooses)")
                    }
                }
            }
        }
    }
}
