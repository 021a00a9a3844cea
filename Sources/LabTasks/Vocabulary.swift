// The synthetic vocabulary shared by every RULER-style task: integer tokens in disjoint sub-vocabularies.
//
// A tiny model trained from scratch has no tokenizer, so RULER's English text is replaced by integer tokens
// (docs/tasks.md). Each kind of content has its own id range, so a haystack token can
// never be mistaken for part of a needle, and every length is counted exactly (no binary search over a
// tokenizer). Every token renders as one readable string, so an example can be read as text:
//
//     <bos> the grass is green . … <needle> clever rabbit <is> 8 3 2 9 2 2 5 the grass is … <query> clever rabbit <ans>
//
// Layout (ids are fixed; the tests pin them through the golden files):
//
//     specials    0 ..< 12     <pad> <bos> <eos> <sep> <needle> <is> <query> <ans> <var> <eq> <list> <doc>
//     filler     12 ..< 140    128 English function words for the noise and essay haystacks, "." and "..."
//     adjective 140 ..< 204    64 adjectives  } a word key is 2 tokens: adjective noun (64·64 = 4096 keys)
//     noun      204 ..< 268    64 nouns       }
//     digit     268 ..< 278    0–9            numbers are 7 digits (RULER's 1000000–9999999), VT values 5
//     hex       278 ..< 294    #0–#f          a uuid is `uuidLength` hex tokens (8 by default, RULER's is 32)
//     name      294 ..< 358    64 first names VT variables (1 token), QA entities (2 tokens: 4096 entities)
//     attribute 358 ..< 390    8 relations (value: an entity) then 24 properties (value: 2 words), for QA
//     word      390 ..< 2438   2048 coded 6-letter words for CWE, FWE and QA values
//
// `size` is 2438. MQAR does not use this vocabulary: like Zoology it draws plain integers below its own
// `vocabularySize`.

/// A contiguous id range of the synthetic vocabulary holding one kind of token.
public struct SubVocabulary: Sendable, Hashable {
    /// Short name used in docs and error messages, e.g. `"digit"`.
    public let name: String
    /// The token ids, `lowerBound ..< upperBound`.
    public let range: Range<Int>
    /// How each token renders, `strings[id - range.lowerBound]`.
    public let strings: [String]

    /// Number of tokens in the range.
    public var count: Int { range.count }
    /// The `i`-th token of the range (`i` in `0 ..< count`).
    @inline(__always) public func token(_ i: Int) -> Int { range.lowerBound + i }
    /// Whether `token` lies in this range.
    @inline(__always) public func contains(_ token: Int) -> Bool { range.contains(token) }
}

/// The synthetic vocabulary of the RULER-style tasks (see the file header for the id layout).
///
/// Worked example: a needle "amber-falcon is 49" (a 2-digit value for brevity; NIAH numbers have 7 digits) is
/// the ids `[4, 140, 204, 5, 272, 277]` (`<needle>`, adjective 0, noun 0, `<is>`, digit 4, digit 9), which
/// `render` prints as `<needle> amber falcon <is> 4 9`.
public enum Vocabulary {
    // MARK: Specials (ids 0 ..< 12)
    /// Padding; never produced by a generator.
    public static let pad = 0
    /// First token of every RULER-style prompt.
    public static let bos = 1
    /// Last token of every target (and of an in-context demonstration's answer).
    public static let eos = 2
    /// Separates the answer items of a target and the keys of a multi-key query.
    public static let sep = 3
    /// Opens a needle `[needle, key…, is, value…]`.
    public static let needle = 4
    /// Separates a needle's or a fact's key from its value.
    public static let `is` = 5
    /// Opens the question at the end of a prompt.
    public static let query = 6
    /// Ends the prompt: the model answers after it.
    public static let ans = 7
    /// Opens a variable-tracking statement `[var, name, eq, …]`.
    public static let variable = 8
    /// The `=` of a variable-tracking statement.
    public static let eq = 9
    /// Opens a word list (CWE, FWE).
    public static let list = 10
    /// Opens a QA fact document.
    public static let doc = 11

    static let specialStrings = ["<pad>", "<bos>", "<eos>", "<sep>", "<needle>", "<is>", "<query>", "<ans>",
                                 "<var>", "<eq>", "<list>", "<doc>"]

    // MARK: Sub-vocabularies
    /// 128 filler words: the noise passage, the essay Markov chain's states, `"."` and `"..."`.
    public static let filler = SubVocabulary(name: "filler", range: 12 ..< 140, strings: fillerWords)
    /// 64 adjectives, first token of a word key.
    public static let adjective = SubVocabulary(name: "adjective", range: 140 ..< 204, strings: adjectiveWords)
    /// 64 nouns, second token of a word key.
    public static let noun = SubVocabulary(name: "noun", range: 204 ..< 268, strings: nounWords)
    /// The digits 0–9 (`digit.token(d)` is digit d).
    public static let digit = SubVocabulary(name: "digit", range: 268 ..< 278, strings: (0 ..< 10).map { "\($0)" })
    /// The hex digits, rendered `#0`…`#f` so they never read as decimal digits.
    public static let hex = SubVocabulary(name: "hex", range: 278 ..< 294,
                                          strings: (0 ..< 16).map { "#" + String($0, radix: 16) })
    /// 64 first names: VT variables and QA entity halves.
    public static let name = SubVocabulary(name: "name", range: 294 ..< 358, strings: nameWords)
    /// QA attributes: the first `relationCount` are relations, the rest properties.
    public static let attribute = SubVocabulary(name: "attribute", range: 358 ..< 390, strings: attributeWords)
    /// 2048 coded words (CV syllables, 6 letters, like RULER's FWE words).
    public static let word = SubVocabulary(name: "word", range: 390 ..< 2438, strings: codedWords(2048))

    /// Number of QA attributes whose value is an entity (the rest have 2-word values).
    public static let relationCount = 8

    /// Number of token ids (`0 ..< size`): the embedding and output size of a model trained on these tasks.
    public static let size = 2438

    /// Every sub-vocabulary in id order.
    public static let all: [SubVocabulary] = [filler, adjective, noun, digit, hex, name, attribute, word]

    /// `"."`, the end of a haystack sentence.
    public static let period = filler.token(0)
    /// `"..."`, FWE's rank-1 noise word (RULER replaces its top-ranked word by `'...'`).
    public static let ellipsis = filler.token(1)

    /// The string of one token; ids outside `0 ..< size` render as `<?id>`.
    public static func string(_ token: Int) -> String {
        if token >= 0 && token < specialStrings.count { return specialStrings[token] }
        for v in all where v.contains(token) { return v.strings[token - v.range.lowerBound] }
        return "<?\(token)>"
    }

    /// The tokens rendered as space-separated strings, e.g. `<needle> amber falcon <is> 4 9 1 7 0 2 3`.
    public static func render<S: Sequence>(_ tokens: S) -> String where S.Element == Int {
        tokens.map(string).joined(separator: " ")
    }

    /// The token whose string is `s`, if any (for tests and hand-written outputs).
    public static func token(_ s: String) -> Int? { lookup[s] }

    static let lookup: [String: Int] = {
        var d: [String: Int] = [:]
        for t in 0 ..< size { d[string(t)] = t }
        return d
    }()
}

// MARK: - Word lists

/// The first 17 entries are fixed: `.`, `...`, then the words of RULER's noise passage
/// ("The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again.").
let fillerWords: [String] = [
    ".", "...", "the", "grass", "is", "green", "sky", "blue", "sun", "yellow", "here", "we", "go", "there", "and",
    "back", "again",
    "a", "of", "to", "in", "it", "that", "was", "for", "on", "are", "with", "as", "his", "they", "at", "be", "this",
    "from", "have", "or", "by", "one", "had", "not", "but", "what", "all", "were", "when", "your", "can", "said",
    "use", "an", "each", "which", "she", "do", "how", "their", "if", "will", "up", "other", "about", "out", "many",
    "then", "them", "these", "so", "some", "her", "would", "make", "like", "him", "into", "time", "has", "look",
    "two", "more", "write", "see", "way", "could", "people", "my", "than", "first", "been", "who", "its", "now",
    "find", "long", "down", "day", "did", "get", "come", "made", "may", "over", "new", "take", "only", "little",
    "work", "know", "year", "live", "me", "most", "very", "after", "thing", "our", "just", "good", "man", "think",
    "say", "great", "where", "help", "through", "much", "before", "line",
]

let adjectiveWords: [String] = [
    "amber", "ancient", "brave", "bright", "calm", "clever", "cosmic", "crimson", "daring", "dusty", "eager",
    "elegant", "faint", "fierce", "frosty", "gentle", "gilded", "glossy", "hidden", "hollow", "humble", "icy",
    "jolly", "keen", "lively", "lucky", "mellow", "misty", "noble", "odd", "pale", "polite", "proud", "quiet",
    "rapid", "rare", "rusty", "scarlet", "shiny", "silent", "silver", "sleepy", "smooth", "snowy", "solar", "spicy",
    "steady", "stormy", "sturdy", "sunny", "swift", "tame", "tidy", "tiny", "vast", "velvet", "violet", "vivid",
    "wary", "wild", "windy", "wise", "witty", "zesty",
]

let nounWords: [String] = [
    "falcon", "otter", "badger", "beacon", "canyon", "cedar", "comet", "coral", "dragon", "ember", "fern", "fox",
    "garden", "glacier", "harbor", "hawk", "heron", "island", "jaguar", "kettle", "lantern", "lemur", "lily",
    "lynx", "maple", "meadow", "mirror", "moose", "nebula", "oak", "orchid", "owl", "panda", "pebble", "pepper",
    "pine", "planet", "pony", "quartz", "rabbit", "raven", "reef", "river", "robin", "saddle", "salmon", "shell",
    "spruce", "squirrel", "stone", "summit", "thistle", "tiger", "tulip", "valley", "walrus", "whale", "willow",
    "wolf", "wren", "yak", "zebra", "anchor", "candle",
]

let nameWords: [String] = [
    "alice", "bruno", "carla", "dmitri", "elena", "felix", "greta", "hugo", "irene", "jonas", "kira", "leon",
    "maria", "nils", "olga", "pablo", "quinn", "rosa", "sven", "tara", "ugo", "vera", "walt", "xena", "yuri",
    "zoe", "anton", "bella", "cyril", "dana", "emil", "fiona", "gil", "hana", "ivan", "jade", "karl", "lena",
    "milo", "nora", "oscar", "petra", "rafa", "sara", "theo", "uma", "vlad", "wanda", "yara", "zack", "arlo",
    "bea", "cleo", "dex", "edda", "finn", "gwen", "hank", "iris", "jules", "kai", "luca", "mona", "ned",
]

/// 8 relations (their value is an entity), then 24 properties (their value is 2 words).
let attributeWords: [String] = [
    "employer", "mentor", "sibling", "neighbor", "partner", "rival", "landlord", "teacher",
    "city", "color", "pet", "sport", "car", "drink", "hobby", "song", "book", "film", "food", "game", "plant",
    "tool", "job", "club", "boat", "street", "school", "team", "brand", "coin", "gem", "dance",
]

/// `n` distinct 6-letter words of three consonant-vowel syllables, in a fixed scrambled order
/// (index `i` → syllables of `(i·7919 + 1013) mod 14³·5³` in base 70).
func codedWords(_ n: Int) -> [String] {
    let consonants = Array("bdfgklmnprstvz"), vowels = Array("aeiou")
    let syllables = consonants.flatMap { c in vowels.map { v in String([c, v]) } }  // 70
    let space = syllables.count * syllables.count * syllables.count               // 343000
    return (0 ..< n).map { i in
        var x = (i * 7919 + 1013) % space  // 7919 is prime and coprime to 343000: a bijection
        var s = ""
        for _ in 0 ..< 3 { s += syllables[x % syllables.count]; x /= syllables.count }
        return s
    }
}
