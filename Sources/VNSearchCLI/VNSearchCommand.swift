import ArgumentParser

@main
struct VNSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vnsearch",
        abstract: "Full-text search for Vietnamese reports: ranked passages, any diacritics.",
        discussion: """
            Index the reports in corpus/ into index/, then search:
              vnsearch index
              vnsearch search "người Hoa Bạc Liêu"
              vnsearch serve
            Exit codes: 0 success (also when nothing matches), 1 runtime failure, 64 usage error.
            """,
        subcommands: [IndexCommand.self, SearchCommand.self, EntitiesCommand.self, ServeCommand.self, StatsCommand.self, CheckCommand.self]
    )
}
