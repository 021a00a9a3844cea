// attnlab: the attention-lab command-line tool.
import ArgumentParser
import Foundation
import LabCore

@main
struct AttnLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnlab",
        abstract: "Attention variants and their kernels, on the CPU.",
        subcommands: [Kernels.self, Variants.self, Tasks.self, Train.self, Generate.self, Model.self, StudyCmd.self, Results.self, Plot.self, Report.self]
    )

    static func main() {
        Allocator.keepLargeBlocks()
        main(nil)
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
        FileHandle.standardError.writeIgnoringErrors("attnlab: \(describeError(error))\n")
        throw ExitCode(2)
    }
}
