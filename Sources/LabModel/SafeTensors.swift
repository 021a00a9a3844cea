// The safetensors format (huggingface/safetensors), so PyTorch and numpy users can open our
// checkpoints:  [8-byte little-endian header length N][N bytes of JSON header][raw data]
//   header: {"__metadata__": {string: string}, "<name>": {"dtype": "F32", "shape": [...],
//            "data_offsets": [begin, end]}, ...}   offsets relative to the data start.
// We write F32 little-endian in the given order, pad the header with spaces to a multiple of 8,
// and write atomically (temporary file, fsync, rename, fsync of the folder).
import Foundation
import LabAttention
import LabCore

public enum SafeTensors {
    /// Writes `tensors` (in order) with `metadata` to `path`, atomically.
    public static func write(_ tensors: [(name: String, tensor: Tensor<Float>)], metadata: [String: String], to path: String) throws {
        var header = "{\"__metadata__\":" + jsonObject(metadata)
        var offset = 0
        for (name, t) in tensors {
            let bytes = t.count * 4
            header += ",\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}"
            offset += bytes
        }
        header += "}"
        while (header.utf8.count % 8) != 0 { header += " " }
        var data = Data(capacity: 8 + header.utf8.count + offset)
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array(header.utf8))
        for (_, t) in tensors {
            t.scalars.withUnsafeBufferPointer { p in
                for x in p { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            }
        }
        try atomicWrite(data, to: path)
    }

    /// What a file holds: tensors by name (in file order) and the metadata.
    public struct Contents {
        public var names: [String]
        public var tensors: [String: Tensor<Float>]
        public var metadata: [String: String]
    }

    /// Reads a safetensors file of F32 tensors.
    /// - Throws: `ModelError` naming the file (and the tensor) for anything malformed: a header
    ///   length beyond the file, a header that is not a JSON object, a dtype other than F32, a
    ///   negative dimension or one whose element count (× 4 bytes) overflows, data_offsets that
    ///   are not [begin, end] with 0 ≤ begin ≤ end ≤ the data length, end − begin ≠ 4 · Π shape,
    ///   two tensors whose bytes overlap, or a non-finite value (NaN or ±∞, with its index): a NaN
    ///   weight would make every output NaN and `generate` print token 0 forever.
    public static func read(path: String) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError("\(path): cannot read") }
        guard data.count >= 8 else { throw ModelError("\(path): truncated (\(data.count) bytes, no header length)") }
        let n = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | (UInt64($1.element) << (8 * UInt64($1.offset))) }
        guard n <= UInt64(data.count - 8) else {
            throw ModelError("\(path): truncated (header of \(n) bytes, file holds \(data.count - 8) after the length)")
        }
        let headerData = data.subdata(in: 8..<(8 + Int(n)))
        guard let obj = try? JSONSerialization.jsonObject(with: headerData), let header = obj as? [String: Any] else {
            throw ModelError("\(path): header is not a JSON object")
        }
        let dataStart = 8 + Int(n), available = data.count - dataStart
        var entries: [(name: String, begin: Int, end: Int, shape: [Int])] = []
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                metadata = (value as? [String: String]) ?? [:]
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
                throw ModelError("\(path): tensor \(name): malformed header entry")
            }
            guard dtype == "F32" else { throw ModelError("\(path): tensor \(name): dtype \(dtype), expected F32") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw ModelError("\(path): tensor \(name): negative dimension in shape \(shape)") }
            // bytes = 4 · Π shape, checked: a shape whose count wraps must not "match" small offsets
            var bytes = 4
            for d in shape {
                let (p, overflow) = bytes.multipliedReportingOverflow(by: d)
                guard !overflow else { throw ModelError("\(path): tensor \(name): shape \(shape) has too many elements (4 · Π shape overflows)") }
                bytes = p
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin else {
                throw ModelError("\(path): tensor \(name): data_offsets \(offsets) are not [begin, end] with 0 ≤ begin ≤ end")
            }
            guard end - begin == bytes else {
                throw ModelError("\(path): tensor \(name): data_offsets \(offsets) do not hold shape \(shape) in F32 (\(bytes) bytes)")
            }
            guard end <= available else {
                throw ModelError("\(path): truncated: tensor \(name) needs data bytes \(begin)..<\(end), the file holds \(available)")
            }
            entries.append((name, begin, end, shape))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        // in begin order, each tensor must start at or after the previous one's end (empty tensors overlap nothing)
        var previous: (name: String, end: Int)? = nil
        for e in entries where e.end > e.begin {
            if let p = previous, e.begin < p.end {
                throw ModelError("\(path): tensor \(e.name): data bytes \(e.begin)..<\(e.end) overlap tensor \(p.name)'s (up to \(p.end))")
            }
            previous = (e.name, e.end)
        }
        var tensors: [String: Tensor<Float>] = [:]
        for e in entries {
            var scalars = [Float](repeating: 0, count: (e.end - e.begin) / 4)
            data.withUnsafeBytes { raw in
                for i in 0..<scalars.count {
                    let bits = raw.loadUnaligned(fromByteOffset: dataStart + e.begin + 4 * i, as: UInt32.self)
                    scalars[i] = Float(bitPattern: UInt32(littleEndian: bits))
                }
            }
            if let i = scalars.firstIndex(where: { !$0.isFinite }) {
                throw ModelError("\(path): tensor \(e.name): non-finite value \(scalars[i]) at \(multiIndex(i, shape: e.shape))")
            }
            tensors[e.name] = Tensor(shape: e.shape, scalars: scalars)
        }
        return Contents(names: entries.map(\.name), tensors: tensors, metadata: metadata)
    }

    /// The row-major index of flat element `i` in `shape`, e.g. 5 in [2, 3] → [1, 2].
    static func multiIndex(_ i: Int, shape: [Int]) -> [Int] {
        var rest = i, index = [Int](repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
            index[axis] = rest % shape[axis]; rest /= shape[axis]
        }
        return index
    }

    /// The tensors of `contents` as a ParameterSet in `expected`'s order, after checking names,
    /// shapes and dtypes; throws on the first mismatch.
    public static func parameters(_ contents: Contents, matching expected: ParameterSet<Float>, file: String) throws -> ParameterSet<Float> {
        var out = ParameterSet<Float>()
        for name in expected.names {
            guard let t = contents.tensors[name] else { throw ModelError("\(file): missing tensor \(name)") }
            guard t.shape == expected[name].shape else {
                throw ModelError("\(file): tensor \(name) has shape \(t.shape), the model expects \(expected[name].shape)")
            }
            out.add(name, t)
        }
        if let extra = contents.names.first(where: { !expected.contains($0) }) {
            throw ModelError("\(file): unexpected tensor \(extra) (not a parameter of this model)")
        }
        return out
    }

    static func jsonString(_ s: String) -> String {
        String(decoding: try! JSONEncoder().encode(s), as: UTF8.self)
    }

    static func jsonObject(_ d: [String: String]) -> String {
        "{" + d.keys.sorted().map { "\(jsonString($0)):\(jsonString(d[$0]!))" }.joined(separator: ",") + "}"
    }

    /// temp file in the same folder, fsync, rename over `path`, fsync the folder.
    static func atomicWrite(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: nil) else { throw ModelError("cannot create \(tmp)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: tmp))
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
        guard rename(tmp, path) == 0 else { throw ModelError("cannot rename \(tmp) to \(path): errno \(errno)") }
        fsyncPath(dir)
    }
}
