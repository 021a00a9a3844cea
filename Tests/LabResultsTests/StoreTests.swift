import Foundation
import Testing
@testable import LabResults

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

func row(_ id: String, _ status: ResultRow.Status = .ok, value: Double = 0.5) -> ResultRow {
    ResultRow(study: "s", runID: id, kind: "accuracy", status: status, reason: status == .ok ? nil : "exit 1",
              labels: ["variant": "full", "task": "mqar_v256"], config: .object(["id": .string(id)]),
              metrics: [MetricValue("accuracy", value, unit: "fraction", task: "mqar_v256", length: 64)],
              provenance: Provenance(gitCommit: "abc", gitDirty: false, build: "release", debugTimings: false, cpuModel: "cpu", cores: 2,
                                     hostname: "h", kernels: ["softmax-attention: naive"], started: "t0", ended: "t1", wallSeconds: 1,
                                     peakResidentBytes: 1024, exit: "exit 0", resumedFromStep: nil))
}

func tempFile(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("labresults-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/" + name
}

@Suite struct CanonicalJSONTests {
    @Test func sortedKeysAndStableNumbers() throws {
        let v = try JSONValue(json: #"{"b": [1, 2.5, 0.003], "a": {"z": true, "y": null}, "é": "x\"y\n"}"#)
        #expect(v.canonical == #"{"a":{"y":null,"z":true},"b":[1,2.5,0.003],"é":"x\"y\n"}"#)
        // an integral double is written as an integer, so 1 and 1.0 hash alike
        #expect(JSONValue.double(1).canonical == "1")
        #expect(try JSONValue(json: v.canonical) == v)
    }
}

@Suite struct StoreTests {
    @Test func appendAndRead() throws {
        let path = tempFile("r.jsonl")
        try ResultsStore.append(row("a"), to: path)
        try ResultsStore.append([row("b"), row("c")], to: path)
        let r = try ResultsStore.read(path: path)
        #expect(r.rows.map(\.runID) == ["a", "b", "c"])
        #expect(!r.tornTail)
        #expect(r.rows[0] == row("a"))
    }

    @Test func tornLastLineIsSkippedThenCutOff() throws {
        let path = tempFile("r.jsonl")
        try ResultsStore.append(row("a"), to: path)
        let torn = String(row("b").jsonLine.prefix(40))
        let h = FileHandle(forWritingAtPath: path)!
        h.seekToEndOfFile(); h.write(Data(torn.utf8)); h.closeFile()
        let r = try ResultsStore.read(path: path)
        #expect(r.rows.map(\.runID) == ["a"])
        #expect(r.tornTail)
        try ResultsStore.append(row("c"), to: path)
        let r2 = try ResultsStore.read(path: path)
        #expect(r2.rows.map(\.runID) == ["a", "c"])
        #expect(!r2.tornTail)
    }

    @Test func completeLastLineWithoutNewlineIsKept() throws {
        let path = tempFile("r.jsonl")
        try Data(row("a").jsonLine.utf8).write(to: URL(fileURLWithPath: path))
        try ResultsStore.append(row("b"), to: path)
        #expect(try ResultsStore.read(path: path).rows.map(\.runID) == ["a", "b"])
    }

    @Test func corruptMiddleLineNamesFileAndLine() throws {
        let path = tempFile("r.jsonl")
        try Data((row("a").jsonLine + "\n{oops\n" + row("b").jsonLine + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ResultsError.self) { try ResultsStore.read(path: path) }
        do { _ = try ResultsStore.read(path: path) } catch let e as ResultsError { #expect(e.message.hasPrefix("\(path):2:")) }
    }

    @Test func mergeKeepsOneRowPerRunOkBeatsFailed() throws {
        let a = tempFile("a.jsonl"), b = tempFile("b.jsonl"), out = tempFile("m.jsonl")
        try ResultsStore.append([row("x", .failed), row("y")], to: a)
        try ResultsStore.append([row("x", value: 0.9), row("z")], to: b)
        let r = try ResultsStore.merge([a, b], into: out)
        #expect(r.rows == 3 && r.dropped == 1)
        let rows = try ResultsStore.read(path: out).rows
        #expect(rows.map(\.runID) == ["x", "y", "z"])
        #expect(rows[0].status == .ok && rows[0].metric("accuracy") == 0.9)
        // merging again is idempotent
        try ResultsStore.merge([out, a, b], into: out)
        #expect(try ResultsStore.read(path: out).rows == rows)
    }

    @Test func tables() {
        let rows = [row("a"), row("b", .failed)]
        let csv = ResultsTable.csv(rows).split(separator: "\n")
        #expect(csv[0].hasPrefix("run_id,status,kind,variant,metric,task,length,step,value,unit"))
        #expect(csv[1].hasPrefix("a,ok,accuracy,full,accuracy,mqar_v256,64,,0.5,fraction"))
        let (header, lines) = ResultsTable.wide(rows)
        #expect(header.contains("accuracy"))
        #expect(lines.count == 2 && lines[1].last!.hasPrefix("FAILED"))
    }
}

/// Sealed parts: a results file past `limit` is renamed to `<base>.part-NNNN.jsonl` before the
/// append that would overflow it, readers take parts first, and `merge` writes parts too.
@Suite struct SealedPartTests {
    func names(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }
    func rows(_ path: String) throws -> [ResultRow] { try ResultsStore.segments(of: path).flatMap { try ResultsStore.read(path: $0).rows } }

    @Test func partNamesParse() {
        #expect(ResultsStore.partOf("results.part-0003.jsonl")! == ("results.jsonl", 3))
        #expect(ResultsStore.partOf("results.shard-1-of-4.part-0012.jsonl")! == ("results.shard-1-of-4.jsonl", 12))
        #expect(ResultsStore.partOf("results.jsonl") == nil)
        #expect(ResultsStore.partOf("results.part-.jsonl") == nil)
        #expect(ResultsStore.partOf("results.part-00x1.jsonl") == nil)
        #expect(ResultsStore.partOf("results.part-0001.json") == nil)
        // only the names the store writes: 4 to 9 digits, zero-padded to 4, no more
        #expect(ResultsStore.partOf("results.part-1.jsonl") == nil)
        #expect(ResultsStore.partOf("results.part-00001.jsonl") == nil)
        #expect(ResultsStore.partOf("results.part-12345.jsonl")! == ("results.jsonl", 12345))
        #expect(ResultsStore.partOf("results.part-9223372036854775807.jsonl") == nil)
        #expect(ResultsStore.partOf("results.part-1000000000.jsonl") == nil)
    }

    /// Findings of a hostile pass: merge with --input reads parts and keeps the output's own rows;
    /// a torn last line is cut before sealing; a folder named like a part survives a merge; a
    /// shell glob that names a file and its parts reads each once; the last part number is an error.
    @Test func hostileCases() throws {
        let path = tempFile("results.jsonl"), dir = (path as NSString).deletingLastPathComponent
        try ResultsStore.append([row("a"), row("b")], to: dir + "/results.part-0001.jsonl")
        try ResultsStore.append([row("c")], to: path)
        let shard = dir + "/results.shard-0-of-2.jsonl"
        try ResultsStore.append([row("d")], to: dir + "/results.shard-0-of-2.part-0001.jsonl")  // a shard only in parts
        try FileManager.default.createDirectory(atPath: dir + "/results.part-0002.jsonl", withIntermediateDirectories: false)
        try "keep".write(toFile: dir + "/results.part-0002.jsonl/precious", atomically: true, encoding: .utf8)
        // a folder named like a part is not a results file: reading it is an error...
        #expect(throws: ResultsError.self) { try ResultsStore.merge([shard], into: path) }
        try FileManager.default.removeItem(atPath: dir + "/results.part-0002.jsonl/precious")
        try FileManager.default.removeItem(atPath: dir + "/results.part-0002.jsonl")
        let r = try ResultsStore.merge([shard], into: path)  // the output's a, b, c are kept, d added
        #expect(r.rows == 4)
        #expect(try rows(path).map(\.runID) == ["a", "b", "c", "d"])
        // a glob's order: the file, then its parts: each read once, the later row still wins
        let g = tempFile("results.jsonl"), gdir = (g as NSString).deletingLastPathComponent
        try ResultsStore.append([row("x", value: 0.1)], to: gdir + "/results.part-0001.jsonl")
        try ResultsStore.append([row("x", value: 0.3)], to: g)
        let files = ResultsStore.expand([g, gdir + "/results.part-0001.jsonl"])
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["results.part-0001.jsonl", "results.jsonl"])
        // a torn last line is cut off before the file is sealed
        let t = tempFile("results.jsonl")
        try ResultsStore.append([row("t0")], to: t)
        let torn = FileHandle(forWritingAtPath: t)!
        torn.seekToEndOfFile(); torn.write(Data(row("t1").jsonLine.utf8.prefix(40))); try torn.close()
        try ResultsStore.append([row("t2")], to: t, sealingAt: 10)
        #expect(try ResultsStore.parts(of: t).allSatisfy { try !ResultsStore.read(path: $0).tornTail })
        #expect(try rows(t).map(\.runID) == ["t0", "t2"])
        // no part number past 999,999,999
        let last = tempFile("results.jsonl"), ldir = (last as NSString).deletingLastPathComponent
        try ResultsStore.append([row("p")], to: ldir + "/results.part-999999999.jsonl")
        try ResultsStore.append([row("q")], to: last)
        #expect(throws: ResultsError.self) { try ResultsStore.append([row("r")], to: last, sealingAt: 10) }
        #expect(try rows(last).map(\.runID) == ["p", "q"])
    }

    /// A run's row is picked by standing, then by end time, then by reading order: an old ok row
    /// read last (a shard kept after a merge) does not hide a newer ok row read first; a failed row
    /// never hides an ok one, however late; unreadable or equal times fall back to reading order.
    @Test func latestGoesByEndTimeThenReadingOrder() {
        func at(_ id: String, _ status: ResultRow.Status = .ok, value: Double, ended: String) -> ResultRow {
            var r = row(id, status, value: value)
            r.provenance.ended = ended
            return r
        }
        let newer = at("r", value: 0.9, ended: "2026-12-01T10:00:00.500Z"), older = at("r", value: 0.1, ended: "2026-12-01T09:00:00.000Z")
        #expect(ResultsStore.latest([newer, older])["r"]?.metrics.first?.value == 0.9)
        #expect(ResultsStore.latest([older, newer])["r"]?.metrics.first?.value == 0.9)
        let lateFailure = at("r", .failed, value: 0, ended: "2026-12-02T00:00:00Z")
        #expect(ResultsStore.latest([older, lateFailure])["r"]?.status == .ok)
        let earlyFailure = at("r", .failed, value: 0, ended: "2026-11-01T00:00:00Z")
        #expect(ResultsStore.latest([earlyFailure, older])["r"]?.status == .ok)  // ok beats failed either way
        #expect(ResultsStore.latest([lateFailure, earlyFailure])["r"]?.provenance.ended == lateFailure.provenance.ended)
        // no readable times (or the same time): the row read later wins
        #expect(ResultsStore.latest([row("r", value: 0.2), row("r", value: 0.3)])["r"]?.metrics.first?.value == 0.3)
        #expect(ResultsStore.latest([at("r", value: 0.2, ended: "x"), newer])["r"]?.metrics.first?.value == 0.9)
    }

    @Test func appendSealsBeforeOverflowingAndReadersTakePartsFirst() throws {
        let path = tempFile("results.jsonl"), dir = (path as NSString).deletingLastPathComponent
        let line = row("r0").jsonLine.utf8.count + 1
        let limit = 3 * line  // three rows fit, the fourth seals
        for i in 0..<10 { try ResultsStore.append([row("r\(i)")], to: path, sealingAt: limit) }
        #expect(names(dir) == ["results.jsonl", "results.part-0001.jsonl", "results.part-0002.jsonl", "results.part-0003.jsonl"])
        for f in ResultsStore.segments(of: path) {
            let size = (try FileManager.default.attributesOfItem(atPath: f))[.size] as! Int
            #expect(size <= limit)
        }
        #expect(try rows(path).map(\.runID) == (0..<10).map { "r\($0)" })
        // a re-measured row appended later wins over its sealed predecessor
        try ResultsStore.append([row("r1", value: 0.9)], to: path, sealingAt: limit)
        let latest = ResultsStore.latest(try rows(path))
        #expect(latest["r1"]?.metrics.first?.value == 0.9)
        // a part whose live file is gone (a crash between seal and append) is still read
        try FileManager.default.removeItem(atPath: path)
        #expect(ResultsStore.segments(of: path).count == 3)
        #expect(ResultsStore.segmentedFiles(in: dir) { $0 == "results.jsonl" }.count == 3)
        // one row longer than the limit is written whole, alone
        let tiny = tempFile("results.jsonl")
        try ResultsStore.append([row("a")], to: tiny, sealingAt: 10)
        try ResultsStore.append([row("b")], to: tiny, sealingAt: 10)
        #expect(try rows(tiny).map(\.runID) == ["a", "b"])
        #expect(ResultsStore.parts(of: tiny).count == 1)
    }

    @Test func aFileOverTheLimitIsSealedAsSeveralParts() throws {
        let path = tempFile("results.jsonl"), dir = (path as NSString).deletingLastPathComponent
        let line = row("r0").jsonLine.utf8.count + 1
        try ResultsStore.append((0..<10).map { row("r\($0)") }, to: path)  // written before parts
        try ResultsStore.append([row("r10")], to: path, sealingAt: 3 * line)
        #expect(names(dir) == ["results.jsonl"] + (1...4).map { "results.part-000\($0).jsonl" })
        #expect(try ResultsStore.parts(of: path).map { try ResultsStore.read(path: $0).rows.count } == [3, 3, 3, 1])
        #expect(try rows(path).map(\.runID) == (0...10).map { "r\($0)" })
    }

    @Test func mergeWritesPartsAndRemovesTheOldOnes() throws {
        let path = tempFile("results.jsonl"), dir = (path as NSString).deletingLastPathComponent
        let line = row("r0").jsonLine.utf8.count + 1
        for i in 0..<6 { try ResultsStore.append([row("r\(i)")], to: path, sealingAt: 2 * line) }
        try ResultsStore.append([row("r2", .failed)], to: path, sealingAt: 2 * line)  // an ok row beats it
        try ResultsStore.append([row("r3", value: 0.7)], to: path, sealingAt: 2 * line)  // supersedes r3
        let shard = dir + "/results.shard-0-of-2.jsonl"
        try ResultsStore.append([row("r6"), row("r0", value: 0.8)], to: shard)
        let inputs = ResultsStore.segmentedFiles(in: dir) { $0 == "results.jsonl" || $0.hasPrefix("results.shard-") }
        #expect(inputs.last == shard)
        let old = ResultsStore.parts(of: path).count
        #expect(old >= 3)
        let r = try ResultsStore.merge(inputs, into: path, limit: 3 * line)
        #expect(r.rows == 7 && r.dropped == 3)
        // 7 rows in parts of at most 3: two new parts (above the old numbers) and the file
        let parts = ResultsStore.parts(of: path).map { ($0 as NSString).lastPathComponent }
        #expect(parts == [old + 1, old + 2].map { "results.part-000\($0).jsonl" })
        let merged = try rows(path)
        #expect(merged.map(\.runID) == (0..<7).map { "r\($0)" })
        #expect(merged[0].metrics.first?.value == 0.8 && merged[3].metrics.first?.value == 0.7 && merged[2].status == .ok)
        // merging again changes nothing, so no file is renamed or rewritten
        try FileManager.default.removeItem(atPath: shard)
        let before = names(dir)
        _ = try ResultsStore.merge(ResultsStore.segmentedFiles(in: dir) { $0 == "results.jsonl" }, into: path, limit: 3 * line)
        #expect(names(dir) == before)
    }
}
