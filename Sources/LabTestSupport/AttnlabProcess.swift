// Running the attnlab binary from tests: the one place that starts it, waits for it with a time
// limit and collects what it printed. Output goes through temporary files, not pipes, so a command
// that prints a lot never blocks on a full pipe.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one run of the attnlab binary did.
public struct ProcessResult: Sendable {
    /// The exit status; nil when a signal ended the process.
    public var status: Int32?
    /// The signal that ended the process, if one did.
    public var signal: Int32?
    public var stdout: String, stderr: String
    /// True when the run passed its time limit and was killed.
    public var timedOut: Bool
    /// The exit status (−1 after a signal) and stdout followed by stderr.
    public var pair: (Int32, String) { (status ?? -1, stdout + stderr) }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The attnlab binary built beside the test bundle (`swift test` builds it with the tests).
public func attnlabBinary() throws -> String {
    let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("attnlab").path
    guard FileManager.default.isExecutableFile(atPath: path) else { throw TestSupportError("attnlab binary not found at \(path)") }
    return path
}

/// Runs attnlab with `arguments` in `directory` (default: the current one), `environment` added to
/// this process's, no standard input; SIGKILLed past `timeout` seconds.
public func runAttnlab(_ arguments: [String], directory: String? = nil, environment: [String: String] = [:],
                       timeout: Double = 600) throws -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try attnlabBinary())
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let base = NSTemporaryDirectory() + "attnlab-run-\(UUID().uuidString)"
    let outPath = base + ".out", errPath = base + ".err"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath)), err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while p.isRunning {
        if Date() > deadline, !timedOut { timedOut = true; kill(p.processIdentifier, SIGKILL) }
        usleep(10_000)
    }
    p.waitUntilExit()
    try out.close(); try err.close()
    let o = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let e = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    let signaled = p.terminationReason == .uncaughtSignal
    return ProcessResult(status: signaled ? nil : p.terminationStatus, signal: signaled ? p.terminationStatus : nil,
                         stdout: o, stderr: e, timedOut: timedOut)
}
