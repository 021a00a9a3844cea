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

/// Asks the cache for the `bytes` bytes from `p` (into L2: a hint, no load, no fault) one 64-byte
/// line at a time, so that a loop can fetch its next block while it works on this one. The
/// hardware prefetchers do not run ahead across a kernel's chunk boundaries on their own. The
/// lines are those the range touches (from the line holding p, so an unaligned p loses no line).
@inlinable @inline(__always) public func prefetchLines(_ p: UnsafeRawPointer, bytes: Int) {
    let end = p + bytes
    var line = UnsafeRawPointer(bitPattern: Int(bitPattern: p) & ~63)!
    while line < end { attnlab_prefetch_l2(line); line += 64 }
}

/// `prefetchLines` into L1 (prefetcht0), for a block a loop reads next, a few hundred cycles
/// ahead: L1 (48 KiB here) holds a chunk's next rows only that briefly.
@inlinable @inline(__always) public func prefetchLinesL1(_ p: UnsafeRawPointer, bytes: Int) {
    let end = p + bytes
    var line = UnsafeRawPointer(bitPattern: Int(bitPattern: p) & ~63)!
    while line < end { attnlab_prefetch_l1(line); line += 64 }
}
