// Frequent words extraction (FWE): RULER's `freq_words_extraction.py` (aggregation) on tokens.
//
// `V` coded words get Zipf counts: the word of rank k (1-based) appears `floor(N · k^-α / ζ(α))` times, α = 2.
// The rank-1 word is RULER's `'...'` noise (here the filler token "..."), so the answer is ranks 2–4, most
// frequent first. With α = 2 the shares of ranks 1–5 are 60.8 / 15.2 / 6.75 / 3.8 / 2.4 %.
//
//     V = max(8, (length − 50) / 50)     RULER: (max_seq_length − tokens_to_generate) // 50 with 50 tokens to
//                                         generate; the floor of 8 keeps ranks 2–5 at the ladder's 128 tokens
//     N = the largest count whose list fits the space; the 0–few tokens left over are more "..." (noise)
//
// RULER grows N in steps of `max_len // 32` until the tokenized text is full; here the list is sized exactly.
// Ranks 2–4 are checked to be strictly more frequent than rank 5 (and than each other), so the answer is
// unique; a length too small for that is rejected.
//
// Layout: `<bos> <list> w… <query> <ans>`, target `r2 <sep> r3 <sep> r4 <eos>`.
import Foundation
import LabCore

public struct FrequentWordsExtraction: SyntheticTask {
    /// Registry name.
    public let name: String
    /// Zipf exponent (RULER's `alpha`).
    public let alpha: Double

    public var groups: [String] { ["ruler", "fwe"] }
    public var metric: Metric { .all }
    public var summary: String { "aggregation: the 3 most frequent words after the noise word (Zipf α=\(alpha))" }

    /// ζ(α), the Zipf normaliser.
    let zeta: Double

    /// An FWE configuration.
    public init(name: String, alpha: Double = 2.0) {
        precondition(alpha > 1)
        self.name = name; self.alpha = alpha
        self.zeta = FrequentWordsExtraction.zeta(alpha)
    }

    static let answerRanks = 2 ... 4
    var targetTokens: Int { joinedTargetCount(items: 3, itemSize: 1) }
    func vocabularySize(_ length: Int) -> Int { max(8, (length - 50) / 50) }

    /// ζ(α) by Euler–Maclaurin: Σ_{k<1000} k^-α + 1000^(1-α)/(α-1) + 1000^-α/2 (error < 1e-12 for α ≥ 2).
    static func zeta(_ alpha: Double) -> Double {
        var s = 0.0
        for k in stride(from: 999, through: 1, by: -1) { s += pow(Double(k), -alpha) }
        return s + pow(1000, 1 - alpha) / (alpha - 1) + pow(1000, -alpha) / 2
    }

    /// The counts of ranks 1…V for the list of `entries` tokens, or nil if ranks 2–4 are not unique.
    func counts(_ length: Int) -> [Int]? {
        let entries = length - 4 - targetTokens
        guard entries > 0 else { return nil }
        let v = vocabularySize(length), z = zeta
        let shares = (1 ... v).map { pow(Double($0), -alpha) / z }
        func list(_ n: Int) -> [Int] { shares.map { Int(Double(n) * $0) } }
        // Σ floor(N·share) ≤ N, so N ≥ entries; grow from there while the list fits (binary search).
        var lo = entries, hi = 4 * entries + 64
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if list(mid).reduce(0, +) <= entries { lo = mid } else { hi = mid - 1 }
        }
        var c = list(lo)
        c[0] += entries - c.reduce(0, +)
        guard c[1] > c[2], c[2] > c[3], c[3] > c[4] else { return nil }
        return c
    }

    public func check(length: Int) -> LengthCheck { counts(length) == nil ? .tooShort : .ok }

    public func generate(length: Int, seed: UInt64) throws -> Example {
        try validate(length: length)
        var rng = randomStream(length: length, seed: seed)
        let c = counts(length)!
        var words = rng.sample(c.count, from: Array(Vocabulary.word.range))
        words[0] = Vocabulary.ellipsis
        var l: [Int] = []
        l.reserveCapacity(length)
        for (w, n) in zip(words, c) { for _ in 0 ..< n { l.append(w) } }
        rng.shuffle(&l)
        var prompt: [Int] = []
        prompt.reserveCapacity(length)
        prompt.append(Vocabulary.bos); prompt.append(Vocabulary.list)
        prompt.append(contentsOf: l)
        prompt.append(Vocabulary.query); prompt.append(Vocabulary.ans)
        let answers = FrequentWordsExtraction.answerRanks.map { [words[$0 - 1]] }
        return Example(task: name, length: length, seed: seed, metric: metric, prompt: prompt,
                       target: joinedTarget(answers), answers: answers, evidence: [])
    }
}
