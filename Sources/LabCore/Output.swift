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
