import Foundation
import Testing
@testable import LabCore

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameStream() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    /// Pinned values: a change to the generator (and so to every generated data set) shows here.
    @Test func pinnedFirstValues() {
        var g = SeededGenerator(seed: 0)
        #expect([g.next(), g.next(), g.next()] == SeededGeneratorTests.pinned)
    }
    static let pinned: [UInt64] = [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0]

    @Test func streamsDiffer() {
        var a = SeededGenerator(seed: 7, stream: "train"), b = SeededGenerator(seed: 7, stream: "test")
        #expect((0..<8).map { _ in a.next() } != (0..<8).map { _ in b.next() })
    }

    @Test func intRangeIsInBoundsAndCoversIt() {
        var g = SeededGenerator(seed: 3)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let x = g.nextInt(in: -3..<4)
            #expect((-3..<4).contains(x))
            seen.insert(x)
        }
        #expect(seen.count == 7)
    }

    @Test func normalMomentsAreStandard() {
        var g = SeededGenerator(seed: 11)
        let xs = (0..<20000).map { _ in g.nextNormal() }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }
}

@Suite struct TensorTests {
    @Test func subscriptIsRowMajor() {
        let t = Tensor<Float>(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        #expect(t[1, 0] == 3)
        #expect(t[0, 2] == 2)
        #expect(t.strides == [3, 1])
    }

    @Test func maxAbsDifferenceFlagsShapeAndNaN() {
        let a = Tensor<Float>(shape: [2], scalars: [1, 2])
        #expect(a.maxAbsDifference(Tensor(shape: [2], scalars: [1, 2.5])) == 0.5)
        #expect(a.maxAbsDifference(Tensor(shape: [1, 2], scalars: [1, 2])) == .infinity)
        #expect(a.maxAbsDifference(Tensor(shape: [2], scalars: [.nan, 2])).isNaN)
    }
}

@Suite struct NpyTests {
    func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("attnlab-npy-\(UUID().uuidString)-\(name)").path
    }

    @Test func roundTripsFloatAndDouble() throws {
        var rng = SeededGenerator(seed: 1)
        let f = Tensor<Float>(randomNormal: [2, 3, 5], rng: &rng)
        let d = Tensor<Double>(randomNormal: [4, 1], rng: &rng)
        let pf = tempPath("f.npy"), pd = tempPath("d.npy")
        try Npy.write(f, to: pf)
        try Npy.write(d, to: pd)
        #expect(try Npy.read(pf, as: Float.self) == f)
        #expect(try Npy.read(pd, as: Double.self) == d)
        // header + padding is a multiple of 64 bytes, as numpy requires
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pf))
        #expect((bytes.count - f.count * 4) % 64 == 0)
    }

    @Test func scalarAndEmptyShapes() throws {
        let s = Tensor<Float>(shape: [], scalars: [3])
        #expect(try Npy.decode(Npy.encode(s), as: Float.self) == s)
        let e = Tensor<Float>(shape: [0, 4], scalars: [])
        #expect(try Npy.decode(Npy.encode(e), as: Float.self) == e)
    }

    /// A shape whose element count (or count × 4 bytes) overflows Int is an error naming the shape,
    /// not a wrapped count that 64 bytes of data would "match" (it used to reach the GEMM).
    @Test(arguments: ["(1, 1, 4611686018427387905, 16)", "(4294967296, 4294967296)", "(2305843009213693952,)"])
    func shapeWhoseSizeOverflowsIsRejected(shape: String) {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        header += String(repeating: " ", count: 128 - 10 - header.utf8.count - 1) + "\n"
        let data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0]) + Data(header.utf8) + Data(count: 64)
        do {
            let t: Tensor<Float> = try Npy.decode(data, path: "x.npy")
            Issue.record("accepted shape \(t.shape)")
        } catch {
            #expect("\(error)".contains("too many elements"), "\(error)")
        }
    }

    /// Bytes exactly as `numpy.save` writes `np.arange(6, dtype='<f8').reshape(2, 3)`.
    @Test func readsNumpyWrittenBytes() throws {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
        header += String(repeating: " ", count: 128 - 10 - header.count - 1) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count), 0])
        data.append(contentsOf: Array(header.utf8))
        for i in 0..<6 { withUnsafeBytes(of: Double(i).bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        let t = try Npy.decode(data, as: Float.self)
        #expect(t.shape == [2, 3])
        #expect(t.scalars == [0, 1, 2, 3, 4, 5])
    }

    func expectRejects(_ data: Data, containing fragment: String) {
        do {
            _ = try Npy.decode(data, path: "x.npy", as: Float.self)
            Issue.record("accepted a bad file; expected an error containing '\(fragment)'")
        } catch let e as NpyError {
            #expect(e.path == "x.npy")
            #expect(e.reason.contains(fragment), "reason was: \(e.reason)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func rejectsBadFiles() {
        let good = Npy.encode(Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3, 4]))
        var badMagic = good; badMagic[1] = 0x41
        expectRejects(badMagic, containing: "wrong magic")
        expectRejects(good.prefix(good.count - 3), containing: "truncated")
        expectRejects(good.prefix(20), containing: "truncated header")
        // same-length substitutions in the 118-byte header text keep its declared size valid
        func editingHeader(_ from: String, _ to: String) -> Data {
            let header = String(decoding: good.dropFirst(10).prefix(118), as: UTF8.self)
            return Data(good.prefix(10)) + Data(header.replacingOccurrences(of: from, with: to).utf8) + good.dropFirst(128)
        }
        expectRejects(editingHeader("False", "True "), containing: "Fortran")
        expectRejects(editingHeader("<f4", "<i4"), containing: "unsupported dtype")
        expectRejects(editingHeader("<f4", ">f4"), containing: "unsupported dtype")
        #expect(throws: NpyError.self) { try Npy.read("/nonexistent/attnlab.npy", as: Float.self) }
    }
}
