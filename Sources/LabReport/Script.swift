// The text of one figure: its data file and its gnuplot script. Scripts are self-contained and
// readable: run `gnuplot NAME.gp` in the plot folder to redraw NAME.png and NAME.svg after editing
// the style (sizes, fonts, colours, ranges, key); data blocks are selected by name (`index "[…]"`).

/// One figure: what `attnlab plot` writes for it (data, script) and what gnuplot draws (png, svg).
public struct Figure: Sendable, Equatable {
    /// File stem, e.g. `accuracy-vs-window.mqar_v256`.
    public var name: String
    public var title: String
    /// One line saying what the figure shows (the notebook's caption).
    public var caption: String
    /// `name.dat`'s text.
    public var data: String
    /// `name.gp`'s text.
    public var script: String

    public var dataFile: String { name + ".dat" }
    public var scriptFile: String { name + ".gp" }
    public var png: String { name + ".png" }
    public var svg: String { name + ".svg" }
}

/// The figures the rows support, and a note for each kind of figure they do not.
public struct FigureSet: Sendable, Equatable {
    public var figures: [Figure] = []
    public var skipped: [String] = []
    /// The study the figures draw: `Plotter.write` keeps the list of the figures it drew for it in
    /// the folder and removes those a later set no longer has. Empty: no list, nothing removed.
    public var study = ""
}

/// A data file made of named blocks (gnuplot data sets, two blank lines apart).
struct DataFile {
    var header: [String]
    private(set) var blocks: [(name: String, lines: [String])] = []

    init(header: [String]) { self.header = header }

    /// Adds a block; returns its gnuplot `index` selector, e.g. `index "[L=64 | rattention]"`.
    @discardableResult
    mutating func add(_ name: String, columns: String, _ lines: [String]) -> String {
        blocks.append(("[\(name)]", ["# columns: " + columns] + lines))
        return "index " + Fmt.q("[\(name)]")
    }

    func has(_ name: String) -> Bool { blocks.contains { $0.name == "[\(name)]" } }

    var text: String {
        var out = header.map { "# " + $0 }.joined(separator: "\n") + "\n\n"
        out += blocks.map { "# \($0.name)\n" + $0.lines.joined(separator: "\n") + "\n" }.joined(separator: "\n\n")
        return out
    }
}

/// One panel of a multiplot: its `set` lines and the elements of its `plot` command.
struct Panel {
    var comment: String
    var settings: [String]
    var elements: [String]
}

/// A panel across the whole width below the grid, `height` pixels tall (a key that names many points).
struct Footer {
    var panel: Panel
    var height: Int
}

enum ScriptWriter {
    /// The gnuplot script of figure `name`: both terminals, a multiplot of `panels` in `columns`
    /// columns, and `footer` below them across the full width (then every panel is placed by
    /// `set origin`/`set size` instead of gnuplot's grid layout).
    static func render(name: String, title: String, about: [String], command: String, panels: [Panel],
                       columns: Int, panelSize: (w: Int, h: Int), common: [String], footer: Footer? = nil) -> String {
        let cols = max(1, min(columns, panels.count))
        let rows = (panels.count + cols - 1) / cols
        let footerHeight = footer?.height ?? 0, height = panelSize.h * rows + 40 + footerHeight
        var s: [String] = []
        s.append("# \(title)")
        s.append("#")
        for a in about { s.append("# \(a)") }
        s.append("#")
        s.append("# Written by `\(command)` (which rewrites it). To restyle, edit this file and run")
        s.append("#     gnuplot \(name).gp")
        s.append("# in this folder: it redraws \(name).png and \(name).svg from \(name).dat.")
        s.append("")
        s.append("width = \(panelSize.w * cols); height = \(height)   # pixels (svg: points)")
        s.append("fontspec = \"sans,10\"")
        s.append("data = \(Fmt.q(name + ".dat"))")
        s.append("")
        s.append("do for [format in \"png svg\"] {")
        s.append("    if (format eq \"png\") {")
        s.append("        set terminal pngcairo size width,height noenhanced font fontspec")
        s.append("    } else {")
        s.append("        set terminal svg size width,height dynamic noenhanced font fontspec background \"white\"")
        s.append("    }")
        s.append("    set output \(Fmt.q(name + ".")) . format")
        for c in common { s.append("    " + c) }
        func fraction(_ x: Double) -> String { String(format: "%.4f", x) }
        if footer == nil {
            s.append("    set multiplot layout \(rows),\(cols) title \(Fmt.q(title)) font \",12\"")
        } else {
            s.append("    set multiplot title \(Fmt.q(title)) font \",12\"")
        }
        func emit(_ p: Panel, placement: [String]) {
            s.append("")
            s.append("    # \(p.comment)")
            for l in placement + p.settings { s.append("    " + l) }
            if p.elements.isEmpty { return }
            s.append("    plot " + p.elements.joined(separator: ", \\\n         "))
        }
        for (i, p) in panels.enumerated() {
            // grid cell (row r from the top, column c) above the footer, below the 40-pixel title band
            let (r, c) = (i / cols, i % cols), h = Double(height)
            let placement = footer == nil ? [] : [
                "set origin \(fraction(Double(c) / Double(cols))),\(fraction(Double(footerHeight + (rows - 1 - r) * panelSize.h) / h))",
                "set size \(fraction(1 / Double(cols))),\(fraction(Double(panelSize.h) / h))"]
            emit(p, placement: placement)
        }
        if let footer {
            emit(footer.panel, placement: ["set origin 0,0", "set size 1,\(fraction(Double(footerHeight) / Double(height)))"])
        }
        s.append("")
        s.append("    unset multiplot")
        s.append("    set output")
        s.append("}")
        return s.joined(separator: "\n") + "\n"
    }
}

extension Figure {
    /// The figure `name` with `file`'s text as its data and the script `ScriptWriter.render` writes
    /// from the other arguments (as there).
    init(name: String, title: String, caption: String, file: DataFile, about: [String], command: String, panels: [Panel],
         columns: Int, panelSize: (w: Int, h: Int), common: [String], footer: Footer? = nil) {
        self.init(name: name, title: title, caption: caption, data: file.text,
                  script: ScriptWriter.render(name: name, title: title, about: about, command: command, panels: panels,
                                              columns: columns, panelSize: panelSize, common: common, footer: footer))
    }
}
