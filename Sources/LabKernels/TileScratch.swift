// Per-thread scratch buffers of the kernels (tiles of scores, packed operands, chunk states).
// A kernel's thread allocates them once for all the heads it runs (`Parallel.forEachBlock`),
// not once per head: at the study shapes (T 128) a head is about 20 µs of work, and allocating
// and zero-filling 180–250 KiB of tiles per head cost 5–8 % of the kernels' time.
import LabCore

/// Named float buffers for one thread of a kernel, carved from one allocation (64-byte aligned
/// slices), uninitialised: every kernel writes a buffer before it reads it. Debug builds fill
/// them with NaN, so a test that reads an unwritten entry fails (a product with it is NaN).
struct TileScratch {
    private let base: UnsafeMutablePointer<Float>
    private let offsets: [String: Int]

    init(_ buffers: [(name: String, count: Int)]) {
        var offsets: [String: Int] = [:], total = 0
        for (name, count) in buffers { offsets[name] = total; total += (count + 15) & ~15 }
        base = allocateAlignedFloats(total)
        #if DEBUG
        base.initialize(repeating: .nan, count: max(1, total))
        #endif
        self.offsets = offsets
    }

    subscript(name: String) -> UnsafeMutablePointer<Float> { base + offsets[name]! }

    func free() { base.deallocate() }
}

/// Uninitialised room for `count` floats (at least 1) starting on a 64-byte boundary, a cache line:
/// a 16-float vector load or store at a multiple of 16 floats from it stays in one line. malloc's
/// 16-byte alignment left it to chance whether each row of `fused-recurrent`'s state straddled
/// two lines; aligned, it ran 1.07× as fast forward + backward at the long study's shape (medians
/// of 8 alternating processes, 7 of the 8 pairs faster; kernels notebook §17).
/// Free with `deallocate()`.
func allocateAlignedFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Float>.stride, alignment: 64)
        .bindMemory(to: Float.self, capacity: max(1, count))
}

/// An output array of `count` floats that the kernel writes whole before it returns, so it is not
/// zero-filled first (at T 4,096 and 8 heads each output is 8 MiB). Debug builds fill it with NaN,
/// so a test that meets an entry the kernel never wrote fails.
func uninitializedOutput(count: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        #if DEBUG
        buffer.initialize(repeating: .nan)
        #endif
        initialized = count
    }
}
