// `attnlab train`: trains a LabModel language model on a task, with validation, early stop,
// periodic checkpoints and resume.
import ArgumentParser
import Foundation
import LabCore
import LabHarness
import LabModel
import LabTasks

/// The defaults the flags overlay (their help quotes them).
private let defaults = TrainOptions()

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model on a task (masked cross-entropy, AdamW, warm-up + cosine, clipping).")

    @Option(help: "Model config (YAML or JSON), e.g. configs/mqar-recipe.yaml. Not with --resume.") var config: String?
    @Option(help: "Task name (see `attnlab tasks list`; default \(defaults.task)).") var task: String?
    @Option(help: "Sequence length (default \(defaults.length)).") var length: Int?
    @Option(help: "Step cap (default \(defaults.steps); with --resume, the new cap).") var steps: Int?
    @Option(help: "Sequences per step (default \(defaults.batchSize)).") var batch: Int?
    @Option(help: "Peak learning rate (default \(defaults.optimizer.learningRate), as in studies).") var lr: Double?
    @Option(help: "Warm-up steps (default \(defaults.optimizer.warmupSteps)).") var warmup: Int?
    @Option(help: "Step at which the cosine reaches its floor (default: the step cap, as in studies).") var decaySteps: Int?
    @Option(help: "Decoupled weight decay, not on norms and embeddings (default \(defaults.optimizer.weightDecay)).") var weightDecay: Double?
    @Option(help: "Global gradient-norm clip (0: off; default \(defaults.optimizer.clipNorm)).") var clip: Double?
    @Flag(help: "Weight decay on norms and embeddings too (PyTorch AdamW over all parameters).") var decayAll = false
    @Option(help: "Seed of the initialisation and of the data order (default \(defaults.seed), as in studies).") var seed: UInt64?
    @Option(help: "Training examples drawn once (default \(defaults.trainExamples)).") var trainExamples: Int?
    @Option(help: "Held-out validation examples, from the validation split, that validations and stop rules read (default \(defaults.validationExamples)).") var testExamples: Int?
    @Option(help: "Validate every N steps (default \(defaults.evalEvery)).") var evalEvery: Int?
    @Option(help: "Stop once validation accuracy reaches this (e.g. 0.99).") var targetAccuracy: Double?
    @Option(help: "Stop after this many validations without a 0.005 gain.") var plateau: Int?
    @Option(help: "Threads (default \(defaults.threads)).") var threads: Int?
    @Option(help: "batch (the batch in parts of about 1,024 tokens, run across the threads) or kernels (parallel BLAS and kernels); default \(defaults.parallelism.rawValue).") var parallelism: String?
    @Option(help: "Print a progress line every N steps (validations are always printed).") var logEvery: Int = 10
    @Option(help: "Checkpoint every N steps (and at the end).") var checkpointEvery: Int?
    @Option(help: "Output folder for checkpoints (with --resume: the resumed folder unless given).") var out: String?
    @Option(help: "Resume from this checkpoint folder and keep checkpointing into it: model, data and options from it; the step cap, stop rules, threads and the optimizer's schedule may be changed (recorded in the next checkpoint), the model and the data may not.") var resume: String?
    @OptionGroup var kernelFlag: KernelFlag

    func run() throws {
        try reportingErrors {
            let trainer: Trainer
            let kernels = try kernelFlag.overrides()
            try checkFlag("--log-every", logEvery, 1...1_000_000_000)
            if let checkpointEvery { try checkFlag("--checkpoint-every", checkpointEvery, StudyLimits.checkpointEvery) }
            if let out { try checkOutputFolder(out, flag: "--out") }
            let outDir = out ?? resume
            if let resume {
                guard config == nil else { throw UsageFailure("--resume takes the model config from the checkpoint; drop --config") }
                // The data and the model are the checkpoint's: a flag that would change them is refused.
                let refused: [(String, Bool)] = [("--task", task != nil), ("--length", length != nil), ("--seed", seed != nil),
                                                 ("--batch", batch != nil), ("--train-examples", trainExamples != nil),
                                                 ("--test-examples", testExamples != nil), ("--decay-all", decayAll)]
                if let flag = refused.first(where: { $0.1 })?.0 {
                    throw UsageFailure("\(flag): cannot change with --resume (it changes the model or the data the checkpoint was trained on); start a new run with --config")
                }
                // flags first, so a bad value is named before the checkpoint is read
                if let steps { try checkFlag("--steps", Double(steps), TrainOptions.Setting.steps.range!) }
                let newParallelism: TrainOptions.Parallelism?
                do { newParallelism = try parallelism.map(TrainOptions.Parallelism.parse) } catch let e as TrainOptions.Problem { throw e.usage }
                var changes: [String] = []
                trainer = try Checkpoint.resume(from: resume, data: TaskData.batches) { o in
                    func set<T: Equatable>(_ flag: String, _ value: T?, _ path: WritableKeyPath<TrainOptions, T>) {
                        guard let value, o[keyPath: path] != value else { return }
                        changes.append("\(flag) \(o[keyPath: path]) → \(value)")
                        o[keyPath: path] = value
                    }
                    // a cosine that ended at the old cap (the default, decay_steps = steps) follows the new cap,
                    // or the added steps would train at the floor learning rate
                    if let steps, decaySteps == nil, o.optimizer.decaySteps == o.steps, steps != o.steps {
                        set("--decay-steps", steps, \.optimizer.decaySteps)
                    }
                    set("--steps", steps, \.steps)
                    set("--eval-every", evalEvery, \.evalEvery)
                    set("--threads", threads, \.threads)
                    set("--lr", lr, \.optimizer.learningRate)
                    set("--warmup", warmup, \.optimizer.warmupSteps)
                    set("--decay-steps", decaySteps, \.optimizer.decaySteps)
                    set("--weight-decay", weightDecay, \.optimizer.weightDecay)
                    set("--clip", clip, \.optimizer.clipNorm)
                    if let targetAccuracy, o.targetAccuracy != targetAccuracy {
                        changes.append("--target-accuracy \(o.targetAccuracy.map { "\($0)" } ?? "none") → \(targetAccuracy)"); o.targetAccuracy = targetAccuracy
                    }
                    if let plateau, o.plateauEvals != plateau {
                        changes.append("--plateau \(o.plateauEvals.map { "\($0)" } ?? "none") → \(plateau)"); o.plateauEvals = plateau
                    }
                    if let p = newParallelism, o.parallelism != p {
                        changes.append("--parallelism \(o.parallelism.rawValue) → \(p.rawValue)"); o.parallelism = p
                    }
                }
                do { try trainer.options.validate() } catch let e as TrainOptions.Problem { throw e.usage }
                if let steps, steps < trainer.step {
                    throw UsageFailure("--steps \(steps): the checkpoint is already at step \(trainer.step); give a larger cap to train on")
                }
                say("resumed \(resume) at step \(trainer.step)" + (changes.isEmpty ? "" : "; changed: " + changes.joined(separator: ", ")
                    + " (recorded in the checkpoint's train_options)") + (outDir.map { ", checkpoints into \($0)" } ?? ""))
            } else {
                guard let config else { throw UsageFailure("--config is required (or --resume DIR)") }
                // the flags overlay the defaults (TrainOptions: the same defaults and checks as a study's training:)
                var o = TrainOptions()
                o.optimizer.decayNormsAndEmbeddings = decayAll
                do {
                    try o.overlay(task: task, length: length, seed: seed, learningRate: lr, steps: steps, batchSize: batch,
                                  warmupSteps: warmup, decaySteps: decaySteps, weightDecay: weightDecay, clipNorm: clip,
                                  targetAccuracy: targetAccuracy, plateauEvals: plateau, evalEvery: evalEvery, trainExamples: trainExamples,
                                  validationExamples: testExamples, threads: threads, parallelism: parallelism)
                    try o.validate()
                } catch let e as TrainOptions.Problem { throw e.usage }
                let t: any SyntheticTask
                do { t = try TaskRegistry.task(named: o.task); try t.validate(length: o.length) } catch let e as TaskError {
                    throw UsageFailure(e.argument == "length" ? "--length \(e.value): \(e.reason)" : "--task \(e.value): \(e.reason)")
                }
                let model = try ModelConfig.load(path: config)
                try model.checkMemory(batch: o.batchSize, length: o.length, training: true)
                trainer = try Trainer(config: model, options: o, data: TaskData.batches)
            }
            if !kernels.isEmpty { try trainer.useKernels(kernels) }
            let kernelsRun = try KernelFlag.check(trainer.model, lengths: [trainer.options.length])
            let o = trainer.options, c = trainer.model.config
            FileHandle.standardOutput.writeIgnoringErrors("model: \(c.json)\n")
            say("kernels: " + kernelsRun.joined(separator: ", "))
            say("params: \(trainer.params.count); layers: \(trainer.model.layerKinds.joined(separator: ", ")); "
                + "task \(o.task) L=\(o.length) batch \(o.batchSize); seed \(o.seed); threads \(o.threads) (\(o.parallelism.rawValue)); "
                + "OpenBLAS core \(OpenBLAS.coreDescription)")
            let start = Date()
            var tokens = 0.0
            try trainer.run(checkpointEvery: outDir == nil ? nil : checkpointEvery, report: { r in
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
                if let outDir { try Checkpoint.save(t, to: outDir) }
            })
            let wall = Date().timeIntervalSince(start)
            let best = trainer.evaluations.map(\.accuracy).max() ?? 0
            let reached = o.targetAccuracy.flatMap { trainer.firstStep(reaching: $0) }
            say(String(format: "done: step %d, best val acc %.4f, wall %.1f s", trainer.step, best, wall)
                + (reached.map { ", reached \(o.targetAccuracy!) at step \($0)" } ?? "")
                + (outDir.map { ", checkpoint in \($0)" } ?? ""))
        }
    }
}

extension TrainOptions.Problem {
    /// The usage error naming the setting's flag: `--lr: must be in (0, 10], got 0`.
    var usage: UsageFailure { UsageFailure("\(setting.flag): \(message)") }
}

/// Prints a line unbuffered, so progress shows at once when stdout is a file.
func say(_ line: String) { FileHandle.standardOutput.writeIgnoringErrors(line + "\n") }
