// Every command the docs show runs as written. The commands are the `attnlab …` lines of the code
// blocks of README.md, studies/README.md and docs/*.md (a trailing `\` joins the next line, a
// `# …` comment is dropped); synopses with placeholders (`[--flag]`, `a|b`, `…`, `TASK`) are
// syntax, not commands, and are skipped. Each command is checked by the argument parser
// (ATTNLAB_PARSE_ONLY=1: subcommand, flags and value types); the cheap ones (lists, expansions,
// tables) run for real from the repository root, and the training walk-through of docs/model.md
// (train, resume, generate) runs with a small budget appended (later flags win).
import Foundation
import Testing
import LabTestSupport

enum Docs {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Command: CustomStringConvertible, Sendable {
        let file: String, line: Int, args: [String]
        var description: String { "\(file):\(line): attnlab \(args.joined(separator: " "))" }
    }

    /// Shell-like words: single and double quotes group, no expansion.
    static func words(_ s: String) -> [String] {
        var out: [String] = [], cur = "", quote: Character? = nil, inWord = false
        for c in s {
            if let q = quote { if c == q { quote = nil } else { cur.append(c) }; continue }
            if c == "'" || c == "\"" { quote = c; inWord = true; continue }
            if c == " " { if inWord { out.append(cur); cur = ""; inWord = false }; continue }
            cur.append(c); inWord = true
        }
        if inWord { out.append(cur) }
        return out
    }

    static func commands() throws -> [Command] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        var out: [Command] = []
        for file in ["README.md", "studies/README.md"] + docs {
            let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
            var inBlock = false, i = 0
            while i < lines.count {
                let raw = lines[i]
                let start = i + 1
                i += 1
                if raw.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inBlock.toggle(); continue }
                guard inBlock || raw.hasPrefix("    ") else { continue }
                var text = raw.trimmingCharacters(in: .whitespaces)
                guard text.hasPrefix("attnlab ") || text.hasPrefix(".build/release/attnlab ") else { continue }
                while text.hasSuffix("\\"), i < lines.count { text = String(text.dropLast()) + " " + lines[i].trimmingCharacters(in: .whitespaces); i += 1 }
                if let hash = text.range(of: " #") { text = String(text[..<hash.lowerBound]) }
                let isSynopsis = text.contains("…") || text.contains("[") || text.contains("|")
                    || text.range(of: #"\b[A-Z]{3,}\b"#, options: .regularExpression) != nil
                if isSynopsis { continue }
                out.append(Command(file: file, line: start, args: Array(words(text).dropFirst())))
            }
        }
        return out
    }

    /// Runs the attnlab binary beside the tests from the repository root.
    static func run(_ args: [String], parseOnly: Bool) throws -> (Int32, String) {
        try runAttnlab(args, directory: root.path, environment: parseOnly ? ["ATTNLAB_PARSE_ONLY": "1"] : [:]).pair
    }
}

@Suite struct DocsCommandsTests {
    @Test func theDocsShowCommands() throws {
        #expect(try Docs.commands().count >= 20)
    }

    @Test(arguments: try Docs.commands())
    func everyCommandParses(_ c: Docs.Command) throws {
        let (status, output) = try Docs.run(c.args, parseOnly: true)
        #expect(status == 0, "\(c): \(output.prefix(300))")
    }

    /// Lists, expansions, pattern tables and kernel listings: run for real, exit 0.
    @Test(arguments: try Docs.commands().filter { c in
        let cheap: Set<[String]> = [["kernels", "list"], ["variants", "list"], ["variants", "pattern"], ["variants", "state-bytes"],
                                    ["tasks", "list"], ["study", "expand"]]
        return cheap.contains(Array(c.args.prefix(2)))
    })
    func cheapCommandsRun(_ c: Docs.Command) throws {
        let (status, output) = try Docs.run(c.args, parseOnly: false)
        #expect(status == 0, "\(c): \(output.prefix(300))")
    }

    /// docs/model.md's walk-through — train into runs/a, resume, generate raw and by task — with a
    /// small budget appended to each command and runs/a in a temporary folder.
    @Test func trainResumeGenerateWalkThrough() throws {
        let walk = try Docs.commands().filter { $0.file == "docs/model.md" && ["train", "generate"].contains($0.args.first ?? "")
            && $0.args.contains("runs/a") }
        #expect(walk.map { $0.args.first! } == ["train", "train", "generate", "generate"], "\(walk)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attnlab-docs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let small = ["--batch", "4", "--train-examples", "64", "--test-examples", "16", "--eval-every", "1"]
        for c in walk {
            var args = c.args.map { $0 == "runs/a" ? dir : $0 }
            if args.first == "train" {
                args += args.contains("--resume") ? ["--steps", "4"] : ["--steps", "2"] + small
            }
            let (status, output) = try Docs.run(args, parseOnly: false)
            #expect(status == 0, "\(c): \(output.suffix(300))")
        }
    }
}
