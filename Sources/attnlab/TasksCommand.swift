// `attnlab tasks …`: list, show, export and time the synthetic tasks of LabTasks.
import ArgumentParser
import Foundation
import LabCore
import LabTasks

struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Synthetic long-context tasks (RULER-style, MQAR): list, show, export, bench.",
        subcommands: [List.self, Show.self, Export.self, Bench.self]
    )

    /// Resolves a task or group name, or fails with a one-line message naming the argument.
    static func tasks(_ name: String) throws -> [any SyntheticTask] {
        do { return try TaskRegistry.resolve(name) } catch let e as TaskError {
            throw UsageFailure("TASK '\(name)': \(e.reason)")
        }
    }

    /// Validates `length` for every task, naming `--length` in the message.
    static func check(_ tasks: [any SyntheticTask], length: Int) throws {
        for t in tasks {
            do { try t.validate(length: length) } catch let e as TaskError {
                throw UsageFailure("--length \(length): \(e.reason)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tasks and their groups.")

        func run() throws {
            try reportingErrors {
                let rows = TaskRegistry.all.map { t in
                    [t.name, t.groups.joined(separator: ","), t.metric.rawValue, "\(t.minimumLength)",
                     "\(t.vocabularySize)", t.summary]
                }
                let header = ["task", "groups", "metric", "min length", "vocab", "what it asks"]
                let widths = (0 ..< header.count - 1).map { c in ([header] + rows).map { $0[c].count }.max()! }
                for row in [header] + rows {
                    var line = ""
                    for (c, cell) in row.enumerated() {
                        line += c < widths.count ? cell.padding(toLength: widths[c] + 2, withPad: " ", startingAt: 0) : cell
                    }
                    print(line)
                }
                print("\ngroups: \(TaskRegistry.groups.joined(separator: ", ")); "
                    + "RULER ladder: \(TaskRegistry.rulerLengths.map(String.init).joined(separator: ", "))")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one rendered example with its answer.")

        @Argument(help: "Task name (see `attnlab tasks list`).") var task: String
        @Option(help: "Total tokens (prompt + target).") var length: Int
        @Option(help: "Seed (default: the first test seed, 2^31).") var seed: UInt64 = Split.test.seed(0)
        @Flag(help: "Also print the token ids.") var tokens = false

        func run() throws {
            try reportingErrors {
                let found = try Tasks.tasks(task)
                guard found.count == 1, let t = found.first, t.name == task else {
                    throw UsageFailure("TASK '\(task)': a group; show takes one task: "
                        + found.map(\.name).joined(separator: ", "))
                }
                try Tasks.check([t], length: length)
                // a language-model window reads the documents of its seed's split, so the seed must lie in one
                if t.isLanguageModelling, !Split.allCases.contains(where: { $0.seeds.contains(seed) }) {
                    throw UsageFailure("--seed \(seed): outside the train, validation and test seed ranges [0, 2^32 + 2^31)")
                }
                let e = try t.generate(length: length, seed: seed)
                print("task \(e.task) · length \(e.length) · seed \(e.seed) · metric \(e.metric.rawValue) · "
                    + "vocabulary \(t.vocabularySize)")
                if t.isLanguageModelling {
                    // a window of one test document, as text; every position's label is the next byte
                    let labelled = e.labels.filter { $0 != Example.ignore }.count
                    print("\nwindow (\(e.length) bytes, \(labelled) labelled with the next byte):\n\(t.render(e.inputs[...]))")
                    if tokens { print("\ninputs: \(e.inputs.map(String.init).joined(separator: " "))") }
                    return
                }
                print("\nprompt (\(e.promptLength) tokens):\n\(t.render(e.prompt))")
                if e.metric == .positions {
                    let labelled = e.labels.indices.filter { e.labels[$0] != Example.ignore }
                    print("\nlabels (position → value): "
                        + labelled.map { "\($0)→\(e.labels[$0])" }.joined(separator: ", "))
                } else {
                    print("\ntarget (\(e.target.count) tokens): \(t.render(e.target))")
                }
                print("answers: " + e.answers.map { "[\(t.render($0[...]))]" }.joined(separator: " "))
                print("evidence at: " + e.evidence.map(String.init).joined(separator: ", "))
                if tokens {
                    print("\ninputs: \(e.inputs.map(String.init).joined(separator: " "))")
                    print("labels: \(e.labels.map(String.init).joined(separator: " "))")
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write examples as JSON Lines (one object per example).",
            discussion: """
                Each line: {"task", "length", "seed", "metric", "prompt", "target", "answers"}, plus "labels" \
                (aligned with prompt + target) for MQAR. Sample i uses seed split.start + offset + i; train \
                seeds are [0, 2^31), test seeds [2^31, 2^32), validation seeds [2^32, 2^32 + 2^31). Training \
                reads train, validations and stop rules read validation, result rows report test. The file \
                appears only when complete.
                """
        )

        @Argument(help: "Task or group name (ruler, niah, qa, mqar, …).") var task: String
        @Option(help: "Total tokens per example (prompt + target).") var length: Int
        @Option(help: "Examples per task.") var count: Int
        @Option(help: "Output file (.jsonl).") var out: String
        @Option(help: "Seed range: train, validation or test.") var split: String = "test"
        @Option(help: "Index of the first sample within the split.") var offset: Int = 0

        func run() throws {
            try reportingErrors {
                let tasks = try Tasks.tasks(task)
                guard let s = Split(rawValue: split) else { throw UsageFailure("--split \(split): must be \(Split.names)") }
                try checkFlag("--count", count, 1...10_000_000)
                guard offset >= 0, UInt64(offset) + UInt64(count) <= UInt64(s.seeds.count) else {
                    throw UsageFailure("--offset \(offset): offset + count must stay within the \(split) split (2^31 seeds)")
                }
                try Tasks.check(tasks, length: length)
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: out, isDirectory: &isDir), isDir.boolValue {
                    throw UsageFailure("--out \(out): is a folder; give a file name (.jsonl)")
                }
                try writeAtomically(to: out) { write in
                    for t in tasks {
                        for i in 0 ..< count {
                            let e = try t.generate(length: length, seed: s.seed(offset + i))
                            write(Tasks.jsonLine(e))
                        }
                    }
                }
            }
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time generation on one thread (tasks × lengths × count examples, inputs and labels built)."
        )

        @Option(help: "Task or group.") var tasks: String = "ruler"
        @Option(help: "Comma-separated lengths.") var lengths: String = TaskRegistry.rulerLengths.map(String.init).joined(separator: ",")
        @Option(help: "Examples per task and length.") var count: Int = 500

        func run() throws {
            try reportingErrors {
                let selected = try Tasks.tasks(tasks)
                let ls = try lengths.split(separator: ",").map { part -> Int in
                    guard let l = Int(part.trimmingCharacters(in: .whitespaces)) else {
                        throw UsageFailure("--lengths \(lengths): '\(part)' is not an integer")
                    }
                    return l
                }
                try checkFlag("--count", count, 1...10_000_000)
                guard !ls.isEmpty else { throw UsageFailure("--lengths is empty") }
                for l in ls { try Tasks.check(selected, length: l) }
                #if DEBUG
                print("note: debug build; time a release build (swift build -c release) for the real number")
                #endif
                var checksum = 0, tokens = 0, total = 0.0
                for t in selected {
                    let seconds = try Timing.seconds {
                        for l in ls {
                            for i in 0 ..< count {
                                let e = try t.generate(length: l, seed: Split.test.seed(i))
                                checksum &+= e.inputs[e.length / 2] &+ e.labels[e.length - 2]
                                tokens += e.length
                            }
                        }
                    }
                    total += seconds
                    print("\(t.name.padding(toLength: 17, withPad: " ", startingAt: 0)) \(String(format: "%7.3f", seconds)) s")
                }
                let n = selected.count * ls.count * count
                print("total: \(selected.count) tasks × \(ls.count) lengths × \(count) samples = \(n) examples, "
                    + "\(tokens) tokens in \(String(format: "%.3f", total)) s on 1 thread "
                    + "(\(String(format: "%.1f", Double(tokens) / total / 1e6)) M tokens/s; checksum \(checksum))")
            }
        }
    }

    /// One JSON object on one line (no spaces), e.g.
    /// `{"task":"fwe","length":128,"seed":2147483648,"metric":"all","prompt":[1,10,…],"target":[…],"answers":[[…]]}`.
    static func jsonLine(_ e: Example) -> String {
        func ints<S: Sequence>(_ s: S) -> String where S.Element == Int { "[" + s.map(String.init).joined(separator: ",") + "]" }
        var line = "{\"task\":\"\(e.task)\",\"length\":\(e.length),\"seed\":\(e.seed),\"metric\":\"\(e.metric.rawValue)\","
        line += "\"prompt\":\(ints(e.prompt)),\"target\":\(ints(e.target)),"
        line += "\"answers\":[" + e.answers.map(ints).joined(separator: ",") + "]"
        if e.metric == .positions { line += ",\"labels\":\(ints(e.labels))" }
        return line + "}\n"
    }
}

/// Writes through `body` into a temporary file beside `path`, then renames it to `path`; on any error the
/// temporary file is removed and `path` is left untouched.
func writeAtomically(to path: String, _ body: ((String) -> Void) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let tmp = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
          let handle = try? FileHandle(forWritingTo: tmp) else {
        throw UsageFailure("--out \(path): cannot create a file in \(url.deletingLastPathComponent().path)")
    }
    var buffer = ""
    do {
        try body { s in
            buffer += s
            if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }
        handle.write(Data(buffer.utf8))
        try handle.close()
        if rename(tmp.path, url.path) != 0 {
            throw UsageFailure("--out \(path): cannot rename the finished file into place (errno \(errno))")
        }
    } catch {
        try? handle.close()
        try? FileManager.default.removeItem(at: tmp)
        throw error
    }
}
