import ArgumentParser

struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Synthetic long-context tasks (being built).")
}
