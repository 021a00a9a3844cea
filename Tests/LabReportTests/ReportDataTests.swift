import Foundation
import LabResults
import Testing
@testable import LabReport

@Suite struct ReportDataTests {
    @Test func statOfReplicates() throws {
        let s = try #require(Stat.of([0.5, 0.7]))
        #expect(abs(s.mean - 0.6) < 1e-12)
        #expect(abs(s.std - 0.1414213562) < 1e-9)  // sample std: sqrt(0.02 / 1)
        #expect(s.min == 0.5 && s.max == 0.7 && s.n == 2)
        #expect(s.formatted() == "0.600 ± 0.141 (2)")
        #expect(Stat.of([0.4])?.formatted() == "0.400 (1)")
        #expect(Stat.of([0.4])?.std == 0)
        #expect(Stat.of([]) == nil)
    }

    @Test func fixtureLoadsOneRowPerRun() throws {
        let d = try Fixture.data()
        #expect(d.rows.count == 22)
        #expect(d.okRows.count == 21)
        #expect(d.failedRows.count == 1)
        #expect(d.failedRows[0].labels["seed"] == "2")
        // failed rows contribute no observations
        #expect(!d.observations.contains { $0.runID == d.failedRows[0].runID })
    }

    @Test func seedMeansOfTheFixture() throws {
        let d = try Fixture.data()
        let stats = ReportData.aggregate(d.observations("accuracy", kind: "accuracy")) {
            CellKey(config: $0.config, task: $0.task!, length: $0.length!)
        }
        let swa8 = RunConfig(variant: "sliding_window", window: 8, groups: ["learning_rate": "0.003", "train_length": "32"])
        let s = try #require(stats[CellKey(config: swa8, task: "mqar_v64", length: 32)])
        #expect(abs(s.mean - 0.6) < 1e-12 && abs(s.std - 0.1414213562) < 1e-9 && s.n == 2 && s.min == 0.5 && s.max == 0.7)
        let ratt16 = RunConfig(variant: "rattention", window: 16, groups: swa8.groups)
        // the failed third seed of ratt W16 is not counted
        #expect(stats[CellKey(config: ratt16, task: "mqar_v64", length: 64)]?.n == 2)
        #expect(abs((stats[CellKey(config: ratt16, task: "mqar_v64", length: 64)]?.mean ?? 0) - 0.89) < 1e-12)
    }

    @Test func perTaskTableMatchesTheFixture() throws {
        let t = Tables.perTask(try Fixture.data(), threshold: 0.85)
        #expect(t.contains("| variant | window | L=32 | L=64 | effective length (≥ 0.85) |"))
        #expect(t.contains("| full | – | 0.990 ± 0.014 (2) | 0.880 ± 0.028 (2) | 64 |"))
        #expect(t.contains("| linear_attention (linear only) | – | 0.400 (1) | 0.350 (1) | – |"))
        #expect(t.contains("| sliding_window | 8 | 0.600 ± 0.141 (2) | 0.250 ± 0.071 (2) | – |"))
        #expect(t.contains("| sliding_window | 16 | 0.840 ± 0.057 (2) | 0.450 ± 0.071 (2) | – |"))
        #expect(t.contains("| rattention | 8 | 0.880 ± 0.028 (2) | 0.650 ± 0.071 (2) | 32 |"))
        #expect(t.contains("| rattention | 16 | 0.960 ± 0.014 (2) | 0.890 ± 0.014 (2) | 64 |"))
        // a lower threshold moves sliding_window W16's effective length to 32
        #expect(Tables.perTask(try Fixture.data(), threshold: 0.8).contains("| sliding_window | 16 | 0.840 ± 0.057 (2) | 0.450 ± 0.071 (2) | 32 |"))
    }

    @Test func effectiveLengthIsTheLargestPassingLength() {
        #expect(Tables.effectiveLength([32: 0.9, 64: 0.7, 128: 0.86], threshold: 0.85) == 128)
        #expect(Tables.effectiveLength([32: 0.5], threshold: 0.85) == nil)
    }

    @Test func stateBytesFrontierOfTheFixture() throws {
        let sets = Figures.stateBytesPoints(try Fixture.data())
        #expect(sets.map(\.length) == [32, 64])
        #expect(sets[0].points.count == 6)
        #expect(sets[0].frontier.map(\.label) == ["swa W8", "swa W16", "ratt W8", "full"])
        #expect(sets[0].frontier.map(\.x) == [2304, 4352, 6400, 8192])
        // at 64 tokens linear only (4 KiB, 0.35) beats swa W8 and full (16 KiB, 0.88) loses to ratt W16 (0.89)
        #expect(sets[1].frontier.map(\.label) == ["swa W8", "linear only", "swa W16", "ratt W8", "ratt W16"])
        let table = Tables.frontiers(try Fixture.data())
        #expect(table.contains("| mqar_v64 | 32 | 32 | ratt W8 | 6.2 KiB | 0.880 ± 0.028 (2) |"))
        #expect(table.contains("| mqar_v64 | 64 | 64 | linear only | 4.0 KiB | 0.350 (1) |"))
    }

    /// The fixture's bench rows are at 128 and 256 tokens, its eval lengths 32 and 64: no cost at
    /// the eval lengths, so the cost comes from the largest bench length, and says so.
    @Test func decodeFrontierJoinsBenchRowsAtTheLargestLength() throws {
        let sets = Figures.decodePoints(try Fixture.data())
        #expect(sets.map(\.costLength) == [256, 256])
        // linear_attention has no bench row: five points
        #expect(sets[0].points.count == 5)
        #expect(sets[0].frontier.map(\.label) == ["swa W8", "swa W16", "ratt W16", "full"])
        #expect(sets[0].frontier.map(\.x) == [3000, 2800, 2400, 800])
        #expect(sets[1].frontier.map(\.label) == ["swa W8", "swa W16", "ratt W16"])
        #expect(Tables.frontiers(try Fixture.data()).contains("accuracy vs decode tokens/s** (median over bench rounds [min–max]; cost at 256 tokens, accuracy at 32 and 64"))
    }

    @Test func benchAndTrainingTables() throws {
        let d = try Fixture.data()
        let bench = Tables.bench(d)
        #expect(bench.contains("| 256 | rattention | 8 | 9200 | 46000 | 2300 | 2.3e+08 | 6.2 KiB | 6.6 KiB |"))
        let training = Tables.training(d)
        #expect(training.contains("| mqar_v64 | full | – | 125 ± 35 (2) | 100 (1) | 1/2 | 0.990 ± 0.014 (2) |"))
        #expect(training.contains("| mqar_v64 | sliding_window | 8 | 150 ± 0 (2) | – | 0/2 |"))
    }

    /// A grouping label the code does not special-case (here `pattern` and an unknown `mix`) splits
    /// figures and becomes a table column when it varies.
    @Test func groupingLabelsSplitFiguresAndAddColumns() throws {
        var rows: [ResultRow] = []
        var n = 0
        for pattern in ["all_local", "lllg"] {
            for (variant, window) in [("full", nil), ("sliding_window", "8"), ("sliding_window", "16")] as [(String, String?)] {
                for seed in ["0", "1"] {
                    n += 1
                    var labels = ["variant": variant, "task": "mqar_v64", "seed": seed, "pattern": pattern, "mix": "a"]
                    if let window { labels["window"] = window }
                    let a = pattern == "lllg" ? 0.9 : 0.5
                    rows.append(row("r\(n)", labels: labels, metrics: [
                        MetricValue("accuracy", a, unit: "fraction", task: "mqar_v64", length: 64),
                        MetricValue("state_bytes", Double(100 * n), unit: "bytes", length: 64),
                    ]))
                }
            }
        }
        let d = ReportData(study: "synthetic", rows: rows)
        let names = Figures.build(d, command: "attnlab plot synthetic").figures.map(\.name)
        #expect(names.contains("accuracy-vs-window.mqar_v64.pattern=all_local"))
        #expect(names.contains("accuracy-vs-window.mqar_v64.pattern=lllg"))
        // one frontier over all patterns, the points labelled with their pattern
        #expect(names.contains("pareto-state-bytes.mqar_v64") && !names.contains { $0.hasPrefix("pareto-state-bytes.mqar_v64.") })
        #expect(Figures.stateBytesPoints(d)[0].points.map(\.label).contains("swa W16 lllg"))
        #expect(!names.contains { $0.contains("mix") })  // constant labels do not split
        let table = Tables.perTask(d, threshold: 0.85)
        #expect(table.contains("| variant | window | pattern | L=64 |"))
        #expect(table.contains("| sliding_window | 16 | lllg | 0.900 ± 0.000 (2) | 64 |"))
    }

    /// Full attention run once, without the `pattern` the other variants are swept over: it is the
    /// reference line of every pattern's figure, and no figure of its own.
    @Test func fullWithoutTheSplitLabelIsEveryFiguresReference() throws {
        var rows: [ResultRow] = [row("f", labels: ["variant": "full", "task": "t", "seed": "0"],
                                     metrics: [MetricValue("accuracy", 0.95, unit: "fraction", task: "t", length: 16)])]
        for (i, pattern) in ["all_local", "lllg"].enumerated() {
            rows.append(row("s\(i)", labels: ["variant": "sliding_window", "window": "4", "task": "t", "seed": "0", "pattern": pattern],
                            metrics: [MetricValue("accuracy", 0.5, unit: "fraction", task: "t", length: 16)]))
        }
        let figures = Figures.build(ReportData(study: "synthetic", rows: rows), command: "attnlab plot synthetic").figures
            .filter { $0.name.hasPrefix("accuracy-vs-window") }
        #expect(figures.map(\.name) == ["accuracy-vs-window.t.pattern=all_local", "accuracy-vs-window.t.pattern=lllg"])
        for f in figures { #expect(f.data.contains("# [L=16 | full]\n# columns: x mean min max std n\n0 0.95 0.95 0.95 0 1\n")) }
        let pareto = Figures.stateBytesPoints(ReportData(study: "synthetic", rows: rows.map { r in
            var r = r; r.metrics.append(MetricValue("state_bytes", r.labels["variant"] == "full" ? 512 : 128, unit: "bytes", length: 16)); return r
        }))
        #expect(pareto.count == 1)
        #expect(pareto[0].frontier.map(\.label) == ["swa W4 all_local", "swa W4 lllg", "full"])
    }

    @Test func studyFileNameAndQuestion() throws {
        let s = try StudyFile.resolve(Fixture.study)
        #expect(s.name == "fixture")
        #expect(s.question == "Does rattention reach full attention's MQAR accuracy at a smaller window than sliding_window?")
        #expect(s.text?.hasPrefix("# A hand-made study") == true)
        let literal = try StudyFile.parse("name: x\nquestion: |\n  line one\n  line two\nmodel: {}\n", path: "x.yaml")
        #expect(literal.question == "line one\nline two")
        #expect(try StudyFile.parse("name: 'y'\nquestion: \"Why?\"  \n", path: "y.yaml").question == "Why?")
        #expect(try StudyFile.parse("name: z # the name\nquestion: plain words\n  that go on\n", path: "z.yaml").question
            == "plain words that go on")
        #expect(throws: ReportError.self) { try StudyFile.parse("question: no name\n", path: "q.yaml") }
        // a bare name without a study file
        let bare = try StudyFile.resolve("no-such-study-here", root: NSTemporaryDirectory())
        #expect(bare.name == "no-such-study-here" && bare.path == nil)
    }

    @Test func shardsAreMergedLatestOkWinning() throws {
        let root = try temporaryDirectory("shards")
        defer { cleanUp(root) }
        let dir = root + "/results/s"
        let l = ["variant": "full", "task": "t"]
        let failed = row("id1", status: .failed, labels: l, metrics: [])
        let ok = row("id1", labels: l, metrics: [MetricValue("accuracy", 0.5, unit: "fraction", task: "t", length: 8)])
        let other = row("id2", labels: l, metrics: [])
        try ResultsStore.append([ok, other], to: dir + "/results.shard-0-of-2.jsonl")
        try ResultsStore.append([failed], to: dir + "/results.shard-1-of-2.jsonl")
        let loaded = try ReportInput.load(study: "s", results: nil, root: root)
        #expect(loaded.sources == ["results/s/results.shard-0-of-2.jsonl", "results/s/results.shard-1-of-2.jsonl"])
        #expect(loaded.rows.map(\.runID) == ["id1", "id2"])
        #expect(loaded.rows[0].status == .ok)
    }

    /// A whole-study file beside shard files that were not merged yet (a plain `study run` after
    /// an array): the report reads both, as `study status` counts both; other files are not read.
    @Test func theWholeStudyFileAndUnmergedShardsAreBothRead() throws {
        let root = try temporaryDirectory("both")
        defer { cleanUp(root) }
        let dir = root + "/results/s"
        let l = ["variant": "full", "task": "t"]
        try ResultsStore.append([row("id1", labels: l, metrics: [])], to: dir + "/results.part-0001.jsonl")
        try ResultsStore.append([row("id2", labels: l, metrics: [])], to: dir + "/results.shard-0-of-2.jsonl")
        try ResultsStore.append([row("id3", labels: l, metrics: [])], to: dir + "/results-old.jsonl")
        let loaded = try ReportInput.load(study: "s", results: nil, root: root)
        #expect(loaded.sources == ["results/s/results.part-0001.jsonl", "results/s/results.shard-0-of-2.jsonl"])
        #expect(loaded.rows.map(\.runID) == ["id1", "id2"])
    }

    @Test func sealedPartsAreReadFirst() throws {
        let root = try temporaryDirectory("parts")
        defer { cleanUp(root) }
        let dir = root + "/results/s"
        let l = ["variant": "full", "task": "t"]
        func r(_ id: String, _ v: Double) -> ResultRow {
            row(id, labels: l, metrics: [MetricValue("accuracy", v, unit: "fraction", task: "t", length: 8)])
        }
        try ResultsStore.append([r("id1", 0.1), r("id2", 0.2)], to: dir + "/results.part-0001.jsonl")
        try ResultsStore.append([r("id1", 0.3)], to: dir + "/results.part-0002.jsonl")
        try ResultsStore.append([r("id3", 0.4)], to: dir + "/results.jsonl")
        for results in [nil, root + "/results/s/results.jsonl"] {
            let loaded = try ReportInput.load(study: "s", results: results, root: root)
            #expect(loaded.sources.map { ($0 as NSString).lastPathComponent }
                    == ["results.part-0001.jsonl", "results.part-0002.jsonl", "results.jsonl"])
            #expect(loaded.rows.map(\.runID) == ["id1", "id2", "id3"])
            #expect(loaded.rows[0].metrics.first?.value == 0.3)  // the later part's row wins
        }
        // parts alone (the live file not yet started again) are the study's file
        try FileManager.default.removeItem(atPath: dir + "/results.jsonl")
        #expect(try ReportInput.load(study: "s", results: nil, root: root).sources
                == ["results/s/results.part-0001.jsonl", "results/s/results.part-0002.jsonl"])
    }

    @Test func inputErrorsAreOneLineAndNameTheFile() throws {
        let root = try temporaryDirectory("errors")
        defer { cleanUp(root) }
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { _ = try ReportInput.load(study: "nope", results: nil, root: root) }
            .hasPrefix("results/nope/results.jsonl: no such results file"))
        #expect(message { _ = try ReportInput.load(study: "x", results: root + "/missing.jsonl") } == root + "/missing.jsonl: no such results file")
        let good = try String(contentsOfFile: Fixture.results, encoding: .utf8).split(separator: "\n")[0]
        try (good + "\n{not json\n" + good + "\n").write(toFile: root + "/bad.jsonl", atomically: true, encoding: .utf8)
        #expect(message { _ = try ReportInput.load(study: "x", results: root + "/bad.jsonl") } == root + "/bad.jsonl:2: not a result row (not valid JSON)")
        try (good + "\n{\"study\": \"x\"}\n").write(toFile: root + "/short.jsonl", atomically: true, encoding: .utf8)
        let m = message { _ = try ReportInput.load(study: "x", results: root + "/short.jsonl") }
        #expect(m.hasPrefix(root + "/short.jsonl:2: not a result row (") && m.contains("required key is missing"), "\(m)")
        #expect(!m.contains("\n"))
        try "".write(toFile: root + "/empty.jsonl", atomically: true, encoding: .utf8)
        #expect(message { _ = try ReportInput.load(study: "x", results: root + "/empty.jsonl") } == root + "/empty.jsonl: no result rows")
    }
}

/// The report knows a variant only by the description its rows carry: any kind, named, ordered,
/// coloured and taken for the reference as that says; a row without one names nothing.
@Suite struct VariantDescriptionTests {
    static let alpha = VariantDescription(kind: "alpha", shortName: "a", rank: 0, colour: "#123456", isReference: true)
    static let beta = VariantDescription(kind: "beta", label: "beta only", shortName: "b", rank: 1, colour: nil,
                                         extraMetrics: [MetricName.reachCeiling])

    static func rows() -> [ResultRow] {
        func r(_ id: String, _ about: VariantDescription?, kind: String, window: String?, _ acc: Double) -> ResultRow {
            var labels = ["variant": kind, "task": "t", "seed": "0"]
            if let window { labels["window"] = window }
            var x = row(id, labels: labels, metrics: [MetricValue(MetricName.accuracy, acc, unit: "fraction", task: "t", length: 16),
                                                     MetricValue(MetricName.stateBytes, acc * 100, unit: "bytes", length: 16)])
            x.variant = about
            return x
        }
        return [r("g", nil, kind: "gamma", window: "8", 0.4), r("b", beta, kind: "beta", window: "8", 0.5),
                r("a", alpha, kind: "alpha", window: nil, 0.9), r("b2", beta, kind: "beta", window: "4", 0.45)]
    }

    @Test func namesOrderColoursAndReferenceComeFromTheRows() throws {
        let d = ReportData(study: "synthetic", rows: Self.rows())
        #expect(d.referenceKind == "alpha")
        let configs = Array(Set(d.observations.map(\.config))).sorted()
        #expect(configs.map(\.description) == ["a", "b W4", "b W8", "gamma W8"])  // rank, then the undescribed
        #expect(configs.map(\.isReference) == [true, false, false, false])
        #expect(Style.colour(configs[0], among: configs) == "#123456")
        #expect(Style.colour(configs[1], among: configs) == Style.palette[3] && Style.colour(configs[3], among: configs) == Style.palette[4])
        let table = Tables.perTask(d, threshold: 0.85)
        #expect(table.contains("| beta (beta only) | 8 |") && table.contains("| gamma | 8 |") && table.contains("| alpha | – |"))
        let window = try #require(Figures.build(d, command: "c").figures.first { $0.name == "accuracy-vs-window.t" })
        #expect(window.script.contains("title \"beta only\"") && window.script.contains("alpha attention"))
        #expect(window.data.contains("L=16 | alpha"))
    }

    @Test func rowsWithoutDescriptionsHaveNoReference() {
        let d = ReportData(study: "synthetic", rows: Self.rows().map { var r = $0; r.variant = nil; return r })
        #expect(d.referenceKind == "reference")
        #expect(!d.observations.contains { $0.config.isReference })
        #expect(d.observations.allSatisfy { $0.config.about == .undescribed($0.config.variant) })
    }

    @Test func theDescriptionRoundTripsThroughARow() throws {
        var r = row("x", labels: ["variant": "beta"], metrics: [])
        r.variant = Self.beta
        let line = r.jsonLine
        // the last key, no colour key where it has none
        #expect(line.hasSuffix(#","variant":{"extra_metrics":["swa_reach_ceiling"],"kind":"beta","label":"beta only","rank":1,"reference":false,"short_name":"b"}}"#))
        #expect(try JSONDecoder().decode(ResultRow.self, from: Data(line.utf8)) == r)
    }
}
