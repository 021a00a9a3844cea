// Timing's paired rounds (`Timing.pairedSamples`: a kernel and its GEMM in alternation, each timed
// call preceded by an untimed one) and its quantiles (type 7, NumPy's default).
import Foundation
import Testing
@testable import LabCore

@Suite struct TimingTests {
    @Test func quantilesInterpolateBetweenTheSortedValues() {
        let v: [Double] = [4, 1, 3, 2]
        #expect(Timing.quantile(v, 0) == 1 && Timing.quantile(v, 1) == 4)
        #expect(Timing.quantile(v, 0.25) == 1.75 && Timing.quantile(v, 0.75) == 3.25)
        #expect(Timing.quantile(v, 0.5) == Timing.median(v))
        #expect(Timing.quantile([1, 2, 3, 4, 5], 0.5) == Timing.median([1, 2, 3, 4, 5]))
        #expect(Timing.quantile([7], 0.25) == 7)
    }

    /// Every round is: a untimed, a timed, b untimed, then b the same number of times (≥ 1) timed
    /// together; after the two warm-ups, exactly `minRounds` rounds when there is no budget.
    @Test func roundsAlternateInTheSameOrder() {
        var calls: [Character] = []
        let rounds = Timing.pairedSamples(warmup: 2, minRounds: 4, maxRounds: 50, budget: 0, clock: .wall,
                                          { calls.append("a"); usleep(2_000) }, { calls.append("b") })
        #expect(rounds.count == 4)
        #expect(calls.starts(with: ["a", "b", "a", "b"]))  // the warm-ups
        let body = String(calls.dropFirst(4))
        let perRound = body.count / 4
        #expect(body.count == 4 * perRound && perRound >= 4)
        let round = String(body.prefix(perRound))
        #expect(round == "aab" + String(repeating: "b", count: perRound - 3))
        #expect(body == String(repeating: round, count: 4))
    }

    /// b's timed calls a round: a's time over b's, rounded, within [1, 1000].
    @Test func bIsCalledAboutAsLongAsA() {
        #expect(Timing.pairedCalls(aSeconds: 0.004, bSeconds: 0.001) == 4)
        #expect(Timing.pairedCalls(aSeconds: 0.0045, bSeconds: 0.001) == 5)  // rounded, not truncated
        #expect(Timing.pairedCalls(aSeconds: 0.001, bSeconds: 0.45) == 1)  // b longer than a
        #expect(Timing.pairedCalls(aSeconds: 1, bSeconds: 0) == 1_000)
        #expect(Timing.pairedCalls(aSeconds: 0, bSeconds: 0) == 1)
        #expect(Timing.pairedCalls(aSeconds: .nan, bSeconds: 0.001) == 1)
    }

    /// Each body's timed calls follow an untimed one after the other body ran: here a body is slow
    /// (5–10 ms) only on its first call after the other one, so its timed calls are fast only if
    /// that call was made and not timed.
    @Test func timedCallsFollowAnUntimedOneAfterTheOtherBody() {
        var last: Character = " "
        let rounds = Timing.pairedSamples(warmup: 1, minRounds: 5, maxRounds: 5, budget: 0, clock: .wall,
                                          { if last != "a" { usleep(10_000) }; last = "a" },
                                          { if last != "b" { usleep(5_000) }; last = "b" })
        #expect(rounds.count == 5)
        // untimed calls taken: both fast (µs; medians, so one preemption cannot fail it); without
        // them a would take 10 ms and b at least 5 ms over its (2) timed calls, 2.5 ms each
        #expect(Timing.median(rounds.map(\.a)) < 0.004)
        #expect(Timing.median(rounds.map(\.b)) < 0.001)
    }

    /// Rounds stop at `maxRounds`, or once the timed seconds reach the budget: every round but
    /// the last started under it. Each round calls a twice (untimed, timed) after the warm-ups.
    @Test func roundsStopAtTheBudgetOrTheCap() {
        let capped = Timing.pairedSamples(minRounds: 2, maxRounds: 5, budget: 100, clock: .wall, {}, {})
        #expect(capped.count == 5)
        var aCalls = 0
        let budget = 0.02
        let budgeted = Timing.pairedSamples(warmup: 2, minRounds: 1, maxRounds: 50, budget: budget, clock: .wall,
                                            { aCalls += 1; usleep(5_000) }, {})
        #expect(budgeted.count >= 1 && budgeted.count <= 4)  // ≥ 5 ms of a a round
        #expect(budgeted.dropLast().reduce(0) { $0 + $1.a } < budget)
        #expect(aCalls == 2 + 2 * budgeted.count)
    }
}
