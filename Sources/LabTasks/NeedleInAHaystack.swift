// Needle in a haystack: RULER's `niah.py` on tokens; its 8 configurations are lines in `TaskRegistry`.
//
// A needle is `[<needle>, key…, <is>, value…]`. `keys` needles keys (RULER's `num_needle_k`, raised to
// `queries` if smaller), each with `values` values, one needle per value; the needles are shuffled and inserted
// into the haystack at unit boundaries:
//   noise, needle  at `sorted(sample(range(units), needles))`, uniformly;
//   essay          at `int(units · depth / 100)` for depths sampled without replacement from RULER's 40
//                  depths `round(linspace(0, 100, 40))`, sorted.
// The question asks `queries` of the keys (in random order); the answers are all values of those keys (each
// key's values in the order they appear in the context).
//
// Worked example (`niah_single_1` at 128 tokens, the first test seed; `Tests/LabTasksTests/Golden/`):
//
//     <bos> the grass is green . the sky is blue . … there and back again . <needle> clever rabbit <is>
//     8 3 2 9 2 2 5 the grass is green . the sky is <query> clever rabbit <ans>
//     target  8 3 2 9 2 2 5 <eos>
//
// Item types (RULER's `generate_random`): words = adjective noun (2 tokens), numbers = 7 digits from
// 1000000–9999999, uuids = `uuidLength` hex digits (RULER's are 32; 8 keeps a uuid needle inside a 128-token
// prompt). Keys are distinct across all needles of an example, distractors included, so every question has
// exactly one answer (RULER draws distractor keys independently and can, rarely, repeat one).
import LabCore

public struct NeedleInAHaystack: SyntheticTask {
    /// The text around the needles (RULER's `type_haystack`).
    public enum HaystackKind: String, Sendable, Hashable { case noise, essay, needle }
    /// What a key or a value is made of (RULER's `type_needle_k` / `type_needle_v`).
    public enum ItemKind: String, Sendable, Hashable { case words, numbers, uuids }

    /// Registry name.
    public let name: String
    /// The text around the needles.
    public let haystack: HaystackKind
    /// What keys and values are made of.
    public let keyKind: ItemKind, valueKind: ItemKind
    /// RULER's `num_needle_k`, `num_needle_v`, `num_needle_q`.
    public let keys: Int, values: Int, queries: Int
    /// Hex tokens per uuid.
    public let uuidLength: Int

    public var groups: [String] { ["ruler", "niah"] }
    public var metric: Metric { .all }
    public var summary: String {
        "retrieval: \(keyCount)×\(values) needle(s) \(keyKind.rawValue)→\(valueKind.rawValue) in \(haystack.rawValue), "
            + "\(queries) asked"
    }

    /// A NIAH configuration (RULER's `synthetic.yaml` arguments).
    public init(name: String, haystack: HaystackKind, key: ItemKind, value: ItemKind,
                keys: Int = 1, values: Int = 1, queries: Int = 1, uuidLength: Int = 8) {
        precondition(keys >= 1 && values >= 1 && queries >= 1 && (1 ... 32).contains(uuidLength))
        self.name = name; self.haystack = haystack; self.keyKind = key; self.valueKind = value
        self.keys = keys; self.values = values; self.queries = queries; self.uuidLength = uuidLength
    }

    /// RULER: `num_needle_k = max(num_needle_k, num_needle_q)`.
    var keyCount: Int { max(keys, queries) }
    var goldCount: Int { keyCount * values }
    func size(_ kind: ItemKind) -> Int {
        switch kind {
        case .words: return 2
        case .numbers: return 7
        case .uuids: return uuidLength
        }
    }
    var needleSize: Int { 2 + size(keyKind) + size(valueKind) }
    var queryCount: Int { 2 + queries * size(keyKind) + (queries - 1) }
    var targetCount: Int { joinedTargetCount(items: queries * values, itemSize: size(valueKind)) }
    /// Haystack tokens at `length`.
    func haystackBudget(_ length: Int) -> Int { length - 1 - goldCount * needleSize - queryCount - targetCount }

    func units(_ budget: Int) -> Int? {
        switch haystack {
        case .noise: return Haystack.noiseUnitCount(budget)
        case .needle: return budget / needleSize
        case .essay: return nil
        }
    }

    public func check(length: Int) -> LengthCheck {
        let budget = haystackBudget(length)
        if haystack == .essay { return budget >= 8 && goldCount <= rulerDepths.count ? .ok : .tooShort }
        return budget >= 0 && units(budget)! >= goldCount ? .ok : .tooShort
    }

    public func generate(length: Int, seed: UInt64) throws -> Example {
        try generate(length: length, seed: seed, depths: nil)
    }

    /// An example whose gold needles sit at the given depths (percent of the haystack, 0…100, one per needle):
    /// needle `i` (in context order) goes before unit `int(units · depths.sorted()[i] / 100)`, for any haystack.
    /// With `depths: nil` the placement is RULER's (see the file header).
    public func generate(length: Int, seed: UInt64, depths: [Double]?) throws -> Example {
        try validate(length: length)
        if let depths, depths.count != goldCount || depths.contains(where: { !(0 ... 100).contains($0) }) {
            throw TaskError(argument: "depths", value: "\(depths)",
                            reason: "\(name) needs \(goldCount) depths in 0…100")
        }
        var rng = randomStream(length: length, seed: seed)
        var used = Set<UInt64>()

        // Gold keys and values; needles in generation order, then shuffled.
        var goldKeys: [[Int]] = [], needles: [(key: Int, value: [Int])] = []
        for k in 0 ..< keyCount {
            goldKeys.append(draw(keyKind, &rng, distinctFrom: &used))
            var seen = Set<UInt64>()
            for _ in 0 ..< values { needles.append((k, draw(valueKind, &rng, distinctFrom: &seen))) }
        }
        rng.shuffle(&needles)
        let needleTokens = needles.map { [Vocabulary.needle] + goldKeys[$0.key] + [Vocabulary.is] + $0.value }

        // Haystack and insertion slots.
        let budget = haystackBudget(length)
        let stack: Haystack
        switch haystack {
        case .noise: stack = Haystack.noise(count: budget)
        case .essay: stack = Haystack.essay(count: budget, rng: &rng)
        case .needle:
            stack = Haystack.needles(count: budget, needleSize: needleSize) { out in
                out.append(Vocabulary.needle)
                out.append(contentsOf: draw(keyKind, &rng, distinctFrom: &used))
                out.append(Vocabulary.is)
                var none = Set<UInt64>()
                out.append(contentsOf: draw(valueKind, &rng, distinctFrom: &none))
            }
        }
        let n = stack.unitStarts.count
        let slots: [Int]
        if let depths {
            slots = depths.sorted().map { Int(Double(n) * $0 / 100) }
        } else if haystack == .essay {
            slots = rng.sample(goldCount, from: rulerDepths).map { n * $0 / 100 }.sorted()
        } else {
            slots = rng.sortedSample(goldCount, from: n)
        }

        var prompt: [Int] = []
        prompt.reserveCapacity(length)
        prompt.append(Vocabulary.bos)
        let evidence = stack.emit(into: &prompt, inserting: needleTokens, at: slots)

        // Question: `queries` keys in random order; answers = their values in context order.
        let asked = rng.sample(queries, from: Array(0 ..< keyCount))
        prompt.append(Vocabulary.query)
        for (i, k) in asked.enumerated() {
            if i > 0 { prompt.append(Vocabulary.sep) }
            prompt.append(contentsOf: goldKeys[k])
        }
        prompt.append(Vocabulary.ans)
        let answers = asked.flatMap { k in needles.filter { $0.key == k }.map(\.value) }
        return Example(task: name, length: length, seed: seed, metric: metric, prompt: prompt,
                       target: joinedTarget(answers), answers: answers, evidence: evidence)
    }

    /// A random key or value of `kind`, distinct from (and added to) the codes in `used`.
    func draw(_ kind: ItemKind, _ rng: inout SeededGenerator, distinctFrom used: inout Set<UInt64>) -> [Int] {
        while true {
            var tokens: [Int] = []
            var code: UInt64 = 0
            switch kind {
            case .words:
                let a = rng.nextInt(in: 0 ..< Vocabulary.adjective.count), b = rng.nextInt(in: 0 ..< Vocabulary.noun.count)
                tokens = [Vocabulary.adjective.token(a), Vocabulary.noun.token(b)]
                code = UInt64(a * Vocabulary.noun.count + b)
            case .numbers:
                let x = rng.nextInt(in: 1_000_000 ... 9_999_999)
                code = UInt64(x)
                var d = 1_000_000
                while d > 0 { tokens.append(Vocabulary.digit.token(x / d % 10)); d /= 10 }
            case .uuids:
                var bits = rng.next()
                for i in 0 ..< uuidLength {
                    if i == 16 { bits = rng.next() }
                    let nibble = Int(bits & 15)
                    bits >>= 4
                    tokens.append(Vocabulary.hex.token(nibble))
                    if i < 16 { code = code << 4 | UInt64(nibble) }
                }
            }
            if used.insert(code).inserted { return tokens }
        }
    }
}
