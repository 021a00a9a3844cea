// Named parameter tensors in a fixed order: what a layer owns, and (same names, same shapes)
// what its backward pass returns as gradients.
// `scoped` results are memoised per value (a decode step asks every layer's set for its "attn" and
// "qkv" sets; building one walks every name and rebuilds a dictionary, which was half of a small
// model's decode step); any mutation gives the value a fresh, empty memo.
import Synchronization

public struct ParameterSet<Scalar: TensorScalar>: Sendable, Equatable {
    /// Names in creation order (the order optimisers and checkpoints iterate in).
    public private(set) var names: [String] = []
    private var tensors: [String: Tensor<Scalar>] = [:]
    /// `scoped(prefix)` of this value, by prefix; shared by copies until one of them mutates.
    private var memo = ScopeMemo<Scalar>()

    public init() {}

    public static func == (a: ParameterSet, b: ParameterSet) -> Bool { a.names == b.names && a.tensors == b.tensors }

    /// Called before every mutation: a memo shared with another copy, or holding sets of the old
    /// contents, is replaced by an empty one of this value's own.
    private mutating func invalidateScopes() {
        if !isKnownUniquelyReferenced(&memo) || !memo.isEmpty { memo = ScopeMemo() }
    }

    /// Adds `tensor` under `name`. - Precondition: `name` is new.
    public mutating func add(_ name: String, _ tensor: Tensor<Scalar>) {
        precondition(tensors[name] == nil, "duplicate parameter \(name)")
        invalidateScopes()
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
            invalidateScopes()
            tensors[name] = newValue
        }
    }

    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    /// The parameters whose names start with `prefix + "."`, with the prefix removed.
    public func scoped(_ prefix: String) -> ParameterSet {
        if let known = memo.sets.withLock({ $0[prefix] }) { return known }
        var out = ParameterSet()
        for n in names where n.hasPrefix(prefix + ".") { out.add(String(n.dropFirst(prefix.count + 1)), tensors[n]!) }
        memo.sets.withLock { $0[prefix] = out }
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

    /// `named`'s tensors under this set's names, in its order (the gradients of these parameters).
    /// - Precondition: `named` has every name; the failure names `producer` and the missing one.
    public func ordered(_ named: [String: Tensor<Scalar>], producer: String) -> ParameterSet {
        var out = ParameterSet()
        for n in names {
            guard let t = named[n] else { preconditionFailure("\(producer) produced no gradient for \(n)") }
            out.add(n, t)
        }
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

/// The memo behind `ParameterSet.scoped` (a reference, so that a `let` value can fill it; locked,
/// because batch-parallel training reads one set from several threads).
final class ScopeMemo<Scalar: TensorScalar>: Sendable {
    let sets = Mutex<[String: ParameterSet<Scalar>]>([:])
    var isEmpty: Bool { sets.withLock { $0.isEmpty } }
}
