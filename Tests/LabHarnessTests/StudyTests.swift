import Foundation
import Testing
@testable import LabHarness
import LabResults

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let repo = here.deletingLastPathComponent().deletingLastPathComponent()
let golden = here.appendingPathComponent("Golden")

/// Every committed study file.
func committedStudies() -> [String] {
    let dir = repo.appendingPathComponent("studies").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { dir + "/" + $0 }
}

@Suite struct ExpansionTests {
    /// `attnlab study expand` of each committed study equals Golden/<name>.expanded.txt
    /// (UPDATE_GOLDEN=1 rewrites them). Run ids hash the canonical config, so any change to a
    /// default, a key or the id rule shows here as a diff.
    @Test func goldenExpansions() throws {
        let files = committedStudies()
        #expect(files.count >= 2)
        for f in files {
            let study = try Study.load(path: f)
            let text = try study.expand().map(\.summary).joined(separator: "\n") + "\n"
            let path = golden.appendingPathComponent("\(study.name).expanded.txt").path
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == expected, "expansion of \(f) differs from \(path)")
        }
    }

    /// sweep.pattern × sweep.model multiply the runs, label them, and set the model they build.
    @Test func studyLevelAxes() throws {
        let text = BrokenStudyTests.base.replacingOccurrences(of: "  train_length: [32]", with: """
              train_length: [32]
              pattern:
                - {name: all_local, pattern: [variant]}
                - {name: lg, pattern: [variant, {kind: full}]}
              model: {conv_kernel: [0, 3], norm_gain: [1, 0.05]}
            """).replacingOccurrences(of: "  layers: 1", with: "  layers: 2")
        let runs = try Study.parse(text, file: "s.yaml").expand()
        let plain = try Study.parse(BrokenStudyTests.base.replacingOccurrences(of: "  layers: 1", with: "  layers: 2"), file: "s.yaml").expand()
        #expect(plain.count == 3)  // full, sliding_window at 4 and 8
        #expect(runs.count == plain.count * 2 * 2 * 2)
        let one = try #require(runs.first { $0.labels["pattern"] == "lg" && $0.labels["variant"] == "sliding_window"
            && $0.labels["conv_kernel"] == "3" && $0.labels["norm_gain"] == "0.05" && $0.labels["window"] == "8" })
        #expect(one.model.convKernel == 3 && one.model.normGain == 0.05)
        #expect(one.model.pattern.layers(depth: 2).map(\.kind) == ["sliding_window", "full"])
        #expect(one.summary.contains("conv_kernel=3") && one.summary.contains("pattern=lg"))
        #expect(Set(runs.map(\.id)).count == runs.count)
        // a stack can be limited to some variant kinds; a kind that is not listed is an error
        let limited = text.replacingOccurrences(of: "{name: lg, pattern: [variant, {kind: full}]}",
                                                with: "{name: lg, pattern: [variant, {kind: full}], variants: [full]}")
        let limitedRuns = try Study.parse(limited, file: "s.yaml").expand()
        #expect(limitedRuns.count == runs.count - 2 * 2 * 2)  // lg's sliding_window at 2 windows × 2 × 2 model settings
        #expect(!limitedRuns.contains { $0.labels["pattern"] == "lg" && $0.labels["variant"] != "full" })
        do {
            _ = try Study.parse(limited.replacingOccurrences(of: "variants: [full]", with: "variants: [ful]"), file: "s.yaml")
            Issue.record("no error for an unknown kind in a stack's variants")
        } catch let e as StudyError {
            #expect(e.key == "sweep.pattern[1].variants[0]" && e.message.contains("not a kind listed"), "\(e)")
        }
    }

    /// `window_fraction`: the window follows the train length (L·n/d), each windowed accuracy run
    /// carries the fraction as a label, full attention runs once per train length, and bench runs
    /// default to each train length's eval lengths.
    @Test func windowFractionFollowsTheTrainLength() throws {
        let text = BrokenStudyTests.base
            .replacingOccurrences(of: "  window: [4, 8]\n  train_length: [32]", with: "  window_fraction: [1/8, 1/4]\n  train_length: [32, 64]")
            .replacingOccurrences(of: "measurements: [accuracy]", with: "measurements: [accuracy, decode_throughput]\neval: {multiples: [1, 2]}")
        let runs = try Study.parse(text, file: "s.yaml").expand()
        let swa = runs.filter { $0.kind == .accuracy && $0.labels["variant"] == "sliding_window" }
        #expect(swa.map { "\($0.labels["train_length"]!):\($0.labels["window"]!):\($0.labels["window_fraction"]!)" }
                == ["32:4:1/8", "32:8:1/4", "64:8:1/8", "64:16:1/4"])
        let full = runs.filter { $0.kind == .accuracy && $0.labels["variant"] == "full" }
        #expect(full.map { $0.labels["train_length"]! } == ["32", "64"])
        #expect(full.allSatisfy { $0.labels["window_fraction"] == nil && $0.labels["window"] == nil })
        // bench: window 8 at length 64 comes from both train lengths and runs once
        let bench = runs.filter { $0.kind == .bench && $0.labels["round"] == "1" && $0.labels["variant"] == "sliding_window" }
        #expect(bench.map { "\($0.labels["window"]!)@\($0.length!)" } == ["4@32", "4@64", "8@32", "8@64", "8@128", "16@64", "16@128"])
    }

    /// `match_state_of`: the entry runs at the smallest window whose decode state bytes reach the
    /// named kind's at each swept window, labelled and configured as state-matched (its own id).
    @Test func stateMatchedWindowEqualsTheTargetsState() throws {
        let text = BrokenStudyTests.base
            .replacingOccurrences(of: "  - {kind: sliding_window}", with: "  - {kind: rattention}\n  - {kind: sliding_window, match_state_of: rattention}")
            .replacingOccurrences(of: "  model_dim: 16\n", with: "  model_dim: 16\n  head_dim: 8\n")
        let study = try Study.parse(text, file: "s.yaml")
        let runs = try study.expand()
        let matched = runs.filter { $0.labels["state_matched"] == "rattention" }
        #expect(matched.count == 2)
        for (r, w) in zip(matched, [4, 8]) {
            #expect(r.labels["variant"] == "sliding_window")
            let wPrime = Int(r.labels["window"]!)!
            let goal = runs.first { $0.labels["variant"] == "rattention" && $0.labels["window"] == "\(w)" }!.model.stateBytes(sequenceLength: 32)
            #expect(r.model.stateBytes(sequenceLength: 32) >= goal)
            let (smaller, _, _) = try study.modelConfig(variant: 2, window: wPrime - 1, vocab: 256)
            #expect(smaller.stateBytes(sequenceLength: 32) < goal, "W′ = \(wPrime) is not the smallest")
            #expect(wPrime > w)
            if case .object(let fields) = r.config { #expect(fields["state_matched"] == .string("rattention")) }
        }
        #expect(throws: StudyError.self) {
            _ = try Study.parse(text.replacingOccurrences(of: "match_state_of: rattention", with: "match_state_of: full"), file: "s.yaml")
        }
        // the search bisects: a million-token study expands at once
        let long = text.replacingOccurrences(of: "  train_length: [32]", with: "  train_length: [1048576]")
            .replacingOccurrences(of: "  window: [4, 8]", with: "  window: [4, 524288]")
            .replacingOccurrences(of: "tasks: [mqar_v256]", with: "tasks: [niah_single_1]\n")
            .replacingOccurrences(of: "  steps: 10", with: "  steps: 10\n  batch: 1\n  train_examples: 1\n  test_examples: 1")
        let started = Date()
        let longRuns = try Study.parse(long, file: "s.yaml").expand()
        #expect(Date().timeIntervalSince(started) < 5, "expansion took \(Date().timeIntervalSince(started)) s")
        #expect(longRuns.contains { $0.labels["state_matched"] != nil && Int($0.labels["window"]!)! > 524288 })
        // a variant whose state exceeds the target's even at window 0 cannot be matched to it
        #expect(throws: StudyError.self) {
            _ = try Study.parse(BrokenStudyTests.base.replacingOccurrences(of: "  - {kind: sliding_window}",
                                with: "  - {kind: sliding_window}\n  - {kind: rattention, match_state_of: sliding_window}"), file: "s.yaml")
        }
    }

    /// `name`: an entry of a kind already listed (an ablation) runs beside the plain one with the
    /// label and config key `variant_name`, so its rows and ids stay apart; a compare reference can
    /// name it.
    @Test func namedEntryRunsApartFromThePlainOne() throws {
        let text = BrokenStudyTests.base
            .replacingOccurrences(of: "  - {kind: sliding_window}", with: "  - {kind: rattention}\n  - {kind: rattention, linear_branch: off, name: norm_only}")
            .replacingOccurrences(of: "  model_dim: 16\n", with: "  model_dim: 16\n  head_dim: 8\n")
        let runs = try Study.parse(text, file: "s.yaml").expand()
        let plain = runs.filter { $0.kind == .accuracy && $0.labels["variant"] == "rattention" && $0.labels["variant_name"] == nil }
        let named = runs.filter { $0.kind == .accuracy && $0.labels["variant_name"] == "norm_only" }
        #expect(plain.count == 2 && named.count == 2)
        #expect(named.allSatisfy { $0.labels["variant"] == "rattention" })
        #expect(Set(plain.map(\.id)).isDisjoint(with: named.map(\.id)))
        for r in named {
            guard case .object(let fields) = r.config, case .object(let model) = fields["model"] else { Issue.record("no config"); continue }
            #expect(fields["variant_name"] == .string("norm_only"))
            #expect("\(model)".contains("linear_branch") && "\(model)".contains("off"))
            #expect(!"\(model)".contains("norm_only"), "the name is the study's, not part of the variant config")
        }
        let compared = text.replacingOccurrences(of: "measurements: [accuracy]",
            with: "measurements: [accuracy]\ncompare: {reference: {variant: rattention, variant_name: norm_only, window: 4}, metric: accuracy, margin: 0.01}")
        #expect(try Study.parse(compared, file: "s.yaml").compare?.reference == ["variant": "rattention", "variant_name": "norm_only", "window": "4"])
    }

    @Test func windowAxisIsDroppedForFull() throws {
        let study = try Study.load(path: repo.appendingPathComponent("studies/quickstart.yaml").path)
        let runs = try study.expand()
        let full = runs.filter { $0.labels["variant"] == "full" }
        #expect(!full.isEmpty && full.allSatisfy { $0.labels["window"] == nil })
        #expect(full.filter { $0.kind == .accuracy }.count == 2)  // 2 tasks, not 2 tasks × 2 windows
        let swa = runs.filter { $0.labels["variant"] == "sliding_window" && $0.kind == .accuracy }
        #expect(Set(swa.compactMap { $0.labels["window"] }) == ["8", "16"])
        #expect(swa.count == 4)
        #expect(Set(runs.map(\.id)).count == runs.count)
        // the window reaches the model's pattern
        #expect(swa.allSatisfy { r in r.model.pattern.unit.allSatisfy { "\($0.window!)" == r.labels["window"] } })
        // every run describes its variant for its rows (the report reads nothing else about it)
        #expect(runs.allSatisfy { $0.variant?.kind == $0.labels["variant"] })
        #expect(full.allSatisfy { $0.variant?.isReference == true } && swa.allSatisfy { $0.variant?.isReference == false })
    }

    @Test func idsAreStableAndSensitive() throws {
        let text = try String(contentsOfFile: golden.appendingPathComponent("tiny.yaml").path, encoding: .utf8)
        let a = try Study.parse(text, file: "a.yaml").expand()
        let b = try Study.parse("# a comment\n" + text, file: "b.yaml").expand()
        #expect(a.map(\.id) == b.map(\.id))
        let c = try Study.parse(text.replacingOccurrences(of: "steps: 30", with: "steps: 31"), file: "c.yaml").expand()
        #expect(Set(a.map(\.id)).isDisjoint(with: c.map(\.id)))
        #expect(a.allSatisfy { $0.id == String(SHA256.hex($0.config.canonical).prefix(16)) })
    }

    @Test func shardsPartitionTheStudy() throws {
        let runs = try Study.load(path: repo.appendingPathComponent("studies/quickstart.yaml").path).expand()
        for n in 1...5 {
            let shards = try (0..<n).map { try Shard(index: $0, count: n).select(runs).map(\.id) }
            let union = shards.flatMap { $0 }
            #expect(union.count == runs.count, "shards of \(n) overlap or miss runs")
            #expect(Set(union) == Set(runs.map(\.id)))
        }
        #expect(throws: HarnessError.self) { try Shard(parsing: "4/4") }
        #expect(throws: HarnessError.self) { try Shard(parsing: "1-4") }
    }
}

@Suite struct BrokenStudyTests {
    static let base = """
    name: broken
    question: q
    model:
      model_dim: 16
      layers: 1
    variants:
      - {kind: full}
      - {kind: sliding_window}
    sweep:
      window: [4, 8]
      train_length: [32]
    training:
      steps: 10
    tasks: [mqar_v256]
    measurements: [accuracy]
    """

    /// (replace this, with this, expected line, expected key path, a word of the message)
    static let cases: [(String, String, Int, String, String)] = [
        ("  layers: 1", "  layers: 1\n  lyers: 2", 6, "model.lyers", "unknown key"),
        ("  steps: 10", "  steps: 10\n  bogus: 1", 14, "training.bogus", "unknown key"),
        ("  window: [4, 8]", "  window: [4, eight]", 10, "sweep.window[1]", "expected an integer"),
        ("  - {kind: sliding_window}", "  - {kind: sliding_windw}", 8, "variants[1].kind", "unknown attention kind"),
        ("  - {kind: sliding_window}", "  - {kind: sliding_window, window: 4}", 8, "variants[1].window", "sweep axis"),
        ("  window: [4, 8]", "  window: [4, 64]", 10, "sweep.window[1]", "no effect"),
        ("tasks: [mqar_v256]", "tasks: [mqar_v999]", 14, "tasks[0]", "unknown task"),
        ("  train_length: [32]", "  train_length: [33]", 11, "sweep.train_length[0]", "even length"),
        ("measurements: [accuracy]", "measurements: [accuracy, speed]", 15, "measurements[1]", "speed"),
        ("  model_dim: 16", "  model_dim: 16\n  heads: 2\n  kv_heads: 3", 6, "model.kv_heads", "multiple"),
        ("question: q\n", "", 1, "question", "missing"),
        ("measurements: [accuracy]", "measurements: [accuracy, train_throughput]\nbench: {lengths: [64], budget_seconds: 0.1}\nsweep2: 1", 17, "sweep2", "unknown key"),
        ("  window: [4, 8]", "  window: [4, 8]\n  kernel: [tiled-online-softmax, fast]", 11, "sweep.kernel[1]", "unknown softmax-attention kernel"),
        ("  layers: 1", "  layers: 1\n  vocab: 100", 6, "model.vocab", "vocabulary"),
        ("  train_length: [32]", "  train_length: [32]\n  pattern: [{name: a, pattern: [variant]}, {name: a, pattern: [variant]}]", 12, "sweep.pattern[1].name", "used twice"),
        ("  train_length: [32]", "  train_length: [32]\n  model: {conv_kernel: []}", 12, "sweep.model.conv_kernel", "at least one"),
        ("  train_length: [32]", "  train_length: [32]\n  model: {layer: [2]}", 12, "sweep.model.layer", "unknown key"),
        ("  window: [4, 8]", "  window: [4, 8]\n  window_fraction: [1/4]", 11, "sweep.window_fraction", "not both"),
        ("  window: [4, 8]", "  window_fraction: [1/3]", 10, "sweep.window_fraction[0]", "not a whole number"),
        ("  window: [4, 8]", "  window_fraction: [1/4, 3/2]", 10, "sweep.window_fraction[1]", "1 ≤ n < d"),
        ("  window: [4, 8]", "  window_fraction: [1/4, 2/8]", 10, "sweep.window_fraction[1]", "same fraction as 1/4"),
        ("  - {kind: sliding_window}", "  - {kind: sliding_window, match_state_of: sliding_window}", 8, "variants[1].match_state_of", "own kind"),
        ("  - {kind: sliding_window}", "  - {kind: sliding_window, match_state_of: 5}", 8, "variants[1].match_state_of", "expected the kind"),
        ("  - {kind: sliding_window}", "  - {kind: rattention, chunk: 0}", 8, "variants[1].chunk", "chunk"),
        // two entries of one kind need distinct names (else the report would pool their rows)
        ("  - {kind: sliding_window}", "  - {kind: sliding_window}\n  - {kind: sliding_window}", 9, "variants[2]", "both sliding_window"),
        ("  - {kind: sliding_window}", "  - {kind: rattention}\n  - {kind: rattention, linear_branch: off}", 9, "variants[2]", "distinct `name`"),
        ("  - {kind: sliding_window}", "  - {kind: rattention, name: a}\n  - {kind: rattention, linear_branch: off, name: a}", 9, "variants[2]", "named a"),
        ("  - {kind: sliding_window}", "  - {kind: rattention, name: no good}", 8, "variants[1].name", "a word"),
        ("  - {kind: sliding_window}", "  - {kind: rattention, name: \"-\"}", 8, "variants[1].name", "starting with a letter"),
        ("  - {kind: sliding_window}", "  - {kind: rattention, name: \(String(repeating: "x", count: 41))}", 8, "variants[1].name", "at most 40"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {variant_name: x}, metric: accuracy, margin: 0.01}", 16,
         "compare.reference.variant_name", "name the entry's kind too"),
        // skip: labels the runs carry, values they take, entries that match something
        ("measurements: [accuracy]", "measurements: [accuracy]\nskip: [{seed: 7}]", 16, "skip[0].seed", "'7' is not a seed of this study's runs (0)"),
        ("measurements: [accuracy]", "measurements: [accuracy]\nskip: [{colour: red}]", 16, "skip[0].colour", "no run of this study carries a colour label"),
        ("measurements: [accuracy]", "measurements: [accuracy]\nskip: [{}]", 16, "skip[0]", "empty entry"),
        ("measurements: [accuracy]", "measurements: [accuracy]\nskip: [{variant: full, window: 4}]", 16, "skip[0]", "skips nothing"),
        ("measurements: [accuracy]", "measurements: [accuracy]\nskip: [{seed: {a: 1}}]", 16, "skip[0].seed", "a label value"),
        ("measurements: [accuracy]", "measurements: [accuracy]\nskip: [{task: mqar_v256}]", 16, "skip", "cut every run"),
        ("measurements: [accuracy]", "measurements: [accuracy]\nskip: [{window: 16}]", 16, "skip[0].window", "(4, 8)"),
        // an entry wrong on its own says so, not "duplicate"; a key typo lists the entry's own keys too
        ("  - {kind: sliding_window}", "  - {kind: rattenion}\n  - {kind: rattenion}", 8, "variants[1].kind", "unknown attention kind"),
        ("  - {kind: sliding_window}", "  - {kind: rattention, nmae: x}", 8, "variants[1].nmae", "match_state_of, name"),
        // a kind listed only under a name is named as such
        ("  - {kind: sliding_window}", "  - {kind: rattention, name: a}\n  - {kind: sliding_window, match_state_of: rattention}", 9,
         "variants[2].match_state_of", "only as a named or state-matched entry"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {variant: full, variant_name: x}, metric: accuracy, margin: 0.01}", 16,
         "compare.reference.variant", "no entry of kind full named x"),
        // ranges, NaN and null (TrainOptions.validate, ModelConfig.ranges, YAMLInput)
        ("  steps: 10", "  steps: 10\n  plateau: -1", 14, "training.plateau", "must be in [1, 1000000], got -1"),
        ("  steps: 10", "  steps: 10\n  target_accuracy: 5", 14, "training.target_accuracy", "must be in (0, 1], got 5"),
        ("  layers: 1", "  layers: 1\n  mlp_ratio: .nan", 6, "model.mlp_ratio", "nan is not a number in [0, 64]"),
        ("  layers: 1", "  layers: 1\n  mlp_ratio:", 6, "model.mlp_ratio", "null is not a value"),
        ("  train_length: [32]", "  train_length: [32]\n  learning_rate: [0.01, -1]", 12, "sweep.learning_rate[1]", "must be in (0, 10]"),
        // compare: analysis declared before the runs
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {variant: rattention}, metric: accuracy, margin: 0.01}", 16,
         "compare.reference.variant", "not a kind listed in variants"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare:\n  reference: {variant: full}\n  metric: accuracy\n  margin: 0", 19,
         "compare.margin", "must be in (0, "),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare:\n  reference: {variant: full}\n  metric: accuracy\n  margin: -0.5", 19,
         "compare.margin", "got -0.5"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare:\n  reference: {variant: full}\n  metric: accuracy\n  margin: .inf", 19,
         "compare.margin", "not a number"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {variant: full}, metric: accuracy, margin: 0.01, lengths: [32, 64]}", 16,
         "compare.lengths[1]", "not an eval length"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {variant: full}, metric: accuracy, margin: 0.01, alpha: 0.05}", 16,
         "compare.alpha", "unknown key"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {variant: full, window: 4}, metric: accuracy, margin: 0.01}", 16,
         "compare.reference.window", "takes no window"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {variant: sliding_window}, metric: accuracy, margin: 0.01}", 16,
         "compare.reference.variant", "several windows"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {variant: full}, metric: accuracy}", 16,
         "compare.margin", "missing"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {learning_rate: 0.5}, metric: accuracy, margin: 0.01}", 16,
         "compare.reference.learning_rate", "is not a learning_rate of this study's runs"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {pattern: uniform}, metric: accuracy, margin: 0.01}", 16,
         "compare.reference.pattern", "no run of this study carries a pattern label"),
        ("measurements: [accuracy]", "measurements: [accuracy]\ncompare: {reference: {}, metric: accuracy, margin: 0.01}", 16,
         "compare.reference", "at least one of"),
        // one token budget across train lengths; eval lengths as multiples of the train length
        ("  steps: 10", "  steps: 10\n  batch_tokens: 48", 14, "training.batch_tokens", "not a positive multiple of train length 32"),
        ("  steps: 10", "  steps: 10\n  batch: 4\n  batch_tokens: 64", 15, "training.batch_tokens", "not both"),
        ("measurements: [accuracy]", "measurements: [accuracy]\neval: {lengths: [32], multiples: [1, 2]}", 16, "eval.multiples", "not both"),
        ("measurements: [accuracy]", "measurements: [accuracy]\neval: {multiples: [0]}", 16, "eval.multiples[0]", "must be in [1, 1024]"),
    ]

    @Test func eachErrorNamesFileLineAndKey() throws {
        #expect(throws: Never.self) { try Study.parse(Self.base, file: "studies/broken.yaml") }
        for (old, new, line, key, word) in Self.cases {
            let text = Self.base.replacingOccurrences(of: old, with: new)
            #expect(text != Self.base, "case \(key) did not change the file")
            do {
                _ = try Study.parse(text, file: "studies/broken.yaml")
                Issue.record("no error for \(key)")
            } catch let e as StudyError {
                #expect(e.file == "studies/broken.yaml")
                #expect(e.line == line, "\(key): \(e)")
                #expect(e.key == key, "\(e)")
                #expect(e.description.contains(word), "\(e)")
                #expect(e.description.hasPrefix("studies/broken.yaml:\(line): \(key): "), "\(e)")
            }
        }
    }

    /// `skip` leaves out the runs an entry matches; the others keep their ids.
    @Test func skipLeavesOutMatchingRunsOnly() throws {
        let all = try Study.parse(Self.base, file: "s.yaml").expand()
        let cut = try Study.parse(Self.base + "\nskip:\n  - {variant: sliding_window, window: [8.0]}\n", file: "s.yaml").expand()  // 8.0 is the label 8
        let matched = all.filter { $0.labels["variant"] == "sliding_window" && $0.labels["window"] == "8" }
        #expect(!matched.isEmpty)
        #expect(cut.map(\.id) == all.filter { r in !matched.contains { $0.id == r.id } }.map(\.id))
    }

    /// A reference kind listed only under a name says so and how to name it.
    @Test func referenceOfAKindListedOnlyUnderANameSaysSo() throws {
        let text = Self.base.replacingOccurrences(of: "  - {kind: full}", with: "  - {kind: full, name: big}")
            + "\ncompare: {reference: {variant: full}, metric: accuracy, margin: 0.01}\n"
        do {
            _ = try Study.parse(text, file: "s.yaml")
            Issue.record("no error")
        } catch let e as StudyError {
            #expect(e.key == "compare.reference.variant" && e.description.contains("only under a name (big): name one in compare.reference.variant_name"), "\(e)")
        }
    }

    /// A valid compare block is read, and changes no run id (it describes analysis, not runs).
    @Test func compareBlockIsAnalysisNotRuns() throws {
        let text = Self.base + "\ncompare:\n  reference: {variant: sliding_window, window: 8}\n  metric: loss\n  lower_is_better: true\n  margin: 0.05\n  lengths: [32]\n"
        let with = try Study.parse(text, file: "s.yaml"), without = try Study.parse(Self.base, file: "s.yaml")
        #expect(with.compare == Study.Compare(reference: ["variant": "sliding_window", "window": "8"], metric: "loss", lowerIsBetter: true,
                                              margin: 0.05, lengths: [32]))
        #expect(without.compare == nil)
        #expect(try with.expand().map(\.id) == without.expand().map(\.id))
    }

    /// A setting given both fixed (model:) and swept (sweep:) is an error naming the sweep key.
    @Test func fixedAndSweptIsAnError() throws {
        let swept = Self.base.replacingOccurrences(of: "  train_length: [32]",
                                                   with: "  train_length: [32]\n  pattern: [{name: a, pattern: [variant]}]\n  model: {conv_kernel: [0, 3]}")
        #expect(throws: Never.self) { try Study.parse(swept, file: "s.yaml") }
        for (fixed, key) in [("  pattern: [variant]", "sweep.pattern"), ("  conv_kernel: 3", "sweep.model.conv_kernel")] {
            let text = swept.replacingOccurrences(of: "  layers: 1", with: "  layers: 1\n" + fixed)
            do {
                _ = try Study.parse(text, file: "s.yaml")
                Issue.record("no error for \(key)")
            } catch let e as StudyError {
                #expect(e.key == key && (e.message.contains("one place") || e.message.contains("not both")), "\(e)")
            }
        }
    }

    @Test func yamlSyntaxErrorHasALine() {
        do {
            _ = try Study.parse("name: x\nquestion: [unclosed\n", file: "s.yaml")
            Issue.record("no error")
        } catch let e as StudyError {
            // libyaml reports the unclosed list where input ends: line 3, column 1
            #expect(e.line == 3 && e.column == 1 && e.description.hasPrefix("s.yaml:3:1: (syntax): "), "\(e)")
            #expect(!e.description.contains("\n"), "\(e)")
        } catch { Issue.record("\(error)") }
    }

    @Test func duplicateKeyNamesBothLines() {
        do {
            _ = try Study.parse(Self.base.replacingOccurrences(of: "  steps: 10", with: "  steps: 10\n  batch: 4\n  steps: 20"), file: "s.yaml")
            Issue.record("no error")
        } catch let e as StudyError {
            #expect(e.message == "duplicate key 'steps' (lines 13 and 15)", "\(e)")
        } catch { Issue.record("\(error)") }
    }

    /// The product of the axes (2 variants × 2 windows × 2000 seeds × 3 rates) is refused above
    /// StudyLimits.maxRuns before anything is expanded.
    @Test func runCountIsCappedBeforeExpanding() throws {
        let seeds = (0..<2_000).map(String.init).joined(separator: ", ")
        let text = Self.base.replacingOccurrences(of: "  train_length: [32]", with: "  train_length: [32]\n  seed: [\(seeds)]\n  learning_rate: [0.1, 0.01, 0.001]")
        do {
            _ = try Study.parse(text, file: "s.yaml")
            Issue.record("no error")
        } catch let e as StudyError {
            #expect(e.key == "sweep" && e.message.contains("up to 24000 runs") && e.message.contains("10000"), "\(e)")
        }
    }
}
