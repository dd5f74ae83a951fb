import ArgumentParser
import DimingCore
import DimingKit

extension AuthorityLevel: ExpressibleByArgument {}

/// `cases authorities`: the county's authority table (审批权限表) — who approves, files and announces.
struct CasesAuthorities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorities",
        abstract: "Show or set who approves, receives the filing and announces a county's road names (Art. 12-14).")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "The approver's level: county, city or province.") var approverLevel: AuthorityLevel?
    @Option(help: "The approver after the division's name (人民政府, 交通运输局 …).") var approverBody: String?
    @Option(help: "A body one level up that receives the filing, after the division's name (repeatable; replaces the list).") var filingBody: [String] = []
    @Option(help: "The announcing body at the approver's level, after the division's name (民政局).") var announcer: String?

    func run() throws {
        let store = try registry.open()
        if approverLevel != nil || approverBody != nil || !filingBody.isEmpty || announcer != nil {
            _ = try AuthoritySettings.update(store, county: county, actor: registry.actor, clock: try CLIClock.current()) { table in
                var rule = table.approvers["road"] ?? AuthorityRule(level: .county, body: "人民政府")
                if let approverLevel { rule.level = approverLevel }
                if let approverBody { rule.body = approverBody }
                table.approvers["road"] = rule
                if !filingBody.isEmpty { table.filingBodies = filingBody }
                if let announcer { table.announcer = announcer }
            }
        }
        guard let bodies = try CaseQueries(registry: store, actor: registry.actor).authorities(county: county) else {
            throw ValidationError("county \(county.countyPart): the table names no approver for roads, or a division's name is missing")
        }
        if output.json { return try Output.json(bodies) }
        Output.line("County \(county.countyPart): approved by \(bodies.approver); filed with \(bodies.filingBodies.joined(separator: " or ")); announced by \(bodies.announcer).")
    }
}

/// `cases papers`: what the county's papers say about the bureau (文号 abbreviation, objection contact).
struct CasesPapers: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "papers", abstract: "Set the 文号 abbreviation and the objection contact of a county's papers.")
    @OptionGroup var registry: RegistryOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "The 文号 abbreviation (示民 gives 示民公〔2026〕3号).") var abbreviation: String?
    @Option(help: "Where objections go: office, telephone, address.") var contact: String?

    func run() throws {
        let settings = try DocumentSettings.update(try registry.open(), county: county, actor: registry.actor, clock: try CLIClock.current()) { settings in
            if let abbreviation { settings.abbreviation = abbreviation }
            if let contact { settings.contact = contact }
        }
        Output.line("County \(county.countyPart): 文号 \(settings.abbreviation ?? "(the county's first character + 民)"); objections to \(settings.contact ?? "(the 民政局's 区划地名科)").")
    }
}
