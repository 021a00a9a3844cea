// Labels that do not overlap: each point's label (a short text, e.g. its number in a figure's key)
// is put at the first free spot of a list of candidates around the point, in the panel's pixel
// space; a label pushed away from its point gets a leader line back to it. Points that coincide
// (within `LabelPlacement.coincide` pixels) share one label, `1,4,6`. Greedy, in the order given
// (put the points that matter most first): O(n² · candidates).
import Foundation

enum LabelPlacement {
    /// A point to label, in data coordinates.
    struct Item { var x: Double; var y: Double; var text: String }
    /// A placed label: its centre in data coordinates (draw it centred), the point it names, and
    /// whether a leader line joins them (from the point to `end`, the label's nearest edge).
    struct Placed: Equatable {
        var x: Double, y: Double
        var pointX: Double, pointY: Double
        var endX: Double, endY: Double
        var text: String
        var leader: Bool
    }

    /// The plot area and how data maps onto it.
    struct Frame {
        var xRange: (Double, Double), yRange: (Double, Double)
        var logX: Bool
        /// The plot area in pixels (about: the panel less its margins, key and titles).
        var width: Double, height: Double
        func px(_ x: Double) -> Double {
            let (a, b) = logX ? (log2(xRange.0), log2(xRange.1)) : xRange
            let v = logX ? log2(max(x, 1e-300)) : x
            return (v - a) / max(b - a, 1e-300) * width
        }
        func py(_ y: Double) -> Double { (y - yRange.0) / max(yRange.1 - yRange.0, 1e-300) * height }
        func dataX(_ p: Double) -> Double {
            let (a, b) = logX ? (log2(xRange.0), log2(xRange.1)) : xRange
            let v = a + p / width * (b - a)
            return logX ? pow(2, v) : v
        }
        func dataY(_ p: Double) -> Double { yRange.0 + p / height * (yRange.1 - yRange.0) }
    }

    /// Pixels within which points share a label.
    static let coincide = 6.0
    /// Font metrics of the labels (9 pt sans): pixels per character and per line.
    static let charWidth = 6.0, lineHeight = 12.0

    /// Labels for `items` in `frame` without overlaps where a free spot exists within the ring of
    /// candidates (else the last candidate tried, with a leader line).
    static func place(_ items: [Item], in frame: Frame) -> [Placed] {
        // merge coincident points
        var groups: [(x: Double, y: Double, texts: [String])] = []
        for it in items {
            if let g = groups.firstIndex(where: { abs(frame.px($0.x) - frame.px(it.x)) < coincide && abs(frame.py($0.y) - frame.py(it.y)) < coincide }) {
                groups[g].texts.append(it.text)
            } else {
                groups.append((it.x, it.y, [it.text]))
            }
        }
        struct Box { var x0, y0, x1, y1: Double
            func hits(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
        }
        // the points themselves are obstacles (a marker is about 8 px across)
        var taken = groups.map { g in Box(x0: frame.px(g.x) - 4, y0: frame.py(g.y) - 4, x1: frame.px(g.x) + 4, y1: frame.py(g.y) + 4) }
        // candidates, as (left end, vertical middle) of the label relative to the point, given its
        // width w: right, left, above, below, then rings further out (with a leader line)
        var candidates: [(at: (Double) -> (Double, Double), leader: Bool)] = [
            ({ _ in (6, 0) }, false), ({ w in (-6 - w, 0) }, false), ({ w in (-w / 2, 11) }, false), ({ w in (-w / 2, -11) }, false),
        ]
        for r in [22.0, 34, 48, 64, 82] {
            for k in 0..<16 {
                let a = Double(k) * .pi / 8 + .pi / 16
                candidates.append(({ w in (r * cos(a) - w / 2, r * sin(a)) }, true))
            }
        }
        var out: [Placed] = []
        for g in groups {
            let text = g.texts.sorted(by: numericAwareLess).joined(separator: ",")
            let w = Double(text.count) * charWidth, h = lineHeight
            let (cx, cy) = (frame.px(g.x), frame.py(g.y))
            func makeBox(_ dx: Double, _ dy: Double) -> Box { Box(x0: cx + dx, y0: cy + dy - h / 2, x1: cx + dx + w, y1: cy + dy + h / 2) }
            var chosen: (Box, Bool)? = nil
            for c in candidates {
                let (dx, dy) = c.at(w)
                let b = makeBox(dx, dy)
                guard b.x0 >= 0, b.x1 <= frame.width, b.y0 >= 0, b.y1 <= frame.height else { continue }
                if !taken.contains(where: { $0.hits(b) }) { chosen = (b, c.leader); break }
            }
            let (box, leader) = chosen ?? (makeBox(6, 0), false)
            taken.append(box)
            let (ex, ey) = (min(max(cx, box.x0), box.x1), min(max(cy, box.y0), box.y1))
            out.append(Placed(x: frame.dataX((box.x0 + box.x1) / 2), y: frame.dataY((box.y0 + box.y1) / 2), pointX: g.x, pointY: g.y,
                              endX: frame.dataX(ex), endY: frame.dataY(ey), text: text, leader: leader))
        }
        return out
    }
}
