// The results file: JSON Lines, append-only. Each append is one write(2) of the row and its
// newline on an O_APPEND descriptor, then fsync, so a crash leaves at most one torn last line.
// Readers skip a torn last line (one without its newline that does not parse); the next append
// cuts it off first. A line that does not parse anywhere else is an error naming file and line.
//
// Sealed parts: a results file is kept under `partBytes`. The append that would take `<base>.jsonl`
// past it first renames the file to `<base>.part-NNNN.jsonl` (NNNN one above the highest part
// there; rename(2) is atomic, the folder is fsync'd) and starts a fresh `<base>.jsonl`. One logical
// results file is its parts in number order, then `<base>.jsonl` (`segments`): every reader reads
// them in that order, so where two rows of a run ended at the same time (`latest` goes by end
// time first) the later-written one still wins. Parts
// keep each committed file of a long study small enough for a git host (several of them warn above
// 5 MiB); `merge` writes its output the same way.
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

    /// The size, in bytes, at which a results file is sealed as a part (4 MiB).
    public static let partBytes = 4 << 20

    /// `name`'s base file and part number when it is a part (`results.part-0003.jsonl` →
    /// (`results.jsonl`, 3)); nil otherwise.
    /// Only the names the store writes are parts: the number in decimal, zero-padded to 4 digits,
    /// at most 9 digits (`results.part-1.jsonl`, `results.part-00001.jsonl` and numbers past
    /// 999,999,999 are not parts, so no two parts share a number and the next one cannot overflow).
    public static func partOf(_ name: String) -> (base: String, number: Int)? {
        guard name.hasSuffix(".jsonl"), let r = name.range(of: ".part-", options: .backwards) else { return nil }
        let digits = name[r.upperBound...].dropLast(".jsonl".count)
        guard (4...9).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits),
              digits == partDigits(n) else { return nil }
        return (String(name[..<r.lowerBound]) + ".jsonl", n)
    }

    /// `n` zero-padded to 4 digits (`0007`, `12345`).
    static func partDigits(_ n: Int) -> String {
        let d = String(n)
        return String(repeating: "0", count: max(0, 4 - d.count)) + d
    }

    /// The sealed parts of the results file `path` (`<base>.part-NNNN.jsonl` beside it), in number order.
    public static func parts(of path: String) -> [String] {
        let dir = (path as NSString).deletingLastPathComponent, base = (path as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
        return names.compactMap { n in partOf(n).flatMap { $0.base == base ? (n, $0.number) : nil } }
            .sorted { $0.1 < $1.1 }.map { dir.isEmpty ? $0.0 : dir + "/" + $0.0 }
    }

    /// The files that make up the results file `path`, oldest first: its parts, then `path` itself
    /// when it exists. Empty when there is neither.
    public static func segments(of path: String) -> [String] {
        parts(of: path) + (FileManager.default.fileExists(atPath: path) ? [path] : [])
    }

    /// Every logical results file in `dir` whose base name `accept`s (a base whose only files are
    /// parts counts), each as its `segments`, bases in name order.
    public static func segmentedFiles(in dir: String, accept: (String) -> Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        let bases = Set(names.map { partOf($0)?.base ?? $0 }).filter { $0.hasSuffix(".jsonl") && accept($0) }
        return bases.sorted().flatMap { segments(of: dir + "/" + $0) }
    }

    /// The results files of a study's output folder: the whole-study file `results.jsonl` and the
    /// shard files `results.shard-I-of-N.jsonl`, each as its `segments`, `results.jsonl` first.
    /// What `study run` skips, what `study status` counts and what the report reads.
    public static func studyFiles(in dir: String) -> [String] {
        segmentedFiles(in: dir) { $0 == "results.jsonl" || $0.hasPrefix("results.shard-") }
    }

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

    /// Appends `rows` to the results file `path`, sealing it as a part first when it holds rows
    /// and the append would take it past `limit` bytes (a single row is never split).
    public static func append(_ rows: [ResultRow], to path: String, sealingAt limit: Int) throws {
        try repairTail(path: path)  // a torn last line is cut off here, never sealed into a part
        let adding = rows.reduce(0) { $0 + $1.jsonLine.utf8.count + 1 }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0, size + adding > limit {
            try seal(path, limit: limit)
        }
        try append(rows, to: path)
    }

    /// Makes `path` the next part (one above the highest there) and fsyncs the folder: renamed when
    /// it holds at most `limit` bytes; else (a file written before parts, or by `limit` lowered)
    /// cut at line boundaries into parts of at most `limit` bytes, each written whole and renamed
    /// into place, then `path` removed. A crash midway leaves new parts holding rows `path` still
    /// holds too: duplicates of the same rows, which readers collapse (`latest`), never a loss.
    static func seal(_ path: String, limit: Int) throws {
        var next = nextPartNumber(parts(of: path))
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        if size > limit, let data = FileManager.default.contents(atPath: path) {
            var chunks: [Data] = [], start = data.startIndex, cut = start
            while cut < data.endIndex {
                let end = (data[cut...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex - 1) + 1
                if end - start > limit, cut > start { chunks.append(data[start..<cut]); start = cut }
                cut = end
            }
            if start < data.endIndex { chunks.append(data[start...]) }
            for chunk in chunks {
                let part = try partPath(path, next), tmp = part + ".tmp-\(getpid())"
                guard FileManager.default.createFile(atPath: tmp, contents: chunk), fsyncFile(tmp), rename(tmp, part) == 0 else {
                    try? FileManager.default.removeItem(atPath: tmp)
                    throw ResultsError("\(path): cannot seal as \(part): \(String(cString: strerror(errno)))")
                }
                next += 1
            }
            guard unlink(path) == 0 else { throw ResultsError("\(path): cannot remove after sealing: \(String(cString: strerror(errno)))") }
        } else {
            let part = try partPath(path, next)
            guard rename(path, part) == 0 else { throw ResultsError("\(path): cannot seal as \(part): \(String(cString: strerror(errno)))") }
        }
        fsyncPath((path as NSString).deletingLastPathComponent)
    }

    /// One above the highest number among `parts` (1 when there are none).
    static func nextPartNumber(_ parts: [String]) -> Int {
        (parts.last.flatMap { partOf(($0 as NSString).lastPathComponent)?.number } ?? 0) + 1
    }

    /// fsync(2) of the file at `path`; false when it cannot be opened or synced.
    static func fsyncFile(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }

    /// `dir/<stem>.part-NNNN.jsonl` for `dir/<stem>.jsonl`.
    static func partPath(_ path: String, _ number: Int) throws -> String {
        guard number <= 999_999_999 else { throw ResultsError("\(path): no part number left (the highest is 999999999)") }
        let stem = path.hasSuffix(".jsonl") ? String(path.dropLast(".jsonl".count)) : path
        return stem + ".part-" + partDigits(number) + ".jsonl"
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

    /// The row that counts for each run id: an `ok` row beats a failed one; among rows of the same
    /// standing, the one that ended later (`provenance.ended`) wins, and at equal or unreadable
    /// times the one read later. By time, not by file order, so that an old row in a shard file
    /// kept after `study merge` never hides a newer row of the same run in `results.jsonl`.
    public static func latest(_ rows: [ResultRow]) -> [String: ResultRow] {
        // the harness writes times with fractional seconds; whole seconds are accepted too. The
        // parsers are made once a call and used only where a run has two rows.
        let fractional = ISO8601DateFormatter(), whole = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func ended(_ r: ResultRow) -> Date? {
            fractional.date(from: r.provenance.ended) ?? whole.date(from: r.provenance.ended)
        }
        var out: [String: ResultRow] = [:]
        for r in rows {
            if let old = out[r.runID] {
                if old.status == .ok, r.status != .ok { continue }
                if old.status == r.status, let a = ended(old), let b = ended(r), b < a { continue }
            }
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

    /// Combines result files (e.g. the shards of a job array; each read with its parts, `expand`)
    /// and the rows `output` already holds (read first, so at equal end times the inputs' rows win)
    /// into `output`, one row per run id (`latest`), in order of first appearance, written as parts
    /// of at most `limit` bytes (`replaceSegmented`). Returns the number of rows written and of rows
    /// dropped as superseded duplicates. With `study`, rows of other studies are left out and
    /// counted in `foreign`.
    @discardableResult
    public static func merge(_ inputs: [String], into output: String, study: String? = nil,
                             limit: Int = partBytes) throws -> (rows: Int, dropped: Int, foreign: Int) {
        var all: [ResultRow] = []
        let files = expand(inputs)
        for path in files {
            guard FileManager.default.fileExists(atPath: path) else { throw ResultsError("\(path): no such results file") }
            all += try read(path: path).rows
        }
        // the output's own rows (and parts) are merged too, and first: never replaced unread
        let outputFiles = segments(of: output)
        let known = Set(files.map(standardized))
        var own: [ResultRow] = []
        for path in outputFiles where !known.contains(standardized(path)) { own += try read(path: path).rows }
        all = own + all
        let kept = study.map { s in all.filter { $0.study == s } } ?? all
        let ordered = deduplicated(kept)
        try replaceSegmented(output, with: ordered, limit: limit)
        return (ordered.count, kept.count - ordered.count, all.count - kept.count)
    }

    /// Replaces the logical results file `path` (its parts and itself) by `rows`, cut into parts of
    /// at most `limit` bytes (a row longer than that is a part alone). The new parts are numbered
    /// above the old ones and each is written whole and renamed into place, then `path` is replaced
    /// (`replace`), then the old parts are removed. A crash at any point leaves old parts, then new
    /// parts, then the old or new `path`: every row is still there (nothing is lost), though until
    /// `merge` runs again an old `path`'s row can win over a newer one in the new parts.
    public static func replaceSegmented(_ path: String, with rows: [ResultRow], limit: Int = partBytes) throws {
        var chunks: [[ResultRow]] = [[]], size = 0
        for r in rows {
            let n = r.jsonLine.utf8.count + 1
            if size + n > limit, !chunks[chunks.count - 1].isEmpty { chunks.append([]); size = 0 }
            chunks[chunks.count - 1].append(r); size += n
        }
        let old = parts(of: path)
        // already written so (a merge that changes nothing): leave the files, and their names, alone
        let texts = chunks.map { Data($0.map { $0.jsonLine + "\n" }.joined().utf8) }
        if old.count == texts.count - 1, zip(old + [path], texts).allSatisfy({ FileManager.default.contents(atPath: $0) == $1 }) { return }
        var next = nextPartNumber(old)
        for chunk in chunks.dropLast() {
            try replace(try partPath(path, next), with: chunk)
            next += 1
        }
        try replace(path, with: chunks[chunks.count - 1])
        for p in old where isRegularFile(p) { _ = unlink(p) }  // a folder named like a part is left alone
    }

    /// Each file named, as the files that make it up (`segments`: its parts, then itself; a part
    /// named on its own is itself), each read once, where it first appears: `results*.jsonl` from a
    /// shell lists results.jsonl before its parts, which it already brought in.
    public static func expand(_ files: [String]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for f in files {
            let parts = partOf((f as NSString).lastPathComponent) == nil ? segments(of: f) : [f]
            for p in (parts.isEmpty ? [f] : parts) where seen.insert(standardized(p)).inserted { out.append(p) }
        }
        return out
    }

    static func standardized(_ path: String) -> String { (path as NSString).standardizingPath }

    static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeRegular
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
