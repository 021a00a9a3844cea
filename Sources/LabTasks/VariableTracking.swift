// Variable tracking: RULER's `variable_tracking.py` (multi-hop tracing) on tokens.
//
// A chain binds a 5-digit value (10000–99999) to a variable and passes it on `hops` times:
//
//     <var> A <eq> 1 2 3 4 5      <var> B <eq> <var> A      …      <var> E <eq> <var> D
//
// Variables are single `name` tokens (RULER: 5 random capitals), distinct across the example. Each chain's
// statements go into the noise haystack before `sorted(sample(range(units), hops + 1))` sentences, so their
// order is kept (with several chains, each chain's slots are drawn over the same sentences and ties keep
// chain order). The question gives the first chain's value; the answer is its `hops + 1` variables, root first.
//
// Like RULER (`add_fewshot`), the prompt opens with one solved demonstration: a chain of its own names and
// value, without noise (RULER's is a 500-token example; 500/32 tokens would not hold a chain), then
// `<query> value <ans> names <eos>`.
//
// Layout: `<bos> demo-statements <query> v <ans> names <eos> haystack-with-statements <query> value <ans>`,
// target `A <sep> B <sep> C <sep> D <sep> E <eos>`.
import LabCore

public struct VariableTracking: SyntheticTask {
    /// Registry name.
    public let name: String
    /// RULER's `num_chains`, `num_hops`.
    public let chains: Int, hops: Int

    public var groups: [String] { ["ruler", "vt"] }
    public var metric: Metric { .all }
    public var summary: String { "multi-hop tracing: \(chains) chain(s) of \(hops) hops in noise, 1 demonstration" }

    /// A VT configuration; the demonstration uses one more chain's worth of names.
    public init(name: String, chains: Int = 1, hops: Int = 4) {
        precondition(chains >= 1 && hops >= 1 && (chains + 1) * (hops + 1) <= Vocabulary.name.count)
        self.name = name; self.chains = chains; self.hops = hops
    }

    static let valueDigits = 5
    var chainTokens: Int { 3 + VariableTracking.valueDigits + hops * 5 }
    var queryTokens: Int { 2 + VariableTracking.valueDigits }
    var targetTokens: Int { joinedTargetCount(items: hops + 1, itemSize: 1) }
    var demoTokens: Int { chainTokens + queryTokens + targetTokens }
    func haystackBudget(_ length: Int) -> Int {
        length - 1 - demoTokens - chains * chainTokens - queryTokens - targetTokens
    }

    public func check(length: Int) -> LengthCheck {
        let budget = haystackBudget(length)
        return budget >= 0 && Haystack.noiseUnitCount(budget) >= hops + 1 ? .ok : .tooShort
    }

    public func generate(length: Int, seed: UInt64) throws -> Example {
        try validate(length: length)
        var rng = randomStream(length: length, seed: seed)
        let names = rng.sample((chains + 1) * (hops + 1), from: Array(Vocabulary.name.range))
        var values = Set<Int>()
        func chain(_ c: Int) -> (statements: [[Int]], value: [Int], names: [Int]) {
            var v = 0
            repeat { v = rng.nextInt(in: 10000 ... 99999) } while !values.insert(v).inserted
            let digits = [10000, 1000, 100, 10, 1].map { Vocabulary.digit.token(v / $0 % 10) }
            let vars = Array(names[c * (hops + 1) ..< (c + 1) * (hops + 1)])
            var statements = [[Vocabulary.variable, vars[0], Vocabulary.eq] + digits]
            for j in 0 ..< hops {
                statements.append([Vocabulary.variable, vars[j + 1], Vocabulary.eq, Vocabulary.variable, vars[j]])
            }
            return (statements, digits, vars)
        }

        var prompt: [Int] = []
        prompt.reserveCapacity(length)
        prompt.append(Vocabulary.bos)
        // Demonstration (uses the last chain's names).
        let demo = chain(chains)
        for s in demo.statements { prompt.append(contentsOf: s) }
        prompt.append(Vocabulary.query); prompt.append(contentsOf: demo.value); prompt.append(Vocabulary.ans)
        prompt.append(contentsOf: joinedTarget(demo.names.map { [$0] }))

        // The chains in the noise haystack.
        let stack = Haystack.noise(count: haystackBudget(length))
        var placed: [(slot: Int, order: Int, tokens: [Int])] = []
        var first: (statements: [[Int]], value: [Int], names: [Int])?
        for c in 0 ..< chains {
            let ch = chain(c)
            if c == 0 { first = ch }
            let slots = rng.sortedSample(hops + 1, from: stack.unitStarts.count)
            for (j, slot) in slots.enumerated() { placed.append((slot, placed.count, ch.statements[j])) }
        }
        placed.sort { ($0.slot, $0.order) < ($1.slot, $1.order) }
        let positions = stack.emit(into: &prompt, inserting: placed.map(\.tokens), at: placed.map(\.slot))
        // Evidence: where the first chain's statements start, in chain order.
        let evidence = (0 ..< hops + 1).map { j in positions[placed.firstIndex { $0.order == j }!] }

        prompt.append(Vocabulary.query); prompt.append(contentsOf: first!.value); prompt.append(Vocabulary.ans)
        let answers = first!.names.map { [$0] }
        return Example(task: name, length: length, seed: seed, metric: metric, prompt: prompt,
                       target: joinedTarget(answers), answers: answers, evidence: evidence)
    }
}
