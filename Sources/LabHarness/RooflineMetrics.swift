// The roofline figures of a bench run's rows (docs/conventions.md): the machine's FMA peak and
// triad bandwidth measured in the run's own process (`Roofline`, once per process), and each
// mode's fraction of them. Kept apart from the bench loop so that loop calls one function.
import LabCore
import LabModel
import LabResults

extension RunExecutor {
    /// Adds to `metrics` the roofline of `r` (once: `fma_peak_flops_per_second`,
    /// `triad_bytes_per_second` on the bench threads) and its mode's fractions:
    /// `train_fraction_of_peak` (model FLOP/s ÷ peak), `decode_fraction_of_bandwidth` (step bytes
    /// ÷ time ÷ bandwidth) and `MODE_fraction_of_roofline` (roofline bound ÷ call time), each a
    /// timing (`timing: true`); and the call's analytic cost, `MODE_call_flops` and
    /// `MODE_call_bytes` (not timings: the roofline figure's coordinates).
    static func addRoofline(_ r: ModelBenchResult, to metrics: inout [MetricValue], length T: Int) {
        if !metrics.contains(where: { $0.name == MetricName.fmaPeakFlopsPerSecond }) {
            metrics.append(MetricValue(MetricName.fmaPeakFlopsPerSecond, r.roofline.peakFlops, unit: "FLOP/s", length: T, timing: true))
            metrics.append(MetricValue(MetricName.triadBytesPerSecond, r.roofline.bandwidth, unit: "bytes/s", length: T, timing: true))
        }
        if let f = r.fractionOfPeak { metrics.append(MetricValue(MetricName.fraction(r.mode, of: "peak"), f, unit: "fraction", length: T, timing: true)) }
        if let f = r.fractionOfBandwidth { metrics.append(MetricValue(MetricName.fraction(r.mode, of: "bandwidth"), f, unit: "fraction", length: T, timing: true)) }
        if let bytes = r.callBytes, let flops = r.callFlops {
            metrics.append(MetricValue(MetricName.callFlops(r.mode), flops, unit: "FLOP", length: T, timing: false))
            metrics.append(MetricValue(MetricName.callBytes(r.mode), bytes, unit: "bytes", length: T, timing: false))
        }
        if let f = r.fractionOfRoofline { metrics.append(MetricValue(MetricName.fraction(r.mode, of: "roofline"), f, unit: "fraction", length: T, timing: true)) }
    }
}
