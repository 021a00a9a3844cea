// QA on synthetic fact documents: the stand-in for RULER's `qa.py` (SQuAD for qa_1, HotpotQA for qa_2).
//
// RULER's QA reads real paragraphs; a model trained from scratch on integer tokens has no such text, so both
// QA tasks are replaced by documents of entity → attribute → value facts (docs/conventions.md). They keep
// RULER's shape: gold documents hidden among distractor documents, shuffled, as many as fit, scored by `part`.
//
//     document  <doc> e1 e2  a <is> x y  a' <is> x' y'  …      1–3 facts (3 + 4·facts tokens)
//
// An entity is 2 `name` tokens (4096 entities), unique to one document; a document's attributes are distinct.
// The first 8 attributes are relations, whose value is an entity; the other 24 are properties, whose value is
// 2 `word` tokens.
//
//   qa_1 (one hop, ~SQuAD)      `<query> e1 e2 a <ans>` → the value of property a in e's document.
//   qa_2 (two hops, ~HotpotQA)  `<query> e1 e2 r a <ans>` → e's relation r names entity b; the answer is the
//                               value of property a in b's document (both gold documents are needed).
//
// The documents fill the prompt exactly: with n documents of 1–3 facts the context has 3n + 4·facts tokens, so
// n is the smallest count ≥ budget/15 with budget − 3n divisible by 4, and facts are removed from random
// documents (never a gold fact) until the total fits. Distractor relations point to random entities, which
// may or may not have a document.
//
// Layout: `<bos> documents <query> … <ans>`, target `x y <eos>`.
import LabCore

public struct FactQA: SyntheticTask {
    /// Registry name.
    public let name: String
    /// 1 (qa_1) or 2 (qa_2).
    public let hops: Int
    /// At most this many facts per document.
    public let maxFacts: Int

    public var groups: [String] { ["ruler", "qa"] }
    public var metric: Metric { .part }
    public var summary: String {
        "QA (synthetic fact documents, replaces \(hops == 1 ? "SQuAD" : "HotpotQA")): \(hops)-hop lookup among distractors"
    }

    /// A QA configuration.
    public init(name: String, hops: Int, maxFacts: Int = 3) {
        precondition((1 ... 2).contains(hops) && (2 ... 8).contains(maxFacts))
        self.name = name; self.hops = hops; self.maxFacts = maxFacts
    }

    static let entities = Vocabulary.name.count * Vocabulary.name.count
    var queryTokens: Int { 4 + hops }
    static let targetTokens = 3

    /// Documents and total facts filling `length`, or nil.
    func plan(_ length: Int) -> (documents: Int, facts: Int)? {
        let budget = length - 1 - queryTokens - FactQA.targetTokens
        guard budget > 0 else { return nil }
        var n = max(hops, (budget + 3 + 4 * maxFacts - 1) / (3 + 4 * maxFacts))
        while 3 * n <= budget {
            let rest = budget - 3 * n
            if rest % 4 == 0 && (n ... maxFacts * n).contains(rest / 4) {
                return n <= FactQA.entities ? (n, rest / 4) : nil
            }
            n += 1
        }
        return nil
    }

    public func check(length: Int) -> LengthCheck { plan(length) == nil ? .tooShort : .ok }

    public func generate(length: Int, seed: UInt64) throws -> Example {
        try validate(length: length)
        var rng = randomStream(length: length, seed: seed)
        let (n, totalFacts) = plan(length)!
        var entities = rng.sortedSample(n, from: FactQA.entities)
        rng.shuffle(&entities)
        func entityTokens(_ code: Int) -> [Int] {
            [Vocabulary.name.token(code / Vocabulary.name.count), Vocabulary.name.token(code % Vocabulary.name.count)]
        }
        func randomValue(_ attribute: Int) -> [Int] {
            attribute < Vocabulary.relationCount
                ? entityTokens(rng.nextInt(in: 0 ..< FactQA.entities))
                : [Vocabulary.word.token(rng.nextInt(in: 0 ..< Vocabulary.word.count)),
                   Vocabulary.word.token(rng.nextInt(in: 0 ..< Vocabulary.word.count))]
        }

        // Facts per document: maxFacts each, then remove the surplus from random documents.
        let gold = rng.sample(hops, from: Array(0 ..< n))  // gold[0] is asked about; gold[1] is the bridge
        var factCounts = [Int](repeating: maxFacts, count: n)
        var surplus = maxFacts * n - totalFacts
        while surplus > 0 {
            let i = rng.nextInt(in: 0 ..< n)
            if factCounts[i] > 1 { factCounts[i] -= 1; surplus -= 1 }
        }

        // The question's attributes and the gold facts they require.
        let property = rng.nextInt(in: Vocabulary.relationCount ..< Vocabulary.attribute.count)
        let relation = rng.nextInt(in: 0 ..< Vocabulary.relationCount)
        var required: [Int: (attribute: Int, value: [Int])] = [:]
        let answer = randomValue(property)
        if hops == 1 {
            required[gold[0]] = (property, answer)
        } else {
            required[gold[0]] = (relation, entityTokens(entities[gold[1]]))
            required[gold[1]] = (property, answer)
        }

        var prompt: [Int] = []
        prompt.reserveCapacity(length)
        prompt.append(Vocabulary.bos)
        var starts = [Int](repeating: 0, count: n)
        let allAttributes = Array(0 ..< Vocabulary.attribute.count)
        for d in 0 ..< n {
            starts[d] = prompt.count
            prompt.append(Vocabulary.doc)
            prompt.append(contentsOf: entityTokens(entities[d]))
            var attributes: [Int]
            if let r = required[d] {
                attributes = rng.sample(factCounts[d] - 1, from: allAttributes.filter { $0 != r.attribute })
                attributes.insert(r.attribute, at: rng.nextInt(in: 0 ... attributes.count))
            } else {
                attributes = rng.sample(factCounts[d], from: allAttributes)
            }
            for a in attributes {
                prompt.append(Vocabulary.attribute.token(a))
                prompt.append(Vocabulary.is)
                if let r = required[d], r.attribute == a { prompt.append(contentsOf: r.value) }
                else { prompt.append(contentsOf: randomValue(a)) }
            }
        }
        prompt.append(Vocabulary.query)
        prompt.append(contentsOf: entityTokens(entities[gold[0]]))
        if hops == 2 { prompt.append(Vocabulary.attribute.token(relation)) }
        prompt.append(Vocabulary.attribute.token(property))
        prompt.append(Vocabulary.ans)
        return Example(task: name, length: length, seed: seed, metric: metric, prompt: prompt,
                       target: joinedTarget([answer]), answers: [answer], evidence: gold.map { starts[$0] })
    }
}
