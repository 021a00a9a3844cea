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
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Ops and their implementations (reference last).")
    func run() {
        for (op, kernels) in KernelRegistry.ops {
            print("\(op): " + kernels.enumerated().map { i, k in i == kernels.count - 1 ? "\(k) (reference)" : k }
                .joined(separator: ", "))
        }
    }
}

struct KernelsCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Every implementation against its reference, forward and backward, over a grid of shapes.",
        discussion: "Prints max abs / rel errors per case and quantity; exit status 1 on any mismatch.")
    @Flag(help: "A smaller grid (seconds in a debug build).") var quick = false
    @Option(help: "Threads for the kernels under test.") var threads = 1
    @Flag(help: "Print every row, not only failures and a summary per kernel.") var verbose = false

    func run() throws {
        let rows = SoftmaxAttentionCheck.all(quick: quick, threads: threads)
        var table = [["op", "kernel", "case", "qty", "max abs err", "max rel err", "status"]]
        for r in rows where verbose || !r.passed {
            table.append([r.op, r.kernel, r.testCase, r.quantity,
                          r.skipped == nil ? String(format: "%.2e", r.maxAbsError) : "-",
                          r.skipped == nil ? String(format: "%.2e", r.maxRelError) : "-",
                          r.skipped.map { "skipped: \($0)" } ?? (r.passed ? "ok" : "MISMATCH")])
        }
        // one summary line per kernel: worst errors over its cases
        let byKernel = Dictionary(grouping: rows, by: { "\($0.op)/\($0.kernel)" })
        for key in byKernel.keys.sorted() {
            let rs = byKernel[key]!
            let ran = rs.filter { $0.skipped == nil }
            let cases = Set(rs.map(\.testCase)).count, skippedCases = Set(rs.filter { $0.skipped != nil }.map(\.testCase)).count
            let parts = key.split(separator: "/").map(String.init)
            table.append([parts[0], parts[1], "\(cases) cases (\(skippedCases) unsupported)", "all",
                          String(format: "%.2e", ran.map(\.maxAbsError).max() ?? 0),
                          String(format: "%.2e", ran.map(\.maxRelError).max() ?? 0),
                          rs.allSatisfy(\.passed) ? "ok (\(Tolerance.float32))" : "MISMATCH"])
        }
        print(TextTable.render(table))
        if !rows.allSatisfy(\.passed) { throw ExitCode(1) }
    }
}

struct KernelsRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one kernel on .npy inputs and write its outputs (o.npy; with --dout also dq.npy dk.npy dv.npy).",
        discussion: "Shapes [T, D], [H, T, D] or [B, H, T, D]; outputs keep the rank of q.")
    @Option(help: "The op.") var op = "softmax-attention"
    @Option(help: "Implementation name (see `attnlab kernels list`).") var kernel = "tiled-online-softmax"
    @Option(help: "Left window W (W+1 visible keys); omit for plain causal.") var window: Int?
    @Option(help: "Query .npy.") var q: String
    @Option(help: "Key .npy.") var k: String
    @Option(help: "Value .npy.") var v: String
    @Option(help: "Upstream gradient .npy (same shape as q); also writes dq, dk, dv.") var dout: String?
    @Option(help: "Directory for the outputs (created if missing).") var outDir: String
    @Option(help: "Threads.") var threads = 1

    func run() throws {
        try reportingErrors {
            guard op == "softmax-attention" else {
                throw UsageFailure("op: unknown op '\(op)' (known: \(KernelRegistry.ops.map(\.op).joined(separator: ", ")))")
            }
            let impl = try KernelRegistry.softmaxAttention(named: kernel)
            let (qt, qRank) = try readRank4(q, argument: "q")
            let (kt, _) = try readRank4(k, argument: "k")
            let (vt, _) = try readRank4(v, argument: "v")
            let shape = try AttentionShape.infer(q: qt.shape, k: kt.shape, v: vt.shape, window: window)
            if let reason = impl.unsupported(shape) { throw UsageFailure("kernel: \(kernel) does not support \(shape): \(reason)") }
            var outputs: [(String, Tensor<Float>)] = []
            let fwd = impl.forward(q: qt, k: kt, v: vt, shape: shape, threads: threads)
            outputs.append(("o", fwd.o))
            if let dout {
                let (gt, _) = try readRank4(dout, argument: "dout")
                guard gt.shape == qt.shape else { throw UsageFailure("dout: shape \(gt.shape) differs from q's \(qt.shape)") }
                let g = impl.backward(q: qt, k: kt, v: vt, output: fwd, dout: gt, shape: shape, threads: threads)
                outputs += [("dq", g.dq), ("dk", g.dk), ("dv", g.dv)]
            }
            try writeOutputs(outputs.map { ($0.0, restoreRank($0.1, rank: qRank)) }, to: outDir)
            print("wrote \(outputs.map { "\($0.0).npy" }.joined(separator: " ")) to \(outDir) (kernel \(impl.name), \(shape))")
        }
    }
}

/// Reads a float32/float64 `.npy` of rank 2–4 and lifts it to rank 4 `[B, H, T, D]`.
func readRank4(_ path: String, argument: String) throws -> (Tensor<Float>, Int) {
    let t: Tensor<Float>
    do { t = try Npy.read(path) } catch let e as NpyError { throw UsageFailure("\(argument): \(e)") }
    guard (2...4).contains(t.rank) else {
        throw UsageFailure("\(argument): \(path): expected shape [T, D], [H, T, D] or [B, H, T, D], got \(t.shape)")
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
