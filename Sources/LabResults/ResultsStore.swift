// The results file: JSON Lines, append-only. Each append is one write(2) of the row and its
// newline on an O_APPEND descriptor, then fsync, so a crash leaves at most one torn last line.
// Readers skip a torn last line (one without its newline that does not parse); the next append
// cuts it off first. A line that does not parse anywhere else is an error naming file and line.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct ResultsError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public enum ResultsStore {
    /// The rows of `path` in file order (none if the file does not exist); `tornTail` is true
    /// when an unparsable last line without its newline was skipped.
    public static func read(path: String) throws -> (rows: [ResultRow], tornTail: Bool) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], false) }
        guard let data = FileManager.default.contents(atPath: path) else { throw ResultsError("cannot read \(path)") }
        let bytes = [UInt8](data)
        var rows: [ResultRow] = []
        var start = 0, lineNumber = 0
        let decoder = JSONDecoder()
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let line = bytes[start..<(end ?? bytes.count)]
            defer { start = (end ?? bytes.count) + 1 }
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            do {
                rows.append(try decoder.decode(ResultRow.self, from: Data(line)))
            } catch {
                if end == nil { return (rows, true) }  // torn last line
                throw ResultsError("\(path):\(lineNumber): not a result row (\(error))")
            }
        }
        return (rows, false)
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
        guard fd >= 0 else { throw ResultsError("cannot open \(path) for appending: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let text = rows.map { $0.jsonLine + "\n" }.joined()
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw ResultsError("cannot append to \(path): \(String(cString: strerror(errno)))") }
            written += n
        }
        guard fsync(fd) == 0 else { throw ResultsError("fsync \(path): \(String(cString: strerror(errno)))") }
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
    /// (`latest`), in order of first appearance; written to a temporary file and renamed.
    /// Returns the number of rows written and of rows dropped as superseded duplicates.
    @discardableResult
    public static func merge(_ inputs: [String], into output: String) throws -> (rows: Int, dropped: Int) {
        var all: [ResultRow] = []
        for path in inputs {
            guard FileManager.default.fileExists(atPath: path) else { throw ResultsError("\(path): no such results file") }
            all += try read(path: path).rows
        }
        let ordered = deduplicated(all)
        let tmp = output + ".tmp-\(getpid())"
        try? FileManager.default.removeItem(atPath: tmp)
        try append(ordered, to: tmp)
        if FileManager.default.fileExists(atPath: output) { try FileManager.default.removeItem(atPath: output) }
        try FileManager.default.moveItem(atPath: tmp, toPath: output)
        return (ordered.count, all.count - ordered.count)
    }
}
