// Replicates as one number: mean, median, sample standard deviation, min..max and count. Seeds of
// accuracy runs: tables print `mean ± std (n)`, figures draw the mean with min..max error bars.
// Rounds of bench runs (`bench.repeats`): tables print `median [min–max] (n)`, figures draw the
// median with min..max bars, and a point whose spread (max − min)/median exceeds `spreadLimit` is
// flagged.
import Foundation
import LabCore

public struct ReportError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Summary of the replicates of one measurement.
public struct Stat: Hashable, Sendable {
    public var mean: Double
    /// The middle value (the mean of the two middle ones for an even n).
    public var median: Double
    /// Sample standard deviation (n − 1 in the denominator); 0 when n = 1.
    public var std: Double
    public var min: Double
    public var max: Double
    public var n: Int

    /// The summary of `values` (nil when empty).
    public static func of(_ values: [Double]) -> Stat? {
        guard !values.isEmpty else { return nil }
        let n = values.count
        let mean = values.reduce(0, +) / Double(n)
        let ss = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let std = n > 1 ? (ss / Double(n - 1)).squareRoot() : 0
        let sorted = values.sorted()
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        return Stat(mean: mean, median: median, std: std, min: sorted[0], max: sorted[n - 1], n: n)
    }

    /// The spread of repeated timings above which a point is flagged: 15 % of its median.
    public static let spreadLimit = 0.15

    /// (max − min) / median: how far apart the repeats of one measurement lie, relative to their
    /// median (0 for one value; +∞ for a zero median with distinct values).
    public var spread: Double {
        if max == min { return 0 }
        return median != 0 ? (max - min) / abs(median) : .infinity
    }

    /// Whether the repeats disagree by more than `spreadLimit`.
    public var spreadFlagged: Bool { spread > Stat.spreadLimit }

    /// `median [min–max] (n)` with the numbers written by `format`, `⚠ spread 23 %` appended
    /// past `spreadLimit`; one value (or n equal ones): `format(value)` alone.
    public func formattedMedian(_ format: (Double) -> String) -> String {
        guard n > 1, max != min else { return format(median) }
        return "\(format(median)) [\(format(min))–\(format(max))] (\(n))"
            + (spreadFlagged ? String(format: " ⚠ spread %.0f %%", spread * 100) : "")
    }

    /// `0.953 ± 0.012 (3)` with `digits` decimals; one replicate: `0.953 (1)`.
    public func formatted(digits: Int = 3) -> String {
        let f = "%.\(digits)f"
        return n > 1 ? "\(String(format: f, mean)) ± \(String(format: f, std)) (\(n))" : "\(String(format: f, mean)) (1)"
    }

    /// As `formatted`, with the numbers written by `format` (e.g. bytes as KiB).
    public func formatted(_ format: (Double) -> String) -> String {
        n > 1 ? "\(format(mean)) ± \(format(std)) (\(n))" : "\(format(mean)) (1)"
    }
}

enum Fmt {
    /// A number for a data file: shortest exact-enough form (`%.6g`), integers without a fraction.
    static func num(_ v: Double) -> String {
        if !v.isFinite { return "NaN" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(format: "%.6g", v)
    }

    /// Bytes for people: B, KiB, MiB, GiB (`formatBytes`).
    static func bytes(_ v: Double) -> String { formatBytes(v) }

    /// Tokens/s (or any rate) for people: 3 significant digits, no exponent below 1e9.
    static func rate(_ v: Double) -> String {
        if abs(v) >= 1000 { return String(format: "%.0f", v) }
        return String(format: "%.3g", v)
    }

    /// A token count with thousands separators: `16,384`.
    static func tokens(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A gnuplot double-quoted string literal.
    static func q(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A string as one column of a gnuplot data file (double-quoted, no inner double quotes).
    static func dq(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "'") + "\"" }

    /// `s` with everything but letters, digits, `.`, `_`, `-` and `=` replaced by `-` (file names).
    static func fileSafe(_ s: String) -> String {
        String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-=".contains($0)) ? $0 : "-" })
    }

    /// A Markdown table cell (pipes escaped).
    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

/// Compares strings as numbers when both are numbers, else as text (`8` < `16`, `a` < `b`).
func numericAwareLess(_ a: String, _ b: String) -> Bool {
    switch (Double(a), Double(b)) {
    case let (x?, y?): return x != y ? x < y : a < b
    case (_?, nil): return true
    case (nil, _?): return false
    default: return a < b
    }
}
