// The training loop: masked cross-entropy on a task's labelled positions (every position for the
// language-model tasks), AdamW with warm-up + cosine and global-norm clipping, validation every N
// steps, an optional stop at a target accuracy (Zoology stops at 0.99) or on a plateau (of accuracy;
// of the validation loss for language-model tasks), under a step cap.
//
// Data: a `BatchSource` (BatchSource.swift), built from the options by the `BatchSourceBuilder`
// the caller passes; LabModel knows no tasks. For a task (LabHarness `TaskData.batches`, what the study runner
// and `attnlab train` pass) there are three disjoint splits: the optimiser sees the train split; the
// validations (and so the stop rules and the validation curve) read the validation split, samples
// 0..<n of it; the test split is left to whoever reports results (the study's evaluation ladder),
// so the examples that decide when to stop are never the ones reported.
//
// Reproducibility: the batch of step t is a pure function of the options and t (`EpochBatches`:
// seeded per-epoch permutations of a training set drawn once). With the parameters, the optimiser
// moments and t in a checkpoint, a resumed run is bit-identical to an uninterrupted one (same
// thread count).
//
// Threads: `.batch` splits each batch across threads (OpenBLAS and the attention kernels at 1
// thread each); `.kernels` runs the whole batch once with OpenBLAS and the kernels at `threads`.
import Foundation
import LabAttention
import LabCore

public struct TrainOptions: Codable, Hashable, Sendable {
    public enum Parallelism: String, Codable, Sendable, CaseIterable {
        case batch, kernels
        /// `batch` or `kernels`; anything else is a `Problem` at `.parallelism`.
        public static func parse(_ text: String) throws -> Parallelism {
            guard let p = Parallelism(rawValue: text) else {
                throw Problem(setting: .parallelism, message: "expected batch or kernels, got '\(text)'")
            }
            return p
        }
    }
    /// The data's name, e.g. a registered task; the caller's `BatchSourceBuilder` reads it.
    public var task: String = "mqar_v256"
    public var length: Int = 128
    public var seed: UInt64 = 0
    /// The step cap.
    public var steps: Int = 1000
    public var batchSize: Int = 64
    /// Training sequences: samples `0 ..< trainExamples` of the train split.
    public var trainExamples: Int = 20_000
    /// Held-out sequences every validation reads: samples `0 ..< validationExamples` of the
    /// validation split (not the test split). Spelled by its historical name outside Swift: JSON key
    /// `testExamples` (checkpoints; study run ids hash it), flag `--test-examples`, study key
    /// `training.test_examples`, so existing study files and checkpoints keep their meaning of size.
    public var validationExamples: Int = 1_000
    /// Validate every this many steps (and at the last step).
    public var evalEvery: Int = 100
    /// Stop once validation accuracy reaches this (nil: never).
    public var targetAccuracy: Double? = nil
    /// Stop after this many validations without a gain of 0.005 in the best accuracy (nil: never).
    public var plateauEvals: Int? = nil
    public var threads: Int = 2
    public var parallelism: Parallelism = .batch
    public var optimizer = OptimizerConfig()

    /// The defaults every front end starts from (the study's `training:` keys and `attnlab train`'s
    /// flags overlay them: `overlay`): the property values above, with the cosine ending at the step
    /// cap (`optimizer.decaySteps = steps`).
    public init() { optimizer.decaySteps = steps }

    /// The JSON keys; `validationExamples` keeps the key `testExamples` (see the property).
    enum CodingKeys: String, CodingKey {
        case task, length, seed, steps, batchSize, trainExamples, evalEvery, targetAccuracy, plateauEvals
        case threads, parallelism, optimizer
        case validationExamples = "testExamples"
    }

    /// Decodes the synthesized keys, then `validate()`s: options read back from a checkpoint are
    /// checked like options given on the command line (a bad value is a `DecodingError` naming it).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        task = try c.decode(String.self, forKey: .task)
        length = try c.decode(Int.self, forKey: .length)
        seed = try c.decode(UInt64.self, forKey: .seed)
        steps = try c.decode(Int.self, forKey: .steps)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        trainExamples = try c.decode(Int.self, forKey: .trainExamples)
        validationExamples = try c.decode(Int.self, forKey: .validationExamples)
        evalEvery = try c.decode(Int.self, forKey: .evalEvery)
        targetAccuracy = try c.decodeIfPresent(Double.self, forKey: .targetAccuracy)
        plateauEvals = try c.decodeIfPresent(Int.self, forKey: .plateauEvals)
        threads = try c.decode(Int.self, forKey: .threads)
        parallelism = try c.decode(Parallelism.self, forKey: .parallelism)
        optimizer = try c.decode(OptimizerConfig.self, forKey: .optimizer)
        do { try validate() } catch let p as Problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + p.setting.codingKey.split(separator: ".").map { AnyCodingKey(String($0)) },
                                                    debugDescription: p.message))
        }
    }

    /// Options from their JSON (a checkpoint's `train_options`), validated; a bad file or value is
    /// one `TrainingError` line such as `train_options: evalEvery: must be in [1, 1000000000], got 0`.
    public static func decode(json: String) throws -> TrainOptions {
        do { return try JSONDecoder().decode(TrainOptions.self, from: Data(json.utf8)) } catch let e as DecodingError {
            throw TrainingError(message: "train_options: \(describe(e))")
        } catch {
            throw TrainingError(message: "train_options: not JSON")
        }
    }

    /// The settings of the training recipe, in the order a study's `training:` mapping is read
    /// (keys `Setting.recipeKey`: steps, batch, warmup, decay_steps, weight_decay, clip,
    /// target_accuracy, plateau, eval_every, train_examples, test_examples, threads, parallelism).
    public static let recipeSettings: [Setting] = [.steps, .batchSize, .warmupSteps, .decaySteps, .weightDecay, .clipNorm, .targetAccuracy,
                                                   .plateauEvals, .evalEvery, .trainExamples, .validationExamples, .threads, .parallelism]

    /// Sets each setting given (nil: keep this value), as `attnlab train`'s flags and a study's
    /// `training:` keys do: the cosine ends at the step cap unless `decaySteps` is given.
    /// Throws `Problem` (`.parallelism`) for a parallelism other than `batch` or `kernels`; the
    /// ranges are `validate()`'s.
    public mutating func overlay(task: String? = nil, length: Int? = nil, seed: UInt64? = nil, learningRate: Double? = nil,
                                 steps: Int? = nil, batchSize: Int? = nil, warmupSteps: Int? = nil, decaySteps: Int? = nil,
                                 weightDecay: Double? = nil, clipNorm: Double? = nil, targetAccuracy: Double? = nil, plateauEvals: Int? = nil,
                                 evalEvery: Int? = nil, trainExamples: Int? = nil, validationExamples: Int? = nil, threads: Int? = nil,
                                 parallelism: String? = nil) throws {
        if let parallelism { self.parallelism = try Parallelism.parse(parallelism) }
        self.task = task ?? self.task; self.length = length ?? self.length; self.seed = seed ?? self.seed
        optimizer.learningRate = learningRate ?? optimizer.learningRate
        self.steps = steps ?? self.steps; self.batchSize = batchSize ?? self.batchSize
        optimizer.warmupSteps = warmupSteps ?? optimizer.warmupSteps
        optimizer.decaySteps = decaySteps ?? self.steps  // the cosine ends at the cap
        optimizer.weightDecay = weightDecay ?? optimizer.weightDecay; optimizer.clipNorm = clipNorm ?? optimizer.clipNorm
        self.targetAccuracy = targetAccuracy ?? self.targetAccuracy; self.plateauEvals = plateauEvals ?? self.plateauEvals
        self.evalEvery = evalEvery ?? self.evalEvery; self.trainExamples = trainExamples ?? self.trainExamples
        self.validationExamples = validationExamples ?? self.validationExamples; self.threads = threads ?? self.threads
    }

    /// The recipe of a study's `training:` mapping (its `recipeSettings` keys, snake_case; `steps`
    /// required) over the defaults. Other keys are the caller's to read or refuse. A bad
    /// `parallelism` is a `DecodingError` at its key; the ranges are checked by `validate()` once
    /// the study's swept settings (length, learning rate) are set.
    public init(recipe decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        func value<T: Decodable>(_ s: Setting, _ type: T.Type) throws -> T? { try c.optional(type, s.recipeKey!) }
        do {
            try overlay(steps: c.required(Int.self, Setting.steps.recipeKey!), batchSize: value(.batchSize, Int.self),
                        warmupSteps: value(.warmupSteps, Int.self), decaySteps: value(.decaySteps, Int.self),
                        weightDecay: value(.weightDecay, Double.self), clipNorm: value(.clipNorm, Double.self),
                        targetAccuracy: value(.targetAccuracy, Double.self), plateauEvals: value(.plateauEvals, Int.self),
                        evalEvery: value(.evalEvery, Int.self), trainExamples: value(.trainExamples, Int.self),
                        validationExamples: value(.validationExamples, Int.self), threads: value(.threads, Int.self),
                        parallelism: value(.parallelism, String.self))
        } catch let p as Problem {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [AnyCodingKey(p.setting.recipeKey ?? p.setting.rawValue)],
                                                    debugDescription: p.message))
        }
    }

    /// A setting of `TrainOptions`, named as each front end spells it.
    public enum Setting: String, Sendable, CaseIterable {
        case task, length, steps, batchSize, trainExamples, validationExamples, evalEvery, targetAccuracy, plateauEvals, threads
        case learningRate, beta1, beta2, epsilon, weightDecay, warmupSteps, decaySteps, minLearningRateRatio, clipNorm
        case parallelism

        /// The JSON key path (checkpoints' `train_options`), e.g. `optimizer.learningRate`.
        public var codingKey: String {
            switch self {
            case .validationExamples: return "testExamples"  // the historical JSON key
            case .learningRate, .beta1, .beta2, .epsilon, .weightDecay, .warmupSteps, .decaySteps, .minLearningRateRatio, .clipNorm:
                return "optimizer." + rawValue
            default: return rawValue
            }
        }
        /// The `attnlab train` flag, e.g. `--lr`.
        public var flag: String {
            switch self {
            case .batchSize: return "--batch"
            case .plateauEvals: return "--plateau"
            case .learningRate: return "--lr"
            case .warmupSteps: return "--warmup"
            case .clipNorm: return "--clip"
            case .trainExamples: return "--train-examples"
            case .validationExamples: return "--test-examples"
            case .evalEvery: return "--eval-every"
            case .targetAccuracy: return "--target-accuracy"
            case .weightDecay: return "--weight-decay"
            case .decaySteps: return "--decay-steps"
            default: return "--" + rawValue
            }
        }
        /// The study-file key, e.g. `training.batch`, `sweep.learning_rate`.
        public var studyKey: String {
            switch self {
            case .length: return "sweep.train_length"
            case .learningRate: return "sweep.learning_rate"
            case .batchSize: return "training.batch"
            case .trainExamples: return "training.train_examples"
            case .validationExamples: return "training.test_examples"
            case .evalEvery: return "training.eval_every"
            case .targetAccuracy: return "training.target_accuracy"
            case .plateauEvals: return "training.plateau"
            case .warmupSteps: return "training.warmup"
            case .decaySteps: return "training.decay_steps"
            case .weightDecay: return "training.weight_decay"
            case .clipNorm: return "training.clip"
            default: return "training." + rawValue
            }
        }
        /// The key inside a study's `training:` mapping (`studyKey` without `training.`); nil for
        /// the settings a study sweeps (`length`, `learningRate`) or sets per run (`task`, `seed`).
        public var recipeKey: String? {
            TrainOptions.recipeSettings.contains(self) ? String(studyKey.dropFirst("training.".count)) : nil
        }
        /// The documented range (nil: not a number; `task` is checked by the data's builder, e.g.
        /// against the task registry; `parallelism` is `batch` or `kernels`).
        public var range: NumberRange? {
            switch self {
            case .task, .parallelism: return nil
            case .length: return NumberRange(2...(1 << 20))
            case .steps, .evalEvery: return NumberRange(1...1_000_000_000)
            case .batchSize: return NumberRange(1...65_536)
            case .trainExamples, .validationExamples: return NumberRange(1...10_000_000)
            case .targetAccuracy: return NumberRange(0...1, lowerOpen: true)
            case .plateauEvals: return NumberRange(1...1_000_000)
            case .threads: return NumberRange(1...1_024)
            case .learningRate: return NumberRange(0...10, lowerOpen: true)
            case .beta1, .beta2: return NumberRange(0...1, upperOpen: true)
            case .epsilon: return NumberRange(0...1, lowerOpen: true)
            case .weightDecay: return NumberRange(0...10)
            case .warmupSteps, .decaySteps: return NumberRange(0...1_000_000_000)
            case .minLearningRateRatio: return NumberRange(0...1)
            case .clipNorm: return NumberRange(0...1_000_000_000)
            }
        }
    }

    /// What `validate()` throws: the setting and the reason (`description`: `<codingKey>: <reason>`).
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let setting: Setting
        public let message: String
        public var description: String { "\(setting.codingKey): \(message)" }
    }

    /// Checks every setting against `Setting.range` (ranges in units of steps, sequences, tokens,
    /// validations or threads; rates as plain numbers): length [2, 2^20] tokens, steps and
    /// eval_every [1, 10^9], batch [1, 65536], train/validation examples [1, 10^7] (and their tokens,
    /// 16 bytes each, within this machine's memory), target_accuracy (0, 1], plateau [1, 10^6]
    /// validations, threads [1, 1024], learning rate (0, 10], β₁ and β₂ [0, 1), ε (0, 1], weight
    /// decay [0, 10], warm-up and decay steps [0, 10^9], min lr ratio [0, 1], clip [0, 10^9] (0 off).
    /// NaN and ±Inf are out of every range. Throws `Problem` naming the first bad setting.
    /// The one check for the study file, the `attnlab train` flags, checkpoints and `Trainer`.
    public func validate() throws {
        guard !task.isEmpty else { throw Problem(setting: .task, message: "no task named") }
        let values: [(Setting, Double?)] = [
            (.length, Double(length)), (.steps, Double(steps)), (.batchSize, Double(batchSize)),
            (.trainExamples, Double(trainExamples)), (.validationExamples, Double(validationExamples)), (.evalEvery, Double(evalEvery)),
            (.targetAccuracy, targetAccuracy), (.plateauEvals, plateauEvals.map(Double.init)), (.threads, Double(threads)),
            (.learningRate, optimizer.learningRate), (.beta1, optimizer.beta1), (.beta2, optimizer.beta2),
            (.epsilon, optimizer.epsilon), (.weightDecay, optimizer.weightDecay), (.warmupSteps, Double(optimizer.warmupSteps)),
            (.decaySteps, Double(optimizer.decaySteps)), (.minLearningRateRatio, optimizer.minLearningRateRatio),
            (.clipNorm, optimizer.clipNorm),
        ]
        for (setting, value) in values {
            if let value, let problem = setting.range!.problem(value) { throw Problem(setting: setting, message: problem) }
        }
        let dataBytes = Double(trainExamples + validationExamples) * Double(length) * 16
        if dataBytes > Double(ProcessInfo.processInfo.physicalMemory) {
            throw Problem(setting: .trainExamples, message: String(format: "%d + %d examples of %d tokens need about %.1f GiB; this machine has %.1f GiB",
                trainExamples, validationExamples, length, dataBytes / 1_073_741_824, Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824))
        }
    }
}

/// One validation.
public struct Evaluation: Codable, Hashable, Sendable {
    public var step: Int
    public var loss: Double
    public var accuracy: Double
}

/// The progress of one step, as the CLI prints it.
public struct StepReport: Sendable {
    public var step: Int, loss: Double, learningRate: Double, gradNorm: Double
    public var tokensPerSecond: Double
    public var evaluation: Evaluation?
}

public struct TrainingError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

public final class Trainer {
    /// The model; its kernels are the dispatch's unless `init(…, kernels:)` or `useKernels` named some.
    public private(set) var model: LanguageModel
    public let options: TrainOptions
    public private(set) var params: ParameterSet<Float>
    public private(set) var optimizer: AdamW
    public var step: Int { optimizer.step }
    public private(set) var evaluations: [Evaluation] = []
    /// What the run trains and validates on, built from `options` by the `data` given to `init`.
    public private(set) var data: any BatchSource
    /// The plateau rule reads the validation loss (`shouldStop`; `BatchSource.stopsOnLoss`: a language-model task).
    public let stopsOnLoss: Bool
    /// The sequences `evaluate()` reads (for a task: the validation split's first `options.validationExamples`).
    var validation: TokenBatch { data.validation }

    /// A fresh run: parameters from `options.seed`. `data` builds the batches from the options
    /// (LabHarness `TaskData.batches` for a registered task). `kernels`: op → kernel name overrides
    /// (`KernelChoice(overrides:)`), e.g. `["softmax-attention": "naive"]`; empty = the dispatch.
    /// - Throws: `TrainingError` for bad options, data the model cannot hold, or an unknown op or
    ///   kernel; whatever `data` throws (an unknown task, a length it cannot fill).
    public convenience init(config: ModelConfig, options: TrainOptions, data: BatchSourceBuilder, kernels: [String: String] = [:]) throws {
        try self.init(config: config, options: options, data: data, state: nil, kernels: kernels)
    }

    /// `state`: parameters and optimiser to resume from (a checkpoint's); `data`, `kernels` as above.
    /// `data` is read after the options are validated (`BatchSourceBuilder`).
    public init(config: ModelConfig, options: TrainOptions, data: BatchSourceBuilder,
                state: (params: ParameterSet<Float>, optimizer: AdamW, evaluations: [Evaluation])?,
                kernels: [String: String] = [:]) throws {
        do { try options.validate() } catch let p as TrainOptions.Problem { throw TrainingError(message: "train options: \(p)") }
        model = LanguageModel(config: config, kernels: try Trainer.kernelChoice(kernels, options))
        self.options = options
        let vocabulary = try data.vocabularySize(options)
        guard vocabulary <= config.vocab else {
            throw TrainingError(message: "task \(options.task) has vocabulary \(vocabulary), the model only \(config.vocab)")
        }
        self.data = try data.make(options)
        stopsOnLoss = self.data.stopsOnLoss
        if let state {
            params = state.params; optimizer = state.optimizer; evaluations = state.evaluations
        } else {
            params = model.initialParameters(seed: options.seed)
            optimizer = AdamW(config: options.optimizer, parameters: params)
        }
    }

    /// The choice the model runs with: `overrides` at the kernel thread count of `options`.
    static func kernelChoice(_ overrides: [String: String], _ options: TrainOptions) throws -> KernelChoice {
        let kernelThreads = options.parallelism == .kernels ? options.threads : 1
        do { return try KernelChoice(overrides: overrides, threads: kernelThreads) } catch {
            throw TrainingError(message: "\(error)")
        }
    }

    /// Runs on with the kernels `overrides` names (op → kernel name; empty = the dispatch), e.g.
    /// after `Checkpoint.resume`, which rebuilds the model with the dispatch's. Parameters, optimiser
    /// and step are kept: kernels change speed and rounding, not the model.
    /// - Throws: `TrainingError` for an unknown op or kernel.
    public func useKernels(_ overrides: [String: String]) throws {
        model = LanguageModel(config: model.config, kernels: try Trainer.kernelChoice(overrides, options))
    }

    /// The batch of 1-based step `t` (a pure function of the options and t; `BatchSource`).
    public func batch(atStep t: Int) -> TokenBatch { data.batch(atStep: t) }

    private func setThreads() {
        OpenBLAS.setThreads(options.parallelism == .kernels ? options.threads : 1)
    }

    /// One optimiser step; throws naming the step if the loss or gradient is not finite.
    @discardableResult
    public func trainStep() throws -> StepReport {
        setThreads()
        let t = step + 1
        let batch = self.batch(atStep: t)
        let start = DispatchTime.now().uptimeNanoseconds
        let result = options.parallelism == .batch
            ? model.lossAndGradients(batch, params: params, threads: options.threads)
            : model.lossAndGradients(batch, params: params)
        guard result.loss.isFinite else { throw TrainingError(message: "step \(t): loss is \(result.loss) (not finite); stopping") }
        let norm = AdamW.globalNorm(result.grads)
        guard norm.isFinite else { throw TrainingError(message: "step \(t): gradient norm is \(norm) (not finite); stopping") }
        let lr = optimizer.update(&params, grads: result.grads, norm: norm)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        return StepReport(step: t, loss: result.loss, learningRate: lr, gradNorm: norm,
                          tokensPerSecond: Double(batch.inputs.count) / seconds, evaluation: nil)
    }

    /// Loss and accuracy on the validation examples (the validation split, never the test split).
    public func evaluate() -> Evaluation {
        setThreads()
        let threads = options.parallelism == .batch ? options.threads : 1
        let r = model.evaluate(validation, params: params, threads: threads, chunk: 100)
        return Evaluation(step: step, loss: r.loss, accuracy: r.accuracy)
    }

    /// Trains until the step cap, the target accuracy or a plateau. `report` sees every step;
    /// `checkpoint` is called every `checkpointEvery` steps and at the end.
    public func run(checkpointEvery: Int? = nil, report: (StepReport) -> Void = { _ in },
                    checkpoint: (Trainer) throws -> Void = { _ in }) throws {
        while step < options.steps {
            var r = try trainStep()
            if r.step % options.evalEvery == 0 || r.step == options.steps {
                let e = evaluate()
                evaluations.append(e)
                r.evaluation = e
            }
            report(r)
            if let every = checkpointEvery, every > 0, r.step % every == 0 { try checkpoint(self) }
            if shouldStop { break }
        }
        try checkpoint(self)
    }

    /// Target reached, or no gain of 0.005 over the best for `plateauEvals` validations: in
    /// accuracy, or when the data says so (`BatchSource.stopsOnLoss`: a language-model task) in validation
    /// bits per byte (the lowest loss must fall by 0.005 bits = 0.005·ln 2 nats).
    public var shouldStop: Bool {
        guard let last = evaluations.last else { return false }
        if let target = options.targetAccuracy, last.accuracy >= target { return true }
        if let patience = options.plateauEvals, evaluations.count > patience {
            if stopsOnLoss {
                let before = evaluations.dropLast(patience).map(\.loss).min() ?? .infinity
                let recent = evaluations.suffix(patience).map(\.loss).min() ?? .infinity
                return recent > before - 0.005 * M_LN2
            }
            let before = evaluations.dropLast(patience).map(\.accuracy).max() ?? 0
            let recent = evaluations.suffix(patience).map(\.accuracy).max() ?? 0
            return recent < before + 0.005
        }
        return false
    }

    /// The first validation at or above `accuracy`.
    public func firstStep(reaching accuracy: Double) -> Int? { evaluations.first { $0.accuracy >= accuracy }?.step }
}

extension LanguageModel {
    /// Mean loss and accuracy (argmax at the labelled positions) over `batch`, `chunk` sequences
    /// at a time, chunks spread over `threads`.
    public func evaluate(_ batch: TokenBatch, params p: ParameterSet<Float>, threads: Int = 1, chunk: Int = 100)
        -> (loss: Double, accuracy: Double) {
        let chunks = (batch.batch + chunk - 1) / chunk
        let slots = ResultSlots<(Double, Int, Int)>(count: chunks)
        Parallel.forEach(chunks, threads: threads) { i in
            let part = batch.sequences((i * chunk)..<min((i + 1) * chunk, batch.batch))
            let (x, _) = hidden(part.inputs, batch: part.batch, params: p)
            let rows = part.labels.indices.filter { part.labels[$0] != TokenBatch.ignore }
            let (h, _) = RMSNorm.forward(gatherRows(x, rows), gain: p["final_norm"])
            let r = LMHead.crossEntropy(LMHead.logits(h, weight: headWeight(p)), targets: rows.map { part.labels[$0] }, normaliser: 1)
            slots.set(i, (r.lossSum, r.correct, rows.count))
        }
        var (loss, correct, n) = (0.0, 0, 0)
        for i in 0..<chunks { let s = slots.get(i); loss += s.0; correct += s.1; n += s.2 }
        return (loss / Double(max(n, 1)), Double(correct) / Double(max(n, 1)))
    }
}
