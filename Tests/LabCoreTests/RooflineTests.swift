// The roofline's multi-thread rounds (`Roofline.simultaneousSeconds`): every thread runs its part
// once, and a round lasts at least as long as its slowest part (or is voided, +∞, when a thread
// could not start with the others).
import Foundation
import Synchronization
import Testing
@testable import LabCore

@Suite struct RooflineTests {
    @Test func everyPartRunsOnceAndTheRoundCoversTheSlowest() {
        let runs = Mutex<[Int]>([])
        let seconds = Roofline.simultaneousSeconds(threads: 2) { w in
            if w == 1 { usleep(20_000) }  // part 1 takes 20 ms
            runs.withLock { $0.append(w) }
        }
        #expect(runs.withLock { $0.sorted() } == [0, 1])
        // finite when both threads passed the barrier together; +∞ (a voided round) when the
        // scheduler held one back for over 50 ms, as it can while other tests load the cores
        #expect(seconds >= 0.019)
    }

    @Test func oneThreadIsTimedDirectly() {
        var ran = 0
        let seconds = Roofline.simultaneousSeconds(threads: 1) { _ in ran += 1 }
        #expect(ran == 1 && seconds >= 0)
    }

    /// A multi-thread set that comes out near one core's figure is measured again (at most 3 more
    /// times), keeping the best; a set at 3/4 of the cores' worth or more stands; a first set whose
    /// every round was voided (0) gives one core's figure at once.
    @Test(arguments: [
        ([480.0], 480.0, 1),                   // at the cores' worth: one set
        ([380.0], 380.0, 1),                   // ≥ 3/4 × 2 × 250 = 375: stands
        ([240.0, 250.0, 470.0], 470.0, 3),     // a busy core for two sets, then free
        ([240.0, 230.0, 245.0, 244.0], 245.0, 4),  // shared for good: the best of 4 sets
        ([0.0, 0.0, 0.0, 0.0], 250.0, 1),      // every round voided: one core's figure, no retry
        ([100.0, 0.0, 480.0], 480.0, 3),       // a voided retry does not end the retries
    ])
    func aLowMultiThreadPeakIsMeasuredAgain(sets: [Double], expected: Double, calls: Int) {
        var i = 0
        let peak = Roofline.peakOfThreads(2, perCore: 250) { defer { i += 1 }; return sets[i] }
        #expect(peak == expected)
        #expect(i == calls)
    }

    @Test func measuredPeakAndBandwidthArePositive() {
        let r = Roofline.measure(threads: 2)
        #expect(r.peakFlopsPerCore > 0 && r.peakFlops > 0 && r.bandwidth > 0 && r.bandwidthPerCore > 0)
    }
}
