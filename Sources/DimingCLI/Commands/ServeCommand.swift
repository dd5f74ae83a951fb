import ArgumentParser
import DimingCore
import DimingKit
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the web registry (JSON API, /openapi.json, Chinese web pages) on the registry file.")

    @OptionGroup var registry: RegistryOptions
    @Option(help: "Port (0 picks a free one).") var port = 8080
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "The address users reach the registry at, behind a proxy (https://… makes the session cookie Secure).")
    var publicURL: String?
    @Option(help: "Where deliveries made in the browser are written.") var exports = "Exports"
    @Option(name: .customLong("trusted-proxy"), help: "The address of a reverse proxy in front of the server (repeatable): its X-Forwarded-For names the client.")
    var trustedProxies: [String] = []

    func run() async throws {
        let store = try registry.open(retrying: false)
        if try Accounts(registry: store).list().isEmpty {
            Output.error("note: no accounts yet: add one with `diming users add NAME --role admin`, or run `diming demo` (demo accounts)")
        }
        guard let serve = DimingCommand.serveRegistry else { throw CommandFailure("this build of diming has no web server") }
        let path = registry.path, host = host
        var url: URL?
        if let publicURL {
            guard let parsed = URL(string: publicURL), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw ValidationError("--public-url takes an http:// or https:// address, not \(publicURL)")
            }
            url = parsed
        }
        try await serve(ServeRequest(store: store, host: host, port: port, clock: try CLIClock.current(), publicURL: url,
                                     exportsRoot: exports, trustedProxies: Set(trustedProxies)) { bound in
            FileHandle.standardOutput.write(Data("Diming web registry on http://\(host):\(bound) (registry \(path)); stop with Ctrl-C.\n".utf8))
        })
    }
}

/// What `diming serve` asks of the web server the executable plugs in.
public struct ServeRequest: Sendable {
    public var store: any RegistryStore
    public var host: String
    public var port: Int
    public var clock: any Clock
    /// Where users reach the server (`serve --public-url`).
    public var publicURL: URL?
    /// Where deliveries made in the browser are written (`serve --exports`).
    public var exportsRoot = "Exports"
    /// Reverse proxies trusted to name the client (`serve --trusted-proxy`).
    public var trustedProxies: Set<String> = []
    /// Called with the bound port once the server listens.
    public var onListening: @Sendable (Int) -> Void
}

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Accounts of the web registry: add, list, passwd.", subcommands: [UsersAdd.self, UsersList.self, UsersPasswd.self])
}

extension UserAccount.Role: ExpressibleByArgument {}

/// The password from `$DIMING_PASSWORD`, or one line of standard input.
func readPassword() throws -> String {
    if let password = ProcessInfo.processInfo.environment["DIMING_PASSWORD"] { return password }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("give the password on standard input or in $DIMING_PASSWORD") }
    return line
}

struct UsersAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account (password from stdin or $DIMING_PASSWORD).")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The username.") var username: String
    @Option(help: "clerk, reviewer or admin.") var role: UserAccount.Role
    @Option(help: "Display name.") var name: String?
    @Option(help: "A clerk's town.") var town: DivisionCode?
    @Option(help: "A reviewer's county.") var county: DivisionCode?

    func run() throws {
        try Accounts(registry: registry.open()).add(UserAccount(username: username, displayName: name ?? username, role: role, countyCode: county, townCode: town),
                                                    password: try readPassword(), actor: registry.actor)
        Output.line("Added \(role.rawValue) \(username).")
    }
}

struct UsersList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let users = try Accounts(registry: registry.open()).list()
        if output.json { return try Output.json(users) }
        users.forEach { Output.line("\($0.username)  \($0.displayName)  \($0.role.rawValue)  \($0.townCode?.rawValue ?? $0.countyCode?.rawValue ?? "")") }
    }
}

struct UsersPasswd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set an account's password (ends its sessions).")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The username.") var username: String

    func run() throws {
        try Accounts(registry: registry.open()).setPassword(username, password: try readPassword(), actor: registry.actor)
        Output.line("Password of \(username) changed.")
    }
}
