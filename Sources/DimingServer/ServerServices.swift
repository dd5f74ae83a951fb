import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// What the server's handlers share: the registry and the loaded tables.
public struct ServerServices: Sendable {
    public var registry: any RegistryStore
    public var resources: NamingResources
    public var categories: POICategories
    public var clock: any Clock
    /// Where users reach this server (`https://…` in a deployment): an HTTPS address makes the
    /// session cookie `Secure`, so a browser never sends it over plain HTTP.
    public var publicURL: URL?
    /// Read answers kept until the registry changes (sessions, roads, the dashboard, name checks).
    let reads: ReadCache
    /// Failed sign-ins per account and address (in memory: throttling never writes).
    let throttle: SignInThrottle
    /// Imports started from the browser, with their progress.
    let uploads = UploadJobs()
    /// Where deliveries made from the browser are written (`Exports`, as on the command line).
    public var exportsRoot = "Exports"
    /// Reverse proxies whose `X-Forwarded-For` names the client (`serve --trusted-proxy`).
    public var trustedProxies: Set<String> = []

    public init(registry: any RegistryStore, resources: NamingResources, categories: POICategories, clock: any Clock = SystemClock(),
                publicURL: URL? = nil, throttle: SignInThrottle = SignInThrottle()) {
        self.registry = registry
        self.publicURL = publicURL
        self.throttle = throttle
        self.resources = resources
        self.categories = categories
        self.clock = clock
        reads = ReadCache(registry: registry)
    }

    /// The answer for `key`, kept until the registry changes; a miss loads it off the server's
    /// threads. The key must name everything the answer depends on (see ``UserAccount/scopeKey``).
    func cached<T: Sendable>(_ key: String, _ load: @escaping @Sendable () throws -> T) async throws -> T {
        let token = try reads.token()
        if let hit: T = reads.cached(key, at: token) { return hit }
        let value = try await blocking(load)
        reads.store(value, key, at: token)
        return value
    }

    /// The signed-in user and CSRF token of a session cookie. Found sessions are kept until the
    /// registry changes (a sign-out anywhere is a change) or the cache's age limit; unknown tokens
    /// are not kept, so guessing fills nothing.
    func session(_ token: String) async throws -> (user: UserAccount, csrf: String)? {
        let key = "session|" + token
        let generation = try reads.token()
        if let hit: SignedIn = reads.cached(key, at: generation) { return (hit.user, hit.csrf) }
        guard let found = try await blocking({ [accounts] in try accounts.session(token) }) else { return nil }
        reads.store(SignedIn(user: found.user, csrf: found.csrf), key, at: generation)
        return found
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure behind HTTPS; `nil` expires it (sign-out).
    func sessionCookie(_ token: String?) -> Cookie {
        Cookie(name: SessionMiddleware.cookie, value: token ?? "", expires: token == nil ? Date(timeIntervalSince1970: 0) : nil,
               maxAge: token == nil ? 0 : Int(accounts.sessionLength), path: "/", secure: publicURL?.scheme?.lowercased() == "https",
               httpOnly: true, sameSite: .strict)
    }

    /// Signs in through the throttle: waits its delay without holding a thread, then checks the
    /// password off the server's threads. Nil for a wrong password; ``SignInThrottled`` when refused.
    func signIn(_ username: String, password: String, address: String?) async throws -> (user: UserAccount, token: String, csrf: String)? {
        if case .proceed(let delay) = throttle.verdict(username: username, address: address, now: clock.now()), delay > 0 {
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        }
        return try await blocking { [accounts, throttle] in try accounts.signIn(username, password: password, address: address, throttle: throttle) }
    }

    /// Accounts' display names by username, for timelines (经办人).
    func displayNames() async throws -> [String: String] {
        try await cached("display-names") { [accounts] in
            Dictionary(try accounts.list().map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Ends a session and forgets it at once.
    func signOut(_ token: String) async throws {
        reads.forget("session|" + token)
        try await blocking { [accounts] in try accounts.signOut(token) }
    }

    private struct SignedIn: Sendable {
        var user: UserAccount
        var csrf: String
    }

    public var accounts: Accounts { Accounts(registry: registry, clock: clock) }
    func cases(_ user: UserAccount) -> CaseService { CaseService(registry: registry, resources: resources, actor: user, clock: clock) }
    func caseQueries(_ user: UserAccount) -> CaseQueries { CaseQueries(registry: registry, actor: user) }
    func roads(_ user: UserAccount) -> RoadQueries { RoadQueries(registry: registry, actor: user) }
    func desk(_ user: UserAccount) -> NamingDesk { NamingDesk(registry: registry, resources: resources, actor: user, clock: clock) }
}

extension UserAccount {
    /// What a scoped read model depends on: the role and the county and town it works in.
    var scopeKey: String { "\(role.rawValue)|\(countyCode?.rawValue ?? "-")|\(townCode?.rawValue ?? "-")" }
}
