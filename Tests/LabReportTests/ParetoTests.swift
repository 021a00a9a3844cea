import Testing
@testable import LabReport

/// A toy point: name, cost (minimise), accuracy (maximise).
struct P: Equatable, CustomStringConvertible {
    var name: String, cost: Double, accuracy: Double
    init(_ name: String, _ cost: Double, _ accuracy: Double) { self.name = name; self.cost = cost; self.accuracy = accuracy }
    var description: String { name }
}

func front(_ points: [P], _ xo: Objective = .minimize, _ yo: Objective = .maximize) -> [String] {
    Pareto.frontier(points, x: \.cost, xo, y: \.accuracy, yo).map(\.name)
}

@Suite struct ParetoTests {
    @Test func emptyAndSingle() {
        #expect(front([]).isEmpty)
        #expect(front([P("a", 3, 0.5)]) == ["a"])
    }

    @Test func dominatedPointsAreDropped() {
        // b is cheaper and better than c; a is cheapest; d is best
        let pts = [P("c", 5, 0.6), P("a", 1, 0.2), P("b", 3, 0.7), P("d", 9, 0.95), P("e", 9.5, 0.9)]
        #expect(front(pts) == ["a", "b", "d"])
    }

    @Test func tiesKeepOnlyTheBetterOnTheOtherAxis() {
        // same cost: only the more accurate; same accuracy: only the cheaper
        #expect(front([P("lo", 2, 0.4), P("hi", 2, 0.8)]) == ["hi"])
        #expect(front([P("dear", 5, 0.8), P("cheap", 2, 0.8)]) == ["cheap"])
    }

    @Test func exactDuplicatesAreAllKept() {
        let pts = [P("run1", 2, 0.8), P("x", 4, 0.5), P("run2", 2, 0.8), P("y", 6, 0.9)]
        #expect(front(pts) == ["run1", "run2", "y"])
    }

    @Test func directionsOfBothAxes() {
        // x = tokens/s to maximise, y = accuracy to maximise
        let pts = [P("fast", 100, 0.3), P("slow", 10, 0.9), P("mid", 50, 0.5), P("bad", 20, 0.4)]
        #expect(front(pts, .maximize, .maximize) == ["fast", "mid", "slow"])
        // both minimised (e.g. memory and loss): mid (50, 0.5) is dominated by bad (20, 0.4)
        #expect(front(pts, .minimize, .minimize) == ["slow", "bad", "fast"])
    }

    @Test func nonFiniteCoordinatesAreLeftOut() {
        let pts = [P("nan", .nan, 0.99), P("inf", 1, .infinity), P("ok", 3, 0.5)]
        #expect(front(pts) == ["ok"])
    }

    /// Brute force: a point is on the frontier iff no other point dominates it.
    @Test func agreesWithTheDefinitionOnAGrid() {
        var pts: [P] = []
        for i in 0..<7 { for j in 0..<7 where (i * 3 + j * 5) % 4 != 0 { pts.append(P("p\(i)\(j)", Double(i), Double((i * j) % 5))) } }
        func dominates(_ a: P, _ b: P) -> Bool {
            a.cost <= b.cost && a.accuracy >= b.accuracy && (a.cost < b.cost || a.accuracy > b.accuracy)
        }
        let expected = Set(pts.filter { p in !pts.contains { dominates($0, p) } }.map(\.name))
        #expect(Set(front(pts)) == expected)
    }
}
