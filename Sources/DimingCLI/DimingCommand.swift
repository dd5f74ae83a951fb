import ArgumentParser
import DimingCore
import DimingKit
import Foundation

/// `diming`: the registry of rural road names.
public struct DimingCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "diming",
        abstract: "Diming (地名): a registry for naming rural roads.",
        discussion: """
            Every command works on one registry file: --db PATH, else $DIMING_DB, else ./diming.sqlite.
            Start with `diming demo` to build a demo county, then explore it with `diming divisions list`.
            """,
        subcommands: [InitCommand.self, DemoCommand.self, GenerateCommand.self, DivisionsCommand.self, RoadsCommand.self, SurveyCommand.self, NamesCommand.self, CasesCommand.self, BatchesCommand.self, DocsCommand.self, SignsCommand.self, POIsCommand.self, ExportCommand.self, ServeCommand.self, UsersCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self, CRSCommand.self]
    )

    public init() {}

    /// Opens a registry by path: set by the executable, the composition root, to the adapter it ships.
    nonisolated(unsafe) public static var openRegistry: RegistryOpener = { path in
        throw RegistryError.cannotOpen(path: path, reason: "no registry adapter is configured in this build")
    }

    /// Runs the web server: set by the executable (the command line does not depend on the server).
    nonisolated(unsafe) public static var serveRegistry: (@Sendable (ServeRequest) async throws -> Void)?

    /// Runs the command line and returns the exit status: 0 success, 1 bad input or a failed
    /// command, 2 usage error.
    public static func run(_ arguments: [String]) async -> Int32 {
        CLILogging.bootstrap()
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as InputErrors {
            Output.error("error: the input was rejected; nothing was stored:\n\(error)")
            return 1
        } catch let error as CommandFailure {
            Output.error("error: \(error.message)")
            return 1
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if code == .validationFailure {
                Output.error(message)
                return 2
            }
            if error is ExitCode { return code.rawValue }
            let classified = ClassifiedError.classify(error)
            Output.error("error: \(classified.kind == .failure ? message : classified.message)")
            return 1
        }
    }
}

/// A command that could not do what was asked, with a message for the user.
struct CommandFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
