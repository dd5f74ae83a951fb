import ArgumentParser
import DimingKit
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail: verify its hash chain.", subcommands: [AuditVerify.self])
}

struct AuditVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the audit trail's hash chain; exit 1 naming the first event that was changed, removed or inserted by hand.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try AuditVerification(registry: registry.open(), actor: registry.actor).run()
        if output.json { try Output.json(report) } else if let broken = report.firstBroken {
            Output.error("error: the audit chain breaks at event \(broken) (of \(report.events) checked): it, or an event before it, was changed, removed or inserted outside Diming")
        } else {
            Output.line("Audit chain intact: \(report.events) events.")
        }
        if !report.ok { throw ExitCode(1) }
    }
}
