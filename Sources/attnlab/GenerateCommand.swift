// `attnlab generate`: greedy decoding from a checkpoint through the layers' caches, from raw token
// ids (`--prompt-tokens`) or from a task's test example (`--task`), rendered in the task's words
// and scored with its metric; for a language-model task (`lm_*`) the prompt is a test window and the
// continuation is printed as text (256 bytes unless --max-tokens).
import ArgumentParser
import Foundation
import LabAttention
import LabHarness
import LabModel
import LabTasks

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Greedy decoding from a checkpoint (prefill, then cached decoding): raw token ids, or a task's test example, scored.")

    @Option(help: "Checkpoint folder (holding model.safetensors).") var checkpoint: String
    @Option(help: "Prompt token ids, comma- or space-separated (or --task).") var promptTokens: String?
    @Option(help: "Task whose test example to answer (see `attnlab tasks list`; or --prompt-tokens).") var task: String?
    @Option(help: "With --task: which test example, 0-based (the one of seed 2^31 + S, as evaluation draws them).") var seed: UInt64 = 0
    @Option(help: "With --task: total tokens of the example (prompt + target).") var length: Int = 128
    @Option(help: "Maximum new tokens (with --task: default the target's length).") var maxTokens: Int?
    @Option(help: "Stop after emitting this token.") var stopToken: Int?
    @Flag(help: "With --task: also print the token ids.") var tokens = false
    @OptionGroup var kernelFlag: KernelFlag

    func run() throws {
        try reportingErrors {
            let kernels = try kernelFlag.overrides()
            if let maxTokens { try checkFlag("--max-tokens", maxTokens, 1...1_000_000) }
            let example: Example?
            let prompt: [Int]
            switch (promptTokens, task) {
            case (nil, nil): throw UsageFailure("--prompt-tokens or --task is required")
            case (.some, .some): throw UsageFailure("--task draws its own prompt; drop --prompt-tokens")
            case (let text?, nil):
                example = nil
                prompt = try text.split(whereSeparator: { $0 == "," || $0 == " " }).map { s -> Int in
                    guard let v = Int(s) else { throw UsageFailure("--prompt-tokens: '\(s)' is not an integer") }
                    return v
                }
                guard !prompt.isEmpty else { throw UsageFailure("--prompt-tokens is empty") }
            case (nil, let name?):
                guard seed < Split.test.seeds.count else {
                    throw UsageFailure("--seed \(seed): there are \(Split.test.seeds.count) test examples")
                }
                let t: any SyntheticTask
                do { t = try TaskRegistry.task(named: name); try t.validate(length: length) } catch let e as TaskError {
                    throw UsageFailure(e.argument == "length" ? "--length \(e.value): \(e.reason)" : "--task \(e.value): \(e.reason)")
                }
                let e = try t.generate(length: length, seed: Split.test.seed(Int(seed)))
                example = e
                prompt = e.metric == .positions ? e.inputs : Array(e.prompt)
            }
            let (config, params, step) = try Checkpoint.loadModel(from: checkpoint)
            for t in prompt where !(0..<config.vocab).contains(t) {
                let flag = task == nil ? "--prompt-tokens" : "--task \(task!)"
                throw UsageFailure("\(flag): token \(t) is outside the model's vocabulary [0, \(config.vocab - 1)]")
            }
            if let stopToken, !(0..<config.vocab).contains(stopToken) {
                throw UsageFailure("--stop-token: \(stopToken) is outside the model's vocabulary [0, \(config.vocab - 1)]")
            }
            let newTokens = maxTokens ?? example.map { $0.metric == .positions && $0.answers.isEmpty ? 256 : max($0.target.count, 1) } ?? 16
            try config.checkMemory(batch: 1, length: prompt.count + newTokens, training: false)
            let model = LanguageModel(config: config, kernels: try KernelChoice(overrides: kernels))
            let kernelsRun = try KernelFlag.check(model, lengths: [prompt.count])
            guard let example, let task, let t = try? TaskRegistry.task(named: task) else {
                let out = try model.generate(prompts: [prompt], params: params, maxNewTokens: newTokens, stopToken: stopToken)
                print("checkpoint step \(step); prompt \(prompt.count) tokens")
                print(out[0].map(String.init).joined(separator: " "))
                return
            }
            if t.isLanguageModelling {
                // a test window as the prompt, the greedy continuation as text
                let out = try model.generate(prompts: [prompt], params: params, maxNewTokens: newTokens, stopToken: stopToken)
                print("checkpoint step \(step) · task \(example.task) · test window \(seed) (seed \(example.seed)) · "
                    + "kernels: \(kernelsRun.joined(separator: ", "))")
                print("\nprompt (\(prompt.count) bytes of a test document):\n\(t.render(prompt[...]))")
                print("\ncontinuation (\(out[0].count) bytes, greedy):\n\(t.render(out[0][...]))")
                if tokens { print("\noutput ids: \(out[0].map(String.init).joined(separator: " "))") }
                return
            }
            let answer = try model.answer(example, params: params, maxNewTokens: newTokens, stopToken: stopToken)
            print("checkpoint step \(step) · task \(example.task) · length \(example.length) · test example \(seed) (seed \(example.seed)) · "
                + "metric \(example.metric.rawValue) · kernels: \(kernelsRun.joined(separator: ", "))")
            print("\nprompt (\(example.promptLength) tokens):\n\(t.render(example.prompt))")
            if example.metric == .positions {
                // MQAR: the whole sequence is the prompt; the answer is the prediction at each query
                let labelled = example.labels.indices.filter { example.labels[$0] != Example.ignore }
                print("\npredictions at the \(labelled.count) queries (key → predicted, expected):")
                for i in labelled {
                    let mark = answer.output[i] == example.labels[i] ? "" : "  ✗"
                    print("  \(t.render(example.inputs[i...i])) → \(t.render(answer.output[i...i])), \(t.render(example.labels[i...i]))\(mark)")
                }
            } else {
                print("\ncontinuation (\(answer.output.count) tokens): \(t.render(answer.output[...]))")
                print("expected (\(example.target.count) tokens): \(t.render(example.target))")
            }
            if tokens {
                print("\nprompt ids: \(example.prompt.map(String.init).joined(separator: " "))")
                print("output ids: \(answer.output.map(String.init).joined(separator: " "))")
            }
            print(String(format: "\nscore (%@): %.4f", example.metric.rawValue, answer.score))
        }
    }
}
