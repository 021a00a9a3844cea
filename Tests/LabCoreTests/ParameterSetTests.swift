// `ParameterSet.scoped` is memoised per value: a scope read twice is the same set, and no mutation
// of a value — nor of a copy sharing its memo — can leave a stale scope behind.
import Testing
import LabCore

@Suite struct ParameterSetTests {
    func set(_ v: Float) -> ParameterSet<Float> {
        var p = ParameterSet<Float>()
        p.add("layers.0.attn.wq", Tensor(shape: [2], scalars: [v, v]))
        p.add("layers.0.attn.wo", Tensor(shape: [1], scalars: [v]))
        p.add("layers.1.attn.wq", Tensor(shape: [2], scalars: [v + 1, v + 1]))
        p.add("head", Tensor(shape: [1], scalars: [0]))
        return p
    }

    @Test func scopesFollowEveryMutation() {
        var p = set(1)
        let attn = p.scoped("layers.0").scoped("attn")
        #expect(attn.names == ["wq", "wo"] && attn["wq"].scalars == [1, 1])
        #expect(p.scoped("layers.0").scoped("attn") == attn)  // the memo answers the second time
        #expect(p.scoped("layers.1").names == ["attn.wq"])
        // a copy shares the memo until one of them changes
        let copy = p
        p["layers.0.attn.wq"] = Tensor(shape: [2], scalars: [5, 5])
        #expect(p.scoped("layers.0").scoped("attn")["wq"].scalars == [5, 5])
        #expect(copy.scoped("layers.0").scoped("attn")["wq"].scalars == [1, 1])
        // a copy that mutates first does not poison the original's memo
        var other = copy
        other["layers.0.attn.wo"] = Tensor(shape: [1], scalars: [9])
        #expect(other.scoped("layers.0")["attn.wo"].scalars == [9])
        #expect(copy.scoped("layers.0")["attn.wo"].scalars == [1])
        // adding a name shows up in a scope asked for before
        _ = p.scoped("layers.2")
        p.add("layers.2.mlp.w", Tensor(shape: [1], scalars: [3]))
        #expect(p.scoped("layers.2").names == ["mlp.w"])
        // equality ignores the memo
        #expect(set(1) == copy && set(2) != copy)
    }
}
