// The one impure part of the figures: write each figure's .dat and .gp into the plot folder and
// run gnuplot there (a child process), checking its exit status and the files it should write;
// then remove the study's figures there that the rows no longer give.
import Foundation

public struct Gnuplot: Sendable {
    public static let missing = "gnuplot not found on PATH: install it with apt-get install -y gnuplot-nox"

    /// The gnuplot executable run.
    public let executable: String

    public init(executable: String) { self.executable = executable }

    /// The first executable `gnuplot` on `path` (a PATH-style list; default: this process's PATH).
    public static func locate(path: String? = ProcessInfo.processInfo.environment["PATH"]) throws -> Gnuplot {
        for dir in (path ?? "").split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Gnuplot(executable: candidate) }
        }
        throw ReportError(missing)
    }

    /// Runs `gnuplot script` in `directory`; throws with gnuplot's stderr when it fails.
    /// Returns gnuplot's stderr (warnings) on success.
    @discardableResult
    public func run(script: String, in directory: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = [script]
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw ReportError("cannot run \(executable): \(error)") }
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let stderr = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard p.terminationReason == .exit, p.terminationStatus == 0 else {
            let how = p.terminationReason == .exit ? "exit \(p.terminationStatus)" : "signal \(p.terminationStatus)"
            let lines = stderr.split(separator: "\n").suffix(8).joined(separator: " | ")
            throw ReportError("gnuplot \(script) in \(directory) failed (\(how)): \(lines.isEmpty ? "no message" : lines)")
        }
        return stderr
    }
}

public enum Plotter {
    /// Writes every figure of `set` into `directory` (created if needed) and draws it with `gnuplot`,
    /// then removes the figures an earlier call drew there for the same study (`set.study`; the
    /// folder's `.figures-STUDY` lists them) that the set no longer has, because the rows changed.
    /// Only listed figures go, and only their regular files: a figure another study's list in the
    /// folder also names stays, and so does every file no list names (a script copied under another
    /// name). The list is written before drawing too (the old names and the new), so a draw that
    /// fails part-way leaves every figure it may have written listed. `progress` gets each path
    /// written and `removed PATH` for each removed. Returns the paths written (data, script, png,
    /// svg of each figure), in order. Throws `ReportError` when a list cannot be read or written.
    @discardableResult
    public static func write(_ set: FigureSet, to directory: String, gnuplot: Gnuplot,
                             progress: (String) -> Void = { _ in }) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let names = set.figures.map(\.name)
        let listPath = directory + "/" + drawnList(set.study)
        let earlier = set.study.isEmpty ? [] : try listedFigures(listPath)
        if !set.study.isEmpty { try writeList(listPath, study: set.study, earlier + names.filter { !earlier.contains($0) }) }
        var written: [String] = []
        for f in set.figures {
            for (file, text) in [(f.dataFile, f.data), (f.scriptFile, f.script)] {
                let path = directory + "/" + file
                do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                    throw ReportError("cannot write \(path): \(error.localizedDescription)")
                }
                written.append(path); progress(path)
            }
            for out in [f.png, f.svg] { try? FileManager.default.removeItem(atPath: directory + "/" + out) }
            try gnuplot.run(script: f.scriptFile, in: directory)
            for out in [f.png, f.svg] {
                let path = directory + "/" + out
                guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                      (attrs[.size] as? NSNumber)?.intValue ?? 0 > 0 else {
                    throw ReportError("gnuplot \(f.scriptFile) in \(directory) exited 0 but wrote no \(out)")
                }
                written.append(path); progress(path)
            }
        }
        guard !set.study.isEmpty else { return written }
        for stem in try staleFigures(in: directory, study: set.study, earlier: earlier, keeping: Set(names)) {
            for ext in ["gp", "dat", "png", "svg"] {
                let path = directory + "/" + stem + "." + ext
                guard (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeRegular else { continue }
                do { try FileManager.default.removeItem(atPath: path) } catch {
                    throw ReportError("cannot remove \(path): \(error.localizedDescription)")
                }
                progress("removed " + path)
            }
        }
        try writeList(listPath, study: set.study, names)
        return written
    }

    /// The file in the figure folder that lists the figures drawn for `study`, one stem a line.
    static func drawnList(_ study: String) -> String { ".figures-\(study)" }

    /// The stems a `drawnList` file names (none when the file does not exist; comment lines, empty
    /// lines and names with a `/` skipped). Throws when it exists but cannot be read as text.
    static func listedFigures(_ path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReportError("cannot read \(path), the list of the figures drawn there: remove it (the next draw writes it again)")
        }
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty && !$0.contains("/") }
    }

    static func writeList(_ path: String, study: String, _ names: [String]) throws {
        let text = "# The figures `attnlab plot` drew for \(study); the next draw removes those it no longer draws.\n"
            + names.map { $0 + "\n" }.joined()
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw ReportError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// The figures of `study` that `earlier` (its list before this draw) names and `keeping` does
    /// not, less those another study's list in `directory` names (two studies drawn into one
    /// folder can share a figure name), in list order.
    static func staleFigures(in directory: String, study: String, earlier: [String], keeping: Set<String>) throws -> [String] {
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix(".figures-") && $0 != drawnList(study) }
        let shared = Set(try others.flatMap { try listedFigures(directory + "/" + $0) })
        return earlier.filter { !keeping.contains($0) && !shared.contains($0) }
    }
}
