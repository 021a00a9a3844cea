// `attnlab kernels …`: list, check, run and bench the kernel layer.
import ArgumentParser
import Foundation
import LabCore
import LabKernels

struct Kernels: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, check, run and benchmark kernel implementations.",
        subcommands: [KernelsList.self, KernelsCheck.self, KernelsRun.self, KernelsBench.self]
    )
}

struct KernelsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Ops and their implementations in the order the dispatch tries them, then the reference.")
    func run() {
        for op in KernelRegistry.all {
            print("\(op.name): " + (op.fastNames + ["\(op.referenceName) (reference)"]).joined(separator: ", "))
        }
    }
}

struct KernelsCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Every implementation of every op against its reference, forward and backward (decode: forward), over a grid of shapes.",
        discussion: "Prints max abs / rel errors per case and quantity; exit status 1 on any mismatch.")
    @Flag(help: "A smaller grid (seconds in a debug build).") var quick = false
    @Option(help: "Threads for the kernels under test.") var threads = 1
    @Flag(help: "Print every row, not only failures and a summary per kernel.") var verbose = false

    func run() throws {
        try reportingErrors {
            guard threads >= 1 else { throw UsageFailure("threads: must be ≥ 1, got \(threads)") }
        }
        let rows = KernelRegistry.all.flatMap { $0.checkAll(quick: quick, threads: threads) }
        var table = [["op", "kernel", "case", "qty", "max abs err", "bound", "err/bound", "max rel err", "status"]]
        for r in rows where verbose || !r.passed {
            table.append([r.op, r.kernel, r.testCase, r.quantity,
                          r.skipped == nil ? String(format: "%.2e", r.maxAbsError) : "-",
                          r.skipped == nil ? String(format: "%.2e", r.bound) : "-",
                          r.skipped == nil ? String(format: "%.2g%%", 100 * r.maxAbsError / r.bound) : "-",
                          r.skipped == nil ? String(format: "%.2e", r.maxRelError) : "-",
                          r.skipped.map { "skipped: \($0)" } ?? (r.passed ? "ok" : "MISMATCH")])
        }
        // one summary line per kernel: worst errors over its cases
        let byKernel = Dictionary(grouping: rows, by: { "\($0.op)/\($0.kernel)" })
        for key in byKernel.keys.sorted() {
            let rs = byKernel[key]!
            let ran = rs.filter { $0.skipped == nil }
            let cases = Set(rs.map(\.testCase)).count
            let parts = key.split(separator: "/").map(String.init)
            let unsupported = Set(rs.filter { $0.skipped != nil }.map(\.testCase)).sorted()
            table.append([parts[0], parts[1], "\(cases) cases" + (unsupported.isEmpty ? "" : " (unsupported: \(unsupported.joined(separator: ", ")))"), "all",
                          String(format: "%.2e", ran.map(\.maxAbsError).max() ?? 0), "-",
                          String(format: "%.2g%%", 100 * (ran.map { $0.maxAbsError / $0.bound }.max() ?? 0)),
                          String(format: "%.2e", ran.map(\.maxRelError).max() ?? 0),
                          rs.allSatisfy(\.passed) ? "ok" : "MISMATCH"])
        }
        print(TextTable.render(table))
        print("pass rule: \(Tolerance.float32.rule); err/bound ≤ 100 % passes. A kernel's summary line gives its worst max abs err and its worst err/bound over its cases (max rel err can exceed rtol where max|ref| is small: atol covers it)")
        if !rows.allSatisfy(\.passed) { throw ExitCode(1) }
    }
}

struct KernelsRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one kernel on .npy inputs and write its outputs.",
        discussion: """
            softmax-attention writes o.npy (with --dout also dq.npy dk.npy dv.npy); \
            residual-linear-attention writes o.npy sT.npy (with --dout also dq.npy dk.npy dv.npy ds0.npy). \
            Shapes [T, D], [H, T, D] or [B, H, T, D] (states [2D, D] … [B, H, 2D, D]); outputs keep the \
            rank of q. Outputs are written all or nothing.
            """)
    @Option(help: "The op (see `attnlab kernels list`).") var op = "softmax-attention"
    @Option(help: "Implementation name (default: the op's fastest).") var kernel: String?
    @Option(parsing: .unconditional, help: "Window W: W+1 visible keys (softmax-attention; omit for causal) or the tokens left to the SWA branch (residual-linear-attention, required; −1: plain causal linear attention).")
    var window: Int?
    @Option(help: "residual-linear-attention: softmax2 (default) or relu2.") var featureMap: String?
    @Option(help: "residual-linear-attention: rows per chunk of a chunked kernel.") var chunk: Int?
    @Option(help: "residual-linear-attention: initial state .npy [B, H, 2D, D] (zero if omitted).") var s0: String?
    @Option(help: "Query .npy.") var q: String
    @Option(help: "Key .npy.") var k: String
    @Option(help: "Value .npy.") var v: String
    @Option(help: "Upstream gradient .npy (same shape as q); also writes the gradients.") var dout: String?
    @Option(help: "Directory for the outputs (created if missing).") var outDir: String
    @Option(help: "Threads.") var threads = 1

    func run() throws {
        try reportingErrors {
            guard threads >= 1 else { throw UsageFailure("threads: must be ≥ 1, got \(threads)") }
            let handler = try KernelOps.named(op)
            let (qt, qRank) = try readRank4(q, argument: "q")
            let (kt, _) = try readRank4(k, argument: "k")
            let (vt, _) = try readRank4(v, argument: "v")
            let inputs = RunInputs(q: qt, k: kt, v: vt, dout: try dout.map { try readRank4($0, argument: "dout").0 })
            let result = try handler.run(self, inputs)
            try writeOutputs(result.outputs.map { ($0.0, restoreRank($0.1, rank: qRank)) }, to: outDir)
            print("wrote \(result.outputs.map { "\($0.0).npy" }.joined(separator: " ")) to \(outDir) (\(result.summary))")
        }
    }
}

/// The rank-4 tensors every op reads.
struct RunInputs {
    var q: Tensor<Float>, k: Tensor<Float>, v: Tensor<Float>, dout: Tensor<Float>?
}

/// How the CLI drives one op: `kernels run` and `kernels bench` look the op up in `KernelOps`
/// and hold no op-specific code themselves.
protocol KernelOpCLI: Sendable {
    var op: String { get }
    /// Runs the chosen kernel on `inputs`: the named rank-4 outputs, in write order, and a summary.
    func run(_ options: KernelsRun, _ inputs: RunInputs) throws -> (outputs: [(String, Tensor<Float>)], summary: String)
    /// The cases `kernels bench` times for `options`, one per (T, W) combination.
    func benchCases(_ options: KernelsBench) throws -> [BenchCase]
}

enum KernelOps {
    static let all: [any KernelOpCLI] = [SoftmaxAttentionCLI(), ResidualLinearAttentionCLI()]

    /// The op's command-line entry; an op of the registry without one is benched on its check
    /// grid (`DescriptorCLI`), so a new op needs no entry here.
    static func named(_ op: String) throws -> any KernelOpCLI {
        if let handler = all.first(where: { $0.op == op }) { return handler }
        if let descriptor = KernelRegistry.all.first(where: { $0.name == op }) { return DescriptorCLI(descriptor: descriptor) }
        guard let handler = all.first(where: { $0.op == op }) else {
            throw UsageFailure("op: unknown op '\(op)' (known: \(KernelRegistry.all.map(\.name).joined(separator: ", ")))")
        }
        return handler
    }

    /// Fails if an option that only another op understands was given.
    static func reject(_ options: [(name: String, given: Bool)], for op: String) throws {
        if let o = options.first(where: \.given) { throw UsageFailure("\(o.name): not an option of \(op)") }
    }
}

struct SoftmaxAttentionCLI: KernelOpCLI {
    let op = "softmax-attention"

    func kernel(_ name: String?) throws -> any SoftmaxAttentionKernel {
        try name.map(KernelRegistry.softmaxAttention.kernel(named:)) ?? KernelRegistry.softmaxAttention.implementations[0]
    }

    func run(_ o: KernelsRun, _ x: RunInputs) throws -> (outputs: [(String, Tensor<Float>)], summary: String) {
        try KernelOps.reject([("feature-map", o.featureMap != nil), ("chunk", o.chunk != nil), ("s0", o.s0 != nil)], for: op)
        let impl = try kernel(o.kernel)
        let shape = try AttentionShape.infer(q: x.q.shape, k: x.k.shape, v: x.v.shape, window: o.window)
        if let reason = impl.unsupported(shape) { throw UsageFailure("kernel: \(impl.name) does not support \(shape): \(reason)") }
        if let d = x.dout, d.shape != x.q.shape { throw UsageFailure("dout: shape \(d.shape) differs from q's \(x.q.shape)") }
        let fwd = impl.forward(q: x.q, k: x.k, v: x.v, shape: shape, threads: o.threads)
        var outputs = [("o", fwd.o)]
        if let dout = x.dout {
            let g = impl.backward(q: x.q, k: x.k, v: x.v, output: fwd, dout: dout, shape: shape, threads: o.threads)
            outputs += [("dq", g.dq), ("dk", g.dk), ("dv", g.dv)]
        }
        return (outputs, "kernel \(impl.name), \(shape)")
    }
}

struct ResidualLinearAttentionCLI: KernelOpCLI {
    let op = "residual-linear-attention"

    /// The kernel named `name` with chunk size `chunk` (else its own), or with no name the one
    /// the dispatch picks for `shape` (at chunk size `chunk`, else `LinearAttentionShape.defaultChunkSize`).
    func kernel(_ name: String?, chunk: Int?, for shape: LinearAttentionShape) throws -> any ResidualLinearAttentionKernel {
        if let chunk, chunk < 1 { throw UsageFailure("chunk: must be ≥ 1, got \(chunk)") }
        let op = KernelRegistry.residualLinearAttention
        guard let name else { return op.dispatch(LinearAttentionCase(shape, chunkSize: chunk ?? LinearAttentionShape.defaultChunkSize)).kernel }
        var impl = try op.kernel(named: name)
        if let chunk { impl.chunkSize = chunk }
        return impl
    }

    func featureMap(_ name: String?) throws -> FeatureMap {
        guard let fm = FeatureMap(rawValue: name ?? FeatureMap.softmax2.rawValue) else {
            throw UsageFailure("feature-map: unknown feature map '\(name!)' (known: \(FeatureMap.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return fm
    }

    func run(_ o: KernelsRun, _ x: RunInputs) throws -> (outputs: [(String, Tensor<Float>)], summary: String) {
        guard let window = o.window else { throw UsageFailure("window: required for \(op) (−1: plain causal linear attention)") }
        let fm = try featureMap(o.featureMap)
        let shape = try LinearAttentionShape.infer(q: x.q.shape, k: x.k.shape, v: x.v.shape, window: window, featureMap: fm)
        let impl = try kernel(o.kernel, chunk: o.chunk, for: shape)
        if let reason = impl.unsupported(shape) { throw UsageFailure("kernel: \(impl.name) does not support \(shape): \(reason)") }
        let s0 = try o.s0.map { try readRank4($0, argument: "s0").0 }
        try shape.validateInputs(q: x.q, k: x.k, v: x.v, s0: s0, dout: x.dout)
        let fwd = impl.forward(q: x.q, k: x.k, v: x.v, s0: s0, shape: shape, threads: o.threads, keepForBackward: x.dout != nil)
        var outputs = [("o", fwd.o), ("sT", fwd.sT)]
        if let dout = x.dout {
            let g = impl.backward(q: x.q, k: x.k, v: x.v, s0: s0, dout: dout, residuals: fwd.residuals, shape: shape, threads: o.threads)
            outputs += [("dq", g.dq), ("dk", g.dk), ("dv", g.dv), ("ds0", g.ds0)]
        }
        let chunked = KernelRegistry.residualLinearAttention.capabilities(of: impl).contains(.chunks)
        return (outputs, "kernel \(impl.name), " + (chunked ? "chunk \(impl.chunkSize), " : "") + "\(shape)")
    }
}

/// Reads a float32/float64 `.npy` of rank 2–4 and lifts it to rank 4 `[B, H, T, D]`.
/// - Throws: `UsageFailure` naming `argument` for an unreadable file, a rank outside 2–4, or a
///   non-finite value (NaN or ±∞, with its index in the file's own shape). One policy for every op:
///   a NaN in k or v would be folded into a linear state for good, and in softmax attention it
///   makes every row that sees it NaN, so `kernels run` refuses such inputs rather than guess.
func readRank4(_ path: String, argument: String) throws -> (Tensor<Float>, Int) {
    let t: Tensor<Float>
    do { t = try Npy.read(path) } catch let e as NpyError { throw UsageFailure("\(argument): \(e)") }
    guard (2...4).contains(t.rank) else {
        throw UsageFailure("\(argument): \(path): expected shape [T, D], [H, T, D] or [B, H, T, D], got \(t.shape)")
    }
    if let i = t.scalars.firstIndex(where: { !$0.isFinite }) {
        // flat index → multi-index in the file's shape (row-major)
        var rest = i, index = [Int](repeating: 0, count: t.rank)
        for axis in stride(from: t.rank - 1, through: 0, by: -1) where t.shape[axis] > 0 {
            index[axis] = rest % t.shape[axis]; rest /= t.shape[axis]
        }
        let value = t.scalars[i].isNaN ? "nan" : (t.scalars[i] > 0 ? "inf" : "-inf")
        throw UsageFailure("\(argument): non-finite value \(value) at \(index) in \(path)")
    }
    return (t.reshaped(Array(repeating: 1, count: 4 - t.rank) + t.shape), t.rank)
}

/// Drops the leading unit axes added by `readRank4`.
func restoreRank(_ t: Tensor<Float>, rank: Int) -> Tensor<Float> { t.reshaped(Array(t.shape.suffix(rank))) }

/// Writes `name.npy` files into `dir` all or nothing: each goes to a temporary name first and
/// is renamed only when every file has been written.
func writeOutputs(_ outputs: [(String, Tensor<Float>)], to dir: String) throws {
    let fm = FileManager.default
    do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
        throw UsageFailure("out-dir: cannot create \(dir): \(error.localizedDescription)")
    }
    var temps: [(String, String)] = []
    do {
        for (name, tensor) in outputs {
            let tmp = "\(dir)/.\(name).npy.partial"
            try Npy.write(tensor, to: tmp)
            temps.append((tmp, "\(dir)/\(name).npy"))
        }
        for (tmp, final) in temps {
            _ = try? fm.removeItem(atPath: final)
            try fm.moveItem(atPath: tmp, toPath: final)
        }
    } catch {
        for (tmp, _) in temps { try? fm.removeItem(atPath: tmp) }
        throw UsageFailure("out-dir: \(error)")
    }
}

/// Plain-text table with right-aligned numeric columns.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            zip(r, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
                + rows.dropFirst().map(line)).joined(separator: "\n")
    }
}

/// An op of the registry with no entry of its own here: `kernels bench` times it on its check grid
/// (its descriptor's cases, `KernelOp.benchPlans`); `kernels run` needs the op's input flags and
/// refuses it.
struct DescriptorCLI: KernelOpCLI {
    let descriptor: any KernelOp
    var op: String { descriptor.name }

    func run(_ o: KernelsRun, _ x: RunInputs) throws -> (outputs: [(String, Tensor<Float>)], summary: String) {
        throw UsageFailure("op: \(op) takes no .npy inputs here; check it with `attnlab kernels check`, time it with `attnlab kernels bench --op \(op)`")
    }

    func benchCases(_ o: KernelsBench) throws -> [BenchCase] {
        try KernelOps.reject([("feature-map", o.featureMap != nil), ("chunk", o.chunk != nil)], for: op)
        guard o.mode == "fwd" || o.mode == "fwdbwd" else { throw UsageFailure("mode: must be fwd or fwdbwd, got '\(o.mode)'") }
        let plans: [(testCase: String, kernel: String, plan: KernelBenchPlan)]
        do { plans = try descriptor.benchPlans(kernelName: o.kernel, backward: o.mode == "fwdbwd", threads: o.threads) } catch { throw UsageFailure("\(error)") }
        guard !plans.isEmpty else { throw UsageFailure("op: \(op) has no FLOP count (KernelOp.flops): nothing to time") }
        return plans.map { p in
            var row = o.row(kernel: p.kernel, T: 0, Hkv: 0, W: nil)
            row.check_case = p.testCase
            (row.B, row.H, row.D) = (0, 0, 0)  // the case names its shape
            return BenchCase(row: row, plan: p.plan)
        }
    }
}
