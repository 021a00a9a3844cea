// The kernels' scratch starts on cache lines (`allocateAlignedFloats`): `fused-recurrent` ran
// 1.07× faster with every row of its states on a 64-byte boundary than with malloc's 16-byte
// alignment, which left it to chance. These tests guard the property the speed rests on.
import Testing
@testable import LabKernels

@Suite struct ScratchAlignmentTests {
    static func onCacheLine(_ p: UnsafeMutablePointer<Float>) -> Bool { Int(bitPattern: p) % 64 == 0 }

    @Test func alignedFloatsStartOnACacheLine() {
        for count in [0, 1, 3, 16, 17, 1000, 100_000] {
            let p = allocateAlignedFloats(count)
            defer { p.deallocate() }
            #expect(Self.onCacheLine(p), "count \(count)")
        }
    }

    /// Every state row (stride ldD or ldF) and every buffer of the recurrence's scratch starts on a
    /// cache line, for every head dim (the buffers are multiples of 16 floats long).
    @Test func recurrenceStateRowsStartOnCacheLines() {
        for D in 1...70 {
            let w = RecurrenceScratch(D: D)
            defer { w.free() }
            #expect(w.ldD % 16 == 0 && w.ldF % 16 == 0, "D \(D)")
            for (name, p) in [("m1", w.m1), ("m2", w.m2), ("out", w.out), ("dFeatures", w.dFeatures)] {
                #expect(Self.onCacheLine(p), "D \(D): \(name)")
            }
        }
    }
}
