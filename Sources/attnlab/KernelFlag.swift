// `--kernel OP=NAME` (repeatable) on `train`, `generate` and `model bench`: which kernel runs an
// op in every layer that uses it, through `KernelChoice` (the one dispatch point).
import ArgumentParser
import LabAttention
import LabKernels
import LabModel

struct KernelFlag: ParsableArguments {
    @Option(name: .customLong("kernel"),
            help: ArgumentHelp("OP=NAME: run op OP with kernel NAME in every layer that uses it (repeatable; default: the fastest that supports the shape), e.g. softmax-attention=naive, residual-linear-attention=recurrent. See `attnlab kernels list`.",
                               valueName: "op=name"))
    var kernel: [String] = []

    /// Op → kernel name, checked against `KernelRegistry`.
    /// - Throws: `UsageFailure` `--kernel SPEC: …` naming the known ops or kernels, or an op given twice.
    func overrides() throws -> [String: String] {
        var out: [String: String] = [:]
        for spec in kernel {
            let (op, name): (String, String)
            do { (op, name) = try KernelChoice.parse(spec) } catch let e as KernelInputError {
                throw UsageFailure("--kernel \(spec): \(e.reason)")
            }
            if let earlier = out[op] { throw UsageFailure("--kernel \(spec): \(op) is already \(earlier)") }
            out[op] = name
        }
        return out
    }

    /// Checks that each named kernel supports the layers' shapes at `lengths` and returns the
    /// kernels that run (`op: name`).
    /// - Throws: `UsageFailure` `--kernel OP=NAME: NAME declines SHAPE: REASON; R ran instead`.
    static func check(_ model: LanguageModel, lengths: [Int]) throws -> [String] {
        do { return try model.checkKernels(lengths: lengths) } catch let e as ModelError { throw UsageFailure("--kernel \(e.message)") }
    }
}
