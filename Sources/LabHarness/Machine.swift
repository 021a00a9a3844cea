// Provenance of the machine and the checkout: build configuration, CPU, git commit.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum Machine {
    /// The configuration this code was compiled in.
    public static var build: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    /// `model name` of /proc/cpuinfo ("unknown" elsewhere).
    public static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The 1-minute load average (the first field of /proc/loadavg: runnable and uninterruptible
    /// tasks, exponentially averaged over a minute); nil where it cannot be read. Above `cores`, a
    /// timing shared the CPUs with other work.
    public static var loadAverage: Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    public static var hostname: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(cString: buffer)
    }

    /// `git -C directory args…`: its stdout and exit status (nil when git cannot be started).
    static func runGit(_ args: [String], in directory: String) -> (out: String, status: Int32)? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", directory] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), p.terminationStatus)
    }

    /// HEAD of the git checkout containing `directory` and whether tracked files have changes;
    /// ("unknown", false) without git or outside a checkout. Call before spawning runs.
    public static func git(in directory: String) -> (commit: String, dirty: Bool, numericsDirty: Bool) {
        func run(_ args: [String]) -> String? { runGit(args, in: directory).flatMap { $0.status == 0 ? $0.out : nil } }
        guard let head = run(["rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines), !head.isEmpty else {
            return ("unknown", false, false)
        }
        func dirty(_ paths: [String]) -> Bool {
            !(run(["status", "--porcelain", "--untracked-files=no", "--"] + paths) ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        return (head, dirty([]), dirty(numericsSources))
    }

    /// The sources whose changes can change a row's numbers: kernels, attention, model, tasks.
    public static let numericsSources = ["Sources/LabCore", "Sources/LabKernels", "Sources/LabAttention", "Sources/LabModel", "Sources/LabTasks"]

    /// Whether the numerics sources of the checkout at `directory` (working tree included) differ
    /// from those of `commit`: true or false, nil when it cannot tell (no git, an unknown commit).
    public static func numericsDiffer(from commit: String, in directory: String) -> Bool? {
        guard commit != "unknown", let r = runGit(["diff", "--quiet", commit, "--"] + numericsSources, in: directory) else { return nil }
        switch r.status {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }
}
