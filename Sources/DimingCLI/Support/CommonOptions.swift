import ArgumentParser
import DimingCore
import DimingKit
import Foundation

/// `--db` and `--actor`, shared by every command that opens the registry.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The registry file.", discussion: "Default: $DIMING_DB, else diming.sqlite in the working directory.", valueName: "path"))
    var db: String?

    @Option(name: .customLong("actor"), help: ArgumentHelp("Who is acting, for the audit trail (default: $DIMING_ACTOR, else $USER).", valueName: "name"))
    var actorOption: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["DIMING_DB"] ?? "diming.sqlite"
    }

    var actorName: String {
        let environment = ProcessInfo.processInfo.environment
        return actorOption ?? environment["DIMING_ACTOR"] ?? environment["USER"] ?? "cli"
    }

    /// The person at the command line, acting as the registry's administrator.
    var actor: UserAccount { .commandLine(actorName) }

    /// Opens the registry, which must exist: a mistyped `--db` is an error, never a new empty registry.
    func open() throws -> any RegistryStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("no registry at \(path): check --db (or $DIMING_DB); `diming init --db \(path)` creates an empty one, `diming demo` a demo")
        }
        return try DimingCommand.openRegistry(path)
    }

    /// Opens the registry, creating it when missing: for `init` and the imports that fill a new one.
    func openCreating() throws -> any RegistryStore {
        try DimingCommand.openRegistry(path)
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
