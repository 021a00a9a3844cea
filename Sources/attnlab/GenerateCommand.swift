// `attnlab generate`: greedy decoding from a checkpoint through the layers' caches.
import ArgumentParser
import Foundation
import LabModel

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Greedy decoding from a checkpoint (prefill, then cached decoding).")

    @Option(help: "Checkpoint folder (holding model.safetensors).") var checkpoint: String
    @Option(help: "Prompt token ids, comma- or space-separated.") var promptTokens: String
    @Option(help: "Maximum new tokens.") var maxTokens: Int = 16
    @Option(help: "Stop after emitting this token.") var stopToken: Int?

    func run() throws {
        try reportingErrors {
            let prompt = try promptTokens.split(whereSeparator: { $0 == "," || $0 == " " }).map { s -> Int in
                guard let v = Int(s) else { throw UsageFailure("--prompt-tokens: '\(s)' is not an integer") }
                return v
            }
            guard !prompt.isEmpty else { throw UsageFailure("--prompt-tokens is empty") }
            try checkFlag("--max-tokens", maxTokens, 1...1_000_000)
            let (config, params, step) = try Checkpoint.loadModel(from: checkpoint)
            for t in prompt where !(0..<config.vocab).contains(t) {
                throw UsageFailure("--prompt-tokens: token \(t) is outside the model's vocabulary [0, \(config.vocab - 1)]")
            }
            if let stopToken, !(0..<config.vocab).contains(stopToken) {
                throw UsageFailure("--stop-token: \(stopToken) is outside the model's vocabulary [0, \(config.vocab - 1)]")
            }
            try config.checkMemory(batch: 1, length: prompt.count + maxTokens, training: false)
            let model = LanguageModel(config: config)
            let out = try model.generate(prompts: [prompt], params: params, maxNewTokens: maxTokens, stopToken: stopToken)
            print("checkpoint step \(step); prompt \(prompt.count) tokens")
            print(out[0].map(String.init).joined(separator: " "))
        }
    }
}
