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
    /// together (4 here: about a's time over b's); with no budget, exactly `minRounds` rounds
    /// follow the warm-up.
    @Test func roundsAlternateAndTimeBAsOftenAsFitsInA() {
        var calls: [Character] = []
        let rounds = Timing.pairedSamples(warmup: 1, minRounds: 4, maxRounds: 50, budget: 0, clock: .wall,
                                          { calls.append("a"); usleep(4_000) }, { calls.append("b"); usleep(1_000) })
        #expect(rounds.count == 4)
        #expect(calls.starts(with: ["a", "b"]))  // the warm-up
        let body = String(calls.dropFirst(2))
        let perRound = body.count / 4
        #expect(body.count == 4 * perRound && perRound >= 4)
        let round = String(body.prefix(perRound))
        #expect(round == "aab" + String(repeating: "b", count: perRound - 3))
        #expect(body == String(repeating: round, count: 4))
        for r in rounds {
            #expect(r.a >= 0.0039)  // one call of a
            #expect(r.b >= 0.0009 && r.b < r.a)  // per call of b
        }
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

    @Test func roundsStopAtTheBudgetOrTheCap() {
        let capped = Timing.pairedSamples(minRounds: 2, maxRounds: 5, budget: 100, clock: .wall, {}, {})
        #expect(capped.count == 5)
        var aCalls = 0
        let budgeted = Timing.pairedSamples(minRounds: 1, maxRounds: 50, budget: 0.02, clock: .wall,
                                            { aCalls += 1; usleep(5_000) }, { usleep(5_000) })
        // each round times about 10 ms of calls: the budget of 20 ms ends it after about 2 rounds
        #expect(budgeted.count >= 2 && budgeted.count < 50)
        #expect(aCalls == 1 + 2 * budgeted.count)
    }
}
