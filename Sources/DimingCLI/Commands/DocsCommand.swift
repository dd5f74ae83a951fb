import ArgumentParser
import DimingCore
import DimingKit

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Documents of the procedure as A4 HTML and CSV: notice (公示), announcement (公告), application (申请书), filing (备案登记表).")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "notice, announcement, application or filing.") var kind: String
    @Argument(help: "A batch id (notice, announcement, filing) or a case id (application, notice).") var id: String
    @Option(help: "The folder to write to.") var out = "Exports/docs"

    func run() throws {
        guard let documentKind = ProcedureDocuments.Kind(rawValue: kind) else {
            throw ValidationError("unknown document \(kind): notice, announcement, application or filing")
        }
        guard let featureID = FeatureID(id) else { throw ValidationError("'\(id)' is not a batch or case id") }
        let written = try ProcedureDocuments(registry: registry.open(), actor: registry.actor).write(documentKind, id: featureID, to: out)
        if output.json { return try Output.json(written) }
        Output.line("Wrote \(written.html) and \(written.csv) (\(written.rows) rows).")
    }
}
