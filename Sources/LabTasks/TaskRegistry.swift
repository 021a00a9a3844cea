// The task registry: every task configuration, one line each (RULER's `synthetic.yaml` as Swift data).
//
// Adding a configuration of an existing generator is one line here; adding a generator is one new file plus
// its lines here. Nothing else names a task: the CLI, the tests and the harness loop over `all` or resolve
// names and groups (`ruler`, `niah`, `vt`, `cwe`, `fwe`, `qa`, `mqar`, `lm`) through `resolve`.
import LabCore

public enum TaskRegistry {
    /// Every task, RULER's 13 first (in RULER's order), then MQAR, then the language-model tasks.
    public static let all: [any SyntheticTask] = [
        NeedleInAHaystack(name: "niah_single_1", haystack: .noise, key: .words, value: .numbers),
        NeedleInAHaystack(name: "niah_single_2", haystack: .essay, key: .words, value: .numbers),
        NeedleInAHaystack(name: "niah_single_3", haystack: .essay, key: .words, value: .uuids),
        NeedleInAHaystack(name: "niah_multikey_1", haystack: .essay, key: .words, value: .numbers, keys: 4),
        NeedleInAHaystack(name: "niah_multikey_2", haystack: .needle, key: .words, value: .numbers),
        NeedleInAHaystack(name: "niah_multikey_3", haystack: .needle, key: .uuids, value: .uuids),
        NeedleInAHaystack(name: "niah_multivalue", haystack: .essay, key: .words, value: .numbers, values: 4),
        NeedleInAHaystack(name: "niah_multiquery", haystack: .essay, key: .words, value: .numbers, queries: 4),
        VariableTracking(name: "vt", chains: 1, hops: 4),
        CommonWordsExtraction(name: "cwe", common: 10, freqCommon: 30, freqUncommon: 3),
        FrequentWordsExtraction(name: "fwe", alpha: 2.0),
        FactQA(name: "qa_1", hops: 1),
        FactQA(name: "qa_2", hops: 2),
        // Zoology Figure 2 (V = 8192, K = L/16, no random non-queries) and the lab's CPU recipe
        // (`docs/training.md`: V = 256, L = 128, K = 8).
        MultiQueryAR(name: "mqar_v8192", vocabularySize: 8192, pairs: .perLength(16)),
        MultiQueryAR(name: "mqar_v256", vocabularySize: 256, pairs: .perLength(16)),
        // Byte-level language modelling on fetched corpora (`attnlab data fetch NAME`; docs/tasks.md).
        ByteLanguageModel(name: "lm_shakespeare", corpus: TextCorpora.shakespeare),
        ByteLanguageModel(name: "lm_linux_c", corpus: TextCorpora.linuxC),
    ]

    /// RULER's lengths scaled down 32×: 4K…128K become 128…4096.
    public static let rulerLengths = [128, 256, 512, 1024, 2048, 4096]

    /// Every group name, sorted.
    public static var groups: [String] { Array(Set(all.flatMap(\.groups))).sorted() }

    /// The task called `name`.
    public static func task(named name: String) throws -> any SyntheticTask {
        guard let t = all.first(where: { $0.name == name }) else {
            throw TaskError(argument: "task", value: name,
                            reason: "unknown task; known: \(all.map(\.name).joined(separator: ", "))")
        }
        return t
    }

    /// The tasks a name or group stands for, in registry order: `"qa_1"` → [qa_1], `"niah"` → the 8 NIAH tasks,
    /// `"ruler"` → the 13 RULER tasks.
    public static func resolve(_ nameOrGroup: String) throws -> [any SyntheticTask] {
        if let t = all.first(where: { $0.name == nameOrGroup }) { return [t] }
        let members = all.filter { $0.groups.contains(nameOrGroup) }
        guard !members.isEmpty else {
            throw TaskError(argument: "task", value: nameOrGroup,
                            reason: "unknown task or group; groups: \(groups.joined(separator: ", ")); "
                                + "tasks: \(all.map(\.name).joined(separator: ", "))")
        }
        return members
    }

    /// The example of task `name` at `length` tokens for `seed`.
    ///
    /// Worked example: `try TaskRegistry.generate("qa_1", length: 128, seed: Split.test.seed(0))` returns an
    /// `Example` whose `inputs` has 128 tokens, ending in `<query> e1 e2 a <ans> x y <eos>`.
    public static func generate(_ name: String, length: Int, seed: UInt64) throws -> Example {
        try task(named: name).generate(length: length, seed: seed)
    }
}
