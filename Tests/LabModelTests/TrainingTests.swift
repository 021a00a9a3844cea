import Foundation
import Testing
import LabAttention
import LabCore
import LabTasks
import LabHarness
@testable import LabModel

/// A tiny MQAR setting that trains in seconds in a debug build: L = 32 (K = 2 pairs), C = 16.
func tinyTraining(steps: Int, lr: Double = 1e-2) throws -> (ModelConfig, TrainOptions) {
    let config = try ModelConfig.parse("{vocab: 256, model_dim: 16, layers: 2, heads: 1, mlp_ratio: 0, pattern: [{kind: full}]}")
    var o = TrainOptions()
    o.task = "mqar_v256"; o.length = 32; o.seed = 7; o.steps = steps; o.batchSize = 16
    o.trainExamples = 256; o.validationExamples = 32; o.evalEvery = 2; o.threads = 2
    o.optimizer.learningRate = lr; o.optimizer.warmupSteps = 5; o.optimizer.decaySteps = 200
    return (config, o)
}

func temporaryFolder(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "labmodel-\(name)-\(getpid())"
    try? FileManager.default.removeItem(atPath: dir)
    return dir
}

@Suite(.serialized) struct TrainingTests {
    /// Validations read the validation split, not the test split the study rows report, and the
    /// options keep the JSON key `testExamples` (checkpoints, study run ids).
    @Test func validatesOnTheValidationSplit() throws {
        let (config, options) = try tinyTraining(steps: 1)
        let trainer = try Trainer(config: config, options: options, data: TaskData.batches)
        let task = try TaskRegistry.task(named: options.task)
        let validation = try task.examples(options.validationExamples, length: options.length, split: .validation)
        let test = try task.examples(options.validationExamples, length: options.length, split: .test)
        #expect(trainer.validation == TokenBatch(validation))
        #expect(trainer.validation != TokenBatch(test))
        let json = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
        #expect(json.contains("\"testExamples\":32") && !json.contains("validationExamples"))
        #expect(try TrainOptions.decode(json: json) == options)
    }

    /// The batch of step t is the examples (t−1)·B ..< t·B of the per-epoch permutations of the
    /// training set, epoch e's drawn from SeededGenerator(seed, "epoch-e"), as the trainer drew them
    /// from the task itself before it read a `BatchSource`: across epoch boundaries and out of order
    /// (a resumed run starts part-way).
    @Test func batchesAreTheSeededEpochPermutations() throws {
        var (config, options) = try tinyTraining(steps: 1)
        options.trainExamples = 40  // B = 16: steps 3, 5 and 8 straddle epochs
        let (N, B) = (options.trainExamples, options.batchSize)
        let trainer = try Trainer(config: config, options: options, data: TaskData.batches)
        let train = try TaskRegistry.task(named: options.task).examples(N, length: options.length, split: .train)
        func expected(_ t: Int) -> TokenBatch {
            TokenBatch(((t - 1) * B ..< t * B).map { g in
                var order = Array(0..<N)
                var rng = SeededGenerator(seed: options.seed, stream: "epoch-\(g / N)")
                rng.shuffle(&order)
                return train[order[g % N]]
            })
        }
        for t in [1, 2, 3, 4, 5, 8, 2, 7] { #expect(trainer.batch(atStep: t) == expected(t), "step \(t)") }
        #expect(Example.ignore == TokenBatch.ignore)
    }

    @Test func lossFallsOnTinyMQAR() throws {
        let (config, options) = try tinyTraining(steps: 60)
        let trainer = try Trainer(config: config, options: options, data: TaskData.batches)
        var losses: [Double] = []
        try trainer.run(report: { losses.append($0.loss) })
        #expect(losses.count == 60)
        let first = losses[0], last = losses.suffix(5).reduce(0, +) / 5
        // ln 256 ≈ 5.55 at the start; "some value token" is ln 128 ≈ 4.85, so this needs the context
        #expect(last < 0.8 * first, "loss \(first) → \(last)")
    }

    @Test func scheduleWarmsUpThenDecays() {
        var c = OptimizerConfig()
        c.learningRate = 1; c.warmupSteps = 10; c.decaySteps = 110; c.minLearningRateRatio = 0.1
        #expect(c.learningRate(atStep: 5) == 0.5)
        #expect(c.learningRate(atStep: 10) == 1)
        #expect(abs(c.learningRate(atStep: 60) - 0.55) < 1e-12)
        #expect(abs(c.learningRate(atStep: 500) - 0.1) < 1e-12)
        #expect(!c.decays("embedding", shape: [4, 4]) && !c.decays("layers.0.attn.norm_swa", shape: [2, 4]))
        #expect(!c.decays("final_norm", shape: [4]) && c.decays("layers.0.attn.wo", shape: [4, 4]))
    }

    @Test func nonFiniteLossStopsNamingTheStep() throws {
        // a learning rate of 1e30 is now refused up front (TrainOptions.validate), so start from
        // parameters that already hold a NaN
        let (config, options) = try tinyTraining(steps: 10)
        var params = LanguageModel(config: config).initialParameters(seed: 1)
        params["embedding"].scalars[0] = .nan
        let trainer = try Trainer(config: config, options: options, data: TaskData.batches,
                                  state: (params, AdamW(config: options.optimizer, parameters: params), []))
        do {
            try trainer.run()
            Issue.record("training from NaN parameters did not stop")
        } catch let e as TrainingError {
            #expect(e.message.contains("step ") && e.message.contains("not finite"), "\(e.message)")
        }
    }

    /// One check for every front end: out-of-range options fail in `validate()`, in `Trainer`
    /// and when decoded (a checkpoint's `train_options`), naming the setting.
    @Test func optionsAreValidatedWhereverTheyComeFrom() throws {
        let (config, good) = try tinyTraining(steps: 10)
        let json = String(decoding: try JSONEncoder().encode(good), as: UTF8.self)
        #expect(try TrainOptions.decode(json: json) == good)
        for (change, key) in [({ (o: inout TrainOptions) in o.evalEvery = 0 }, "evalEvery"),
                              ({ $0.trainExamples = 0 }, "trainExamples"), ({ $0.plateauEvals = -1 }, "plateauEvals"),
                              ({ $0.optimizer.learningRate = .nan }, "optimizer.learningRate"),
                              ({ $0.optimizer.clipNorm = -1 }, "optimizer.clipNorm"), ({ $0.targetAccuracy = 5 }, "targetAccuracy")]
                              as [((inout TrainOptions) -> Void, String)] {
            var o = good
            change(&o)
            #expect(throws: TrainOptions.Problem.self) { try o.validate() }
            #expect(throws: TrainingError.self) { try Trainer(config: config, options: o, data: TaskData.batches) }
            // as a checkpoint would hold it (NaN has no JSON form: written as a string it is a type error)
            let bad = String(decoding: try JSONEncoder().encode(o.optimizer.learningRate.isNaN ? good : o), as: UTF8.self)
            if !o.optimizer.learningRate.isNaN {
                do { _ = try TrainOptions.decode(json: bad); Issue.record("decoded \(key)") } catch let e as TrainingError {
                    #expect(e.message.hasPrefix("train_options: \(key): "), "\(e.message)")
                }
            }
        }
    }

    @Test func resumeIsBitIdenticalToUninterrupted() throws {
        let (config, options) = try tinyTraining(steps: 6)
        let straight = try Trainer(config: config, options: options, data: TaskData.batches)
        try straight.run()
        let dir = temporaryFolder("resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var first = options
        first.steps = 3
        let a = try Trainer(config: config, options: first, data: TaskData.batches)
        try a.run(checkpoint: { try Checkpoint.save($0, to: dir) })
        let b = try Checkpoint.resume(from: dir, data: TaskData.batches) { $0.steps = 6 }
        #expect(b.step == 3)
        try b.run()
        #expect(b.step == 6)
        #expect(b.params == straight.params, "resumed parameters differ from the uninterrupted run's")
        #expect(b.optimizer.m == straight.optimizer.m && b.optimizer.v == straight.optimizer.v)
        // the interrupted run also validated at its cap (step 3); the others coincide
        #expect(b.evaluations.filter { $0.step != 3 } == straight.evaluations)
    }

    @Test func checkpointRoundTripAndRejections() throws {
        let (config, options) = try tinyTraining(steps: 2)
        let trainer = try Trainer(config: config, options: options, data: TaskData.batches)
        try trainer.run()
        let dir = temporaryFolder("ckpt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Checkpoint.save(trainer, to: dir)
        let loaded = try Checkpoint.loadModel(from: dir)
        #expect(loaded.config == config && loaded.params == trainer.params && loaded.step == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["step-00000002"])
        let folder = dir + "/step-00000002"
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [Checkpoint.modelFile, Checkpoint.optimizerFile])

        // the file is plain safetensors: 8-byte LE header length, JSON header with dtype/shape/offsets
        let data = FileManager.default.contents(atPath: folder + "/" + Checkpoint.modelFile)!
        let n = Int(data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | (UInt64($1.element) << (8 * UInt64($1.offset))) })
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + n))) as! [String: Any]
        let emb = header["embedding"] as! [String: Any]
        #expect(emb["dtype"] as? String == "F32" && emb["shape"] as? [Int] == [256, 16] && emb["data_offsets"] as? [Int] == [0, 256 * 16 * 4])
        #expect((header["__metadata__"] as! [String: String])["step"] == "2")

        // truncated
        try data.prefix(data.count - 10).write(to: URL(fileURLWithPath: folder + "/" + Checkpoint.modelFile))
        do { _ = try Checkpoint.loadModel(from: dir); Issue.record("accepted a truncated file") } catch {
            #expect("\(error)".contains("truncated"), "\(error)")
        }
        try data.prefix(5).write(to: URL(fileURLWithPath: folder + "/" + Checkpoint.modelFile))
        do { _ = try Checkpoint.loadModel(from: dir); Issue.record("accepted a 5-byte file") } catch {
            #expect("\(error)".contains("truncated"), "\(error)")
        }

        // mismatched: the parameters of another config
        let other = LanguageModel(config: try ModelConfig.parse("{vocab: 256, model_dim: 16, layers: 2, heads: 1, mlp_ratio: 2}"))
        let contents = try SafeTensors.read(path: writeFresh(trainer, dir))
        do { _ = try SafeTensors.parameters(contents, matching: other.initialParameters(seed: 0), file: "f"); Issue.record("accepted") } catch {
            #expect("\(error)".contains("missing tensor layers.0.norm_mlp"), "\(error)")
        }
        let wider = LanguageModel(config: try ModelConfig.parse("{vocab: 256, model_dim: 32, layers: 2, heads: 1, mlp_ratio: 0}"))
        do { _ = try SafeTensors.parameters(contents, matching: wider.initialParameters(seed: 0), file: "f"); Issue.record("accepted") } catch {
            #expect("\(error)".contains("tensor embedding has shape [256, 16], the model expects [256, 32]"), "\(error)")
        }
        // a wrong dtype
        var bad = try Data(contentsOf: URL(fileURLWithPath: writeFresh(trainer, dir)))
        if let r = bad.range(of: Data("\"F32\"".utf8)) { bad.replaceSubrange(r, with: Data("\"F16\"".utf8)) }
        try bad.write(to: URL(fileURLWithPath: folder + "/" + Checkpoint.modelFile))
        do { _ = try Checkpoint.loadModel(from: dir); Issue.record("accepted F16") } catch {
            #expect("\(error)".contains("dtype F16, expected F32"), "\(error)")
        }
    }

    /// Saves at steps 2, 4 and 6 keep the newest two folders; a corrupt newest checkpoint falls back
    /// to the one before; a temporary folder left by a killed save is ignored by loading and removed
    /// by the next save; a folder deleted during a save is recreated.
    @Test func checkpointsCommitAsPairsAndFallBack() throws {
        let (config, options) = try tinyTraining(steps: 6)
        let dir = temporaryFolder("fallback")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let trainer = try Trainer(config: config, options: options, data: TaskData.batches)
        var saved: [Int: ParameterSet<Float>] = [:]
        try trainer.run(checkpointEvery: 2, checkpoint: { t in
            try Checkpoint.save(t, to: dir)
            saved[t.step] = t.params
        })
        #expect(Checkpoint.stepFolders(dir).map(\.step) == [6, 4])
        // a killed save: a half-written temporary folder beside the committed ones
        let stale = dir + "/.tmp-step-00000008-999999"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        try Data("half a file".utf8).write(to: URL(fileURLWithPath: stale + "/" + Checkpoint.modelFile))
        #expect(try Checkpoint.resume(from: dir, data: TaskData.batches).step == 6)
        // the newest optimizer file torn: resume falls back to step 4 with its own parameters
        let newest = dir + "/step-00000006/" + Checkpoint.optimizerFile
        let bytes = FileManager.default.contents(atPath: newest)!
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: newest))
        let resumed = try Checkpoint.resume(from: dir, data: TaskData.batches)
        #expect(resumed.step == 4 && resumed.params == saved[4])
        // the next save removes the stale temporary folder and commits step 6 again
        try resumed.run(checkpointEvery: 2, checkpoint: { try Checkpoint.save($0, to: dir) })
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(Checkpoint.stepFolders(dir).map(\.step) == [6, 4])
        #expect(try Checkpoint.resume(from: dir, data: TaskData.batches).params == saved[6], "the re-trained step 6 equals the first one")
        // the folder deleted while a save writes into it: recreated, the save completes
        try Checkpoint.commit(step: 7, in: dir) { folder in
            if FileManager.default.fileExists(atPath: dir + "/step-00000006") { try FileManager.default.removeItem(atPath: dir) }
            try Checkpoint.writeModelFile(config, params: saved[6]!, step: 7, seed: 0, to: folder)
        }
        #expect(Checkpoint.stepFolders(dir).map(\.step) == [7])
        #expect(try Checkpoint.loadModel(from: dir).step == 7)
    }

    /// Hand-made files: overlapping tensors, offsets out of range, sizes that overflow, and
    /// non-finite weights are each one error naming the tensor; the untouched file loads.
    @Test func safetensorsOffsetsAndValuesAreChecked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attnlab-st-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        /// a file of two tensors a [2, 2], b [4] with header entries `a`, `b` and data `values` (8 floats)
        func file(a: String, b: String, values: [Float] = (0..<8).map(Float.init)) throws -> String {
            var header = "{\"a\":\(a),\"b\":\(b)}"
            while header.utf8.count % 8 != 0 { header += " " }
            var data = Data()
            withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: Array(header.utf8))
            for x in values { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            let path = dir + "/f.safetensors"
            try data.write(to: URL(fileURLWithPath: path))
            return path
        }
        func entry(_ shape: String, _ begin: Int, _ end: Int) -> String { "{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}" }
        let good = try SafeTensors.read(path: try file(a: entry("[2,2]", 0, 16), b: entry("[4]", 16, 32)))
        #expect(good.names == ["a", "b"] && good.tensors["b"]!.scalars == [4, 5, 6, 7])
        let cases: [(String, String, [Float], String)] = [
            (entry("[2,2]", 0, 16), entry("[4]", 0, 16), Array(repeating: 1, count: 8), "overlap"),
            (entry("[2,2]", 0, 16), entry("[4]", 8, 24), Array(repeating: 1, count: 8), "overlap"),
            (entry("[2,2]", 0, 16), entry("[4]", 24, 40), Array(repeating: 1, count: 8), "truncated"),
            (entry("[2,2]", -16, 0), entry("[4]", 16, 32), Array(repeating: 1, count: 8), "0 ≤ begin ≤ end"),
            (entry("[4611686018427387905,4]", 0, 16), entry("[4]", 16, 32), Array(repeating: 1, count: 8), "too many elements"),
            (entry("[-2,-2]", 0, 16), entry("[4]", 16, 32), Array(repeating: 1, count: 8), "negative dimension"),
            (entry("[2,2]", 0, 16), entry("[4]", 16, 32), [0, 0, 0, 0, 0, 0, .nan, 0], "tensor b: non-finite value nan at [2]"),
            (entry("[2,2]", 0, 16), entry("[4]", 16, 32), [0, 0, 0, -.infinity, 0, 0, 0, 0], "tensor a: non-finite value -inf at [1, 1]"),
        ]
        for (a, b, values, fragment) in cases {
            do {
                _ = try SafeTensors.read(path: try file(a: a, b: b, values: values))
                Issue.record("accepted a: \(a), b: \(b)")
            } catch {
                #expect("\(error)".contains(fragment), "\(error)")
            }
        }
    }

    func writeFresh(_ trainer: Trainer, _ dir: String) throws -> String {
        try Checkpoint.save(trainer, to: dir)
        return dir + "/" + Checkpoint.stepFolderName(trainer.step) + "/" + Checkpoint.modelFile
    }
}
