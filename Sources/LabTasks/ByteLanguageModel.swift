// Byte-level language modelling on a text corpus (`lm_shakespeare`, `lm_linux_c`): an example is a
// window of L bytes of one split's documents, and every position is labelled with the next byte.
//
// For split s, `LoadedCorpus.Stream` holds s's documents as `d₁ <sep> d₂ <sep> … dₙ <sep>`. A window
// of length L is L + 1 consecutive tokens of that stream starting at a document position chosen so
// that:
//   - a document of n ≥ L + 1 bytes offers the n − L starts whose window lies inside it (a window of
//     one document);
//   - a shorter document offers one start, its first byte; the window then runs through its `<sep>`
//     into the next document of the split (packing), wrapping at the stream's end.
// The start is uniform over all offered starts (`SeededGenerator(seed, "<task>/<L>")`), so long
// documents are drawn in proportion to their length:
//
//     inputs[i] = stream[start + i]                       i in 0 ..< L
//     labels[i] = stream[start + i + 1] if it is a byte   (the next byte, also for the last position)
//               = -100 if it is <sep>                     (the separator is never a target)
//
// Sample i of a split uses seed `split.seed(i)` as every task does; the seed's range says which
// split's documents it reads. Cost: O(log n) to find the document, O(L) to copy.
import Foundation
import LabCore

public struct ByteLanguageModel: SyntheticTask {
    public let name: String
    public let corpus: TextCorpus
    /// The data root to read from; nil: `TextCorpora.dataRoot` at the time of the first read.
    public let root: String?

    public init(name: String, corpus: TextCorpus, root: String? = nil) {
        self.name = name; self.corpus = corpus; self.root = root
    }

    public var groups: [String] { ["lm"] }
    public var metric: Metric { .positions }
    public var vocabularySize: Int { ByteTokens.vocabularySize }
    public var isLanguageModelling: Bool { true }
    public var summary: String { "next byte at every position of a window of \(corpus.summary)" }

    /// The folder it reads.
    public var folder: String { TextCorpora.folder(corpus.name, root: root) }

    /// The loaded corpus (read once per process and folder).
    public func loaded() throws -> LoadedCorpus { try LoadedCorpus.cached(corpus, folder: folder) }

    public func checkAvailable() throws { _ = try loaded() }

    /// Any length from 2 bytes; the corpus is not read.
    public func check(length: Int) -> LengthCheck { length >= 2 ? .ok : .tooShort }

    /// The split a seed belongs to.
    static func split(ofSeed seed: UInt64) -> Split {
        Split.allCases.first { $0.seeds.contains(seed) }!
    }

    /// The stream index where the window of `seed` starts.
    func start(in stream: LoadedCorpus.Stream, documents: [LoadedCorpus.Document], length L: Int, seed: UInt64) -> Int {
        // offered[k] = starts document k offers; pick u uniform in 0 ..< Σ offered, then its document
        var cumulative: [Int] = []
        cumulative.reserveCapacity(stream.documents.count)
        var total = 0
        for d in stream.documents {
            total += max(documents[d].bytes.count - L, 1)
            cumulative.append(total)
        }
        var rng = randomStream(length: L, seed: seed)
        let u = rng.nextInt(in: 0 ..< total)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] > u { hi = mid } else { lo = mid + 1 } }
        let before = lo == 0 ? 0 : cumulative[lo - 1]
        return stream.starts[lo] + (u - before)
    }

    public func generate(length L: Int, seed: UInt64) throws -> Example {
        try validate(length: L)
        let c = try loaded()
        let split = Self.split(ofSeed: seed)
        let stream = c.streams[split]!
        guard !stream.tokens.isEmpty else {
            throw TaskError(argument: "corpus", value: corpus.name, reason: "the \(split.rawValue) split has no document")
        }
        let s = start(in: stream, documents: c.documents, length: L, seed: seed)
        let n = stream.tokens.count
        var inputs = [Int](repeating: 0, count: L), labels = [Int](repeating: Example.ignore, count: L)
        stream.tokens.withUnsafeBufferPointer { t in
            for i in 0 ..< L { inputs[i] = Int(t[(s + i) % n]) }
            for i in 0 ..< L {
                let next = Int(t[(s + i + 1) % n])
                if next != ByteTokens.separator { labels[i] = next }
            }
        }
        return Example(task: name, length: L, seed: seed, metric: .positions, inputs: inputs, promptLength: L,
                       labels: labels, answers: [], evidence: [])
    }

    public func render(_ tokens: ArraySlice<Int>) -> String { ByteTokens.render(tokens) }

    /// A unigram byte model fitted on the train split and scored on every byte of the test split,
    /// in bits per byte: p(b) = (count_train(b) + 1) / (N_train + 256) (add-one smoothing over the
    /// 256 byte values), score = −Σ_test log₂ p(b) / N_test. The level of a model that ignores its
    /// context.
    public func unigramBitsPerByte() throws -> Double {
        let c = try loaded()
        var counts = [Double](repeating: 1, count: 256)
        for d in c.streams[.train]!.documents { for b in c.documents[d].bytes { counts[Int(b)] += 1 } }
        let total = counts.reduce(0, +)
        var bits = 0.0, n = 0
        for d in c.streams[.test]!.documents {
            for b in c.documents[d].bytes { bits -= log2(counts[Int(b)] / total); n += 1 }
        }
        return bits / Double(max(n, 1))
    }
}
