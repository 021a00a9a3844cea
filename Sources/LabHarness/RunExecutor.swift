// One run, in the current process (the child `attnlab study run-one` calls this):
//   accuracy: train with periodic checkpoints in the run's work folder (resuming from the last
//             one if it exists), then evaluate the task ladder at every eval length;
//   bench:    ModelBench's train/prefill/decode medians at one length, and the memory figures.
// It returns the measurements; the parent turns them into a result row.
import Foundation
import LabCore
import LabKernels
import LabModel
import LabResults
import LabTasks

/// What a finished run hands to the parent (written as `outcome.json` in its work folder).
public struct RunOutcome: Codable, Sendable {
    public var runID: String
    public var metrics: [MetricValue]
    public var kernels: [String]
    public var resumedFromStep: Int?
    public var started: String
    public var ended: String
    public var wallSeconds: Double
    /// VmHWM of the run's process at the end, bytes.
    public var peakResidentBytes: Int
    public var build: String
    /// The 1-minute load average of the machine when the run started and when it ended
    /// (`Machine.loadAverage`; nil where /proc/loadavg cannot be read, and in outcomes written
    /// before it was recorded).
    public var loadAverageBefore: Double? = nil
    public var loadAverageAfter: Double? = nil
    /// The corpus and split documents a language-model run read (`Provenance.data`).
    public var data: JSONValue? = nil
}

public enum RunExecutor {
    /// Runs `run` with its work folder `workDir`; `progress` receives one-line step reports.
    public static func execute(_ run: Run, workDir: String, progress: (String) -> Void) throws -> RunOutcome {
        let loadBefore = Machine.loadAverage
        let startDate = Date()
        var metrics: [MetricValue] = []
        var resumed: Int? = nil
        var kernels: [String] = []
        var data: JSONValue? = nil
        switch run.kind {
        case .accuracy:
            (metrics, resumed, kernels) = try accuracy(run, workDir: workDir, progress: progress)
            if let name = run.train?.task, let lm = try TaskRegistry.task(named: name) as? ByteLanguageModel {
                data = try dataProvenance(lm)
            }
        case .bench: (metrics, kernels) = try bench(run, progress: progress)
        }
        let end = Date()
        return RunOutcome(runID: run.id, metrics: metrics, kernels: kernels, resumedFromStep: resumed,
                          started: iso(startDate), ended: iso(end), wallSeconds: end.timeIntervalSince(startDate),
                          peakResidentBytes: ModelBench.peakResidentBytes(), build: Machine.build,
                          loadAverageBefore: loadBefore, loadAverageAfter: Machine.loadAverage, data: data)
    }

    static func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: d)
    }

    /// Trains and evaluates; returns the metrics, the step it resumed from, and the kernels the
    /// layers ran (`op: name`, at the train and eval lengths; `LanguageModel.checkKernels`).
    static func accuracy(_ run: Run, workDir: String, progress: (String) -> Void) throws -> ([MetricValue], Int?, [String]) {
        guard let options = run.train else { throw HarnessError("accuracy run without training options") }
        let checkpoint = workDir + "/checkpoint"
        let trainer: Trainer
        var resumed: Int? = nil
        // A checkpoint none of whose step folders reads whole (a disk fault) is removed and the
        // run starts over: training is deterministic, so the row is the same, only later.
        var saved: Trainer? = nil
        if Checkpoint.exists(checkpoint) {
            do { saved = try Checkpoint.resume(from: checkpoint, data: TaskData.batches) } catch {
                progress("unreadable checkpoint, starting over: \(error)")
                try? FileManager.default.removeItem(atPath: checkpoint)
            }
        }
        if let saved {
            trainer = saved
            guard trainer.options == options, trainer.model.config == run.model else {
                throw HarnessError("checkpoint \(checkpoint) belongs to another config; delete it to start over")
            }
            resumed = trainer.step
            try trainer.useKernels(run.kernel.overrides)  // a checkpoint holds no kernels
            progress("resumed from step \(trainer.step)")
        } else {
            trainer = try Trainer(config: run.model, options: options, data: TaskData.batches, kernels: run.kernel.overrides)
        }
        // before any step: a named kernel that declines a shape fails the run with its reason
        let kernels = try trainer.model.checkKernels(lengths: [options.length] + run.evalLengths)
        let start = Date()
        let startStep = trainer.step
        if !trainer.shouldStop {
            try trainer.run(checkpointEvery: run.checkpointEvery, report: { r in
                let rate = Double(r.step - startStep) / max(Date().timeIntervalSince(start), 1e-9)
                let eta = Double(options.steps - r.step) / max(rate, 1e-9)
                var line = String(format: "progress step=%d/%d loss=%.4f eta=%.0f", r.step, options.steps, r.loss, eta)
                if let e = r.evaluation {
                    line += trainer.stopsOnLoss ? String(format: " val_bpb=%.4f", TextMetrics.bits(nats: e.loss)) : String(format: " val_acc=%.4f", e.accuracy)
                }
                progress(line)
            }, checkpoint: { t in try Checkpoint.save(t, to: checkpoint) })
        }
        var m: [MetricValue] = []
        let L = options.length
        m.append(MetricValue(MetricName.trainSteps, Double(trainer.step), unit: "steps", task: options.task, length: L))
        if let last = trainer.evaluations.last {
            m.append(MetricValue(MetricName.validationAccuracy, last.accuracy, unit: "fraction", task: options.task, length: L))
            m.append(MetricValue(MetricName.validationLoss, last.loss, unit: "nats", task: options.task, length: L))
            if trainer.stopsOnLoss {
                m.append(MetricValue(TextMetrics.validationBPB, TextMetrics.bits(nats: last.loss), unit: TextMetrics.unit, task: options.task, length: L))
                let best = trainer.evaluations.map(\.loss).min() ?? last.loss
                m.append(MetricValue(TextMetrics.bestValidationBPB, TextMetrics.bits(nats: best), unit: TextMetrics.unit, task: options.task, length: L))
            }
        }
        m.append(MetricValue(MetricName.bestValidationAccuracy, trainer.evaluations.map(\.accuracy).max() ?? 0, unit: "fraction", task: options.task, length: L))
        if let target = options.targetAccuracy, let s = trainer.firstStep(reaching: target) {
            m.append(MetricValue(MetricName.stepsToTarget, Double(s), unit: "steps", task: options.task, length: L))
        }
        // The training curves: one point per validation.
        for e in trainer.evaluations {
            m.append(MetricValue(MetricName.curveValidationLoss, e.loss, unit: "nats", task: options.task, length: L, step: e.step))
            m.append(MetricValue(MetricName.curveValidationAccuracy, e.accuracy, unit: "fraction", task: options.task, length: L, step: e.step))
        }
        // The task ladder.
        let task = try TaskRegistry.task(named: options.task)
        let model = trainer.model, params = trainer.params
        OpenBLAS.setThreads(1)
        if let lm = task as? ByteLanguageModel {
            m.append(MetricValue(TextMetrics.unigramBPB, try lm.unigramBitsPerByte(), unit: TextMetrics.unit, task: task.name, length: L))
        }
        for length in run.evalLengths {
            progress("progress eval length=\(length)")
            let examples = try task.examples(run.evalExamples, length: length, split: .test)
            if task.isLanguageModelling {
                // every position: bits per byte, overall and by position bucket
                let r = model.positionLoss(TokenBatch(examples), params: params, threads: options.threads, chunk: 8)
                m.append(MetricValue(MetricName.accuracy, r.accuracy, unit: "fraction", task: task.name, length: length))
                m.append(MetricValue(MetricName.loss, r.loss, unit: "nats", task: task.name, length: length))
                m.append(MetricValue(TextMetrics.bpb, TextMetrics.bits(nats: r.loss), unit: TextMetrics.unit, task: task.name, length: length))
                for bucket in TextMetrics.buckets(length: length) {
                    m.append(MetricValue(TextMetrics.positionName(bucket), TextMetrics.bits(nats: r.loss(over: bucket)), unit: TextMetrics.unit,
                                         task: task.name, length: length))
                }
                if run.memory {
                    let bytes = run.model.stateBytes(sequenceLength: length)
                    m.append(MetricValue(MetricName.stateBytes, Double(bytes), unit: "bytes", length: length))
                }
                continue
            }
            let r = model.evaluate(TokenBatch(examples), params: params, threads: options.threads, chunk: 25)
            m.append(MetricValue(MetricName.accuracy, r.accuracy, unit: "fraction", task: task.name, length: length))
            // the chance level of that accuracy on the same examples: the best constant answer's
            m.append(MetricValue(MetricName.chanceAccuracy, Scoring.constantAnswerAccuracy(labels: examples.flatMap(\.labels)),
                                 unit: "fraction", task: task.name, length: length))
            if let reach = run.model.pattern.reach(depth: run.model.layers), let mqar = task as? MultiQueryAR {
                m.append(MetricValue(MetricName.reachCeiling, mqar.fractionWithinReach(examples, reach: reach), unit: "fraction",
                                     task: task.name, length: length))
            }
            m.append(MetricValue(MetricName.loss, r.loss, unit: "nats", task: task.name, length: length))
            if run.generate, let metric = examples.first?.metric, metric != .positions {
                var total = 0.0
                for e in examples {
                    let out = try model.generate(prompts: [Array(e.prompt)], params: params, maxNewTokens: e.target.count)
                    total += e.score(out[0])
                }
                m.append(MetricValue(MetricName.score, total / Double(examples.count), unit: "fraction", task: task.name, length: length))
            }
            if run.memory {
                let bytes = run.model.stateBytes(sequenceLength: length)
                m.append(MetricValue(MetricName.stateBytes, Double(bytes), unit: "bytes", length: length))
            }
        }
        return (m, resumed, kernels)
    }

    /// What a language-model run read: the corpus, its folder, its pinned manifest SHA-256 and, per
    /// split, the number of documents, their bytes and `names_sha256`, the SHA-256 of the split's
    /// document names, sorted, each followed by "\n" (`namesDigest`; `attnlab data splits NAME`
    /// prints the names and the same digest). A digest and not the names: the names of linux-c's
    /// 1,230 files took 5.8 KB of every row.
    static func dataProvenance(_ lm: ByteLanguageModel) throws -> JSONValue {
        let c = try lm.loaded()
        var splits: [String: JSONValue] = [:]
        for split in Split.allCases {
            let names = c.documentNames(split)
            splits[split.rawValue] = .object(["documents": .int(names.count), "names_sha256": .string(namesDigest(names)),
                                              "bytes": .int(c.byteCount(split))])
        }
        return .object(["corpus": .string(lm.corpus.name), "folder": .string(c.folder),
                        "manifest_sha256": .string(lm.corpus.manifestSHA256), "splits": .object(splits)])
    }

    /// SHA-256 (hex) of `names` in order, each followed by "\n": a split's identity in `provenance.data`.
    public static func namesDigest(_ names: [String]) -> String { SHA256.hex(names.map { $0 + "\n" }.joined()) }

    /// The bench modes at the run's length; returns the metrics and the kernels the layers ran.
    static func bench(_ run: Run, progress: (String) -> Void) throws -> ([MetricValue], [String]) {
        guard let T = run.length else { throw HarnessError("bench run without a length") }
        let b = run.bench
        let parallelism = TrainOptions.Parallelism(rawValue: run.config["parallelism"]?.stringValue ?? "batch") ?? .batch
        let kernel = run.kernel.overrides
        var m: [MetricValue] = []
        var kernels: [String] = []
        var measuredState: Int? = nil
        for mode in run.benchModes {
            progress("progress bench \(mode.rawValue) T=\(T)")
            let r = try ModelBench.run(config: run.model, mode: mode, batch: b.batch, length: T, threads: b.threads, parallelism: parallelism,
                                   decodeTokens: b.decodeTokens, budget: b.budgetSeconds, kernels: kernel)
            for k in r.kernels where !kernels.contains(k) { kernels.append(k) }
            m.append(MetricValue(MetricName.tokensPerSecond(mode.rawValue), r.tokensPerSecond, unit: "tokens/s", length: T, timing: true))
            m.append(MetricValue(MetricName.secondsMedian(mode.rawValue), r.secondsMedian, unit: "s", length: T, timing: true))
            if let f = r.modelFlopsPerSecond { m.append(MetricValue(MetricName.trainModelFlopsPerSecond, f, unit: "FLOP/s", length: T, timing: true)) }
            addRoofline(r, to: &m, length: T)
            if let s = r.stateBytes { measuredState = s }
        }
        if run.memory {
            if measuredState == nil {
                progress("progress memory T=\(T)")
                let r = try ModelBench.run(config: run.model, mode: .prefill, batch: b.batch, length: T, threads: b.threads,
                                           parallelism: parallelism, budget: 0, kernels: kernel)
                measuredState = r.stateBytes
                for k in r.kernels where !kernels.contains(k) { kernels.append(k) }
            }
            let analytic = run.model.stateBytes(sequenceLength: T) * b.batch
            m.append(MetricValue(MetricName.stateBytes, Double(analytic), unit: "bytes", length: T))
            if let s = measuredState { m.append(MetricValue(MetricName.measuredStateBytes, Double(s), unit: "bytes", length: T)) }
        }
        return (m, kernels)
    }

}
