// The `attnlab kernels run` command end to end: the binary built beside this test bundle, real
// .npy files, outputs compared with the in-process reference, and bad input rejected with one
// line, exit status 2 and no partial output.
import Foundation
import Testing
import LabCore
import LabKernels
import LabTestSupport

/// Runs the attnlab binary next to the test bundle; returns (status, stdout, stderr).
func attnlab(_ arguments: [String]) throws -> (Int32, String, String) {
    let r = try runAttnlab(arguments)
    return (r.status ?? -1, r.stdout, r.stderr)
}

struct CLITestError: Error { let message: String }

func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attnlab-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct KernelsRunTests {
    /// [H, T, D] inputs (rank 3), window 5, with dout: o, dq, dk, dv match the reference.
    @Test func writesOutputsThatMatchTheReference() throws {
        let dir = try temporaryDirectory()
        let shape = AttentionShape(H: 2, T: 37, D: 16, window: 5)
        let p = SoftmaxAttentionProblem(shape, seed: 3)
        for (name, t) in [("q", p.q), ("k", p.k), ("v", p.v), ("do", p.dout)] {
            try Npy.write(t.reshaped([2, 37, 16]), to: "\(dir)/\(name).npy")
        }
        let (status, _, stderr) = try attnlab(["kernels", "run", "--kernel", "tiled-online-softmax", "--window", "5",
                                               "--q", "\(dir)/q.npy", "--k", "\(dir)/k.npy", "--v", "\(dir)/v.npy",
                                               "--dout", "\(dir)/do.npy", "--out-dir", "\(dir)/out"])
        #expect(status == 0, "\(stderr)")
        let ref = NaiveSoftmaxAttentionKernel()
        let o = ref.forward(q: p.q, k: p.k, v: p.v, shape: shape, threads: 1)
        let g = ref.backward(q: p.q, k: p.k, v: p.v, output: o, dout: p.dout, shape: shape, threads: 1)
        for (name, expected) in [("o", o.o), ("dq", g.dq), ("dk", g.dk), ("dv", g.dv)] {
            let got: Tensor<Float> = try Npy.read("\(dir)/out/\(name).npy")
            #expect(got.shape == [2, 37, 16], "\(name) keeps the input rank")
            #expect(got.reshaped(expected.shape).maxAbsDifference(expected) < 1e-4, "\(name)")
        }
    }

    /// Each bad input: exit 2, one line naming the argument, nothing written.
    @Test func badInputIsOneLineExitTwoAndNoOutput() throws {
        let dir = try temporaryDirectory()
        var rng = SeededGenerator(seed: 1)
        try Npy.write(Tensor<Float>(randomNormal: [4, 16], rng: &rng), to: "\(dir)/a.npy")
        try Npy.write(Tensor<Float>(randomNormal: [4, 32], rng: &rng), to: "\(dir)/wide.npy")
        try Npy.write(Tensor<Float>(randomNormal: [2, 3, 4, 5, 16], rng: &rng), to: "\(dir)/rank5.npy")
        try Data("not an npy file at all".utf8).write(to: URL(fileURLWithPath: "\(dir)/corrupt.npy"))
        var poisoned = Tensor<Float>(randomNormal: [4, 16], rng: &rng)
        poisoned.scalars[3 * 16] = .nan
        try Npy.write(poisoned, to: "\(dir)/nan.npy")
        let a = "\(dir)/a.npy"
        let cases: [([String], String)] = [
            (["--q", "\(dir)/missing.npy", "--k", a, "--v", a], "q:"),
            (["--q", a, "--k", "\(dir)/wide.npy", "--v", "\(dir)/wide.npy"], "k: head dim"),
            (["--q", a, "--k", a, "--v", "\(dir)/wide.npy"], "v:"),
            (["--q", a, "--k", a, "--v", a, "--window=-1"], "window: must be ≥ 0"),
            (["--q", a, "--k", a, "--v", a, "--kernel", "flash9"], "unknown softmax-attention kernel 'flash9'"),
            (["--q", a, "--k", a, "--v", a, "--op", "conv"], "op: unknown op 'conv'"),
            (["--q", "\(dir)/corrupt.npy", "--k", a, "--v", a], "wrong magic"),
            (["--q", "\(dir)/rank5.npy", "--k", a, "--v", a], "expected shape"),
            (["--q", a, "--k", a, "--v", a, "--dout", "\(dir)/wide.npy"], "dout:"),
            (["--q", a, "--k", a, "--v", "\(dir)/nan.npy"], "v: non-finite value nan at [3, 0]"),
            (["--q", a, "--k", "\(dir)/nan.npy", "--v", a, "--op", "residual-linear-attention", "--window", "1"], "k: non-finite value nan at [3, 0]"),
        ]
        for (arguments, fragment) in cases {
            let out = "\(dir)/out-\(UUID().uuidString)"
            let (status, _, stderr) = try attnlab(["kernels", "run"] + arguments + ["--out-dir", out])
            #expect(status == 2, "\(arguments): status \(status), stderr \(stderr)")
            let lines = stderr.split(separator: "\n")
            #expect(lines.count == 1 && stderr.hasPrefix("attnlab: ") && stderr.contains(fragment),
                    "\(arguments): stderr was \(stderr)")
            let written = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            #expect(written.isEmpty, "\(arguments) left \(written)")
        }
    }

    @Test func listNamesEveryRegisteredKernel() throws {
        let (status, stdout, _) = try attnlab(["kernels", "list"])
        #expect(status == 0)
        for (op, kernels) in KernelRegistry.ops {
            #expect(stdout.contains(op))
            for k in kernels { #expect(stdout.contains(k)) }
        }
    }
}
