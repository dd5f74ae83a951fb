import ArgumentParser
import DimingKit
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the registry to a new file, while it stays in use (a running server included).")

    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The new backup file (never overwritten).") var path: String

    func run() throws {
        let report = try RegistryBackup(registry: registry.open(), actor: registry.actor, open: DimingCommand.openRegistry).backup(to: path)
        Output.line("Backed up \(registry.path) to \(path): \(report.events) audit events, chain intact.")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Replace the registry's whole content with a backup (checked first); the restore is audited.")

    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The backup file.") var path: String
    @Flag(help: "Replace a registry that holds data.") var force = false

    func run() throws {
        let store = try registry.open()
        let events = try store.read { try $0.audit.count() }
        guard force || events == 0 else {
            throw ValidationError("\(registry.path) holds data: restoring replaces all of it; give --force to do so")
        }
        let report = try RegistryBackup(registry: store, actor: registry.actor, open: DimingCommand.openRegistry).restore(from: path)
        Output.line("Restored \(registry.path) from \(path): \(report.events) audit events, chain intact.")
    }
}
