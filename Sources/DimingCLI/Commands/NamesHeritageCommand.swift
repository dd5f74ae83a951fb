import ArgumentParser
import DimingCore
import DimingKit
import Foundation

/// `names heritage`: the place-name heritage list (地名文化遗产保护名录).
struct NamesHeritage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heritage", abstract: "The place-name heritage list (地名文化遗产保护名录): import, add or edit, list.",
        discussion: """
            A name on the list cannot be renamed or retired without a recorded assessment \
            (cases create --kind renaming … --assessment "…"), and a new name elsewhere that reuses it gets a HERITAGE_NAME finding.
            """,
        subcommands: [NamesHeritageImport.self, NamesHeritageAdd.self, NamesHeritageList.self])
}

extension HeritageLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}

enum HeritageOutput {
    static func line(_ entry: HeritageName) {
        Output.line("\(entry.name)  \(entry.level.chinese)  \(entry.countyCode.countyPart) \(entry.place)  列入 \(DeadlineRules.dayString(entry.listedOn))  — \(entry.reason)")
    }
}

struct NamesHeritageImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import a county's list from CSV: name,place,level,reason,listed.")

    @OptionGroup var registry: RegistryOptions
    @Option(help: "The county the list belongs to.") var county: DivisionCode
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        let count = try HeritageList(registry: registry.open(), actor: registry.actor, clock: CLIClock.current()).importFile(path: file, county: county)
        Output.line("Listed \(count) protected name(s) in \(county.countyPart).")
    }
}

struct NamesHeritageAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a protected name, or edit the one of the same county and name.")

    @OptionGroup var registry: RegistryOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "Where the place is (所在地).") var place: String
    @Option(help: "国家级, 省级, 市级 or 县级.") var level: HeritageLevel
    @Option(help: "Why it is protected.") var reason: String
    @Option(help: "The day it was listed (yyyy-MM-dd).") var listed: Day
    @Argument(help: "The protected name.") var name: String

    func run() throws {
        let entry = HeritageName(name: name, countyCode: county, place: place, level: level, reason: reason, listedOn: listed.date)
        try HeritageList(registry: registry.open(), actor: registry.actor, clock: CLIClock.current()).save(entry)
        HeritageOutput.line(entry)
    }
}

struct NamesHeritageList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The protected names of a county, or of every county.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The county.") var county: DivisionCode?

    func run() throws {
        let entries = try HeritageList(registry: registry.open(), actor: registry.actor).list(county: county)
        if output.json { return try Output.json(entries) }
        entries.forEach(HeritageOutput.line)
        Output.line("(\(entries.count) protected)")
    }
}
