// The names of the metrics result rows carry, defined once: the harness writes them, the report
// reads them. The language-model metrics are `TextMetrics`; the roofline fractions are
// `<mode>_fraction_of_{peak,bandwidth,roofline}` (`MetricName.fraction`).
import Foundation

public enum MetricName {
    // MARK: Accuracy runs, at the training length
    /// Optimizer steps taken (`steps`).
    public static let trainSteps = "train_steps"
    /// The last validation's accuracy and loss, and the best validation accuracy (`fraction`, `nats`).
    public static let validationAccuracy = "val_accuracy", validationLoss = "val_loss", bestValidationAccuracy = "best_val_accuracy"
    /// The first step whose validation reached the target accuracy (`steps`).
    public static let stepsToTarget = "steps_to_target"
    /// The training curves: one value per validation, with its `step` (`nats`, `fraction`).
    public static let curveValidationLoss = "curve_val_loss", curveValidationAccuracy = "curve_val_accuracy"

    // MARK: Accuracy runs, at each eval length
    /// Argmax accuracy at the answer positions (`fraction`) and the mean loss there (`nats`).
    public static let accuracy = "accuracy", loss = "loss"
    /// The accuracy of the best constant answer on the same examples (`fraction`).
    public static let chanceAccuracy = "chance_accuracy"
    /// Greedy generation scored by the task's metric (`fraction`).
    public static let score = "score"
    /// MQAR on a stack whose every layer sees a bounded distance back (sliding-window layers): the
    /// share of queries whose key lies within that reach (Σ W over the layers), the accuracy such a
    /// stack can reach at most (`fraction`). Listed in the extra metrics of the variants it applies to.
    public static let reachCeiling = "swa_reach_ceiling"

    // MARK: Memory (both kinds of run)
    /// Decode-state bytes: analytic, measured in the caches, and the run's peak resident set (`bytes`).
    public static let stateBytes = "state_bytes", measuredStateBytes = "measured_state_bytes", peakResidentBytes = "peak_resident_bytes"

    // MARK: Bench runs (`mode`: train, prefill, decode)
    /// Tokens per second of `mode` (`tokens/s`).
    public static func tokensPerSecond(_ mode: String) -> String { "\(mode)_tokens_per_second" }
    /// The median seconds of one `mode` call (`s`).
    public static func secondsMedian(_ mode: String) -> String { "\(mode)_seconds_median" }
    /// Model FLOP/s of a training step.
    public static let trainModelFlopsPerSecond = "train_model_flops_per_second"
    /// The machine's FMA peak (`FLOP/s`) and triad bandwidth (`bytes/s`) measured in the run's process.
    public static let fmaPeakFlopsPerSecond = "fma_peak_flops_per_second", triadBytesPerSecond = "triad_bytes_per_second"
    /// The analytic FLOPs (`FLOP`) and compulsory bytes (`bytes`) of one `mode` call, the two
    /// coordinates of the roofline (`ModelBench.callCost`).
    public static func callFlops(_ mode: String) -> String { "\(mode)_call_flops" }
    public static func callBytes(_ mode: String) -> String { "\(mode)_call_bytes" }
    /// `mode`'s fraction of `of` (`peak`, `bandwidth`, `roofline`).
    public static func fraction(_ mode: String, of what: String) -> String { "\(mode)_fraction_of_\(what)" }
}
