import Foundation
import Testing
@testable import LabAttention

/// A variant is one file in Sources/LabAttention/Variants/ plus one line in the registry, and no
/// other source names it: the harness and the report know a variant by its description
/// (`AttentionVariant.about`, written into every result row), the model by the registry.
@Suite struct VariantNamingTests {
    static let kinds = AttentionRegistry.kinds

    @Test(arguments: kinds) func describesItselfUnderItsOwnKind(kind: String) {
        let type = AttentionRegistry.type(ofKind: kind)!
        #expect(type.about.kind == kind)
        #expect(!type.about.label.isEmpty && !type.about.shortName.isEmpty)
        if let colour = type.about.colour { #expect(colour.count == 7 && colour.hasPrefix("#") && Int(colour.dropFirst(), radix: 16) != nil) }
    }

    @Test func exactlyOneReferenceRankedFirst() throws {
        let references = AttentionRegistry.descriptions.filter(\.isReference)
        try #require(references.count == 1)
        #expect(AttentionRegistry.reference.kind == references[0].kind)
        #expect(AttentionRegistry.descriptions.allSatisfy { $0.isReference || $0.rank > references[0].rank })
        #expect(AttentionRegistry.referenceConfig.kind == references[0].kind)
    }

    /// Scans every Swift file under Sources/ except the variant files (Sources/LabAttention/Variants/)
    /// and the registry (Sources/LabAttention/AttentionRegistry.swift), with comments removed (`//`
    /// and `/* */` outside string literals; comments may cite a variant by name). A line names a
    /// registered kind K when it holds
    ///   - `"K"` (a string literal, a dictionary key, a JSON value inside a raw string),
    ///   - `kind: K` or `kind: "K"` (YAML or JSON examples in messages), or
    ///   - K as a whole word anywhere (identifier characters [A-Za-z0-9_] on neither side), except
    ///     for a kind that is also an English word (`englishWords`: `full`, as in "full attention",
    ///     "a full ring"), for which only the two forms above count;
    /// and it names a variant's Swift type (`FullAttention`, …) when that name stands as a whole word.
    @Test func noSourceOutsideTheVariantsAndTheRegistryNamesAKind() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let exempt = ["Sources/LabAttention/Variants/"], exemptFiles: Set = ["Sources/LabAttention/AttentionRegistry.swift"]
        let englishWords: Set = ["full"]
        let typeNames = AttentionRegistry.all.map { String(describing: $0) }
        var patterns: [(String, NSRegularExpression)] = []
        func word(_ w: String) -> String { "(?<![A-Za-z0-9_])" + NSRegularExpression.escapedPattern(for: w) + "(?![A-Za-z0-9_])" }
        for k in Self.kinds {
            let e = NSRegularExpression.escapedPattern(for: k)
            patterns.append(("kind \(k)", try NSRegularExpression(pattern: "\"\(e)\"")))
            patterns.append(("kind \(k)", try NSRegularExpression(pattern: "kind:\\s*\"?\(e)(?![A-Za-z0-9_])")))
            if !englishWords.contains(k) { patterns.append(("kind \(k)", try NSRegularExpression(pattern: word(k)))) }
        }
        for t in typeNames { patterns.append(("type \(t)", try NSRegularExpression(pattern: word(t)))) }

        var scanned = 0, found: [String] = []
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
        for file in files {
            let path = "Sources/" + file
            if exemptFiles.contains(path) || exempt.contains(where: { path.hasPrefix($0) }) { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            scanned += 1
            for (n, line) in Self.withoutComments(text).components(separatedBy: "\n").enumerated() {
                let range = NSRange(line.startIndex..., in: line)
                for (what, p) in patterns where p.firstMatch(in: line, range: range) != nil {
                    found.append("\(path):\(n + 1): names \(what): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(scanned > 50, "scanned only \(scanned) files under \(sources.path)")
        #expect(found.isEmpty, "\(found.count) lines name a variant outside its file and the registry:\n\(found.joined(separator: "\n"))")
    }

    /// The scanner's comment removal: comments go, string literals (with `//` in them) stay, lines keep their numbers.
    @Test func commentRemovalKeepsStringsAndLines() {
        let text = "let a = \"x // y\" // note\n/* one\n two */ let b = #\"{\"kind\": 1}\"# /* c */\n/// doc \"full\"\nlet c = 1"
        #expect(Self.withoutComments(text) == "let a = \"x // y\" \n\n let b = #\"{\"kind\": 1}\"# \n\nlet c = 1")
    }

    /// `text` with `//` and `/* */` comments blanked (newlines kept), string literals untouched.
    /// Strings: `"…"` with `\"` escapes, raw `#"…"#`, and multi-line `"""…"""`; a quote inside an
    /// interpolation ends and restarts the literal, which at worst keeps a comment-like `//` that
    /// sits in a string (never drops code).
    static func withoutComments(_ text: String) -> String {
        let c = Array(text)
        var out = "", i = 0
        func at(_ s: String, _ j: Int) -> Bool { Array(s).enumerated().allSatisfy { j + $0.offset < c.count && c[j + $0.offset] == $0.element } }
        while i < c.count {
            if at("//", i) {
                while i < c.count && c[i] != "\n" { i += 1 }
            } else if at("/*", i) {
                var depth = 0
                repeat {
                    if at("/*", i) { depth += 1; i += 2 } else if at("*/", i) { depth -= 1; i += 2 } else {
                        if c[i] == "\n" { out.append("\n") }
                        i += 1
                    }
                } while depth > 0 && i < c.count
            } else if at("#\"", i) || at("\"\"\"", i) || c[i] == "\"" {
                let close = at("#\"", i) ? "\"#" : at("\"\"\"", i) ? "\"\"\"" : "\""
                let open = close == "\"#" ? 2 : close.count
                out += String(c[i..<(i + open)]); i += open
                while i < c.count && !at(close, i) {
                    if close == "\"" && c[i] == "\\" && i + 1 < c.count { out.append(c[i]); i += 1 }
                    if close == "\"" && c[i] == "\n" { break }  // an unterminated literal ends at the line
                    out.append(c[i]); i += 1
                }
                if at(close, i) { out += close; i += close.count }
            } else {
                out.append(c[i]); i += 1
            }
        }
        return out
    }
}

@Suite struct PatternReachTests {
    /// A stack reaches Σ W when every layer's reach is bounded (sliding window), nil when any layer
    /// sees every earlier token (the MQAR reach ceiling the harness records rests on this).
    @Test func reachIsTheSumOverBoundedLayers() throws {
        let swa = try AnyAttentionConfig.parse(json: #"{"kind": "sliding_window", "window": 4}"#)
        let swa8 = try AnyAttentionConfig.parse(json: #"{"kind": "sliding_window", "window": 8}"#)
        #expect(LayerPattern(uniform: swa).reach(depth: 3) == 12)
        #expect(try LayerPattern(shorthand: "LG", local: swa, global: swa8).reach(depth: 4) == 24)
        for kind in AttentionRegistry.kinds where kind != "sliding_window" {
            let other = minimalConfig(AttentionRegistry.type(ofKind: kind)!)
            #expect(other.reach == nil, "\(kind)")
            #expect(try LayerPattern(shorthand: "LG", local: swa, global: other).reach(depth: 2) == nil, "\(kind)")
        }
    }
}
