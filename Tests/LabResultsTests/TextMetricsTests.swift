// The language-model metric names and position buckets (TextMetrics).
import Testing
import Foundation
import LabResults

@Suite struct TextMetricsTests {
    @Test func bucketsCoverEveryPositionOnce() {
        #expect(TextMetrics.buckets(length: 64) == [0 ..< 64])
        #expect(TextMetrics.buckets(length: 256) == [0 ..< 64, 64 ..< 256])
        #expect(TextMetrics.buckets(length: 1000) == [0 ..< 64, 64 ..< 256, 256 ..< 1000])
        #expect(TextMetrics.buckets(length: 4096) == [0 ..< 64, 64 ..< 256, 256 ..< 1024, 1024 ..< 4096])
        #expect(TextMetrics.buckets(length: 5000).last == 4096 ..< 5000)
        for L in [1, 2, 63, 64, 65, 300, 4097] {
            let b = TextMetrics.buckets(length: L)
            #expect(b.first?.lowerBound == 0 && b.last?.upperBound == L)
            #expect(zip(b, b.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
    }

    @Test func bucketNamesRoundTrip() {
        #expect(TextMetrics.positionName(256 ..< 1024) == "position_bpb_256_1024")
        #expect(TextMetrics.bucket(named: "position_bpb_256_1024") == 256 ..< 1024)
        #expect(TextMetrics.bucket(named: "bpb") == nil && TextMetrics.bucket(named: "position_bpb_9_3") == nil)
        #expect(TextMetrics.bits(nats: 256.0.logNatural) == 8)
    }
}

private extension Double { var logNatural: Double { Foundation.log(self) } }
