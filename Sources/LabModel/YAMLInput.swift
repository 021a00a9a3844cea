// Reading YAML (or JSON) written by people: study files, model configs, inline patterns. Every
// failure is one line naming the place (`line:column` for syntax, the key path for values), and
// the work is bounded before anything is decoded:
//
//   file size      at most `maxFileBytes` (1 MiB; the committed studies and configs are < 8 KiB)
//   nodes          at most `maxNodes` (100 000) after aliases are expanded, counted with an early
//                  stop, so an alias bomb (`a: &a [x, x], b: &b [*a, *a], …`) fails in microseconds
//   nesting        at most `maxDepth` (64) levels
//   values         null (`key:`, `~`, `null`) and non-finite numbers (`.nan`, `.inf`) are errors
//                  naming the key path, never a silent default
//   duplicate keys an error naming the key and both lines
import Foundation
import LabCore
import LabAttention
import Yams

/// A step of a key path in a YAML document: a mapping key or a sequence index.
public enum YAMLPathComponent: Equatable, Sendable {
    case key(String), index(Int)
    public var key: String? { if case .key(let k) = self { return k }; return nil }
}

/// A YAML input error: where (line, column, key path, each if known) and why, in one line.
public struct YAMLInputError: Error, CustomStringConvertible, Equatable {
    public let line: Int?
    public let column: Int?
    public let path: [YAMLPathComponent]?
    public let message: String
    public init(line: Int?, column: Int?, path: [YAMLPathComponent]?, message: String) {
        self.line = line; self.column = column; self.path = path; self.message = message
    }
    /// `<file>:<line>[:<column>]: [<key path>: ]<message>`.
    public func located(in file: String) -> String {
        "\(file):\(line.map(String.init) ?? "?")" + (column.map { ":\($0)" } ?? "") + ": "
            + (path.map { YAMLInput.render($0) + ": " } ?? "") + message
    }
    public var description: String { located(in: "(text)") }
}

public enum YAMLInput {
    /// The largest study or config file read: 1 MiB.
    public static let maxFileBytes = 1 << 20
    /// The most YAML nodes (scalars, mappings, sequences, counted through aliases) in a document.
    public static let maxNodes = 100_000
    /// The deepest nesting of mappings and sequences.
    public static let maxDepth = 64

    /// The text of the file at `path`, refusing a folder, an unreadable file or one over
    /// `maxFileBytes` with a one-line `ModelError` naming `path` and `what` it is.
    public static func read(path: String, what: String) throws -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw ModelError("\(path): no such \(what) file") }
        guard !isDir.boolValue else { throw ModelError("\(path): is a folder, not a \(what) file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ModelError("\(path): cannot read the \(what) file") }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maxFileBytes + 1) ?? Data() } catch {
            throw ModelError("\(path): cannot read the \(what) file")
        }
        guard data.count <= maxFileBytes else {
            throw ModelError("\(path): the \(what) file is larger than \(maxFileBytes) bytes (1 MiB), the limit")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses `text` into a node tree, checking the limits above. `rangeOf` gives the documented
    /// range of the number at a key path (for the message about a NaN or an infinity there).
    public static func compose(_ text: String, rangeOf: ([YAMLPathComponent]) -> NumberRange? = { _ in nil }) throws -> Node {
        guard text.utf8.count <= maxFileBytes else {
            throw YAMLInputError(line: nil, column: nil, path: nil, message: "the text is larger than \(maxFileBytes) bytes (1 MiB), the limit")
        }
        if let depth = bracketDepthProblem(text) { throw depth }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let e as YamlError {
            throw error(from: e, text: text)
        }
        guard let node else { throw YAMLInputError(line: 1, column: nil, path: nil, message: "the document is empty") }
        var count = 0
        try walk(node, path: [], depth: 0, count: &count, rangeOf: rangeOf)
        return node
    }

    /// Flow collections nested deeper than `maxDepth` (`[[[[…`) fail before the recursive parser sees them.
    static func bracketDepthProblem(_ text: String) -> YAMLInputError? {
        var depth = 0, line = 1, quote: UInt8? = nil
        for b in text.utf8 {
            if b == 10 { line += 1 }
            if let q = quote { if b == q { quote = nil }; continue }
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = b
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return YAMLInputError(line: line, column: nil, path: nil, message: "nested deeper than \(maxDepth) levels, the limit") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(depth - 1, 0)
            case 10: quote = nil
            default: break
            }
        }
        return nil
    }

    private static func walk(_ node: Node, path: [YAMLPathComponent], depth: Int, count: inout Int,
                             rangeOf: ([YAMLPathComponent]) -> NumberRange?) throws {
        count += 1
        if count > maxNodes {
            throw YAMLInputError(line: node.mark?.line, column: nil, path: nil,
                                 message: "more than \(maxNodes) YAML nodes once aliases are expanded (an alias bomb?), the limit")
        }
        if depth > maxDepth {
            throw YAMLInputError(line: node.mark?.line, column: nil, path: path, message: "nested deeper than \(maxDepth) levels, the limit")
        }
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { break }
            switch Resolver.default.resolveTag(of: node) {
            case .null where !path.isEmpty:
                throw YAMLInputError(line: node.mark?.line, column: nil, path: path, message: NumberRange.nullMessage)
            case .float, .int:
                // a number outside its documented range (when the caller knows it), or not finite
                if let v = node.float, let problem = rangeOf(path)?.problem(v) ?? (v.isFinite ? nil : "\(NumberRange.text(v)) is not a finite number") {
                    throw YAMLInputError(line: node.mark?.line, column: nil, path: path, message: problem)
                }
            default: break
            }
        case .mapping(let m):
            for (k, v) in m { try walk(v, path: path + [.key(k.string ?? "?")], depth: depth + 1, count: &count, rangeOf: rangeOf) }
        case .sequence(let s):
            for (i, v) in s.enumerated() { try walk(v, path: path + [.index(i)], depth: depth + 1, count: &count, rangeOf: rangeOf) }
        case .alias:
            break
        }
    }

    /// One line from a Yams error: syntax errors with line and column, a duplicate key with both lines.
    static func error(from e: YamlError, text: String) -> YAMLInputError {
        func context(_ c: YamlError.Context?) -> String {
            c.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
        }
        switch e {
        case let .scanner(c, problem, mark, _), let .parser(c, problem, mark, _), let .composer(c, problem, mark, _):
            return YAMLInputError(line: mark.line, column: mark.column, path: nil, message: "YAML syntax error: \(problem)\(context(c))")
        case let .reader(problem, offset, _, _):
            var line = 1, column = 1
            if let offset {
                for b in text.utf8.prefix(offset) { if b == 10 { line += 1; column = 1 } else { column += 1 } }
            }
            return YAMLInputError(line: line, column: column, path: nil, message: "cannot read the text: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, c):
            let key = duplicates.sorted().first ?? "?"
            let second = secondLine(of: key, after: c.mark, in: text)
            let where_ = second.map { "lines \(c.mark.line) and \($0)" } ?? "line \(c.mark.line) and again later in the same mapping"
            return YAMLInputError(line: c.mark.line, column: c.mark.column, path: nil, message: "duplicate key '\(key)' (\(where_))")
        default:
            return YAMLInputError(line: nil, column: nil, path: nil,
                                  message: "YAML error: " + "\(e)".split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }

    /// The line of the next `key:` in the mapping whose first `key:` is at `mark`: later on the same
    /// line (flow style) or on a later line at the same indentation (block style).
    static func secondLine(of key: String, after mark: Mark, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        func hasKey(_ s: Substring) -> Bool {
            for form in [key, "\"\(key)\"", "'\(key)'"] {
                var rest = s[...]
                while let r = rest.range(of: form) {
                    let before = r.lowerBound == s.startIndex ? " " : s[s.index(before: r.lowerBound)]
                    let after = s[r.upperBound...].drop(while: { $0 == " " })
                    if " {,\t".contains(before), after.first == ":" { return true }
                    rest = s[r.upperBound...]
                }
            }
            return false
        }
        let first = Array(lines[mark.line - 1].unicodeScalars)
        let start = min(mark.column - 1 + key.unicodeScalars.count, first.count)
        if hasKey(Substring(String(String.UnicodeScalarView(first[start...])))) { return mark.line }
        let indent = mark.column - 1
        for n in mark.line..<lines.count {
            let l = lines[n]
            let content = l.drop(while: { $0 == " " })
            if content.isEmpty || content.hasPrefix("#") { continue }
            let i = l.count - content.count
            if i < indent { return nil }
            if i == indent, hasKey(content) { return n + 1 }
            if i == indent - 2, content.hasPrefix("- ") { return nil }  // the next item of a list of mappings
        }
        return nil
    }

    // MARK: Key paths

    /// `a.b[2].c`; `(top level)` for the empty path.
    public static func render(_ path: [YAMLPathComponent]) -> String {
        if path.isEmpty { return "(top level)" }
        var s = ""
        for c in path {
            switch c {
            case .key(let k): s += (s.isEmpty ? "" : ".") + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    /// The line of the deepest node on `path` (a mapping key's own line for a key).
    public static func locate(_ path: [YAMLPathComponent], in root: Node) -> Int? {
        var node = root
        var line = root.mark?.line
        for c in path {
            switch c {
            case .key(let k):
                guard let m = node.mapping, let pair = m.first(where: { $0.key.string == k }) else { return line }
                line = pair.key.mark?.line ?? line
                node = pair.value
            case .index(let i):
                guard let s = node.sequence, i < s.count else { return line }
                node = s[i]
                line = node.mark?.line ?? line
            }
        }
        return line
    }

    /// The key path a decoding error is about.
    public static func path(of e: DecodingError) -> [YAMLPathComponent] {
        let keys: [CodingKey]
        switch e {
        case .dataCorrupted(let c): keys = c.codingPath
        case .keyNotFound(let k, let c): keys = c.codingPath + [k]
        case .typeMismatch(_, let c): keys = c.codingPath
        case .valueNotFound(_, let c): keys = c.codingPath
        @unknown default: keys = []
        }
        return keys.map { k -> YAMLPathComponent in
            if let i = k.intValue { return .index(i) }
            if k.stringValue.hasPrefix("Index "), let i = Int(k.stringValue.dropFirst(6)) { return .index(i) }
            return .key(k.stringValue)
        }
    }

    /// Why a decoding error happened, in words (`decodingReason`).
    public static func reason(of e: DecodingError) -> String { decodingReason(e) }
}
