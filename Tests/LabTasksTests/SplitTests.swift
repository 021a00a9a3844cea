// The three splits hold different sequences: for every registered task at two lengths, no validation
// or test sequence equals a train sequence, and no test sequence equals a validation one.
//
// Disjoint seed ranges (`Split.seeds`) do not promise this by themselves: two seeds can generate the
// same token sequence when a task's space is small at a short length. So the check is on the tokens:
// each sequence is keyed by a 64-bit FNV-1a hash of its whole `inputs` (every token as 8 little-endian
// bytes, so [1, 256] and [257, 0] differ), and a hash hit is confirmed by comparing the tokens, so a
// hash collision cannot fail the test, only an equal sequence can.
import LabCore
import Testing
@testable import LabTasks

/// 64-bit FNV-1a over the tokens, each as its 8 little-endian bytes.
func sequenceHash(_ tokens: [Int]) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for t in tokens {
        var v = UInt64(bitPattern: Int64(t))
        for _ in 0 ..< 8 { h = (h ^ (v & 0xFF)) &* 0x0000_0100_0000_01B3; v >>= 8 }
    }
    return h
}

/// The sequences of `examples` that equal (token for token) one of `reference`, as "seed s" strings.
func sharedSequences(_ examples: [Example], with reference: [Example]) -> [String] {
    var byHash: [UInt64: [[Int]]] = [:]
    for e in reference { byHash[sequenceHash(e.inputs), default: []].append(e.inputs) }
    return examples.filter { e in byHash[sequenceHash(e.inputs)]?.contains(e.inputs) ?? false }.map { "seed \($0.seed)" }
}

/// The two lengths each task is checked at: the first two of `testLengths` (128 and 256 for RULER
/// tasks, 64 and 128 for MQAR): short, where equal sequences are likeliest.
func splitLengths(_ t: any SyntheticTask) -> [Int] { Array(testLengths(t).prefix(2)) }

@Suite struct SplitTests {
    @Test func seedRangesAreDisjoint() {
        let all = Split.allCases.map(\.seeds)
        for (i, a) in all.enumerated() {
            #expect(a.count == 1 << 31)
            for b in all[(i + 1)...] { #expect(!a.overlaps(b)) }
        }
        // train and test as before the validation split (the golden examples use test seed 0)
        #expect(Split.train.seed(0) == 0 && Split.test.seed(0) == 1 << 31 && Split.validation.seed(0) == 1 << 32)
        #expect(Split.validation.seed(Split.validation.seeds.count - 1) == (1 << 32) + (1 << 31) - 1)
    }

    /// The detector finds a shared sequence when there is one (overlapping train samples), so the
    /// disjointness check below can fail.
    @Test func detectorFindsSharedSequences() throws {
        let t = try TaskRegistry.task(named: "qa_1")
        let a = try t.examples(10, length: 128, split: .train)
        let b = try t.examples(10, length: 128, split: .train, first: 7)  // samples 7…16: 7, 8, 9 shared
        #expect(sharedSequences(b, with: a) == (7 ..< 10).map { "seed \($0)" })
        #expect(sequenceHash([1, 256]) != sequenceHash([257, 0]))
    }

    /// 200 train, 100 validation and 100 test examples at each of two lengths: no sequence is shared
    /// across splits.
    @Test(arguments: taskNames)
    func splitsHoldDifferentSequences(_ name: String) throws {
        let t = try TaskRegistry.task(named: name)
        let lengths = splitLengths(t)
        #expect(lengths.count == 2)
        for length in lengths {
            let train = try t.examples(200, length: length, split: .train)
            let validation = try t.examples(100, length: length, split: .validation)
            let test = try t.examples(100, length: length, split: .test)
            let at = "\(name)@\(length)"
            let valInTrain = sharedSequences(validation, with: train)
            let testInTrain = sharedSequences(test, with: train)
            let testInVal = sharedSequences(test, with: validation)
            #expect(valInTrain.isEmpty, "\(at): validation sequences equal to train ones: \(valInTrain)")
            #expect(testInTrain.isEmpty, "\(at): test sequences equal to train ones: \(testInTrain)")
            #expect(testInVal.isEmpty, "\(at): test sequences equal to validation ones: \(testInVal)")
        }
    }
}
