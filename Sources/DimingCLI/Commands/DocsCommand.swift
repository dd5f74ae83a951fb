import ArgumentParser
import DimingCore
import DimingKit

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Papers of the procedure as print-ready A4 HTML and PDF (registers also CSV and XLSX).",
        discussion: """
            application (申请书), notice (公示), request (请示), reply (批复, a draft until approved), announcement (公告),
            filing-report (备案报告), filing (备案登记表). PDFs need WeasyPrint (Debian weasyprint).
            """)

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "application, notice, request, reply, announcement, filing-report or filing.") var kind: String
    @Argument(help: "A batch id or a case id (an application is a case's; of a batch, its first case's).") var id: String
    @Option(help: "The folder to write to.") var out = "Exports/docs"

    func run() throws {
        guard let documentKind = ProcedureDocuments.Kind(rawValue: kind) else {
            throw ValidationError("unknown document \(kind): " + ProcedureDocuments.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let featureID = FeatureID(id) else { throw ValidationError("'\(id)' is not a batch or case id") }
        let written = try ProcedureDocuments(registry: registry.open(), actor: registry.actor, clock: try CLIClock.current())
            .write(documentKind, id: featureID, to: out)
        if output.json { return try Output.json(written) }
        let files = [written.html, written.pdf, written.csv, written.xlsx].compactMap { $0 }
        Output.line("Wrote \(files.joined(separator: ", ")) (\(written.rows) rows).")
        if written.pdf == nil { Output.line("No PDF: \(PDFUnavailable(executable: PDFRenderer().executable))") }
    }
}
