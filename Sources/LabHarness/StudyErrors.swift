// Study-file errors: one line naming the file, the line (from the parsed YAML's marks) and the
// key path; and loading a study file, where every error becomes one.
import Foundation
import LabModel
import Yams

/// A study-file error: `file:line[:column]: key.path: message` (`file: key.path: message` when the
/// line is unknown), always one line.
public struct StudyError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let key: String
    public let message: String
    /// The column of a YAML syntax error.
    public var column: Int? = nil
    public var description: String {
        file + (line.map { ":\($0)" } ?? "") + (column.map { ":\($0)" } ?? "") + ": \(key): \(message)"
    }
}

extension Study {
    // MARK: Loading

    /// Reads and parses a study file (at most `YAMLInput.maxFileBytes`, 1 MiB).
    public static func load(path: String) throws -> Study {
        let text: String
        do { text = try YAMLInput.read(path: path, what: "study") } catch let e as ModelError {
            throw StudyError(file: path, line: nil, key: "(file)", message: e.message.hasPrefix(path + ": ") ? String(e.message.dropFirst(path.count + 2)) : e.message)
        }
        return try parse(text, file: path)
    }

    /// Parses a study; every error is a `StudyError` (one line naming the file, line and key path).
    /// Limits checked before any work: `YAMLInput`'s (size, nodes through aliases, nesting, null,
    /// NaN, ±Inf, duplicate keys), the ranges of every number, `StudyLimits.maxRuns`, memory.
    public static func parse(_ text: String, file: String) throws -> Study {
        let node: Node
        do {
            node = try YAMLInput.compose(text, rangeOf: StudyLimits.range(at:))
        } catch let e as YAMLInputError {
            var err = StudyError(file: file, line: e.line, key: e.path.map(render) ?? (e.column != nil ? "(syntax)" : "(top level)"),
                                 message: e.message)
            err.column = e.column
            throw err
        }
        let study: Study
        do {
            study = try YAMLDecoder().decode(StudyDecoder.self, from: node).make(file: file, root: node)
        } catch let e as DecodingError {
            throw error(from: e, file: file, root: node, prefix: [])
        }
        try study.validate()
        return study
    }

    /// A StudyError from a decoding error whose coding path starts at `prefix` in the file.
    static func error(from e: DecodingError, file: String, root: Node, prefix: [PathComponent]) -> StudyError {
        let full = prefix + YAMLInput.path(of: e)
        return StudyError(file: file, line: locate(full, in: root), key: render(full), message: YAMLInput.reason(of: e))
    }

    public typealias PathComponent = YAMLPathComponent

    static func render(_ path: [PathComponent]) -> String { YAMLInput.render(path) }

    /// The line of the deepest node on `path` (a mapping key's own line for a key).
    static func locate(_ path: [PathComponent], in root: Node) -> Int? { YAMLInput.locate(path, in: root) }

    /// An error at the study key `dotted` (e.g. `training.batch`), with `index` for a list axis.
    func fail(dotted: String, index: Int? = nil, _ message: String) -> StudyError {
        fail(dotted.split(separator: ".").map { .key(String($0)) } + (index.map { [.index($0)] } ?? []), message)
    }

    /// An error at `path` of this study's file.
    func fail(_ path: [PathComponent], _ message: String) -> StudyError {
        StudyError(file: file, line: Self.locate(path, in: root), key: Self.render(path), message: message)
    }
}
