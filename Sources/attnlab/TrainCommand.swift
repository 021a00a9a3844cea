// `attnlab train`: trains a LabModel language model on a task, with validation, early stop,
// periodic checkpoints and resume.
import ArgumentParser
import Foundation
import LabCore
import LabHarness
import LabModel
import LabTasks

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model on a task (masked cross-entropy, AdamW, warm-up + cosine, clipping).")

    @Option(help: "Model config (YAML or JSON), e.g. configs/mqar-recipe.yaml. Not with --resume.") var config: String?
    @Option(help: "Task name (see `attnlab tasks list`).") var task: String = "mqar_v256"
    @Option(help: "Sequence length.") var length: Int = 128
    @Option(help: "Step cap.") var steps: Int = 1000
    @Option(help: "Sequences per step.") var batch: Int = 64
    @Option(help: "Peak learning rate.") var lr: Double = 3e-3
    @Option(help: "Warm-up steps.") var warmup: Int = 100
    @Option(help: "Step at which the cosine reaches its floor.") var decaySteps: Int = 3000
    @Option(help: "Decoupled weight decay (not on norms and embeddings).") var weightDecay: Double = 0.1
    @Option(help: "Global gradient-norm clip (0: off).") var clip: Double = 1
    @Flag(help: "Weight decay on norms and embeddings too (PyTorch AdamW over all parameters).") var decayAll = false
    @Option(help: "Seed of the initialisation and of the data order.") var seed: UInt64 = 123
    @Option(help: "Training examples drawn once.") var trainExamples: Int = 20_000
    @Option(help: "Held-out test examples.") var testExamples: Int = 1_000
    @Option(help: "Validate every N steps.") var evalEvery: Int = 100
    @Option(help: "Stop once test accuracy reaches this (e.g. 0.99).") var targetAccuracy: Double?
    @Option(help: "Stop after this many validations without a 0.005 gain.") var plateau: Int?
    @Option(help: "Threads.") var threads: Int = 2
    @Option(help: "batch (split the batch across threads) or kernels (parallel BLAS and kernels).") var parallelism: String = "batch"
    @Option(help: "Print a progress line every N steps (validations are always printed).") var logEvery: Int = 10
    @Option(help: "Checkpoint every N steps (and at the end).") var checkpointEvery: Int?
    @Option(help: "Output folder for checkpoints.") var out: String?
    @Option(help: "Resume from this checkpoint folder (model and options from it; --steps may raise the cap).") var resume: String?
    @OptionGroup var kernelFlag: KernelFlag

    func run() throws {
        try reportingErrors {
            let trainer: Trainer
            let kernels = try kernelFlag.overrides()
            try checkFlag("--log-every", logEvery, 1...1_000_000_000)
            if let checkpointEvery { try checkFlag("--checkpoint-every", checkpointEvery, StudyLimits.checkpointEvery) }
            if let out { try checkOutputFolder(out, flag: "--out") }
            if let resume {
                guard config == nil else { throw UsageFailure("--resume takes the model config from the checkpoint; drop --config") }
                try checkFlag("--steps", Double(steps), TrainOptions.Setting.steps.range!)
                let cap = steps
                trainer = try Checkpoint.resume(from: resume) { $0.steps = cap }
                say("resumed \(resume) at step \(trainer.step)")
            } else {
                guard let config else { throw UsageFailure("--config is required (or --resume DIR)") }
                guard let p = TrainOptions.Parallelism(rawValue: parallelism) else {
                    throw UsageFailure("--parallelism \(parallelism): expected batch or kernels")
                }
                var o = TrainOptions()
                o.task = task; o.length = length; o.seed = seed; o.steps = steps; o.batchSize = batch
                o.trainExamples = trainExamples; o.testExamples = testExamples; o.evalEvery = evalEvery
                o.targetAccuracy = targetAccuracy; o.plateauEvals = plateau; o.threads = threads; o.parallelism = p
                o.optimizer.learningRate = lr; o.optimizer.warmupSteps = warmup; o.optimizer.decaySteps = decaySteps
                o.optimizer.weightDecay = weightDecay; o.optimizer.clipNorm = clip
                o.optimizer.decayNormsAndEmbeddings = decayAll
                do { try o.validate() } catch let e as TrainOptions.Problem { throw UsageFailure("\(e.setting.flag): \(e.message)") }
                let t: any SyntheticTask
                do { t = try TaskRegistry.task(named: task); try t.validate(length: length) } catch let e as TaskError {
                    throw UsageFailure(e.argument == "length" ? "--length \(e.value): \(e.reason)" : "--task \(e.value): \(e.reason)")
                }
                let model = try ModelConfig.load(path: config)
                try model.checkMemory(batch: batch, length: length, training: true)
                trainer = try Trainer(config: model, options: o)
            }
            if !kernels.isEmpty { try trainer.useKernels(kernels) }
            let kernelsRun = try KernelFlag.check(trainer.model, lengths: [trainer.options.length])
            let o = trainer.options, c = trainer.model.config
            FileHandle.standardOutput.writeIgnoringErrors("model: \(c.json)\n")
            say("kernels: " + kernelsRun.joined(separator: ", "))
            say("params: \(trainer.params.count); layers: \(trainer.model.layerKinds.joined(separator: ", ")); "
                + "task \(o.task) L=\(o.length) batch \(o.batchSize); seed \(o.seed); threads \(o.threads) (\(o.parallelism.rawValue)); "
                + "OpenBLAS core \(OpenBLAS.coreName)")
            let start = Date()
            var tokens = 0.0
            try trainer.run(checkpointEvery: out == nil ? nil : checkpointEvery, report: { r in
                tokens += Double(o.batchSize * o.length)
                guard r.step % logEvery == 0 || r.evaluation != nil || r.step == o.steps else { return }
                let elapsed = Date().timeIntervalSince(start)
                let rate = tokens / elapsed
                let eta = Double(o.steps - r.step) * Double(o.batchSize * o.length) / rate
                var line = String(format: "step %5d  loss %.4f  lr %.2e  |g| %.3f  %6.0f tok/s  %5.0fs  ETA %4.0fs",
                                  r.step, r.loss, r.learningRate, r.gradNorm, rate, elapsed, eta)
                if let e = r.evaluation { line += String(format: "  val loss %.4f acc %.4f", e.loss, e.accuracy) }
                FileHandle.standardOutput.writeIgnoringErrors(line + "\n")
            }, checkpoint: { t in
                if let out { try Checkpoint.save(t, to: out) }
            })
            let wall = Date().timeIntervalSince(start)
            let best = trainer.evaluations.map(\.accuracy).max() ?? 0
            let reached = o.targetAccuracy.flatMap { trainer.firstStep(reaching: $0) }
            say(String(format: "done: step %d, best val acc %.4f, wall %.1f s", trainer.step, best, wall)
                + (reached.map { ", reached \(o.targetAccuracy!) at step \($0)" } ?? "")
                + (out.map { ", checkpoint in \($0)" } ?? ""))
        }
    }
}

/// Prints a line unbuffered, so progress shows at once when stdout is a file.
func say(_ line: String) { FileHandle.standardOutput.writeIgnoringErrors(line + "\n") }
