// `attnlab variants …`: the registered attention variants and their config keys.
import ArgumentParser
import Foundation
import LabCore
import LabAttention
import LabModel
import LabResults

struct Variants: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Attention variants (\(AttentionRegistry.kinds.joined(separator: ", "))) and their config keys.",
        subcommands: [VariantsList.self, VariantsState.self, VariantsPattern.self])
}

struct VariantsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Each variant with its config keys and defaults.")
    @Flag(help: "Instead: each variant's description as result rows carry it (`variant`), one JSON object a line.")
    var json = false
    func run() {
        if json {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]  // as ResultRow.jsonLine writes it
            for d in AttentionRegistry.descriptions { print(String(decoding: (try? e.encode(d)) ?? Data(), as: UTF8.self)) }
            return
        }
        let keyWidth = AttentionRegistry.all.flatMap { $0.configKeys.map(\.key.count) }.max() ?? 0
        for type in AttentionRegistry.all {
            print("\(type.kind): \(type.summary)")
            if type.configKeys.isEmpty { print("    (no keys)") }
            for doc in type.configKeys {
                print("    \(padded(doc.key, keyWidth)) default \(padded(doc.defaultValue, 9)) \(doc.meaning)")
            }
            print("    example: \(type.minimalConfigJSON)")
        }
    }
}

struct VariantsState: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state-bytes",
        abstract: "Analytic decode-state bytes per sequence of a layer pattern at given lengths (fp32, K and V counted).")
    @Option(help: "Layer pattern: a YAML/JSON file or inline text, e.g. '\(PatternExample.localGlobal)'.")
    var pattern: String
    @Option(help: "Layers.") var layers = 4
    @Option(help: "Model dim C.") var modelDim = 256
    @Option(help: "Heads H.") var heads = 4
    @Option(help: "KV heads (default H).") var kvHeads: Int?
    @Option(name: .customLong("T"), help: "Sequence lengths (repeatable).") var T: [Int] = [1024, 4096, 16384]

    func run() throws {
        try reportingErrors {
            let p = try parsePatternArgument(pattern)
            try checkFlag("--layers", Double(layers), ModelConfig.ranges["layers"]!)
            try checkFlag("--model-dim", Double(modelDim), ModelConfig.ranges["model_dim"]!)
            try checkFlag("--heads", Double(heads), ModelConfig.ranges["heads"]!)
            if let kvHeads { try checkFlag("--kv-heads", Double(kvHeads), ModelConfig.ranges["kv_heads"]!) }
            for t in T { try checkFlag("--T", t, VariantsPattern.lengthRange) }
            guard modelDim % heads == 0, heads % (kvHeads ?? heads) == 0 else {
                throw UsageFailure("heads: model dim \(modelDim), heads \(heads), kv heads \(kvHeads ?? heads) do not divide")
            }
            let dims = AttentionDims(modelDim: modelDim, heads: heads, kvHeads: kvHeads)
            print("pattern: \(p) (\(layers) layers, \(dims))")
            for t in T {
                let bytes = p.stateBytes(depth: layers, dims: dims, sequenceLength: t)
                print("T=\(t): \(formatBytes(Double(bytes))) (\(bytes) bytes)")
            }
        }
    }
}

/// `attnlab variants pattern`: one row a layer (0-based): kind, window, the layer whose keys and
/// values it reads, and its decode-state bytes per sequence at each T (fp32, K and V; a consumer
/// holds 0, its producer's cache counts once); then the total, the unshared total (every layer
/// with its own cache) and the fraction sharing saves.
struct VariantsPattern: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pattern",
        abstract: "A layer pattern's per-layer table: kind, window, KV producer and decode-state bytes at T (shared caches once).")
    @Option(help: "Layer pattern: a YAML/JSON file or inline text, e.g. '{layers: [\(PatternExample.global)], kv_share: {ratio: \"5:3\"}}'.")
    var pattern: String?
    @Option(help: "A model config (YAML/JSON) to take the pattern, layers and dims from (the other options override).")
    var config: String?
    @Option(help: "Layers (default 8, or the config's).") var layers: Int?
    @Option(help: "Model dim C (default 256).") var modelDim: Int?
    @Option(help: "Heads H (default 4).") var heads: Int?
    @Option(help: "KV heads (default H).") var kvHeads: Int?
    @Option(help: "Head dim D (default C/H).") var headDim: Int?
    @Option(name: .customLong("T"), help: "Sequence lengths (repeatable), 1 … 2^24.") var T: [Int] = [4096]

    /// The lengths the state tables accept: [1, 2^24] tokens (the byte counts stay far inside Int).
    static let lengthRange = 1...(1 << 24)

    func run() throws {
        try reportingErrors {
            let base = try config.map { try ModelConfig.load(path: $0) }
            let p: LayerPattern
            if let pattern {
                p = try parsePatternArgument(pattern)
            } else if let base {
                p = base.pattern
            } else {
                throw UsageFailure("give --pattern (a file or inline YAML) or --config (a model config)")
            }
            let depth = layers ?? base?.layers ?? 8
            let C = modelDim ?? base?.modelDim ?? 256, H = heads ?? base?.heads ?? 4
            let Hkv = kvHeads ?? base?.kvHeads ?? H
            let D = headDim ?? (modelDim == nil && heads == nil ? base?.headDim : nil) ?? (H > 0 ? C / H : 0)
            for (flag, key, v) in [("--layers", "layers", depth), ("--model-dim", "model_dim", C), ("--heads", "heads", H),
                                   ("--kv-heads", "kv_heads", Hkv), ("--head-dim", "head_dim", D)] {
                try checkFlag(flag, Double(v), ModelConfig.ranges[key]!)
            }
            guard H % Hkv == 0 else { throw UsageFailure("--heads \(H), --kv-heads \(Hkv): H must be a multiple of Hkv") }
            guard !T.isEmpty else { throw UsageFailure("--T: give at least one length") }
            for t in T { try checkFlag("--T", t, VariantsPattern.lengthRange) }
            let dims = AttentionDims(modelDim: C, heads: H, kvHeads: Hkv, headDim: D)
            try p.validate(depth: depth, dims: dims)
            print("pattern: \(p) (\(depth) layers, \(dims); decode-state bytes per sequence, fp32, K and V; layers 0-based)")
            let tables = T.map { p.table(depth: depth, dims: dims, sequenceLength: $0) }
            let bytesHeads = T.map { "bytes@T=\($0)" }
            print(padded("layer", 6) + padded("kind", 16) + padded("window", 8) + padded("kv from", 9) + bytesHeads.map { padded($0, 18) }.joined())
            for i in 0..<depth {
                let r = tables[0][i]
                print(padded("\(i)", 6) + padded(r.kind, 16) + padded(r.window.map(String.init) ?? "-", 8) + padded(r.kvFrom.map(String.init) ?? "own", 9)
                      + tables.map { padded("\($0[i].bytes)", 18) }.joined())
            }
            let shared = tables.map { $0.reduce(0) { $0 + $1.bytes } }
            let unshared = T.map { p.unshared.stateBytes(depth: depth, dims: dims, sequenceLength: $0) }
            print(padded("total", 39) + shared.map { padded("\($0)", 18) }.joined())
            print(padded("unshared total", 39) + unshared.map { padded("\($0)", 18) }.joined())
            print(padded("saved by sharing", 39) + zip(shared, unshared).map { s, u in
                padded(String(format: "%.1f %%", u == 0 ? 0 : 100 * Double(u - s) / Double(u)), 18) }.joined())
        }
    }
}

/// `s` followed by spaces up to `width` characters (never cut: a longer `s` is kept whole).
func padded(_ s: String, _ width: Int) -> String { s.padding(toLength: max(width, s.count), withPad: " ", startingAt: 0) }

/// A `--pattern` argument: a YAML or JSON file, or the pattern inline (YAML, which includes JSON).
func parsePatternArgument(_ pattern: String) throws -> LayerPattern {
    let text = FileManager.default.fileExists(atPath: pattern) ? try YAMLInput.read(path: pattern, what: "pattern") : pattern
    return try LayerPattern.parse(yaml: text)
}

/// Pattern examples for the help texts, from the registry (no kind is named here): the reference
/// variant's minimal config as the global layer, the first registered variant whose minimal config
/// has a window as the local one.
enum PatternExample {
    static var global: String { AttentionRegistry.reference.minimalConfigJSON }
    static var local: String {
        AttentionRegistry.all.map { $0.minimalConfigJSON }.first { (try? AnyAttentionConfig.parse(json: $0))?.window != nil } ?? global
    }
    static var localGlobal: String { "[{repeat: 3, layer: \(local)}, \(global)]" }
}
