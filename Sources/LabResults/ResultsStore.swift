// The results file: JSON Lines, append-only. Each append is one write(2) of the row and its
// newline on an O_APPEND descriptor, then fsync, so a crash leaves at most one torn last line.
// Readers skip a torn last line (one without its newline that does not parse); the next append
// cuts it off first. A line that does not parse anywhere else is an error naming file and line.
import Foundation
import LabCore
#if canImport(Glibc)
import Glibc
#endif

public struct ResultsError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public enum ResultsStore {
    /// The row format this code writes and reads (`ResultRow.schema`).
    public static let schema = 1

    /// The rows of `path` in file order (none if the file does not exist); `tornTail` is true
    /// when an unparsable last line without its newline was skipped; `otherSchema` counts the rows
    /// of another format version, skipped (a newer attnlab wrote them; they are never taken as done).
    public static func read(path: String) throws -> (rows: [ResultRow], tornTail: Bool, otherSchema: Int) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], false, 0) }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw ResultsError("\(path): is a folder, not a results file")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ResultsError("\(path): cannot read (\(String(cString: strerror(errno))))") }
        let bytes = [UInt8](data)
        var rows: [ResultRow] = []
        var start = 0, lineNumber = 0, otherSchema = 0
        let decoder = JSONDecoder()
        struct Version: Decodable { let schema: Int? }
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let line = bytes[start..<(end ?? bytes.count)]
            defer { start = (end ?? bytes.count) + 1 }
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            if let v = try? decoder.decode(Version.self, from: Data(line)), let s = v.schema, s != schema {
                otherSchema += 1
                continue
            }
            do {
                rows.append(try decoder.decode(ResultRow.self, from: Data(line)))
            } catch {
                if end == nil { return (rows, true, otherSchema) }  // torn last line
                throw ResultsError("\(path):\(lineNumber): not a result row (\(describe(error)))")
            }
        }
        return (rows, false, otherSchema)
    }

    /// A decoding failure in a few words, naming the key path (no framework text); a line that is
    /// not JSON at all says so.
    public static func describe(_ error: Error) -> String {
        if case .dataCorrupted(let c)? = error as? DecodingError, c.codingPath.isEmpty { return "not valid JSON" }
        return LabCore.describe(error)
    }

    /// Appends `row` as one line, after cutting off a torn last line; fsyncs before returning.
    public static func append(_ row: ResultRow, to path: String) throws {
        try append([row], to: path)
    }

    /// Appends several rows (one write), after cutting off a torn last line; fsyncs.
    public static func append(_ rows: [ResultRow], to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try repairTail(path: path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw ResultsError("\(path): cannot open for appending: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let text = rows.map { $0.jsonLine + "\n" }.joined()
        let bytes = Array(text.utf8)
        let before = lseek(fd, 0, SEEK_END)
        var written = 0
        // A failed write (a full disk) is undone: the file is cut back to its old length, so it
        // never keeps part of a row.
        func fail(_ what: String) -> ResultsError {
            let why = String(cString: strerror(errno))
            if before >= 0 { _ = ftruncate(fd, before) }
            return ResultsError("\(path): cannot \(what): \(why)")
        }
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw fail("append") }
            written += n
        }
        guard fsync(fd) == 0 else { throw fail("fsync") }
    }

    /// If the file does not end in a newline: keeps a last line that parses (adding its newline),
    /// otherwise truncates the file after the last newline.
    public static func repairTail(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let last = data.last, last != UInt8(ascii: "\n") else { return }
        let cut = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        let tail = data[cut...]
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { throw ResultsError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        if (try? JSONDecoder().decode(ResultRow.self, from: Data(tail))) != nil {
            _ = lseek(fd, 0, SEEK_END)
            var nl = UInt8(ascii: "\n")
            guard write(fd, &nl, 1) == 1 else { throw ResultsError("cannot repair \(path)") }
        } else {
            guard ftruncate(fd, off_t(cut)) == 0 else { throw ResultsError("cannot truncate torn line of \(path)") }
        }
        _ = fsync(fd)
    }

    /// The row that counts for each run id: the last `ok` row, else the last row.
    public static func latest(_ rows: [ResultRow]) -> [String: ResultRow] {
        var out: [String: ResultRow] = [:]
        for r in rows {
            if let old = out[r.runID], old.status == .ok, r.status != .ok { continue }
            out[r.runID] = r
        }
        return out
    }

    /// One row per run id, the one `latest` picks, in order of each id's first appearance (shards,
    /// retries and re-measurements collapse to one row).
    public static func deduplicated(_ rows: [ResultRow]) -> [ResultRow] {
        let best = latest(rows)
        var seen = Set<String>()
        return rows.filter { seen.insert($0.runID).inserted }.map { best[$0.runID]! }
    }

    /// Combines result files (e.g. the shards of a job array) into `output`, one row per run id
    /// (`latest`), in order of first appearance; written to a temporary file and renamed over
    /// `output` (`replace`), so `output` is whole at every instant.
    /// Returns the number of rows written and of rows dropped as superseded duplicates.
    @discardableResult
    /// With `study`, rows of other studies are left out and counted in `foreign`.
    public static func merge(_ inputs: [String], into output: String, study: String? = nil) throws -> (rows: Int, dropped: Int, foreign: Int) {
        var all: [ResultRow] = []
        for path in inputs {
            guard FileManager.default.fileExists(atPath: path) else { throw ResultsError("\(path): no such results file") }
            all += try read(path: path).rows
        }
        let kept = study.map { s in all.filter { $0.study == s } } ?? all
        let ordered = deduplicated(kept)
        try replace(output, with: ordered)
        return (ordered.count, kept.count - ordered.count, all.count - kept.count)
    }

    /// Replaces the file at `path` by `rows`: written and fsync'd as a temporary file in the same
    /// folder, then renamed over `path` (rename(2) replaces atomically: a reader or a crash sees the
    /// old file or the new one, never none), then the folder fsync'd. The temporary file is removed
    /// on failure.
    public static func replace(_ path: String, with rows: [ResultRow]) throws {
        let tmp = path + ".tmp-\(getpid())"
        try? FileManager.default.removeItem(atPath: tmp)
        do {
            try append(rows, to: tmp)
            guard rename(tmp, path) == 0 else { throw ResultsError("\(path): cannot replace: \(String(cString: strerror(errno)))") }
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw error
        }
        fsyncPath((path as NSString).deletingLastPathComponent)
    }
}

/// Where a study's files go. A user's runs stay apart from the canonical ones: by default
/// everything lands under `runs/<name>/` (`results.jsonl`, `plots/`, `notebook.md`); publishing
/// (`--publish`) writes the committed places, `results/<name>/`, `plots/<name>/` and
/// `notebooks-md/<name>.md`.
public struct StudyLocations: Sendable, Equatable {
    /// The output folder of `study run` (results files, work folders).
    public let results: String
    /// The figure folder of `plot` and `report`.
    public let plots: String
    /// The notebook file of `report`.
    public let notebook: String

    public init(study name: String, publish: Bool) {
        if publish {
            results = "results/\(name)"; plots = "plots/\(name)"; notebook = "notebooks-md/\(name).md"
        } else {
            results = "runs/\(name)"; plots = "runs/\(name)/plots"; notebook = "runs/\(name)/notebook.md"
        }
    }
}
