// What the benchmark suites share.
import Benchmark

/// Tolerances for `make bench-check`, which compares each metric's p90 with the committed
/// `Thresholds/` (written by `make bench-thresholds`). Measured here: p90 wall clock of a
/// microsecond decode step moved by up to 85 % between two runs on this shared 2-core VM, and
/// throughput of second-long steps is quantised (1 vs 2 per s), so the check guards against gross
/// regressions only: p90 wall clock may grow to 2× (a lost
/// `-target-cpu`, a quadratic path in a windowed kernel), p90 throughput fall by 90 % (its p90 is the
/// noisiest figure: −85 % seen on a decode step between two runs), peak RSS may double (it depends on what
/// ran before in the same process), malloc counts (deterministic) may grow by 10 %. Every metric
/// recorded needs a tolerance here: one without is checked at 0 %.
public var labThresholds: [BenchmarkMetric: BenchmarkThresholds] {
    [
        .wallClock: .init(relative: [.p90: 100]),
        .throughput: .init(relative: [.p90: 90]),
        .peakMemoryResident: .init(relative: [.p90: 100]),
        .mallocCountTotal: .init(relative: [.p90: 10]),
    ]
}
