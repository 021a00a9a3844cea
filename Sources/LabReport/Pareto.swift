// Pareto frontiers: the points no other point beats on both axes, e.g. accuracy (maximise)
// against decode-state bytes (minimise) or decode tokens/s (maximise). A pure function of the
// points, so plots and notebooks can draw and tabulate the same frontier.
//
// Point p dominates q iff p is at least as good as q on both axes and strictly better on one.
// The frontier is every point no other point dominates:
// - ties: of two points with the same x, only those with the best y stay (and vice versa);
// - duplicates: points with exactly the same (x, y) as a frontier point are all on the frontier
//   (none dominates another), so a run repeated with identical results is not silently dropped;
// - points with a non-finite coordinate are not comparable and are left out.
// Cost: O(n log n) (sort, then one sweep).

/// Which way an axis improves.
public enum Objective: Sendable {
    case minimize, maximize

    /// Whether `a` is strictly better than `b` on this axis.
    @inline(__always) func better(_ a: Double, _ b: Double) -> Bool { self == .minimize ? a < b : a > b }
}

public enum Pareto {
    /// The non-dominated points of `points`, ordered from the best x to the worst (ties in x by the
    /// best y, then input order).
    /// - Parameters: x, y: the two coordinates of a point and the direction each improves in.
    public static func frontier<P>(_ points: [P], x: (P) -> Double, _ xObjective: Objective,
                                   y: (P) -> Double, _ yObjective: Objective) -> [P] {
        let finite = points.enumerated().filter { x($0.element).isFinite && y($0.element).isFinite }
        // best x first; within equal x, best y first; then input order (stable)
        let sorted = finite.sorted { a, b in
            let (ax, bx, ay, by) = (x(a.element), x(b.element), y(a.element), y(b.element))
            if ax != bx { return xObjective.better(ax, bx) }
            if ay != by { return yObjective.better(ay, by) }
            return a.offset < b.offset
        }
        var front: [P] = []
        var best: (x: Double, y: Double)? = nil  // the last point kept
        for (_, p) in sorted {
            let (px, py) = (x(p), y(p))
            if let b = best {
                // kept iff strictly better in y than everything before (all of which have an x at
                // least as good), or an exact duplicate of the last point kept
                if yObjective.better(py, b.y) || (px == b.x && py == b.y) {
                    front.append(p)
                    best = (px, py)
                }
            } else {
                front.append(p)
                best = (px, py)
            }
        }
        return front
    }
}
