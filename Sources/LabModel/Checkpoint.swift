// A training checkpoint folder DIR holds the newest checkpoints, one sub-folder each:
//   DIR/step-00000020/model.safetensors      the parameters (F32, creation order); __metadata__:
//                                            model config JSON, step, seed, format
//   DIR/step-00000020/optimizer.safetensors  AdamW's moments as m.<name>, v.<name>; __metadata__:
//                                            step, the train options JSON, the validation history
//   DIR/step-00000010/…                      the one before, kept as a fallback
// The pair commits atomically: both files are written and fsync'd in a hidden temporary folder
// (`DIR/.tmp-step-…-<pid>`), which one rename(2) turns into `step-N`; the folder is fsync'd after.
// A kill at any instant leaves either the new step folder whole or no trace of it but a temporary
// folder, which the next save removes. Loading takes the newest step folder that reads whole and
// falls back to older ones with a warning (a corrupt newest checkpoint costs the steps since the
// previous one, not the run). A DIR with model.safetensors at its top (the earlier layout, or a
// model written by `saveModel`) is read as the oldest candidate.
import Foundation
import LabAttention
import LabCore
#if canImport(Glibc)
import Glibc
#endif

public enum Checkpoint {
    public static let modelFile = "model.safetensors", optimizerFile = "optimizer.safetensors"
    /// How many step folders a save keeps (the newest and its fallback).
    public static let kept = 2

    /// Commits `trainer`'s parameters and optimizer state as `dir/step-N` (N = its step), then
    /// removes all but the newest `kept` step folders and any temporary folder a killed save left.
    /// If `dir` disappears during the save (deleted by hand), it is recreated and the save redone once.
    public static func save(_ trainer: Trainer, to dir: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let p = trainer.params, opt = trainer.optimizer
        let optimizerTensors = p.names.map { (name: "m.\($0)", tensor: opt.m[$0]) } + p.names.map { (name: "v.\($0)", tensor: opt.v[$0]) }
        let optimizerMetadata = [
            "step": "\(opt.step)",
            "train_options": String(decoding: try encoder.encode(trainer.options), as: UTF8.self),
            "evaluations": String(decoding: try encoder.encode(trainer.evaluations), as: UTF8.self),
        ]
        try commit(step: opt.step, in: dir) { folder in
            try SafeTensors.write(optimizerTensors, metadata: optimizerMetadata, to: folder + "/" + optimizerFile)
            try writeModelFile(trainer.model.config, params: p, step: opt.step, seed: trainer.options.seed, to: folder)
        }
    }

    /// Writes a model-only checkpoint (what `generate` needs) as `dir/step-N`.
    public static func saveModel(_ config: ModelConfig, params: ParameterSet<Float>, step: Int, seed: UInt64, to dir: String) throws {
        try commit(step: step, in: dir) { try writeModelFile(config, params: params, step: step, seed: seed, to: $0) }
    }

    static func writeModelFile(_ config: ModelConfig, params: ParameterSet<Float>, step: Int, seed: UInt64, to folder: String) throws {
        try SafeTensors.write(params.names.map { (name: $0, tensor: params[$0]) },
                              metadata: ["format": "attention-lab", "model_config": config.json, "step": "\(step)", "seed": "\(seed)"],
                              to: folder + "/" + modelFile)
    }

    /// The step folder's name: zero-padded so that names sort by step.
    public static func stepFolderName(_ step: Int) -> String { "step-" + String(repeating: "0", count: max(0, 8 - "\(step)".count)) + "\(step)" }

    /// Writes a step folder through `write` (given the temporary folder) and commits it by rename.
    static func commit(step: Int, in dir: String, write: (String) throws -> Void) throws {
        let fm = FileManager.default
        for attempt in 0..<2 {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            removeTemporaries(in: dir)
            let tmp = dir + "/.tmp-\(stepFolderName(step))-\(getpid())"
            do {
                try fm.createDirectory(atPath: tmp, withIntermediateDirectories: false)
                try write(tmp)
                fsyncPath(tmp)
                let final = dir + "/" + stepFolderName(step)
                if fm.fileExists(atPath: final) {
                    // The same step saved twice (a periodic save at the last step, then the final one):
                    // move the old one aside first; a kill in between leaves the previous step folder.
                    let aside = dir + "/.tmp-replaced-\(stepFolderName(step))-\(getpid())"
                    guard rename(final, aside) == 0 else { throw ModelError("\(final): cannot replace: \(errnoText())") }
                    try? fm.removeItem(atPath: aside)
                }
                guard rename(tmp, final) == 0 else { throw ModelError("\(final): cannot commit checkpoint: \(errnoText())") }
                fsyncPath(dir)
                prune(dir)
                return
            } catch {
                try? fm.removeItem(atPath: tmp)
                // The folder vanished under us (deleted mid-save): recreate it and write again, once.
                if attempt == 0 && !fm.fileExists(atPath: dir) { continue }
                throw error
            }
        }
    }

    /// Removes hidden temporary folders left by saves that were killed (any but this process's).
    static func removeTemporaries(in dir: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        for n in names where n.hasPrefix(".tmp-") && !n.hasSuffix("-\(getpid())") {
            try? FileManager.default.removeItem(atPath: dir + "/" + n)
        }
    }

    /// Keeps the newest `kept` step folders.
    static func prune(_ dir: String) {
        for old in stepFolders(dir).dropFirst(kept) { try? FileManager.default.removeItem(atPath: old.path) }
    }

    /// The committed step folders of `dir`, newest first.
    public static func stepFolders(_ dir: String) -> [(step: Int, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.compactMap { n -> (Int, String)? in
            guard n.hasPrefix("step-"), let s = Int(n.dropFirst(5)), s >= 0 else { return nil }
            return (s, dir + "/" + n)
        }.sorted { $0.0 > $1.0 }
    }

    /// The folders that may hold a checkpoint, newest first: the step folders, then `dir` itself
    /// when it has a model file at its top.
    static func candidates(_ dir: String) -> [String] {
        var out = stepFolders(dir).map(\.path)
        if FileManager.default.fileExists(atPath: dir + "/" + modelFile) { out.append(dir) }
        return out
    }

    /// True when `dir` holds at least one checkpoint (whole or not: loading decides).
    public static func exists(_ dir: String) -> Bool { !candidates(dir).isEmpty }

    /// The newest candidate that `load` reads whole; older ones are tried after a failure, each
    /// failure reported through `warn`. Throws the newest one's error when none reads.
    static func newest<T>(in dir: String, warn: (String) -> Void, _ load: (String) throws -> T) throws -> T {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), !isDir.boolValue {
            throw ModelError("\(dir): is a file, not a checkpoint folder")
        }
        guard FileManager.default.fileExists(atPath: dir) else { throw ModelError("\(dir): no such checkpoint folder") }
        let all = candidates(dir)
        guard !all.isEmpty else {
            throw ModelError("\(dir): no checkpoint (no step-NNNNNNNN/\(modelFile) in it)")
        }
        var firstError: Error? = nil
        for (i, folder) in all.enumerated() {
            do {
                let value = try load(folder)
                if i > 0 { warn("\(dir): using the older checkpoint \((folder as NSString).lastPathComponent)") }
                return value
            } catch {
                firstError = firstError ?? error
                if i + 1 < all.count { warn("\(folder): unreadable checkpoint (\(error)); trying the one before") }
            }
        }
        throw firstError!
    }

    /// Prints a warning line on stderr.
    public static func stderrWarning(_ message: String) { FileHandle.standardError.writeIgnoringErrors("attnlab: warning: \(message)\n") }

    /// The model of the newest readable checkpoint in `dir`: its config, its parameters (checked
    /// against that config) and step. An unreadable newer checkpoint is skipped with a warning on stderr.
    public static func loadModel(from dir: String) throws -> (config: ModelConfig, params: ParameterSet<Float>, step: Int) {
        try newest(in: dir, warn: stderrWarning) { try readModel($0) }
    }

    static func readModel(_ folder: String) throws -> (config: ModelConfig, params: ParameterSet<Float>, step: Int) {
        let path = folder + "/" + modelFile
        let contents = try SafeTensors.read(path: path)
        guard let json = contents.metadata["model_config"] else { throw ModelError("\(path): no model_config in __metadata__") }
        let config = try ModelConfig.parse(json)
        let expected = LanguageModel(config: config).initialParameters(seed: 0)
        let params = try SafeTensors.parameters(contents, matching: expected, file: path)
        guard let step = Int(contents.metadata["step"] ?? ""), step >= 0 else { throw ModelError("\(path): no valid step in __metadata__") }
        return (config, params, step)
    }

    /// Everything needed to resume from the newest readable checkpoint in `dir`: a Trainer
    /// continuing where it stopped. `override` may change the options (e.g. a higher step cap)
    /// but not the data or model; `data` builds the batches from the resulting options, as for
    /// `Trainer.init` (LabHarness `TaskData.batches` for a task).
    public static func resume(from dir: String, data: BatchSourceBuilder, override: ((inout TrainOptions) -> Void)? = nil) throws -> Trainer {
        let (config, params, step, savedOptions, evaluations, moments) = try newest(in: dir, warn: stderrWarning) { folder in
            let (config, params, step) = try readModel(folder)
            let path = folder + "/" + optimizerFile
            let contents = try SafeTensors.read(path: path)
            guard let optionsJSON = contents.metadata["train_options"] else { throw ModelError("\(path): no train_options in __metadata__") }
            let options: TrainOptions
            do { options = try TrainOptions.decode(json: optionsJSON) } catch { throw ModelError("\(path): \(error)") }
            guard Int(contents.metadata["step"] ?? "") == step else {
                throw ModelError("\(path): step \(contents.metadata["step"] ?? "?") does not match the model's step \(step)")
            }
            guard let evaluations = try? JSONDecoder().decode([Evaluation].self, from: Data((contents.metadata["evaluations"] ?? "").utf8)) else {
                throw ModelError("\(path): no readable evaluations in __metadata__")
            }
            var expected = ParameterSet<Float>()
            for n in params.names { expected.add("m.\(n)", params[n]) }
            for n in params.names { expected.add("v.\(n)", params[n]) }
            return (config, params, step, options, evaluations, try SafeTensors.parameters(contents, matching: expected, file: path))
        }
        var options = savedOptions
        override?(&options)
        var optimizer = AdamW(config: options.optimizer, parameters: params)
        for n in params.names { optimizer.m[n] = moments["m.\(n)"]; optimizer.v[n] = moments["v.\(n)"] }
        optimizer.step = step
        return try Trainer(config: config, options: options, data: data, state: (params, optimizer, evaluations))
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
