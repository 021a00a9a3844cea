// The metric names of the byte-level language-model tasks (`lm_*`), defined once: the harness
// writes them, the report reads them (docs/tasks.md, "Metrics of the language-model tasks").
//
//   bpb                      test split, at each eval length: mean next-byte loss in bits
//                            (= loss / ln 2) over every predicted byte of the evaluated windows
//   position_bpb_<lo>_<hi>   the same, only at window positions p with lo ≤ p < hi
//                            (buckets [0, 64), [64, 256), [256, 1024), [1024, 4096), … ×4; the last
//                            one is cut at the eval length)
//   val_bpb, best_val_bpb    validation split, at the training length: the last and the lowest
//                            validation (the plateau stop rule reads these)
//   unigram_bpb              test split: a unigram byte model fitted on the train split (add-one
//                            smoothing) scored on every test byte; the level a model that ignores
//                            its context reaches
import Foundation

public enum TextMetrics {
    /// Test bits per byte at an eval length.
    public static let bpb = "bpb"
    /// The last validation's bits per byte (validation split, training length).
    public static let validationBPB = "val_bpb"
    /// The lowest validation bits per byte.
    public static let bestValidationBPB = "best_val_bpb"
    /// A unigram byte model's bits per byte on the test split.
    public static let unigramBPB = "unigram_bpb"
    /// The prefix of the position-bucket metrics.
    public static let positionPrefix = "position_bpb_"
    /// The unit of every metric above.
    public static let unit = "bits/byte"

    /// nats → bits.
    public static func bits(nats: Double) -> Double { nats / M_LN2 }

    /// The position buckets that cover positions `0 ..< length`: [0, 64), [64, 256), [256, 1024),
    /// …, each upper bound 4× the last, the last bucket cut at `length`. `length` ≥ 1.
    public static func buckets(length: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var lo = 0, hi = 64
        while lo < length {
            out.append(lo ..< min(hi, length))
            lo = hi; hi *= 4
        }
        return out
    }

    /// `position_bpb_<lo>_<hi>`.
    public static func positionName(_ bucket: Range<Int>) -> String {
        "\(positionPrefix)\(bucket.lowerBound)_\(bucket.upperBound)"
    }

    /// The bucket a `position_bpb_<lo>_<hi>` name stands for (nil for any other name).
    public static func bucket(named name: String) -> Range<Int>? {
        guard name.hasPrefix(positionPrefix) else { return nil }
        let parts = name.dropFirst(positionPrefix.count).split(separator: "_")
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo < hi else { return nil }
        return lo ..< hi
    }
}
