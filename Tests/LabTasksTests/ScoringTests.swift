// Scoring on hand-made outputs (partial credit, empty output, duplicates) and RULER's aggregates checked
// against numbers from RULER's README.
import Testing
@testable import LabTasks

@Suite struct ScoringTests {
    // Four 7-digit-like answers as small token sequences.
    let answers = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]

    @Test func allGivesPartialCredit() {
        #expect(Scoring.all(output: [1, 2, 3, 3, 4, 5, 6], answers: answers) == 0.5)
        #expect(Scoring.all(output: [10, 11, 12, 0, 7, 8, 9, 0, 4, 5, 6, 0, 1, 2, 3], answers: answers) == 1)
        #expect(Scoring.all(output: [99, 1, 2, 3, 99], answers: answers) == 0.25)
    }

    @Test func emptyOutputScoresZero() {
        #expect(Scoring.all(output: [], answers: answers) == 0)
        #expect(Scoring.part(output: [], answers: answers) == 0)
        #expect(Scoring.all(output: [1, 2, 3], answers: []) == 0)
    }

    @Test func repeatingOneAnswerEarnsItOnce() {
        #expect(Scoring.all(output: [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3], answers: answers) == 0.25)
        // Duplicate answer items each count: both found, or neither.
        #expect(Scoring.all(output: [1, 2, 3], answers: [[1, 2, 3], [1, 2, 3], [4]]) == 2.0 / 3)
    }

    @Test func itemsMustBeContiguousAndComplete() {
        #expect(Scoring.all(output: [1, 2, 0, 3], answers: answers) == 0)  // interrupted
        #expect(Scoring.all(output: [1, 2], answers: answers) == 0)        // truncated
        #expect(Scoring.all(output: [3, 2, 1], answers: answers) == 0)     // reversed
        #expect(Scoring.contains([5, 1, 1, 2, 3], [1, 2, 3]))               // after a false start
        #expect(!Scoring.contains([1, 2, 3], []))
    }

    @Test func partIsAnyNotFraction() {
        #expect(Scoring.part(output: [0, 7, 8, 9], answers: answers) == 1)  // lm-eval would give 0.25
        #expect(Scoring.part(output: [7, 8], answers: answers) == 0)
    }

    @Test func exampleScoresItsOwnMetric() throws {
        let qa = try TaskRegistry.generate("qa_1", length: 256, seed: 2)
        #expect(qa.metric == .part)
        #expect(qa.score(Array(qa.target)) == 1 && qa.score([Vocabulary.eos]) == 0)
        let mv = try TaskRegistry.generate("niah_multivalue", length: 256, seed: 2)
        // Two of the four values, with rubbish around them.
        let out = [Vocabulary.sep] + mv.answers[3] + [Vocabulary.bos] + mv.answers[1] + [Vocabulary.eos]
        #expect(mv.score(out) == 0.5)
        let m = try TaskRegistry.generate("mqar_v256", length: 128, seed: 2)
        var predictions = m.labels.map { $0 == Example.ignore ? 0 : $0 }
        let labelled = m.labels.indices.filter { m.labels[$0] != Example.ignore }
        predictions[labelled[0]] = 0; predictions[labelled[1]] = 0
        #expect(m.score(predictions) == Double(labelled.count - 2) / Double(labelled.count))
    }

    @Test func chanceIsTheBestConstantAnswer() throws {
        let ig = Example.ignore
        #expect(Scoring.constantAnswerAccuracy(labels: [5, 5, 7, ig]) == 2.0 / 3.0)
        #expect(Scoring.constantAnswerAccuracy(labels: [ig, 3, ig]) == 1)
        #expect(Scoring.constantAnswerAccuracy(labels: [1, 2, 3, 4]) == 0.25)
        #expect(Scoring.constantAnswerAccuracy(labels: [ig, ig]) == 0)
        #expect(Scoring.constantAnswerAccuracy(labels: []) == 0)
        // It is what answering the most frequent label everywhere scores, and no constant scores more.
        let labels = (0..<20).flatMap { (try? TaskRegistry.generate("niah_single_1", length: 64, seed: UInt64(1 << 31) + UInt64($0)).labels) ?? [] }
        #expect(!labels.isEmpty)
        let chance = Scoring.constantAnswerAccuracy(labels: labels)
        let best = Set(labels.filter { $0 != ig }).map { c in Scoring.labelledAccuracy(predictions: labels.map { _ in c }, labels: labels) }.max()!
        #expect(chance == best && chance > 0 && chance < 1)
    }

    @Test func taskScoreCountsNulls() {
        var s = TaskScore()
        s.add(1); s.add(0.5); s.add(0, emptyOutput: true); s.add(0.5)
        #expect(s.percent == 50 && s.count == 4 && s.nulls == 1)
    }

    /// RULER README, Llama3.1-70B: 96.5 95.8 95.4 94.8 88.4 66.6 → Avg 89.6, wAvg 85.5 / 93.7, effective 64K.
    @Test func aggregatesReproduceRULERsReadme() {
        let lengths = [4096, 8192, 16384, 32768, 65536, 131072]
        var t = ScoreTable(tasks: ["all"], lengths: lengths)
        for (l, s) in zip(lengths, [96.5, 95.8, 95.4, 94.8, 88.4, 66.6]) { t.set("all", length: l, s) }
        #expect(String(format2: t.average!) == "89.58")
        #expect(abs(t.weightedAverage(increasing: true)! - 85.5) < 0.05)
        #expect(abs(t.weightedAverage(increasing: false)! - 93.7) < 0.05)
        #expect(t.effectiveLength() == 65536)
        #expect(t.effectiveLength(threshold: 96.0) == 4096)
        #expect(t.effectiveLength(threshold: 97.0) == nil)
        #expect(t.markdown().contains("effective length 65536 (threshold 85.60"))
    }

    @Test func thresholdIsStrictAndMeansCoverEveryTask() {
        var t = ScoreTable(tasks: ["a", "b"], lengths: [128, 256])
        t.set("a", length: 128, 85.6); t.set("b", length: 128, 85.6)
        #expect(t.mean(at: 128) == 85.6 && t.mean(at: 256) == nil && t.average == nil)
        #expect(t.effectiveLength() == nil)  // equal is not above
        t.set("a", length: 256, 100); t.set("b", length: 256, 100)
        #expect(t.effectiveLength(threshold: 85.5) == 256)
        #expect(t.markdown(threshold: 85.5).contains("effective length > 256"))
    }

    /// RULER#10: Gemini's per-category scores give the README's 96.7 as the plain mean over 13 tasks.
    @Test func meanOverThirteenTasks() {
        let names = (0 ..< 13).map { "t\($0)" }
        var t = ScoreTable(tasks: names, lengths: [4096])
        let scores = [Double](repeating: 99.8, count: 8) + [100, 97.7, 97.7, 81.9, 81.9]
        for (n, s) in zip(names, scores) { t.set(n, length: 4096, s) }
        #expect(String(format2: t.mean(at: 4096)!) == "96.74")  // README: 96.7
    }
}
