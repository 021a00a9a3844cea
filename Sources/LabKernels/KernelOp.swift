// What the lab knows about one kernel op, as data: its name, its implementations fastest first,
// its reference (named, not "the last one"), what it can do (backward, decode, chunks), the cases
// `attnlab kernels check` and the tests run, and how to run one implementation on one case.
// `KernelRegistry.all` lists one descriptor per op; `kernels list`, `kernels check`, the
// `--kernel OP=NAME` flag, `KernelChoice` and the registry tests loop over it, and the check
// skeleton here (`compare`, `checkAll`) is the one every op uses: a new op is its folder (kernels,
// descriptor, case and problem types) plus one line in `KernelRegistry.all`.
import LabCore

/// What an op or one of its implementations can do, as data (no name comparisons).
public struct KernelCapabilities: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The op has a backward pass; checks compare its gradients too.
    public static let backward = KernelCapabilities(rawValue: 1 << 0)
    /// The op advances one token against state held in place (KV cache, linear states).
    public static let decode = KernelCapabilities(rawValue: 1 << 1)
    /// The implementation works in chunks of `chunkSize` rows (its FLOP count and bench rows
    /// depend on the chunk size; a non-chunked one accepts and ignores it).
    public static let chunks = KernelCapabilities(rawValue: 1 << 2)

    public var description: String {
        [(Self.backward, "backward"), (Self.decode, "decode"), (Self.chunks, "chunks")]
            .filter { contains($0.0) }.map(\.1).joined(separator: ", ")
    }
}

/// One named output or gradient of a kernel run, compared against the reference's.
public typealias KernelQuantity = (name: String, value: Tensor<Float>)

/// One kernel op: its implementations, its reference and how to check one against the other.
///
/// `Kernel` is the op's implementation protocol as an existential (`any SoftmaxAttentionKernel`),
/// `Case` one check case (a shape plus what else the op needs: chunk size, ring offset, …),
/// `Problem` the seeded inputs of a case, shared by the kernel under test and the reference, and
/// `Saved` what the forward hands the backward (`Void` for ops without one).
public protocol KernelOp: Sendable {
    associatedtype Kernel: Sendable
    associatedtype Case: CustomStringConvertible & Sendable
    associatedtype Problem
    associatedtype Saved = Void

    /// The op name used everywhere (`--kernel OP=NAME`, check rows, bench rows), e.g. `"softmax-attention"`.
    var name: String { get }
    /// The implementations under test, fastest first (the dispatch tries them in this order).
    var fast: [Kernel] { get }
    /// The reference: supports every shape, single-threaded, what every other kernel is checked against.
    var reference: Kernel { get }
    /// What the op can do; `capabilities(of:)` adds per-implementation ones (`.chunks`).
    var capabilities: KernelCapabilities { get }

    /// The registry name of `kernel`, e.g. `"naive"`.
    func name(of kernel: Kernel) -> String
    /// `nil` if `kernel` (as `configured(_:for:)` returns it) handles `testCase`, else the reason.
    func unsupported(_ kernel: Kernel, on testCase: Case) -> String?
    /// `kernel` set up for `testCase` (e.g. its chunk size set to the case's); default: unchanged.
    func configured(_ kernel: Kernel, for testCase: Case) -> Kernel
    /// Per-implementation capabilities; default: the op's.
    func capabilities(of kernel: Kernel) -> KernelCapabilities
    /// Whether `kernel` is the one to run on `testCase` among those that handle it (the dispatch
    /// takes the first in `fast` that handles and prefers a case, else the first that handles
    /// it); default: true. A kernel that is faster only on part of the shapes it handles says so here.
    func prefers(_ kernel: Kernel, on testCase: Case) -> Bool

    /// The cases `attnlab kernels check` runs (`quick`: the smaller grid the debug-build tests run).
    /// Every op's grid covers the head dims of `KernelCheckGrid.headDims`.
    func checkCases(quick: Bool) -> [Case]
    /// The seeded inputs of `testCase` (standard normal from `SeededGenerator(seed:stream:)`).
    func problem(for testCase: Case, seed: UInt64) -> Problem
    /// Runs `kernel` forward on `problem`: the compared outputs in a fixed order, and what the
    /// backward needs; `keepForBackward` (a backward follows) lets a kernel keep more for it than a
    /// forward on its own would.
    func forward(_ kernel: Kernel, on problem: Problem, threads: Int, keepForBackward: Bool) -> (outputs: [KernelQuantity], saved: Saved)
    /// Runs `kernel` backward (called only when `capabilities` has `.backward`): the compared gradients.
    func backward(_ kernel: Kernel, on problem: Problem, saved: Saved, threads: Int) -> [KernelQuantity]

    /// FLOPs of one forward (with `backward`: forward and backward) of `kernel` on `testCase`, by
    /// the conventions of docs/conventions.md; nil (the default): `attnlab kernels bench` does
    /// not time this op.
    func flops(_ kernel: Kernel, on testCase: Case, backward: Bool) -> Double?
    /// The op's main product on `testCase` as a GEMM shape m×n×k (the same-process SGEMM ceiling
    /// `kernels bench` reports beside it); nil (the default): none.
    func mainProduct(of testCase: Case) -> (m: Int, n: Int, k: Int)?
}

/// What `attnlab kernels bench` times for one case (a bench shape is a `Case` of the op, built
/// from the bench's flags): the FLOPs of one timed call, the main product as a GEMM shape, and
/// `prepare`, which builds the seeded inputs (untimed) and returns the timed call, the same
/// forward (and backward) the check runs.
public struct KernelBenchPlan {
    public var flops: Double
    public var gemm: (m: Int, n: Int, k: Int)?
    public var prepare: () -> () -> Void
}

extension KernelOp {
    public func configured(_ kernel: Kernel, for testCase: Case) -> Kernel { kernel }
    public func capabilities(of kernel: Kernel) -> KernelCapabilities { capabilities }
    public func prefers(_ kernel: Kernel, on testCase: Case) -> Bool { true }
    public func backward(_ kernel: Kernel, on problem: Problem, saved: Saved, threads: Int) -> [KernelQuantity] { [] }
    public func flops(_ kernel: Kernel, on testCase: Case, backward: Bool) -> Double? { nil }
    public func mainProduct(of testCase: Case) -> (m: Int, n: Int, k: Int)? { nil }

    /// The bench of `kernel` (configured for `testCase`) on `testCase`: forward, and with
    /// `backward` (and the `.backward` capability) the backward too, on `threads` threads; nil if
    /// the op has no FLOP count.
    public func benchPlan(_ kernel: Kernel, on testCase: Case, backward: Bool, threads: Int) -> KernelBenchPlan? {
        let kernel = configured(kernel, for: testCase)
        guard let flops = flops(kernel, on: testCase, backward: backward) else { return nil }
        let backward = backward && capabilities.contains(.backward)
        return KernelBenchPlan(flops: flops, gemm: mainProduct(of: testCase)) {
            let p = problem(for: testCase, seed: 0)
            return {
                let (_, saved) = forward(kernel, on: p, threads: threads, keepForBackward: backward)
                if backward { _ = self.backward(kernel, on: p, saved: saved, threads: threads) }
            }
        }
    }

    /// The bench of `kernelName` (nil: the dispatch's pick for each case, cases only the
    /// reference handles left out) on every case of the op's full check grid that it handles:
    /// what `attnlab kernels bench --op OP` times for an op whose command-line entry gives no
    /// shape flags of its own. Empty when the op has no FLOP count.
    /// - Throws: `KernelInputError` for an unknown kernel name.
    public func benchPlans(kernelName: String?, backward: Bool, threads: Int) throws -> [(testCase: String, kernel: String, plan: KernelBenchPlan)] {
        let named = try kernelName.map { try self.kernel(named: $0) }
        return checkCases(quick: false).compactMap { c in
            let k = named.map { configured($0, for: c) } ?? dispatch(c).kernel
            // with no name, a case no fast kernel handles is left out (the dispatch would time the reference)
            guard named != nil || name(of: k) != referenceName, unsupported(k, on: c) == nil, let plan = benchPlan(k, on: c, backward: backward, threads: threads) else { return nil }
            return (c.description, name(of: k), plan)
        }
    }

    /// Every implementation, fastest first, the reference at the end (the `kernels list` order).
    public var implementations: [Kernel] { fast + [reference] }
    /// The names of `fast`, in that order.
    public var fastNames: [String] { fast.map(name(of:)) }
    /// The names of `implementations`, in that order.
    public var implementationNames: [String] { fastNames + [referenceName] }
    /// The name of the reference.
    public var referenceName: String { name(of: reference) }

    /// The implementation called `kernelName`.
    /// - Throws: `KernelInputError` (argument `kernel`) naming the op's known kernels.
    public func kernel(named kernelName: String) throws -> Kernel {
        guard let k = implementations.first(where: { name(of: $0) == kernelName }) else {
            throw KernelInputError(argument: "kernel", reason: "unknown \(name) kernel '\(kernelName)' (known: \(implementationNames.joined(separator: ", ")))")
        }
        return k
    }

    /// The check skeleton every op shares: `kernel` (configured for `testCase`) and the reference
    /// on the same seeded problem, forward outputs and (with `.backward`) gradients, one row per
    /// quantity; one `skipped` row if the kernel declines the case. The reference runs on 1 thread.
    public func compare(_ kernel: Kernel, on testCase: Case, threads: Int = 1, seed: UInt64 = 0) -> [CheckRow] {
        let kernel = configured(kernel, for: testCase), kernelName = name(of: kernel)
        if let reason = unsupported(kernel, on: testCase) {
            return [CheckRow(op: name, kernel: kernelName, testCase: testCase.description, skipped: reason)]
        }
        let p = problem(for: testCase, seed: seed)
        let ref = configured(reference, for: testCase)
        func run(_ k: Kernel, threads: Int) -> [KernelQuantity] {
            let withBackward = capabilities.contains(.backward)
            let (outputs, saved) = forward(k, on: p, threads: threads, keepForBackward: withBackward)
            return outputs + (withBackward ? backward(k, on: p, saved: saved, threads: threads) : [])
        }
        let want = run(ref, threads: 1), got = run(kernel, threads: threads)
        precondition(want.map(\.name) == got.map(\.name), "\(name): quantities differ between kernel and reference")
        return zip(got, want).map { g, r in
            CheckRow(op: name, kernel: kernelName, testCase: testCase.description, quantity: g.name,
                     value: g.value, reference: r.value, tolerance: .float32)
        }
    }

    /// Every fast implementation over the grid (what `attnlab kernels check` prints).
    public func checkAll(quick: Bool, threads: Int = 1) -> [CheckRow] {
        let cases = checkCases(quick: quick)
        return fast.flatMap { kernel in cases.flatMap { compare(kernel, on: $0, threads: threads) } }
    }

    /// The descriptions of the check cases, in grid order (what the check rows' `testCase` holds).
    public func checkCaseLabels(quick: Bool) -> [String] { checkCases(quick: quick).map(\.description) }

    /// Every fast implementation on the `index`-th case of the quick grid, at 1 and 2 threads
    /// (what the registry tests assert passes, one test argument per case).
    public func checkQuickCase(_ index: Int) -> [CheckRow] {
        let testCase = checkCases(quick: true)[index]
        return fast.flatMap { kernel in [1, 2].flatMap { compare(kernel, on: testCase, threads: $0) } }
    }

    /// The first implementation in `fast` that handles and prefers `testCase` (configured for
    /// it), else the first that handles it, else the reference; and the reasons the ones that
    /// declined it gave.
    public func dispatch(_ testCase: Case) -> (kernel: Kernel, skipped: [(name: String, reason: String)]) {
        var skipped: [(name: String, reason: String)] = [], handling: [Kernel] = []
        for k in fast {
            let k = configured(k, for: testCase)
            if let reason = unsupported(k, on: testCase) { skipped.append((name(of: k), reason)) } else { handling.append(k) }
        }
        // the reference handles every case
        return (handling.first { prefers($0, on: testCase) } ?? handling.first ?? configured(reference, for: testCase), skipped)
    }
}

/// The head dimensions every kernel is checked at, beyond the grids' own: multiples of 8 and of
/// 16 that published models use (24, 40, 72, 80, 96, 112) and the ends (8, 128, 256).
public enum KernelCheckGrid {
    public static let headDims = [8, 24, 40, 72, 80, 96, 112, 128, 256]
}
