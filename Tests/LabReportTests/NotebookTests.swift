import Foundation
import Testing
@testable import LabReport

@Suite struct NotebookTests {
    func input(expected: Set<String>? = nil) throws -> NotebookInput {
        let d = try Fixture.data()
        return NotebookInput(study: try StudyFile.resolve(Fixture.study), data: d, sources: ["results/fixture/results.jsonl"],
                             expectedRunIDs: expected, figures: Figures.build(d, command: "attnlab plot fixture"),
                             plotsLink: "../plots/fixture", plotsDir: "plots/fixture",
                             plotCommand: "attnlab plot studies/fixture.yaml", reportCommand: "attnlab report studies/fixture.yaml")
    }

    @Test func skeletonHasEverySectionAndAnAnswerPlaceholder() throws {
        let i = try input()
        let text = Notebook.skeleton(name: "fixture", sections: Notebook.sections(i), reportCommand: i.reportCommand)
        let found = try Notebook.markers(in: text, file: "fixture.md")
        #expect(Set(found.keys) == Set(Notebook.sectionOrder))
        #expect(text.contains("## Answer\n\n" + Notebook.begin("answer-summary") + "\nGenerated from the rows"))
        #expect(text.contains(Notebook.end("cost-summary") + "\n\n_Hand-written"))
        #expect(text.contains(Notebook.end("answer-summary") + "\n\n" + Notebook.begin("cost-summary")))
        // the fixture's rows predate chance_accuracy
        #expect(text.contains("- `mqar_v64`: the chance level is not recorded at L=32, L=64"))
        #expect(text.contains("> Does rattention reach full attention's MQAR accuracy"))
        #expect(text.contains("```yaml\n# A hand-made study"))
        #expect(text.contains("21 ok, 1 failed."))
        #expect(text.contains("`Test CPU × 2 cores` (22)"))
        #expect(text.contains("2026-11-20T10:01:00.000Z to 2026-11-20T10:22:30.000Z"))
        #expect(text.contains("![fixture: accuracy vs window, mqar_v64](../plots/fixture/accuracy-vs-window.mqar_v64.png)"))
        #expect(text.contains("redraw: `cd plots/fixture && gnuplot accuracy-vs-window.mqar_v64.gp`"))
        #expect(text.contains("| sliding_window | 8 | 0.600 ± 0.141 (2) | 0.250 ± 0.071 (2) | – |"))
    }

    @Test func pendingRunsNeedTheExpansion() throws {
        let d = try Fixture.data()
        var ids = Set(d.rows.map(\.runID))
        ids.insert("ffffffffffffffff"); ids.insert("eeeeeeeeeeeeeeee")
        let text = Notebook.sections(try input(expected: ids)).first { $0.name == "status" }!.body
        #expect(text.hasPrefix("21 ok, 1 failed, 2 pending of the 24 runs the study file expands to."))
    }

    @Test func regenerationKeepsHandWrittenText() throws {
        let i = try input()
        var text = Notebook.skeleton(name: "fixture", sections: [("question", "old question\n"), ("tables", "old tables\n")],
                                     reportCommand: i.reportCommand)
        text = text.replacingOccurrences(of: "## Answer\n\n", with: "## Answer\n\nRATTENTION WINS AT W=8 (hand-written).\n\n")
        text += "\nA closing remark, also by hand.\n"
        let updated = try Notebook.update(text, file: "fixture.md", sections: Notebook.sections(i))
        #expect(updated.contains("RATTENTION WINS AT W=8 (hand-written)."))
        #expect(updated.hasSuffix("A closing remark, also by hand.\n"))
        #expect(!updated.contains("old question") && !updated.contains("old tables"))
        #expect(updated.contains("| rattention | 16 | 0.960 ± 0.014 (2) | 0.890 ± 0.014 (2) | 64 |"))
        // regenerating again changes nothing
        #expect(try Notebook.update(updated, file: "fixture.md", sections: Notebook.sections(i)) == updated)
        // outside the markers, the text is the same line for line
        func outside(_ s: String) throws -> [Substring] {
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
            let m = try Notebook.markers(in: s, file: "f")
            return lines.enumerated().filter { (n, _) in !m.values.contains { n > $0.begin && n < $0.end } }.map(\.element)
        }
        let before = try outside(text), after = try outside(updated)
        // the sections missing from the old text were appended at its end, after everything that was there
        #expect(Array(after.prefix(before.count - 1)) == Array(before.dropLast()))
    }

    @Test func missingSectionsAreAppended() throws {
        let text = "# mine\n\n" + Notebook.begin("tables") + "\nold\n" + Notebook.end("tables") + "\n\nhand text\n"
        let out = try Notebook.update(text, file: "n.md", sections: [("tables", "new\n"), ("figures", "pics\n")])
        #expect(out == "# mine\n\n" + Notebook.begin("tables") + "\nnew\n" + Notebook.end("tables") + "\n\nhand text\n\n"
            + Notebook.begin("figures") + "\npics\n" + Notebook.end("figures") + "\n")
    }

    /// A section the notebook lacks goes under the heading the skeleton gives it, when the notebook
    /// has that heading: the answer summary of an older notebook lands right under `## Answer`,
    /// above the hand-written answer.
    @Test func missingSectionsGoUnderTheirHeading() throws {
        let text = "# old\n\n## Answer\n\nhand-written answer\n\n## Results\n\n" + Notebook.begin("tables") + "\nold\n" + Notebook.end("tables") + "\n"
        let out = try Notebook.update(text, file: "n.md", sections: [("tables", "new\n"), ("answer-summary", "summary\n")])
        #expect(out == "# old\n\n## Answer\n\n" + Notebook.begin("answer-summary") + "\nsummary\n" + Notebook.end("answer-summary")
            + "\n\nhand-written answer\n\n## Results\n\n" + Notebook.begin("tables") + "\nnew\n" + Notebook.end("tables") + "\n", "\(out)")
    }

    @Test func aMissingSectionGoesAfterTheSectionBeforeItUnderItsHeading() throws {
        let a = Notebook.begin("answer-summary") + "\nold\n" + Notebook.end("answer-summary")
        let text = "# old\n\n## Answer\n\n" + a + "\n\nhand-written answer\n"
        let out = try Notebook.update(text, file: "n.md", sections: [("answer-summary", "summary\n"), ("cost-summary", "cost\n")])
        #expect(out == "# old\n\n## Answer\n\n" + Notebook.begin("answer-summary") + "\nsummary\n" + Notebook.end("answer-summary")
            + "\n\n" + Notebook.begin("cost-summary") + "\ncost\n" + Notebook.end("cost-summary") + "\n\nhand-written answer\n", "\(out)")
    }

    @Test func brokenMarkersAreErrorsNamingFileAndMarker() throws {
        let b = Notebook.begin("tables"), e = Notebook.end("tables")
        func error(_ text: String) -> String {
            do { _ = try Notebook.update(text, file: "nb.md", sections: [("tables", "x\n")]); return "" } catch { return "\(error)" }
        }
        #expect(error("a\n\(b)\nx\n") == "nb.md:2: marker `\(b)` has no `\(e)`")
        #expect(error("a\n\(e)\n") == "nb.md:2: marker `\(e)` has no `\(b)` before it")
        #expect(error("\(b)\n\(e)\n\(b)\n\(e)\n").hasPrefix("nb.md:3: marker `\(b)` is duplicated"))
        #expect(error("\(b)\n\(Notebook.begin("figures"))\n").hasPrefix("nb.md:2: marker `\(Notebook.begin("figures"))` inside section `tables`"))
        #expect(error("\(b)\n\(Notebook.end("figures"))\n").hasPrefix("nb.md:2: marker `\(Notebook.end("figures"))` closes section `tables`"))
        #expect(error("<!-- generated:begin -->\n").hasPrefix("nb.md:1: malformed marker"))
    }

    @Test func aNotebookWithBrokenMarkersIsNotOverwritten() throws {
        let dir = try temporaryDirectory("notebook")
        defer { cleanUp(dir) }
        let path = dir + "/fixture.md"
        let broken = "# fixture\n\n## Answer\n\nmine\n\n" + Notebook.begin("tables") + "\nold\n"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) { try Notebook.write(try input(), to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken)
        // a fresh one is created, then updated in place
        let fresh = dir + "/sub/new.md"
        #expect(try Notebook.write(try input(), to: fresh) == true)
        #expect(try Notebook.write(try input(), to: fresh) == false)
    }

    @Test func relativePaths() {
        #expect(Notebook.relativePath(from: "notebooks-md", to: "plots/x") == "../plots/x")
        #expect(Notebook.relativePath(from: "/a/b/c", to: "/a/d") == "../../d")
        #expect(Notebook.relativePath(from: "docs", to: "docs/plots") == "plots")
    }
}
