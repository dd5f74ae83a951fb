import ArgumentParser
import DimingCore
import DimingKit
import DimingStore
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
        subcommands: [InitCommand.self, DemoCommand.self, GenerateCommand.self, DivisionsCommand.self, RoadsCommand.self, SurveyCommand.self, NamesCommand.self, CasesCommand.self, BatchesCommand.self, DocsCommand.self, SignsCommand.self, POIsCommand.self, ExportCommand.self, ServeCommand.self, UsersCommand.self, CRSCommand.self]
    )

    public init() {}

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
        } catch let error as InputError {
            Output.error("error: \(error)")
            return 1
        } catch let error as InputErrors {
            Output.error("error: the input was rejected; nothing was stored:\n\(error)")
            return 1
        } catch let error as RegistryError {
            Output.error("error: \(error)")
            return 1
        } catch let error as ProcedureError {
            Output.error("error: \(error)")
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
            Output.error("error: \(message)")
            return 1
        }
    }
}

/// A command that could not do what was asked, with a message for the user.
struct CommandFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
