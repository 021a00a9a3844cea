// A training checkpoint: a folder holding
//   model.safetensors       the parameters (F32, creation order); __metadata__: model config JSON,
//                           step, seed, format
//   optimizer.safetensors   AdamW's moments as m.<name>, v.<name>; __metadata__: step, the train
//                           options JSON and the validation history JSON
// Each file is written atomically; the model file last, so a folder whose model file exists has
// a complete optimizer file of the same step or an older one (caught by the step check on load).
import Foundation
import LabAttention
import LabCore

public enum Checkpoint {
    public static let modelFile = "model.safetensors", optimizerFile = "optimizer.safetensors"

    public static func save(_ trainer: Trainer, to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let p = trainer.params, opt = trainer.optimizer
        let optimizerTensors = p.names.map { (name: "m.\($0)", tensor: opt.m[$0]) } + p.names.map { (name: "v.\($0)", tensor: opt.v[$0]) }
        try SafeTensors.write(optimizerTensors, metadata: [
            "step": "\(opt.step)",
            "train_options": String(decoding: try encoder.encode(trainer.options), as: UTF8.self),
            "evaluations": String(decoding: try encoder.encode(trainer.evaluations), as: UTF8.self),
        ], to: dir + "/" + optimizerFile)
        try saveModel(trainer.model.config, params: p, step: opt.step, seed: trainer.options.seed, to: dir)
    }

    /// Writes only model.safetensors (what `generate` needs).
    public static func saveModel(_ config: ModelConfig, params: ParameterSet<Float>, step: Int, seed: UInt64, to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try SafeTensors.write(params.names.map { (name: $0, tensor: params[$0]) },
                              metadata: ["format": "attention-lab", "model_config": config.json, "step": "\(step)", "seed": "\(seed)"],
                              to: dir + "/" + modelFile)
    }

    /// The model of a checkpoint: its config, its parameters (checked against that config) and step.
    public static func loadModel(from dir: String) throws -> (config: ModelConfig, params: ParameterSet<Float>, step: Int) {
        let path = dir + "/" + modelFile
        let contents = try SafeTensors.read(path: path)
        guard let json = contents.metadata["model_config"] else { throw ModelError("\(path): no model_config in __metadata__") }
        let config = try ModelConfig.parse(json)
        let expected = LanguageModel(config: config).initialParameters(seed: 0)
        let params = try SafeTensors.parameters(contents, matching: expected, file: path)
        return (config, params, Int(contents.metadata["step"] ?? "") ?? 0)
    }

    /// Everything needed to resume: a Trainer continuing where the checkpoint stopped.
    /// `override` may change the options (e.g. a higher step cap) but not the data or model.
    public static func resume(from dir: String, override: ((inout TrainOptions) -> Void)? = nil) throws -> Trainer {
        let (config, params, step) = try loadModel(from: dir)
        let path = dir + "/" + optimizerFile
        let contents = try SafeTensors.read(path: path)
        guard let optionsJSON = contents.metadata["train_options"],
              var options = try? JSONDecoder().decode(TrainOptions.self, from: Data(optionsJSON.utf8)) else {
            throw ModelError("\(path): no readable train_options in __metadata__")
        }
        guard Int(contents.metadata["step"] ?? "") == step else {
            throw ModelError("\(path): step \(contents.metadata["step"] ?? "?") does not match the model's step \(step)")
        }
        let evaluations = (try? JSONDecoder().decode([Evaluation].self, from: Data((contents.metadata["evaluations"] ?? "[]").utf8))) ?? []
        var moments = ParameterSet<Float>()
        for n in params.names { moments.add("m.\(n)", params[n]) }
        for n in params.names { moments.add("v.\(n)", params[n]) }
        let loaded = try SafeTensors.parameters(contents, matching: moments, file: path)
        override?(&options)
        var optimizer = AdamW(config: options.optimizer, parameters: params)
        for n in params.names { optimizer.m[n] = loaded["m.\(n)"]; optimizer.v[n] = loaded["v.\(n)"] }
        optimizer.step = step
        return try Trainer(config: config, options: options, state: (params, optimizer, evaluations))
    }
}
