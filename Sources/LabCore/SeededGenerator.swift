// A seeded random generator that gives the same numbers on every run and every machine.
//
// xoshiro256** (Blackman & Vigna) seeded through SplitMix64. All derived draws (uniform floats,
// integers in a range, normals, shuffles) are implemented here rather than through the standard
// library's `random(in:using:)`, whose algorithms are not promised to stay fixed across Swift
// versions. Normals use Box–Muller on `Foundation`-free `RealModule` functions.
import RealModule

public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0, s1, s2, s3: UInt64

    /// Seeds the four words from `seed` with SplitMix64 (so seeds 0, 1, 2… give unrelated streams).
    public init(seed: UInt64) {
        var z = seed
        func splitMix() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// A generator for a named sub-stream of `seed` (e.g. "train", "q"): independent of the others.
    public init(seed: UInt64, stream: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a over the UTF-8 bytes
        for byte in stream.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        self.init(seed: seed ^ h)
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [0, 1) with 24 random bits.
    public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// Uniform integer in `range` (Lemire's nearly-divisionless method, unbiased).
    public mutating func nextInt(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "nextInt(in:) on an empty range")
        let n = UInt64(range.count)
        var m = next().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n
            while m.low < threshold { m = next().multipliedFullWidth(by: n) }
        }
        return range.lowerBound + Int(m.high)
    }

    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        nextInt(in: range.lowerBound..<(range.upperBound + 1))
    }

    /// Standard normal draw (Box–Muller, one value per call; the pair's second value is discarded
    /// so that the stream position does not depend on call history).
    public mutating func nextNormal() -> Double {
        let u1 = 1.0 - nextDouble()  // (0, 1]
        let u2 = nextDouble()
        return Double.sqrt(-2 * Double.log(u1)) * Double.cos(2 * Double.pi * u2)
    }

    /// Fisher–Yates shuffle with this generator's integers.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, nextInt(in: 0...i))
        }
    }

    /// One element of a non-empty collection, uniformly.
    public mutating func choose<C: RandomAccessCollection>(_ c: C) -> C.Element where C.Index == Int {
        c[c.startIndex + nextInt(in: 0..<c.count)]
    }
}
