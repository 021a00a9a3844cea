// `attnlab variants pattern` end to end: the per-layer table of a KV-sharing pattern (0-based
// layers, producer column, bytes at T, total vs unshared), and a bad pattern rejected with one
// line naming the layer and exit status 2.
import Foundation
import Testing

@Suite struct VariantsPatternTests {
    /// AFM 5:3 at 8 layers, C 32, H 4, Hkv 2, D 16: 2·2·16·4 = 256 bytes a token and layer;
    /// layers 0…4 hold 256·1000 each, 5…7 nothing; total 5·256 000 vs 8·256 000 unshared.
    @Test func afmTableCountsTheSharedCacheOnce() throws {
        let (status, out, err) = try attnlab(["variants", "pattern", "--pattern", #"{layers: [{kind: full}], kv_share: {ratio: "5:3"}}"#,
                                              "--layers", "8", "--model-dim", "32", "--heads", "4", "--kv-heads", "2", "--head-dim", "16", "--T", "1000"])
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let rows = lines.filter { Int($0.first ?? "") != nil }
        #expect(rows.count == 8)
        for r in rows {
            let i = Int(r[0])!
            #expect(r[1] == "full" && r[2] == "-")
            #expect(r[3] == (i < 5 ? "own" : "4"), "layer \(i): \(r)")
            #expect(r[4] == (i < 5 ? "256000" : "0"), "layer \(i): \(r)")
        }
        #expect(lines.contains(["total", "1280000"]), "\(out)")
        #expect(lines.contains(["unshared", "total", "2048000"]), "\(out)")
        #expect(lines.contains(["saved", "by", "sharing", "37.5", "%"]), "\(out)")
    }

    @Test func unsoundPairingIsOneLineExitTwo() throws {
        let (status, out, err) = try attnlab(["variants", "pattern", "--pattern",
                                              "[{kind: sliding_window, window: 2}, {kind: full, kv_from: 0}]", "--layers", "2"])
        #expect(status == 2)
        #expect(out.isEmpty)
        #expect(err.split(separator: "\n").count == 1)
        #expect(err.contains("layer 1 (0-based; full) cannot read the keys and values of layer 0"), "\(err)")
    }
}
