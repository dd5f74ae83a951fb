import DimingCore
import ArgumentParser

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the registry file (or bring an existing one up to date).")

    @OptionGroup var registry: RegistryOptions

    func run() throws {
        let store = try registry.openCreating()
        Output.line("Registry ready at \(store.location).")
    }
}
