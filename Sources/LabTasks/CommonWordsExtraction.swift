// Common words extraction (CWE): RULER's `common_words_extraction.py` (aggregation) on tokens.
//
// A shuffled list of `word` tokens in which `common` (10) words appear `freqCommon` times and all others
// `freqUncommon` times; the answer is the 10 common words. RULER's rules, by length:
//
//     length ≥ 4096   common ×30, others ×3     demonstration: 40 words, common ×10, others ×3
//     length < 4096   common ×6,  others ×1     demonstration: 20 words, common ×3,  others ×1
//
// (4096 is RULER's threshold in tokens, kept as is; lengths here are token counts too.) The list fills the
// prompt exactly: when the space left after the common words is not a multiple of `freqUncommon`, the 1–2
// leftover slots hold extra words that appear once. The demonstration (RULER's `num_fewshot = 1`) is solved:
// `<list> w… <query> <ans> c1 <sep> … c10 <eos>`. It is left out below `demonstrationFrom` tokens (256), where
// it and the answer would not leave room for the list.
//
// Layout: `<bos> [demonstration] <list> w… <query> <ans>`, target the 10 common words in order of first
// appearance, joined by `<sep>`, then `<eos>`. Words are distinct across the demonstration and the list; a
// length whose list needs more distinct words than the 2048 coded words (6/1 rule above ~2100 tokens) is
// rejected.
import LabCore

public struct CommonWordsExtraction: SyntheticTask {
    /// Registry name.
    public let name: String
    /// RULER's `num_cw`, `freq_cw`, `freq_ucw` (for lengths ≥ `manyRepeatsFrom`).
    public let common: Int, freqCommon: Int, freqUncommon: Int
    /// RULER switches to the 6/1 rule below 4096.
    public let manyRepeatsFrom: Int
    /// Below this length the prompt has no demonstration.
    public let demonstrationFrom: Int

    public var groups: [String] { ["ruler", "cwe"] }
    public var metric: Metric { .all }
    public var summary: String {
        "aggregation: the \(common) most common words (×\(freqCommon)/×\(freqUncommon) from \(manyRepeatsFrom), else ×6/×1)"
    }

    /// A CWE configuration (RULER's defaults).
    public init(name: String, common: Int = 10, freqCommon: Int = 30, freqUncommon: Int = 3,
                manyRepeatsFrom: Int = 4096, demonstrationFrom: Int = 256) {
        self.name = name; self.common = common; self.freqCommon = freqCommon; self.freqUncommon = freqUncommon
        self.manyRepeatsFrom = manyRepeatsFrom; self.demonstrationFrom = demonstrationFrom
    }

    /// Word counts and repeats of one list.
    struct ListRule { var words: Int?; var freqCommon: Int; var freqUncommon: Int }

    /// The main list's rule (its word count follows from the budget) and the demonstration's, if any.
    func rules(_ length: Int) -> (main: ListRule, demo: ListRule?) {
        let many = length >= manyRepeatsFrom
        let main = many ? ListRule(words: nil, freqCommon: freqCommon, freqUncommon: freqUncommon)
                        : ListRule(words: nil, freqCommon: 6, freqUncommon: 1)
        guard length >= demonstrationFrom else { return (main, nil) }
        let demo = many ? ListRule(words: 40, freqCommon: 10, freqUncommon: 3)
                        : ListRule(words: 20, freqCommon: 3, freqUncommon: 1)
        return (main, demo)
    }

    var answerTokens: Int { joinedTargetCount(items: common, itemSize: 1) }

    func demoEntries(_ d: ListRule) -> Int { common * d.freqCommon + (d.words! - common) * d.freqUncommon }

    /// The plan at `length`: list entries, uncommon words, once-only extra words, demonstration, or why not.
    func plan(_ length: Int) -> (entries: Int, uncommon: Int, extra: Int, demo: ListRule?)? {
        let (main, demo) = rules(length)
        let demoTokens = demo.map { 3 + demoEntries($0) + answerTokens } ?? 0
        let entries = length - 1 - demoTokens - 3 - answerTokens
        let rest = entries - common * main.freqCommon
        guard rest >= main.freqUncommon else { return nil }
        return (entries, rest / main.freqUncommon, rest % main.freqUncommon, demo)
    }

    func wordsNeeded(_ p: (entries: Int, uncommon: Int, extra: Int, demo: ListRule?)) -> Int {
        common + p.uncommon + p.extra + (p.demo?.words ?? 0)
    }

    public func check(length: Int) -> LengthCheck {
        guard let p = plan(length) else { return .tooShort }
        let needed = wordsNeeded(p)
        if needed > Vocabulary.word.count {
            return .invalid("\(name) needs \(needed) distinct words at this length; the vocabulary has "
                + "\(Vocabulary.word.count)")
        }
        return .ok
    }

    public func generate(length: Int, seed: UInt64) throws -> Example {
        try validate(length: length)
        var rng = randomStream(length: length, seed: seed)
        let p = plan(length)!
        let (main, _) = rules(length)
        var pool = rng.sample(wordsNeeded(p), from: Array(Vocabulary.word.range))[...]

        /// A shuffled list with the given repeats; returns it and its common words by first appearance.
        func list(common c: Int, _ fc: Int, uncommon u: Int, _ fu: Int, extra: Int) -> (list: [Int], answer: [Int]) {
            let commons = pool.prefix(c), others = pool.dropFirst(c).prefix(u + extra)
            pool = pool.dropFirst(c + u + extra)
            var l: [Int] = []
            l.reserveCapacity(c * fc + u * fu + extra)
            for w in commons { for _ in 0 ..< fc { l.append(w) } }
            for (i, w) in others.enumerated() { for _ in 0 ..< (i < u ? fu : 1) { l.append(w) } }
            rng.shuffle(&l)
            var answer: [Int] = []
            for w in l where commons.contains(w) && !answer.contains(w) { answer.append(w); if answer.count == c { break } }
            return (l, answer)
        }

        var prompt: [Int] = []
        prompt.reserveCapacity(length)
        prompt.append(Vocabulary.bos)
        if let d = p.demo {
            let (l, answer) = list(common: common, d.freqCommon, uncommon: d.words! - common, d.freqUncommon, extra: 0)
            prompt.append(Vocabulary.list); prompt.append(contentsOf: l)
            prompt.append(Vocabulary.query); prompt.append(Vocabulary.ans)
            prompt.append(contentsOf: joinedTarget(answer.map { [$0] }))
        }
        let (l, answer) = list(common: common, main.freqCommon, uncommon: p.uncommon, main.freqUncommon, extra: p.extra)
        prompt.append(Vocabulary.list); prompt.append(contentsOf: l)
        prompt.append(Vocabulary.query); prompt.append(Vocabulary.ans)
        let answers = answer.map { [$0] }
        return Example(task: name, length: length, seed: seed, metric: metric, prompt: prompt,
                       target: joinedTarget(answers), answers: answers, evidence: [])
    }
}
