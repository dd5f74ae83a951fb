import ArgumentParser
import DimingCore
import DimingKit
import DimingStore
import Foundation

/// `--db` and `--actor`, shared by every command that opens the registry.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The registry file.", discussion: "Default: $DIMING_DB, else diming.sqlite in the working directory.", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Who is acting, for the audit trail (default: $DIMING_ACTOR, else $USER).", valueName: "name"))
    var actor: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["DIMING_DB"] ?? "diming.sqlite"
    }

    var actorName: String {
        let environment = ProcessInfo.processInfo.environment
        return actor ?? environment["DIMING_ACTOR"] ?? environment["USER"] ?? "cli"
    }

    func open() throws -> Registry {
        try Registry(path: path)
    }
}

/// `--json`: print JSON only (an array for lists, an object for one record).
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON only.")
    var json = false
}

extension CoordinateSystem: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(name: argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension DivisionLevel: ExpressibleByArgument {
    public init?(argument: String) {
        if let number = Int(argument), let level = DivisionLevel(rawValue: number) {
            self = level
        } else {
            self.init(name: argument)
        }
    }

    public static var allValueStrings: [String] { allCases.map(\.name) }
}

extension DivisionCode: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
