// attnlab: the attention-lab command-line tool.
import ArgumentParser
import Foundation
import LabAttention
import LabCore

@main
struct AttnLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnlab",
        abstract: "Attention variants and their kernels, on the CPU.",
        subcommands: [Kernels.self, Variants.self, Tasks.self, DataCmd.self, Train.self, Generate.self, Model.self, MachineCmd.self, StudyCmd.self, Results.self, Plot.self, Report.self]
    )

    static func main() {
        Allocator.keepLargeBlocks()
        do {
            var command = try parseAsRoot(nil)
            // ATTNLAB_PARSE_ONLY=1: check the command line (subcommand, flags, value types) and stop;
            // the docs test runs every command of the docs this way.
            if ProcessInfo.processInfo.environment["ATTNLAB_PARSE_ONLY"] == "1" { Foundation.exit(0) }
            try command.run()
        } catch {
            // a malformed flag value (`--length 1e3`) or a missing argument: one line, status 2,
            // like every other bad input; help, --version and ExitCode go through unchanged
            if !(error is ExitCode), exitCode(for: error) == .validationFailure {
                let first = message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
                FileHandle.standardError.writeIgnoringErrors("attnlab: \(first)\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A user error: printed as one line `attnlab: <message>` on stderr, exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Runs `body`, turning any thrown error into a one-line message and exit status 2.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        FileHandle.standardError.writeIgnoringErrors("attnlab: \(oneLine(error))\n")
        throw ExitCode(2)
    }
}

/// An error as one line of words: the lab's errors as they describe themselves, Foundation's file
/// errors as `<path>: <reason>`, decoding errors as `<key path>: <reason>`; newlines folded.
func oneLine(_ error: Error) -> String {
    let text = (error as? DecodingError).map(describe) ?? describeError(error)
    return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
}

/// Refuses an output folder path that names an existing file (or a folder inside a file):
/// `<flag> <path>: is a file, not a folder`.
func checkOutputFolder(_ path: String, flag: String) throws {
    var isDir: ObjCBool = false
    var url = URL(fileURLWithPath: path)
    while true {
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw UsageFailure("\(flag) \(path): \(url.path == URL(fileURLWithPath: path).path ? "is" : "lies under") a file, not a folder")
            }
            return
        }
        let parent = url.deletingLastPathComponent()
        if parent.path == url.path { return }
        url = parent
    }
}

/// Checks a numeric flag against its documented range: `<flag>: must be in [1, 1024], got 0`.
func checkFlag(_ flag: String, _ value: Double, _ range: NumberRange) throws {
    if let problem = range.problem(value) { throw UsageFailure("\(flag): \(problem)") }
}
func checkFlag(_ flag: String, _ value: Int, _ range: ClosedRange<Int>) throws {
    if let problem = NumberRange(range).problem(value) { throw UsageFailure("\(flag): \(problem)") }
}
