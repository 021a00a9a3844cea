// Every registered task: exact lengths, well-formed inputs/labels, determinism, seeds, minimum lengths.
import LabCore
import Testing
@testable import LabTasks

/// The lengths each task is exercised at: RULER's ladder for RULER tasks, Zoology-sized ones for MQAR.
func testLengths(_ t: any SyntheticTask) -> [Int] {
    t.groups.contains("mqar") ? [64, 128, 254].filter { t.check(length: $0) == .ok } : TaskRegistry.rulerLengths
}

/// The generated tasks; the language-model tasks read fetched corpora, which CI does not have, and are
/// tested on the committed fixture corpus instead (`TextTaskTests`).
let taskNames = TaskRegistry.all.filter { !$0.isLanguageModelling }.map(\.name)

/// Calls `body` with `count` examples (seeds `split.seed(i · step)`) of task `name` at each of its test lengths.
func eachExample(_ name: String, count: Int, split: Split, step: Int = 1,
                 _ body: (any SyntheticTask, Example) throws -> Void) throws {
    let t = try TaskRegistry.task(named: name)
    for length in testLengths(t) {
        for i in 0 ..< count { try body(t, try t.generate(length: length, seed: split.seed(i * step))) }
    }
}

@Suite struct GenerationTests {
    @Test(arguments: taskNames)
    func exactLengthAndWellFormed(_ name: String) throws {
        try eachExample(name, count: 2, split: .test) { t, e in
            let length = e.length
            #expect(e.inputs.count == length && e.labels.count == length && e.length == length)
            #expect(e.inputs.allSatisfy { (0 ..< t.vocabularySize).contains($0) })
            if e.metric == .positions {
                #expect(e.target.isEmpty && e.promptLength == length)
                #expect(e.labels.filter { $0 != Example.ignore }.count == e.answers.count)
            } else {
                #expect(e.inputs[0] == Vocabulary.bos)
                #expect(e.prompt.last == Vocabulary.ans)
                #expect(Array(e.target) == joinedTarget(e.answers))
                // Labels: the next token exactly where it is a target token.
                for p in 0 ..< length {
                    let expected = p >= e.promptLength - 1 && p < length - 1 ? e.inputs[p + 1] : Example.ignore
                    if e.labels[p] != expected { Issue.record("\(name)@\(length): label \(p)"); break }
                }
            }
            // The target scores 1 under the task's metric; nothing scores 0.
            let perfect = e.metric == .positions ? e.labels.map { $0 == Example.ignore ? 0 : $0 } : Array(e.target)
            #expect(e.score(perfect) == 1)
            #expect(e.score(e.metric == .positions ? [Int](repeating: 0, count: length) : []) == 0)
        }
    }

    @Test(arguments: taskNames)
    func deterministicAndSeedSensitive(_ name: String) throws {
        let t = try TaskRegistry.task(named: name)
        let length = testLengths(t)[1]
        let a = try t.generate(length: length, seed: 7), b = try t.generate(length: length, seed: 7)
        let c = try t.generate(length: length, seed: 8)
        #expect(a == b)
        #expect(a.inputs != c.inputs)
    }

    @Test(arguments: taskNames)
    func minimumLengthIsTight(_ name: String) throws {
        let t = try TaskRegistry.task(named: name)
        let m = t.minimumLength
        #expect(m < 200, "\(name) should fit RULER's shortest scaled length")
        let e = try t.generate(length: m, seed: 1)
        #expect(e.inputs.count == m)
        #expect(throws: TaskError.self) { try t.generate(length: m - 1, seed: 1) }
        do {
            _ = try t.generate(length: m - 2, seed: 1)
            Issue.record("length \(m - 2) accepted")
        } catch let error as TaskError {
            #expect(error.argument == "length")
            #expect(error.description.contains("\(m - 2)"))
        }
    }

    @Test func tasksAreIndependentAcrossLengthsAndNames() throws {
        let a = try TaskRegistry.generate("niah_single_1", length: 256, seed: 3)
        let b = try TaskRegistry.generate("niah_single_1", length: 512, seed: 3)
        #expect(a.answers != b.answers)
        let c = try TaskRegistry.generate("niah_multikey_2", length: 256, seed: 3)
        #expect(a.answers != c.answers)
    }

    /// SWA's reach ceiling on Zoology's docstring layout: queries at 6 (key at 2, 4 back) and 12
    /// (key at 0, 12 back).
    @Test func mqarReachCeiling() throws {
        let mqar = MultiQueryAR(name: "toy", vocabularySize: 12, pairs: .fixed(2))
        var labels = [Int](repeating: Example.ignore, count: 16)
        labels[6] = 7; labels[12] = 8
        let e = Example(task: "toy", length: 16, seed: 0, metric: .positions, inputs: [2, 8, 4, 7, 0, 0, 4, 0, 0, 0, 0, 0, 2, 0, 0, 0],
                        promptLength: 16, labels: labels, answers: [[7], [8]], evidence: [6, 12])
        #expect(mqar.fractionWithinReach([e], reach: 3) == 0)
        #expect(mqar.fractionWithinReach([e], reach: 4) == 0.5)
        #expect(mqar.fractionWithinReach([e], reach: 11) == 0.5)
        #expect(mqar.fractionWithinReach([e], reach: 12) == 1)
        // Generated examples: monotone in the reach, 1 at the full length.
        let task = try TaskRegistry.task(named: "mqar_v256") as! MultiQueryAR
        let examples = try task.examples(50, length: 128, split: .test)
        let curve = [0, 16, 32, 64, 128].map { task.fractionWithinReach(examples, reach: $0) }
        #expect(curve == curve.sorted() && curve.last == 1 && curve.first == 0)
    }

    @Test func splitsAreDisjoint() {
        #expect(Split.train.seeds.upperBound <= Split.test.seeds.lowerBound)
        #expect(Split.test.seeds.upperBound <= Split.validation.seeds.lowerBound)
        #expect(Split.train.seed(0) == 0 && Split.test.seed(0) == 1 << 31)
        #expect(Split.train.seeds.count == 1 << 31 && Split.test.seeds.count == 1 << 31)
    }

    @Test func registryAndGroups() throws {
        #expect(Set(taskNames).count == taskNames.count)
        #expect(try TaskRegistry.resolve("ruler").count == 13)
        #expect(try TaskRegistry.resolve("niah").count == 8)
        #expect(try TaskRegistry.resolve("qa").map(\.name) == ["qa_1", "qa_2"])
        #expect(try TaskRegistry.resolve("mqar").map(\.name) == ["mqar_v8192", "mqar_v256"])
        #expect(try TaskRegistry.resolve("vt").map(\.name) == ["vt"])
        #expect(throws: TaskError.self) { try TaskRegistry.resolve("nope") }
        let ruler = try TaskRegistry.resolve("ruler")
        #expect(ruler.filter { $0.metric == .part }.map(\.name) == ["qa_1", "qa_2"])
    }

    @Test func rulerTasksFitTheWholeLadderAndCWEStopsAtItsWordPool() throws {
        for t in try TaskRegistry.resolve("ruler") {
            for l in TaskRegistry.rulerLengths { #expect(t.check(length: l) == .ok, "\(t.name)@\(l)") }
        }
        let cwe = try TaskRegistry.task(named: "cwe")
        guard case .invalid(let reason) = cwe.check(length: 3000) else {
            Issue.record("cwe at 3000 (6/1 rule) should exceed the 2048-word pool"); return
        }
        #expect(reason.contains("2048"))
    }

    @Test func vocabularyLayout() {
        var next = 12
        for v in Vocabulary.all {
            #expect(v.range.lowerBound == next, "\(v.name) starts at \(v.range.lowerBound)")
            #expect(v.strings.count == v.count, "\(v.name) has \(v.strings.count) strings for \(v.count) ids")
            next = v.range.upperBound
        }
        #expect(next == Vocabulary.size)
        // Every token renders to a distinct string, and parses back.
        #expect(Vocabulary.lookup.count == Vocabulary.size)
        for t in [0, 5, 12, 140, 277, 293, 357, 389, 390, 2437] { #expect(Vocabulary.token(Vocabulary.string(t)) == t) }
        #expect(Vocabulary.render([4, 140, 204, 5, 272, 277]) == "<needle> amber falcon <is> 4 9")
        #expect(Haystack.noisePassage.count == 24)
        #expect(rulerDepths.count == 40 && rulerDepths.first == 0 && rulerDepths[1] == 3 && rulerDepths.last == 100)
    }
}

@Suite struct DataSetTests {
    /// The lab's MQAR training recipe: V = 256, L = 128, K = 8, random_non_queries = false, disjoint seeds.
    @Test func mqarRecipeDataSets() throws {
        let t = try TaskRegistry.task(named: "mqar_v256")
        let train = try t.examples(200, length: 128, split: .train), test = try t.examples(50, length: 128, split: .test)
        #expect(t.vocabularySize == 256)
        for e in train + test {
            #expect(e.inputs.count == 128 && e.inputs.allSatisfy { (0 ..< 256).contains($0) })
            #expect(e.labels.filter { $0 != Example.ignore }.count == 8)
            #expect(e.labels.allSatisfy { $0 == Example.ignore || (128 ..< 256).contains($0) })
        }
        #expect(Set(train.map(\.seed)).isDisjoint(with: test.map(\.seed)))
        #expect(Set(train.map(\.inputs)).isDisjoint(with: test.map(\.inputs)))
        #expect(throws: TaskError.self) { try t.examples(1, length: 256, split: .train) }
    }
}
