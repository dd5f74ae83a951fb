import ArgumentParser
import Foundation
import DimingCore
import DimingKit
import Naming

struct NamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "Standard names: romanize, check the naming rules, register, suggest, search.",
        subcommands: [NamesRomanize.self, NamesCheck.self, NamesAdd.self, NamesWaive.self, NamesConfirmReading.self, NamesRules.self,
                      NamesSuggest.self, NamesSearch.self, NamesHistory.self, NamesCharacters.self, NamesHeritage.self, NamesBench.self, NamesBenchReadings.self])
}

extension NameScope: ExpressibleByArgument {}

extension NameStatus: ExpressibleByArgument {}

extension FindingCode: ExpressibleByArgument {}

/// `--county`, `--town`, `--road`, `--width`, `--scope`: where a name is proposed.
struct SiteOptions: ParsableArguments {
    @Option(help: "The county the name is in.") var county: DivisionCode?
    @Option(help: "The town the name is in.") var town: DivisionCode?
    @Option(help: "The road the name is for (gives county, town, length).") var road: String?
    @Option(help: "The road's width in metres, to check the generic term.") var width: Double?
    @Option(help: "Where names must not clash: town, county or km:N (default: the county's rule).") var scope: NameScope?

    func site() throws -> NameSite {
        var roadID: FeatureID?
        if let road {
            guard let id = FeatureID(road), id.kind == .road else { throw ValidationError("'\(road)' is not a road id (e.g. 379901-R-000001)") }
            roadID = id
        }
        return NameSite(county: county, town: town, road: roadID, width: width, scope: scope)
    }
}

enum NamesOutput {
    static func findings(_ check: NameCheck) {
        if check.findings.isEmpty { Output.line("  no findings: the name passes every rule in scope") }
        for finding in check.findings {
            let mark = finding.waiver != nil ? "waived" : finding.severity.rawValue
            Output.line("  [\(mark)] \(finding.code.rawValue): \(finding.message)")
            Output.line("      \(finding.messageEn)")
            for record in finding.conflicts.prefix(5) {
                Output.line("      ↳ \(record.id) \(record.text) (\(record.status?.rawValue ?? "source data"))")
            }
            if let waiver = finding.waiver { Output.line("      waived by \(waiver)") }
        }
    }
}

struct NamesRomanize: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "romanize", abstract: "Hanyu Pinyin of names: toned and sign forms, by the 1984 rules.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Use the readings confirmed for this county.") var county: DivisionCode?
    @Argument(help: "One or more names.") var names: [String]

    func run() throws {
        let results = try NamingDesk(registry: registry.open(), resources: .load(), actor: registry.actor).romanize(names, county: county)
        if output.json { return try Output.json(results) }
        for result in results {
            Output.line("\(result.name)  \(result.toned)  \(result.sign)")
            let parsed = result.parsed
            var parts = ["专名 \(parsed.specific)"]
            if let ordinal = parsed.ordinal { parts.append("序数 \(ordinal)") }
            if !parsed.modifiers.isEmpty { parts.append("修饰 " + parsed.modifiers.map(\.text).joined()) }
            if !parsed.generic.isEmpty { parts.append("通名 \(parsed.generic)") }
            Output.line("  " + parts.joined(separator: " · "))
            if !result.review.isEmpty { Output.line("  review the reading of: \(result.review.joined(separator: "、")) (place names read it more than one way here)") }
            for ambiguity in parsed.ambiguities { Output.line("  note: \(ambiguity)") }
        }
    }
}

struct NamesCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a proposed name against every naming rule and the names in scope.",
        discussion: "Exit status 0 when no finding has error severity (or every error is waived), 1 when one has. Warnings and information are printed but do not fail the check.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var site: SiteOptions
    @Argument(help: "The proposed name.") var name: String

    func run() throws {
        let check = try NamingDesk(registry: registry.open(), resources: .load(), actor: registry.actor).check(name, at: site.site())
        if output.json {
            try Output.json(check)
        } else {
            Output.line("\(check.name)  \(check.romanization.toned)  \(check.romanization.sign)")
            NamesOutput.findings(check)
            Output.line(check.passes ? "passes" : "\(check.errors) error(s), \(check.warnings) warning(s)")
        }
        if check.errors > 0 { throw ExitCode(1) }
    }
}

struct NamesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a name (an existing standard name, or a proposal) in a county.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var site: SiteOptions
    @Option(help: "proposed, inProcedure, standard, former, retired.") var status: NameStatus = .standard
    @Flag(help: "Register even if the name breaks rules (an existing name).") var force = false
    @Argument(help: "The name.") var name: String

    func run() throws {
        let (stored, check) = try NamingDesk(registry: registry.open(), resources: .load(), actor: registry.actor)
            .add(name, at: site.site(), status: status, force: force)
        if output.json { return try Output.json(stored) }
        Output.line("Registered \(stored.id) \(stored.text) \(stored.toned) (\(stored.status.rawValue)) in \(stored.countyCode).")
        if !check.findings.isEmpty { NamesOutput.findings(check) }
    }
}

struct NamesWaive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waive", abstract: "Accept a finding for a name, recording who and why (never a state leader's name).")

    @OptionGroup var registry: RegistryOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "The finding's code, e.g. HOMOPHONE, FOREIGN_PLACE.") var code: FindingCode
    @Option(help: "Why it is accepted.") var reason: String
    @Argument(help: "The name.") var name: String

    func run() throws {
        try NamingDesk(registry: registry.open(), resources: .load(), actor: registry.actor).waive(name, code: code, county: county, reason: reason)
        Output.line("Waived \(code) for \(name) in \(county) by \(try registry.actor.username): \(reason)")
    }
}

struct NamesConfirmReading: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm-reading", abstract: "Keep a confirmed reading of characters: for one name, a place's names, or everywhere.",
        discussion: "Example: diming names confirm-reading 莘 shēn --place 371522")

    @OptionGroup var registry: RegistryOptions
    @Option(help: "Only for this name.") var name: String?
    @Option(help: "For the names in this division.") var place: DivisionCode?
    @Argument(help: "The characters.") var phrase: String
    @Argument(help: "Toned pinyin, one syllable per character (e.g. \"chóng xīng\").") var pinyin: String

    func run() throws {
        let changed = try NamingDesk(registry: registry.open(), resources: .load(), actor: registry.actor)
            .confirmReading(phrase, pinyin: pinyin, name: name, place: place)
        Output.line("Confirmed \(phrase) = \(pinyin)" + (name.map { " for \($0)" } ?? place.map { " in \($0)" } ?? " everywhere") + ".")
        for name in changed { Output.line("  \(name.id) \(name.text) now \(name.toned) (\(name.sign))") }
        Output.line("\(changed.count) registered name(s) romanised again.")
    }
}

struct NamesSuggest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suggest", abstract: "Ranked name candidates for a road; each passes the checks in scope.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Where names must not clash: town, county or km:N (default: the county's rule).") var scope: NameScope?
    @Option(help: "How many.") var limit = 10
    @Argument(help: "The road id.") var road: String

    func run() throws {
        guard let id = FeatureID(road), id.kind == .road else { throw ValidationError("'\(road)' is not a road id (e.g. 379901-R-000001)") }
        let suggestions = try NamingDesk(registry: registry.open(), resources: .load(), actor: registry.actor).suggest(road: id, scope: scope, limit: limit)
        if output.json { return try Output.json(suggestions) }
        for (rank, suggestion) in suggestions.enumerated() {
            Output.line("\(rank + 1). \(suggestion.name)  \(suggestion.toned)  — \(suggestion.reason) [\(suggestion.source)]")
        }
        if suggestions.isEmpty { Output.line("No candidate passes the checks in scope.") }
    }
}

struct NamesSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search names by characters, pinyin (with or without tones) or initials (xfl → 幸福路).")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "How many.") var limit = 20
    @Argument(help: "Characters, pinyin or initials.") var query: String

    func run() throws {
        let hits = try NameSearch(registry: registry.open(), actor: registry.actor).search(query, limit: limit)
        if output.json { return try Output.json(hits) }
        for hit in hits { Output.line("\(hit.id)  \(hit.text)  \(hit.toned ?? "")  [\(hit.status?.rawValue ?? "working")]") }
        Output.line("(\(hits.count) found)")
    }
}

struct NamesCharacters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "characters", abstract: "Import the levels of the 通用规范汉字表 (CSV with char and level columns), for level-3 warnings.")

    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        let count = try NamingDesk(registry: registry.open(), resources: .load(), actor: registry.actor).importCharacterLevels(path: file)
        Output.line("Stored the levels of \(Output.count(count)) characters.")
    }
}

struct NamesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark: check and search timings against a synthetic county of many names.",
        shouldDisplay: false)

    @Option(help: "Where to build the benchmark registry (replaced).") var db = "/tmp/diming-names-bench.sqlite"
    @Option(help: "Names in the county.") var names = 100_000
    @Option(help: "Checks and searches to time.") var checks = 2_000

    func run() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let result = try NameBenchmark(resources: .load()).run(path: db, open: DimingCommand.openRegistry, count: names, checks: checks)
        try Output.json(result)
    }
}

struct NamesHistory: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Every name a road has had, with its validity (曾用名 kept).")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The road id.") var road: String

    func run() throws {
        guard let id = FeatureID(road), id.kind == .road else { throw ValidationError("'\(road)' is not a road id") }
        let history = try CaseQueries(registry: registry.open(), actor: registry.actor).history(road: id)
        if output.json { return try Output.json(history) }
        for entry in history {
            Output.line("\(entry.text)  \(entry.toned)  [\(entry.status.rawValue)]  \(entry.validFrom ?? "…") – \(entry.validTo ?? "")")
        }
        if history.isEmpty { Output.line("Road \(road) has had no registered names.") }
    }
}

struct NamesRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Show or set a county's local naming rules: the longest 专名, the scope of duplicate checks.",
        discussion: "Example: diming names rules --county 379901 --max-specific-length 4 --duplicate-scope town")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "The longest 专名 allowed, in characters (0: no limit).") var maxSpecificLength: Int?
    @Option(help: "Where duplicates and homophones are looked for by default: town, county or km:N.") var duplicateScope: String?

    func run() throws {
        let settings = NamingSettings(registry: try registry.open(), actor: try registry.actor)
        var rules = try settings.rules(county: county)
        if maxSpecificLength != nil || duplicateScope != nil {
            if let maxSpecificLength { rules.maxSpecificLength = maxSpecificLength == 0 ? nil : maxSpecificLength }
            if let duplicateScope { rules.duplicateScope = duplicateScope }
            try settings.setRules(rules, county: county)
        }
        if output.json { return try Output.json(rules) }
        Output.line("专名 length limit: \(rules.maxSpecificLength.map { "\($0) characters" } ?? "none")")
        Output.line("duplicate scope: \(rules.duplicateScope)")
    }
}

struct NamesBenchReadings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-readings", abstract: "Benchmark: review-prompt rate and sign-form accuracy on real names.",
        shouldDisplay: false)

    @Option(help: "A division table whose village names are romanised (e.g. ../shared/data/admin/target_areas_5level_2021_liyanjie.csv).")
    var villages: String?
    @Option(help: "Announced road names with their published sign forms (TSV).") var announced = "Scripts/bench-data/announced-road-names.tsv"

    func run() throws {
        let names = try villages.map { try ReadingBenchmark.villageNames(csv: $0) } ?? []
        guard let data = FileManager.default.contents(atPath: announced), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read \(announced)")
        }
        let result = ReadingBenchmark(romanizer: try NamingResources.load().romanizer)
            .run(names: names, announced: ReadingBenchmark.announcedNames(tsv: text))
        try Output.json(result)
    }
}
