// The Float RoPE path (16-lane rows with per-element tables) gives exactly the pairwise formula's
// results, forward and inverse, from position 0 (cached tables) and from a later start (decode),
// and a head dim that is not a multiple of 16 falls back to the pairwise loop; `adding:` gives the
// bits of a separate add after the rotation, on both paths and without an encoding.
import Testing
import LabCore
@testable import LabAttention

@Suite struct RopeTests {
    @Test(arguments: [16, 32, 64, 24])
    func theSimdPathEqualsThePairwiseFormula(D: Int) {
        var rng = SeededGenerator(seed: 3)
        let x = Tensor<Float>(shape: [2, 3, 7, D], scalars: (0..<(2 * 3 * 7 * D)).map { _ in Float.random(in: -2...2, using: &rng) })
        let rope = PositionalEncoding.rope(theta: 10_000)
        for start in [0, 5] {
            for inverse in [false, true] {
                let fast = rope.apply(x, start: start, inverse: inverse)
                let pairwise = rope.applyBody(x, start: start, inverse: inverse, adding: nil)
                #expect(fast.scalars == pairwise.scalars, "D \(D) start \(start) inverse \(inverse)")
                // and a rotation: the inverse undoes it
                let back = rope.apply(fast, start: start, inverse: !inverse)
                #expect(zip(back.scalars, x.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
            }
        }
    }

    @Test(arguments: [32, 24])
    func addingIsTheSeparateAdd(D: Int) {
        var rng = SeededGenerator(seed: 4)
        func tensor() -> Tensor<Float> {
            Tensor(shape: [2, 2, 5, D], scalars: (0..<(2 * 2 * 5 * D)).map { _ in Float.random(in: -2...2, using: &rng) })
        }
        let (x, extra) = (tensor(), tensor())
        for encoding in [PositionalEncoding.rope(theta: 10_000), .none] {
            for inverse in [false, true] {
                let fused = encoding.apply(x, start: 3, inverse: inverse, adding: extra)
                let separate = LinearAlgebra.add(encoding.apply(x, start: 3, inverse: inverse), extra)
                #expect(fused.scalars == separate.scalars, "D \(D) \(encoding) inverse \(inverse)")
            }
        }
    }
}
