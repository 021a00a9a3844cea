// Named parameter tensors in a fixed order: what a layer owns, and (same names, same shapes)
// what its backward pass returns as gradients.

public struct ParameterSet<Scalar: TensorScalar>: Sendable, Equatable {
    /// Names in creation order (the order optimisers and checkpoints iterate in).
    public private(set) var names: [String] = []
    private var tensors: [String: Tensor<Scalar>] = [:]

    public init() {}

    /// Adds `tensor` under `name`. - Precondition: `name` is new.
    public mutating func add(_ name: String, _ tensor: Tensor<Scalar>) {
        precondition(tensors[name] == nil, "duplicate parameter \(name)")
        names.append(name)
        tensors[name] = tensor
    }

    public subscript(name: String) -> Tensor<Scalar> {
        get {
            guard let t = tensors[name] else { preconditionFailure("no parameter named \(name) (have \(names))") }
            return t
        }
        set {
            precondition(tensors[name] != nil, "no parameter named \(name)")
            tensors[name] = newValue
        }
    }

    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    /// The parameters whose names start with `prefix + "."`, with the prefix removed.
    public func scoped(_ prefix: String) -> ParameterSet {
        var out = ParameterSet()
        for n in names where n.hasPrefix(prefix + ".") { out.add(String(n.dropFirst(prefix.count + 1)), tensors[n]!) }
        return out
    }

    /// Adds every parameter of `other` under `prefix.name` (under its own name when `prefix` is empty).
    public mutating func merge(_ other: ParameterSet, prefix: String) {
        for n in other.names { add(prefix.isEmpty ? n : "\(prefix).\(n)", other[n]) }
    }

    /// Same names and shapes, all zeros (a gradient accumulator).
    public func zeros() -> ParameterSet {
        var out = ParameterSet()
        for n in names { out.add(n, Tensor(zeros: tensors[n]!.shape)) }
        return out
    }

    public func converted<Other: TensorScalar>(to: Other.Type = Other.self) -> ParameterSet<Other> {
        var out = ParameterSet<Other>()
        for n in names { out.add(n, tensors[n]!.converted()) }
        return out
    }

    /// Total number of scalars.
    public var count: Int { names.reduce(0) { $0 + tensors[$1]!.count } }
}
