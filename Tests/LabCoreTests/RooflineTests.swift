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

    @Test func measuredPeakAndBandwidthArePositive() {
        let r = Roofline.measure(threads: 2)
        #expect(r.peakFlopsPerCore > 0 && r.peakFlops > 0 && r.bandwidth > 0 && r.bandwidthPerCore > 0)
    }
}
