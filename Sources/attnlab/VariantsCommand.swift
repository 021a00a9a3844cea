// `attnlab variants …`: the registered attention variants and their config keys.
import ArgumentParser
import Foundation
import LabAttention

struct Variants: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Attention variants (full, sliding_window, rattention, …) and their config keys.",
        subcommands: [VariantsList.self, VariantsState.self])
}

struct VariantsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Each variant with its config keys and defaults.")
    func run() {
        for type in AttentionRegistry.all {
            print("\(type.kind): \(type.summary)")
            if type.configKeys.isEmpty { print("    (no keys)") }
            for doc in type.configKeys {
                print("    \(doc.key.padding(toLength: 12, withPad: " ", startingAt: 0)) default \(doc.defaultValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(doc.meaning)")
            }
            print("    example: \(type.minimalConfigJSON)")
        }
    }
}

struct VariantsState: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state-bytes",
        abstract: "Analytic decode-state bytes per sequence of a layer pattern at given lengths (fp32, K and V counted).")
    @Option(help: "Layer pattern as JSON, e.g. '[{\"repeat\": 3, \"layer\": {\"kind\": \"sliding_window\", \"window\": 64}}, {\"kind\": \"full\"}]'.")
    var pattern: String
    @Option(help: "Layers.") var layers = 4
    @Option(help: "Model dim C.") var modelDim = 256
    @Option(help: "Heads H.") var heads = 4
    @Option(help: "KV heads (default H).") var kvHeads: Int?
    @Option(name: .customLong("T"), help: "Sequence lengths (repeatable).") var T: [Int] = [1024, 4096, 16384]

    func run() throws {
        try reportingErrors {
            let p: LayerPattern
            do { p = try JSONDecoder().decode(LayerPattern.self, from: Data(pattern.utf8)) } catch {
                throw UsageFailure("pattern: \(describe(error))")
            }
            guard modelDim % heads == 0, heads % (kvHeads ?? heads) == 0 else {
                throw UsageFailure("heads: model dim \(modelDim), heads \(heads), kv heads \(kvHeads ?? heads) do not divide")
            }
            let dims = AttentionDims(modelDim: modelDim, heads: heads, kvHeads: kvHeads)
            print("pattern: \(p) (\(layers) layers, \(dims))")
            for t in T {
                print("T=\(t): \(p.stateBytes(depth: layers, dims: dims, sequenceLength: t)) bytes")
            }
        }
    }
}
