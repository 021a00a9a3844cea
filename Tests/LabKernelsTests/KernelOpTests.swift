// Registry-driven tests over `KernelRegistry.all`: every fast implementation of every op matches
// its op's reference on every case of the quick check grid (forward, and backward where the op
// has one), at 1 and 2 threads. A new op or implementation is tested here with no new test code.
import Testing
import LabCore
@testable import LabKernels

/// One test argument: an op and the index of one case of its quick grid.
struct OpCase: Sendable, CustomTestStringConvertible {
    var op: String, index: Int, label: String
    var testDescription: String { "\(op) #\(index) \(label)" }
}

let registryOpCases: [OpCase] = KernelRegistry.all.flatMap { op in
    op.checkCaseLabels(quick: true).enumerated().map { OpCase(op: op.name, index: $0.offset, label: $0.element) }
}

@Suite struct KernelOpRegistryTests {
    @Test(arguments: registryOpCases)
    func everyKernelMatchesReference(_ c: OpCase) throws {
        for row in try KernelRegistry.op(named: c.op).checkQuickCase(c.index) {
            #expect(row.passed, "\(row.op) \(row.kernel) \(row.testCase) \(row.quantity): max abs err \(row.maxAbsError)")
        }
    }

    @Test func everyOpIsWellFormed() {
        let names = KernelRegistry.all.map(\.name)
        #expect(Set(names).count == names.count, "op names repeat: \(names)")
        for op in KernelRegistry.all {
            let kernels = op.implementationNames
            #expect(Set(kernels).count == kernels.count, "\(op.name): kernel names repeat: \(kernels)")
            #expect(kernels.last == op.referenceName)
            #expect(!op.checkCaseLabels(quick: true).isEmpty, "\(op.name): no check cases")
            let parts = Set(op.checkCaseLabels(quick: false).flatMap { $0.split(separator: "_").map(String.init) })
            for D in KernelCheckGrid.headDims { #expect(parts.contains("D\(D)"), "\(op.name): no check case at D=\(D)") }
        }
    }
}
