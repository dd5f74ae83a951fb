import ArgumentParser
import DimingCore
import DimingKit
import Foundation

/// `--db` and `--actor`, shared by every command that opens the registry.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The registry file.", discussion: "Default: $DIMING_DB, else diming.sqlite in the working directory.", valueName: "path"))
    var db: String?

    @Option(name: .customLong("actor"), help: ArgumentHelp("The account acting (its role and scope apply); default $DIMING_ACTOR, else the command line itself (cli:$USER, an administrator).", valueName: "username"))
    var actorOption: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["DIMING_DB"] ?? "diming.sqlite"
    }

    /// Who acts: the account `--actor` (or `$DIMING_ACTOR`) names, which must exist in the registry,
    /// or else the command line itself (``CommandLineActor/system(user:)``).
    var actor: UserAccount {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            guard let name = actorOption ?? environment["DIMING_ACTOR"] else { return systemActor }
            return try CommandLineActor.account(name, in: open())
        }
    }

    /// The command line itself, for commands that build a registry (demo).
    var systemActor: UserAccount { CommandLineActor.system(user: ProcessInfo.processInfo.environment["USER"]) }

    /// Opens the registry, which must exist: a mistyped `--db` is an error, never a new empty registry.
    /// A busy registry is retried a few times with a message (``BusyRetry``), unless `retrying` is off (the server answers 503 instead).
    func open(retrying: Bool = true) throws -> any RegistryStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("no registry at \(path): check --db (or $DIMING_DB); `diming init --db \(path)` creates an empty one, `diming demo` a demo")
        }
        let store = try DimingCommand.openRegistry(path)
        return retrying ? BusyRetry(base: store) : store
    }

    /// Opens the registry, creating it when missing: for `init` and the imports that fill a new one.
    func openCreating() throws -> any RegistryStore {
        BusyRetry(base: try DimingCommand.openRegistry(path))
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
