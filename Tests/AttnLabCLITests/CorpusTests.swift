// The malformed-input corpus: every case in Corpus/*.jsonl runs the attnlab binary on files it
// writes into a fresh folder and must end the way the case says — for bad input, exactly one
// stderr line `attnlab: <where>: <reason>` containing the expected fragment, exit status 2, no
// signal, within the time limit, and the files the case lists as `unchanged` byte-identical.
//
// A case is one JSON line:
//   {"name": "study-plateau-negative",                  unique over the corpus
//    "args": ["study", "expand", "$DIR/s.yaml"],         $DIR is the case's folder
//    "files": {"s.yaml": {"text": "…"}, "q.npy": {"base64": "…"}},
//    "exit": 2, "stderr": "plateau",                      expected status and message fragment
//    "unchanged": ["out/results.jsonl"],                  optional: files the command must not alter
//    "timeout": 60}                                       optional, seconds (debug build)
import Foundation
import Testing
import LabTestSupport
#if canImport(Glibc)
import Glibc
#endif

struct CorpusCase: Decodable, Sendable, CustomStringConvertible {
    struct File: Decodable, Sendable { let text: String?; let base64: String? }
    let name: String
    let args: [String]
    let files: [String: File]?
    let exit: Int32
    let stderr: String?
    let unchanged: [String]?
    let timeout: Double?
    var source = ""
    var description: String { "\(source): \(name)" }
    enum CodingKeys: String, CodingKey { case name, args, files, exit, stderr, unchanged, timeout }
}

enum Corpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    /// Every case of every Corpus/*.jsonl file, in file and line order.
    static func cases() throws -> [CorpusCase] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        var out: [CorpusCase] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                do {
                    var c = try JSONDecoder().decode(CorpusCase.self, from: Data(line.utf8))
                    c.source = "\(file):\(i + 1)"
                    out.append(c)
                } catch {
                    throw CLITestError(message: "Corpus/\(file):\(i + 1): not a corpus case (\(error))")
                }
            }
        }
        return out
    }
}

@Suite struct CorpusTests {
    @Test func casesAreWellFormedAndNamedOnce() throws {
        let cases = try Corpus.cases()
        #expect(cases.count >= 100, "the corpus holds \(cases.count) cases; at least 100 expected")
        var seen: [String: String] = [:]
        for c in cases {
            #expect(seen[c.name] == nil, "\(c): name also used at \(seen[c.name] ?? "")")
            seen[c.name] = c.source
            #expect(c.exit != 2 || !(c.stderr ?? "").isEmpty, "\(c): an exit-2 case names the message fragment it expects")
        }
    }

    @Test(arguments: try Corpus.cases())
    func caseEndsAsDeclared(_ c: CorpusCase) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, file) in c.files ?? [:] {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard let data = file.text.map({ Data($0.utf8) }) ?? file.base64.flatMap({ Data(base64Encoded: $0) }) else {
                Issue.record("\(c): file \(name) has neither text nor valid base64")
                return
            }
            try data.write(to: URL(fileURLWithPath: path))
        }
        let before = (c.unchanged ?? []).map { FileManager.default.contents(atPath: dir + "/" + $0) }
        let args = c.args.map { $0.replacingOccurrences(of: "$DIR", with: dir) }
        let r = try runAttnlab(args, directory: dir, timeout: c.timeout ?? 60)
        #expect(!r.timedOut, "\(c): ran past \(c.timeout ?? 60) s")
        #expect(r.signal == nil, "\(c): killed by signal \(r.signal ?? 0); stderr: \(r.stderr.suffix(400))")
        #expect(r.status == c.exit, "\(c): exit \(r.status.map(String.init) ?? "-"), expected \(c.exit); stderr: \(r.stderr.suffix(400))")
        if c.exit == 2 {
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(lines.count == 1 && r.stderr.hasPrefix("attnlab: "), "\(c): not one `attnlab: ` line: \(r.stderr.prefix(600))")
            #expect(r.stderr.contains(c.stderr ?? ""), "\(c): message lacks \"\(c.stderr ?? "")\": \(r.stderr.prefix(600))")
        } else if let fragment = c.stderr {
            #expect(r.stderr.contains(fragment) || r.stdout.contains(fragment), "\(c): output lacks \"\(fragment)\"")
        }
        for (name, old) in zip(c.unchanged ?? [], before) {
            #expect(FileManager.default.contents(atPath: dir + "/" + name) == old, "\(c): \(name) changed")
        }
    }
}
