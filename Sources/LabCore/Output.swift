// Writing to stdout, stderr and logs without dying: Foundation's `FileHandle.write(_:)` traps on
// any error (ENOSPC on a full disk, EPIPE on a closed pipe), which would kill a run mid-write.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileHandle {
    /// Writes `text`, ignoring failures (a full disk or a closed pipe must not kill the process:
    /// Foundation's `write(_:)` traps on any error).
    public func writeIgnoringErrors(_ text: String) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { Glibc.write(fileDescriptor, $0.baseAddress, $0.count) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
            written += n
        }
    }
}

/// An error in one line without framework text: a Foundation file error becomes
/// `<path>: <strerror text>` (e.g. `out/log.txt: No space left on device`); any other error its
/// own description.
public func describeError(_ error: Error) -> String {
    let ns = error as NSError
    guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return "\(error)" }
    var code: Int32? = ns.domain == NSPOSIXErrorDomain ? Int32(ns.code) : nil
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        code = Int32(underlying.code)
    }
    let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
    let cocoa: [Int: String] = [
        CocoaError.fileNoSuchFile.rawValue: "no such file or folder", CocoaError.fileReadNoSuchFile.rawValue: "no such file or folder",
        CocoaError.fileReadNoPermission.rawValue: "permission denied", CocoaError.fileWriteNoPermission.rawValue: "permission denied",
        CocoaError.fileWriteOutOfSpace.rawValue: "no space left on device", CocoaError.fileWriteVolumeReadOnly.rawValue: "read-only file system",
        CocoaError.fileWriteFileExists.rawValue: "already exists", CocoaError.fileReadCorruptFile.rawValue: "unreadable (corrupt)",
        CocoaError.fileWriteUnknown.rawValue: "cannot write", CocoaError.fileReadUnknown.rawValue: "cannot read",
    ]
    let why = code.map { String(cString: strerror($0)) } ?? cocoa[ns.code] ?? "file system error \(ns.code)"
    return (path.map { "\($0): " } ?? "") + why
}

/// A readable one-line description of a decoding error: the key path and the reason.
public func describe(_ error: Error) -> String {
    func path(_ p: [CodingKey]) -> String {
        p.isEmpty ? "(top level)" : p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error as? DecodingError {
    case .dataCorrupted(let c)?: return "\(path(c.codingPath)): \(decodingReason(error as! DecodingError))"
    case .keyNotFound(let k, let c)?: return "\(path(c.codingPath + [k])): required key is missing"
    case .typeMismatch(_, let c)?: return "\(path(c.codingPath)): \(decodingReason(error as! DecodingError))"
    case .valueNotFound(_, let c)?: return "\(path(c.codingPath)): \(decodingReason(error as! DecodingError))"
    default: return "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// Why a decoding error happened, in words (no framework text such as "Expected to decode" or
/// "Cannot initialize X from invalid String value").
public func decodingReason(_ e: DecodingError) -> String {
    func name(_ t: Any.Type) -> String {
        switch "\(t)" {
        case "Int", "UInt64", "Int64": return "an integer"
        case "Double", "Float": return "a number"
        case "String": return "a string"
        case "Bool": return "true or false"
        case let s where s.hasPrefix("Array"): return "a list"
        case let s where s.hasPrefix("Dictionary") || s.hasPrefix("KeyedDecodingContainer"): return "a mapping"
        default: return "a value of type \(t)"
        }
    }
    switch e {
    case .dataCorrupted(let c):
        let d = c.debugDescription
        if d.hasPrefix("Cannot initialize ") || d.hasPrefix("The given data was not valid") { return "invalid value" }
        if d.contains("does not fit") || d.contains("Parsed JSON number") { return "the number does not fit (integer out of range)" }
        return d
    case .keyNotFound: return "required key is missing"
    case .typeMismatch(let t, let c):
        if c.debugDescription.contains("does not fit") || c.debugDescription.contains("overflow") {
            return "the number does not fit (integer out of range)"
        }
        return "expected \(name(t))"
    case .valueNotFound(let t, _): return "expected \(name(t)), found null"
    @unknown default: return "invalid value"
    }
}

/// Bytes for people: `512 B`, `16.0 KiB`, `256 MiB`, `1.5 GiB` (powers of 1024; three significant
/// digits at most).
public func formatBytes(_ v: Double) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var x = v, i = 0
    while abs(x) >= 1024, i < units.count - 1 { x /= 1024; i += 1 }
    return i == 0 ? "\(Int(x.rounded())) B" : String(format: x >= 100 ? "%.0f %@" : "%.1f %@", x, units[i])
}

/// fsync of a file or folder by path, best effort (a folder's fsync makes a rename in it durable).
public func fsyncPath(_ path: String) {
    let fd = open(path.isEmpty ? "." : path, O_RDONLY)
    if fd >= 0 { fsync(fd); close(fd) }
}
