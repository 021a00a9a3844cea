// 16 Float lanes (one AVX-512 register) and the loads, stores and sum every SIMD row loop of the
// lab uses: the kernels' tiles (LabKernels) and the model's row ops (RMSNormRows). Inlinable, so
// each caller's module inlines them as its own code.
import CBLAS

public typealias Vec16 = SIMD16<Float>

/// 16 floats from `p` (any alignment).
@inlinable @inline(__always) public func load16(_ p: UnsafePointer<Float>) -> Vec16 {
    UnsafeRawPointer(p).loadUnaligned(as: Vec16.self)
}
/// 16 floats to `p` (any alignment).
@inlinable @inline(__always) public func store16(_ v: Vec16, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec16.self)
}

/// The sum of the 16 lanes by halving (`SIMD.sum()` compiles to a scalar loop).
@inlinable @inline(__always) public func horizontalSum(_ v: Vec16) -> Float {
    let a = v.lowHalf + v.highHalf, b = a.lowHalf + a.highHalf
    return (b[0] + b[2]) + (b[1] + b[3])
}

/// The cache level a prefetch asks for (`prefetchLines`).
public enum CacheLevel: Sendable {
    /// L2 (prefetcht1): for a block a loop reads a chunk of work from now.
    case l2
    /// L1 and L2 (prefetcht0): for a block a loop reads within the next few hundred cycles; L1
    /// is small, and lines asked for much earlier are evicted before they are used.
    case l1
}

/// Asks the cache for the `bytes` bytes from `p` (a hint, no load, no fault; into L2 by
/// default) one 64-byte line at a time, so that a loop can fetch its next block while it works on
/// this one. The hardware prefetchers do not run ahead across a kernel's chunk boundaries on their
/// own. The lines are those the range touches (from the line holding p, so an unaligned p loses no
/// line).
@inlinable @inline(__always) public func prefetchLines(_ p: UnsafeRawPointer, bytes: Int, into level: CacheLevel = .l2) {
    let end = p + bytes
    var line = UnsafeRawPointer(bitPattern: Int(bitPattern: p) & ~63)!
    switch level {
    case .l2: while line < end { attnlab_prefetch_l2(line); line += 64 }
    case .l1: while line < end { attnlab_prefetch_l1(line); line += 64 }
    }
}
