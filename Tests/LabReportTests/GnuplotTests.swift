// These run gnuplot for real (CI installs gnuplot-nox). Without gnuplot on PATH they fail with
// the install hint rather than pass silently.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LabReport

@Suite struct GnuplotTests {
    /// Whether `path` is well-formed XML.
    func parsesAsXML(_ path: String) -> Bool {
        guard let parser = XMLParser(contentsOf: URL(fileURLWithPath: path)) else { return false }
        return parser.parse()
    }

    @Test func figuresOfTheFixtureAreDrawn() throws {
        let gnuplot = try Gnuplot.locate()
        let dir = try temporaryDirectory("plots")
        defer { cleanUp(dir) }
        // with a declared comparison, so the equivalence band is drawn too
        let set = Figures.build(try Fixture.data(), command: "attnlab plot fixture",
                                comparison: ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.02))
        #expect(set.figures.map(\.name) == [
            "accuracy-vs-window.mqar_v64", "pareto-state-bytes.mqar_v64", "pareto-decode.mqar_v64", "pareto-prefill.mqar_v64",
            "throughput-vs-length", "memory-vs-length", "heatmap-accuracy", "curves.mqar_v64", "roofline",
        ])
        #expect(set.skipped.isEmpty)  // the fixture has no `score`: that heatmap is left out without a note
        let written = try Plotter.write(set, to: dir, gnuplot: gnuplot)
        #expect(written.count == 4 * set.figures.count)
        let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for f in set.figures {
            for file in [f.dataFile, f.scriptFile] {
                #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(file) missing")
            }
            let png = try #require(FileManager.default.contents(atPath: dir + "/" + f.png), "\(f.png) missing")
            #expect(Array(png.prefix(8)) == pngMagic, "\(f.png) is not a PNG")
            #expect(parsesAsXML(dir + "/" + f.svg), "\(f.svg) is not XML")
        }
    }

    @Test func figuresTheRowsNoLongerSupportAreRemoved() throws {
        let gnuplot = try Gnuplot.locate()
        let dir = try temporaryDirectory("stale")
        defer { cleanUp(dir) }
        // an earlier draw of this study listed a figure the rows no longer give, and one that
        // another study drawn into the same folder lists too; a copy of one of its scripts under
        // another name, another study's figure and a hand-written file share the folder
        for stem in ["old-figure.mqar_v64", "shared.mqar_v64", "my-restyle", "other.mqar_v64"] {
            for ext in ["gp", "dat", "png", "svg"] {
                try "# fixture: accuracy vs window\n".write(toFile: "\(dir)/\(stem).\(ext)", atomically: true, encoding: .utf8)
            }
        }
        // a listed name whose "png" is a folder: only regular files are removed
        try FileManager.default.createDirectory(atPath: dir + "/odd.png", withIntermediateDirectories: false)
        try "# drawn last\nold-figure.mqar_v64\nshared.mqar_v64\naccuracy-vs-window.mqar_v64\nodd\n../escape\n"
            .write(toFile: dir + "/.figures-fixture", atomically: true, encoding: .utf8)
        try "other.mqar_v64\nshared.mqar_v64\n".write(toFile: dir + "/.figures-other-study", atomically: true, encoding: .utf8)
        try "notes\n".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let set = Figures.build(try Fixture.data(), command: "attnlab plot fixture")
        #expect(set.study == "fixture")
        #expect(try Plotter.listedFigures(dir + "/.figures-fixture") == ["old-figure.mqar_v64", "shared.mqar_v64", "accuracy-vs-window.mqar_v64", "odd"])
        #expect(try Plotter.staleFigures(in: dir, study: "fixture", earlier: Plotter.listedFigures(dir + "/.figures-fixture"),
                                         keeping: Set(set.figures.map(\.name))) == ["old-figure.mqar_v64", "odd"])
        var said: [String] = []
        let written = try Plotter.write(set, to: dir, gnuplot: gnuplot) { said.append($0) }
        #expect(written.count == 4 * set.figures.count)
        #expect(said.filter { $0.hasPrefix("removed ") } == ["gp", "dat", "png", "svg"].map { "removed \(dir)/old-figure.mqar_v64.\($0)" })
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(!left.contains { $0.hasPrefix("old-figure.") })
        for stem in ["my-restyle", "other.mqar_v64", "shared.mqar_v64"] {
            for ext in ["gp", "dat", "png", "svg"] { #expect(left.contains("\(stem).\(ext)"), "\(stem).\(ext) removed") }
        }
        #expect(left.contains("notes.txt") && left.contains(".figures-other-study") && left.contains("odd.png"))
        for f in set.figures { #expect(left.contains(f.png)) }
        // the list now names exactly this draw's figures
        #expect(try Plotter.listedFigures(dir + "/.figures-fixture") == set.figures.map(\.name))
        let list = try String(contentsOfFile: dir + "/.figures-fixture", encoding: .utf8)
        // a set without a study (built by hand) neither lists nor removes
        try Plotter.write(FigureSet(figures: Array(set.figures.prefix(1))), to: dir, gnuplot: gnuplot)
        #expect(try String(contentsOfFile: dir + "/.figures-fixture", encoding: .utf8) == list)
        #expect(try Plotter.listedFigures(dir + "/missing").isEmpty)
        // a list that is not text stops the draw before anything is written or removed
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: URL(fileURLWithPath: dir + "/.figures-fixture"))
        #expect(throws: ReportError("cannot read \(dir)/.figures-fixture, the list of the figures drawn there: remove it (the next draw writes it again)")) {
            try Plotter.write(set, to: dir, gnuplot: gnuplot)
        }
    }

    @Test func dataAndScriptsAreReadable() throws {
        let set = Figures.build(try Fixture.data(), command: "attnlab plot fixture")
        let acc = try #require(set.figures.first { $0.name == "accuracy-vs-window.mqar_v64" })
        // sliding_window at 32 tokens: windows 8 (seeds 0.5, 0.7) and 16 (0.8, 0.88)
        #expect(acc.data.contains("# [L=32 | sliding_window]\n# columns: x window mean min max std n\n1 8 0.6 0.5 0.7 0.141421 2\n2 16 0.84 0.8 0.88 0.0565685 2\n"))
        #expect(acc.data.contains("# [L=32 | linear_attention]\n# columns: x window mean min max std n\n0 -1 0.4 0.4 0.4 0 1\n"))
        #expect(acc.data.contains("# [L=64 | swa_reach_ceiling]\n# columns: x window ceiling\n1 8 0.3\n2 16 0.55\n"))
        #expect(acc.script.contains("stats data index \"[L=32 | full]\" using 2 name \"full0\" nooutput"))
        // full attention's spread over its seeds is a band, not a bare line
        #expect(acc.script.contains("'+' using 1:(full0lo_min):(full0hi_max) with filledcurves"))
        #expect(!acc.script.contains("set yrange [0:1.1]"))
        #expect(acc.script.contains("set xtics (\"linear only\" 0, \"8\" 1, \"16\" 2)"))
        #expect(acc.script.contains("set output \"accuracy-vs-window.mqar_v64.\" . format"))
        #expect(acc.script.contains("data = \"accuracy-vs-window.mqar_v64.dat\""))
        let pareto = try #require(set.figures.first { $0.name == "pareto-state-bytes.mqar_v64" })
        #expect(pareto.data.contains("# [L=32 | frontier]\n# columns: x accuracy_mean label\n2304 0.6 \"swa W8\"\n4352 0.84 \"swa W16\"\n6400 0.88 \"ratt W8\"\n8192 0.99 \"full\"\n"))
        #expect(pareto.script.contains("with steps"))
        let decode = try #require(set.figures.first { $0.name == "pareto-decode.mqar_v64" })
        #expect(decode.title.contains("cost at 256 tokens, accuracy at 32 and 64"))
        // numbered points, named in a key panel
        #expect(decode.script.contains("keyentry with points"))
        #expect(decode.data.contains("# [L=32 | labels]"))
        let banded = Figures.build(try Fixture.data(), command: "c", comparison: ComparisonSpec(reference: ["variant": "full"], metric: "accuracy", margin: 0.02))
        let band = try #require(banded.figures.first { $0.name == "accuracy-vs-window.mqar_v64" })
        #expect(band.script.contains("title \"equivalent to full: ±0.02 of its mean (declared margin)\""))
        #expect(!acc.script.contains("equivalent to"))
        #expect(decode.script.contains("with fsteps"))
    }

    @Test func rooflinePlacesEachModeUnderTheRoof() throws {
        let set = Figures.build(try Fixture.data(), command: "attnlab plot fixture")
        let roof = try #require(set.figures.first { $0.name == "roofline" })
        // full at 128 tokens, train: 3.2 MFLOP a call over 4 MB = 0.8 FLOP/byte, 3.2 MFLOP in 32 ms = 1e8 FLOP/s,
        // under a roof of min(5e11, 4e10 × 0.8) = 3.2e10: 0.003125 of the roofline
        let header = "# [train | full]\n# columns: length intensity median min max n fraction_of_roofline\n"
        let block = try #require(roof.data.components(separatedBy: header).dropFirst().first)
        let first = block.split(separator: "\n")[0].split(separator: " ").compactMap { Double($0) }
        let expected = [128, 0.8, 1e8, 1e8, 1e8, 1, 0.003125]
        #expect(first.count == expected.count && zip(first, expected).allSatisfy { abs($0 - $1) <= 1e-5 * abs($1) }, "\(first)")
        #expect(roof.data.contains("# FMA peak 500 GFLOP/s, triad 40.0 GB/s"))
        #expect(roof.script.contains("(x * 40000000000 < 500000000000 ? x * 40000000000 : 500000000000) with lines"))
        for mode in ["train", "prefill", "decode"] { #expect(roof.script.contains("set title \"\(mode): attained FLOP/s")) }
        // rows without call FLOPs (written before they were recorded): a note, no figure
        let old = ReportData(study: "old", rows: try Fixture.rows().map { r in
            var r = r
            r.metrics = r.metrics.filter { !$0.name.hasSuffix("_call_flops") }
            return r
        })
        let none = Figures.build(old, command: "c")
        #expect(!none.figures.contains { $0.name == "roofline" })
        #expect(none.skipped.contains { $0.hasPrefix("roofline: no bench rows with call FLOPs") })
    }

    /// The fixture with `edit` applied to every bench row's metric values (name → new value, or nil to keep).
    func editedFixture(_ edit: @escaping (String) -> Double?) throws -> ReportData {
        ReportData(study: "edited", rows: try Fixture.rows().map { r in
            var r = r
            r.metrics = r.metrics.map { m in var m = m; if let v = edit(m.name) { m.value = v }; return m }
            return r
        })
    }

    @Test func rooflineSkipsWhatItCannotPlaceAndSaysWhatContradictsThePeak() throws {
        // bytes so small that FLOPs ÷ bytes is absurd (1e306) or overflows: no point, a note, and a
        // script without inf/nan
        let tiny = Figures.build(try editedFixture { $0 == "train_call_bytes" ? 1e-300 : nil }, command: "c")
        let roof = try #require(tiny.figures.first { $0.name == "roofline" })
        #expect(!roof.script.contains("nan") && !roof.script.contains("inf"))
        #expect(!roof.data.contains("# [train |"))
        #expect(tiny.skipped.contains("roofline: train: no row with positive FLOPs, bytes and seconds giving a FLOP/byte and a FLOP/s within 10^±30"))
        // a peak below what the rows attain: drawn, the y range reaching the points, and a note
        let low = Figures.build(try editedFixture { $0 == "fma_peak_flops_per_second" ? 1e3 : nil }, command: "c")
        let lowRoof = try #require(low.figures.first { $0.name == "roofline" })
        #expect(low.skipped.contains { $0.hasPrefix("roofline:") && $0.contains("more FLOP/s than the FMA peak") })
        // every panel's y range reaches above the fixture's attained FLOP/s (≥ 1e8), not just 2 × the 1e3 peak
        let tops = lowRoof.script.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("set yrange [") }
            .compactMap { Double($0.split(separator: ":").last!.dropLast()) }
        #expect(!tops.isEmpty && tops.allSatisfy { $0 >= 1e8 }, "\(tops)")
        // a non-positive peak: said so, not "missing"
        let zero = Figures.build(try editedFixture { $0 == "fma_peak_flops_per_second" ? 0 : nil }, command: "c")
        #expect(zero.skipped.contains { $0.contains("is not a positive number") })
    }

    @Test func missingGnuplotNamesThePackage() throws {
        let empty = try temporaryDirectory("empty-path")
        defer { cleanUp(empty) }
        #expect(throws: ReportError(Gnuplot.missing)) { try Gnuplot.locate(path: empty) }
        #expect(Gnuplot.missing == "gnuplot not found on PATH: install it with apt-get install -y gnuplot-nox")
    }

    @Test func aFailingScriptReportsGnuplotsMessage() throws {
        let gnuplot = try Gnuplot.locate()
        let dir = try temporaryDirectory("bad")
        defer { cleanUp(dir) }
        let bad = Figure(name: "bad", title: "bad", caption: "", data: "1 2\n", script: "plot \"bad.dat\" using 1:2 with nonsense\n")
        do {
            try Plotter.write(FigureSet(figures: [bad]), to: dir, gnuplot: gnuplot)
            Issue.record("a broken script passed")
        } catch let e as ReportError {
            #expect(e.message.hasPrefix("gnuplot bad.gp in \(dir) failed (exit 1): "))
            #expect(e.message.contains("nonsense") || e.message.contains("expecting"))
        }
    }
}
