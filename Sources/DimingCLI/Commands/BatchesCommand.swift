import ArgumentParser
import DimingCore
import DimingKit

struct BatchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batches", abstract: "Approval batches: many cases under one approval document.",
        subcommands: [BatchesCreate.self, BatchesAdd.self, BatchesApprove.self, BatchesFile.self, BatchesAnnounce.self])
}

func batchID(_ text: String) throws -> FeatureID {
    guard let id = FeatureID(text), id.kind == .batch else { throw ValidationError("'\(text)' is not a batch id (e.g. 379901-A-000001)") }
    return id
}

struct BatchesCreate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Open a batch in a county.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "A title.") var title: String

    func run() throws {
        let batch = try BatchService(cases: caseService(registry)).create(county: county, title: title)
        if output.json { return try Output.json(batch) }
        Output.line("Batch \(batch.id): \(batch.title)")
    }
}

struct BatchesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add cases to a batch.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The batch.") var batch: String
    @Argument(help: "The cases.") var cases: [String]

    func run() throws {
        let added = try BatchService(cases: caseService(registry)).add(try batchID(batch), cases: try cases.map(caseID))
        Output.line("Added \(added.count) cases to \(batch).")
    }
}

struct BatchesApprove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve every case of the batch in one transaction, or none.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The batch.") var batch: String
    @Option(help: "Approving authority.") var authority: String
    @Option(help: "Approval document number (批复文号).") var document: String
    @Option(help: "Approval date.") var date: Day

    func run() throws {
        let approved = try BatchService(cases: caseService(registry))
            .approve(try batchID(batch), approval: Approval(authority: authority, documentNumber: document, date: date.date))
        Output.line("Approved \(approved.count) cases under \(document); filing and announcement are due within the county's deadline.")
    }
}

struct BatchesFile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "file", abstract: "Record the filing of every case in the batch.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The batch.") var batch: String
    @Option(help: "Filing date.") var date: Day
    @Option(help: "The receiving body.") var body: String

    func run() throws {
        let filed = try BatchService(cases: caseService(registry)).file(try batchID(batch), filing: Filing(date: date.date, body: body))
        Output.line("Filed \(filed.count) cases; \(filed.filter { $0.state == .standard }.count) are now standard names.")
    }
}

struct BatchesAnnounce: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "announce", abstract: "Record the announcement of every case in the batch.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The batch.") var batch: String
    @Option(help: "Announcement date.") var date: Day
    @Option(help: "Channels, comma-separated.") var channels: String

    func run() throws {
        let announced = try BatchService(cases: caseService(registry))
            .announce(try batchID(batch), announcement: Announcement(date: date.date, channels: channels.split(separator: ",").map(String.init)))
        Output.line("Announced \(announced.count) cases; \(announced.filter { $0.state == .standard }.count) are now standard names.")
    }
}
