// NumPy `.npy` files (format versions 1.0, 2.0 and 3.0), float32 and float64, C order.
//
// Layout: the magic `\x93NUMPY`, two version bytes, a little-endian header length (2 bytes in
// v1, 4 in v2/v3), an ASCII Python-dict header such as
// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a newline
// to a multiple of 64 bytes, then the raw data. Anything else (another dtype, big-endian,
// Fortran order, a short file) is rejected with an `NpyError` that names the file and reason.
import Foundation

public struct NpyError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): \(reason)" }
}

/// The element type and shape an `.npy` header declares.
public struct NpyHeader: Equatable, Sendable {
    public enum DType: String, Sendable { case float32 = "<f4", float64 = "<f8" }
    public var dtype: DType
    public var shape: [Int]
}

public enum Npy {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// Encodes `tensor` as a version-1.0 `.npy` file.
    public static func encode<S: TensorScalar>(_ tensor: Tensor<S>) -> Data {
        let shapeText: String
        switch tensor.shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(tensor.shape[0]),)"
        default: shapeText = "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '\(S.npyDescriptor)', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = magic.count + 2 + 2 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data(magic)
        data.append(contentsOf: [1, 0])
        let len = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(len & 0xFF), UInt8(len >> 8)])
        data.append(contentsOf: Array(header.utf8))
        tensor.scalars.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// Writes `tensor` to `path` atomically (a temporary file renamed into place), so a failed
    /// write never leaves a partial file behind.
    public static func write<S: TensorScalar>(_ tensor: Tensor<S>, to path: String) throws {
        do {
            try encode(tensor).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw NpyError(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads `path`, converting float32 or float64 data to `S`.
    public static func read<S: TensorScalar>(_ path: String, as: S.Type = S.self) throws -> Tensor<S> {
        guard FileManager.default.fileExists(atPath: path) else {
            throw NpyError(path: path, reason: "no such file")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw NpyError(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try decode(data, path: path)
    }

    /// Decodes `.npy` bytes; `path` only labels errors.
    public static func decode<S: TensorScalar>(_ data: Data, path: String = "<data>", as: S.Type = S.self) throws -> Tensor<S> {
        let bytes = [UInt8](data)
        let (header, dataStart) = try parseHeader(bytes, path: path)
        let width = header.dtype == .float32 ? 4 : 8
        // count = Π shape and count·width, both checked for overflow: a shape such as
        // (1, 1, 4611686018427387905, 16) must not wrap to a small count that the data "matches".
        let needed = try dataBytes(shape: header.shape, width: width, path: path)
        let count = needed / width
        let available = bytes.count - dataStart
        guard available >= needed else {
            throw NpyError(path: path, reason: "truncated: shape \(header.shape) needs \(needed) data bytes, file has \(available)")
        }
        guard available == needed else {
            throw NpyError(path: path, reason: "\(available - needed) trailing bytes after the data of shape \(header.shape)")
        }
        var scalars = [S]()
        scalars.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress! + dataStart
            switch header.dtype {
            case .float32:
                for i in 0..<count {
                    scalars.append(S(Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))))
                }
            case .float64:
                for i in 0..<count {
                    scalars.append(S(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))))
                }
            }
        }
        return Tensor(shape: header.shape, scalars: scalars)
    }

    /// Bytes of data a `shape` of `width`-byte elements needs: width · Π shape.
    /// - Throws: `NpyError` if the product overflows `Int` (no file that large can exist).
    public static func dataBytes(shape: [Int], width: Int, path: String) throws -> Int {
        var total = width
        for n in shape {
            let (p, overflow) = total.multipliedReportingOverflow(by: n)
            guard !overflow else {
                throw NpyError(path: path, reason: "shape \(shape) has too many elements (element count × \(width) bytes overflows)")
            }
            total = p
        }
        return total
    }

    /// Parses the magic, version and header dict; returns the header and the data offset.
    public static func parseHeader(_ bytes: [UInt8], path: String) throws -> (NpyHeader, Int) {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw NpyError(path: path, reason: "not a .npy file (wrong magic; expected \\x93NUMPY)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw NpyError(path: path, reason: "truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw NpyError(path: path, reason: "unsupported .npy format version \(major).\(bytes[7])")
        }
        guard bytes.count >= headerStart + headerLength else {
            throw NpyError(path: path, reason: "truncated header (\(headerLength) bytes declared, \(bytes.count - headerStart) present)")
        }
        guard let text = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .utf8) else {
            throw NpyError(path: path, reason: "header is not text")
        }
        let descr = try field("descr", in: text, path: path)
        let fortran = try field("fortran_order", in: text, path: path)
        let shapeText = try field("shape", in: text, path: path)
        let quoted = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        guard let dtype = NpyHeader.DType(rawValue: quoted == "|f4" ? "<f4" : quoted) else {
            throw NpyError(path: path, reason: "unsupported dtype \(descr) (only little-endian float32 '<f4' and float64 '<f8')")
        }
        guard fortran == "False" else {
            throw NpyError(path: path, reason: "Fortran-order arrays are not supported (save with numpy.ascontiguousarray)")
        }
        let inner = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
        var shape: [Int] = []
        for part in inner.split(separator: ",") {
            let p = part.trimmingCharacters(in: .whitespaces)
            if p.isEmpty { continue }
            guard let n = Int(p), n >= 0 else { throw NpyError(path: path, reason: "bad shape \(shapeText)") }
            shape.append(n)
        }
        return (NpyHeader(dtype: dtype, shape: shape), headerStart + headerLength)
    }

    /// The raw text of `'key': value` in a header dict (value up to the next top-level comma).
    private static func field(_ key: String, in text: String, path: String) throws -> String {
        guard let r = text.range(of: "'\(key)':") else {
            throw NpyError(path: path, reason: "header has no '\(key)' field")
        }
        var depth = 0
        var value = ""
        for ch in text[r.upperBound...] {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1 }
            if (ch == "," && depth == 0) || ch == "}" { break }
            value.append(ch)
        }
        return value.trimmingCharacters(in: .whitespaces)
    }
}
