import DimingCore
import DimingStore
import Foundation

/// Accounts, sign-in and sessions (with expiry and a CSRF token each).
public struct Accounts: Sendable {
    public var registry: Registry
    public var clock: any Clock
    /// How long a session lives.
    public var sessionLength: TimeInterval = 8 * 3600

    public init(registry: Registry, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.clock = clock
    }

    /// Adds an account. `hashIterations` is lowered only for throwaway demo accounts.
    public func add(_ user: UserAccount, password: String, actor: String, hashIterations: Int = PasswordHasher.iterations) throws {
        guard user.username.range(of: "^[A-Za-z0-9_.-]{2,32}$", options: .regularExpression) != nil else {
            throw InputError(field: "username", "2–32 letters, digits, dot, dash or underscore")
        }
        guard password.count >= 8 else { throw InputError(field: "password", "at least 8 characters") }
        if user.role == .clerk && user.townCode == nil { throw InputError(field: "--town", "a clerk works in one town: give --town") }
        if user.role == .reviewer && user.countyCode == nil { throw InputError(field: "--county", "a reviewer works in one county: give --county") }
        let now = clock.now()
        try registry.write { db in
            if try UserTable.find(db, username: user.username) != nil { throw InputError(field: "username", "\(user.username) already exists") }
            var user = user
            user.countyCode = user.countyCode?.ancestor(at: .county) ?? user.townCode?.ancestor(at: .county)
            try UserTable.insert(db, user, passwordHash: PasswordHasher.hash(password, iterations: hashIterations), at: now)
            try AuditLog.append(db, AuditEvent(at: now, actor: actor, action: "user.added", entityKind: "user", entityID: user.username,
                                               after: JSON.string(["role": user.role.rawValue, "town": user.townCode?.rawValue ?? ""])))
        }
    }

    public func setPassword(_ username: String, password: String, actor: String) throws {
        guard password.count >= 8 else { throw InputError(field: "password", "at least 8 characters") }
        let now = clock.now()
        try registry.write { db in
            guard try UserTable.find(db, username: username) != nil else { throw RegistryError.notFound(kind: "user", key: username) }
            try UserTable.setPassword(db, username: username, hash: PasswordHasher.hash(password))
            try AuditLog.append(db, AuditEvent(at: now, actor: actor, action: "user.password", entityKind: "user", entityID: username))
        }
    }

    public func list() throws -> [UserAccount] {
        try registry.read { try UserTable.list($0) }
    }

    /// A new session (token, CSRF token) for the right password; nil otherwise.
    public func signIn(_ username: String, password: String) throws -> (user: UserAccount, token: String, csrf: String)? {
        let now = clock.now()
        return try registry.write { db in
            guard let (user, hash) = try UserTable.find(db, username: username), PasswordHasher.verify(password, against: hash) else { return nil }
            let token = PasswordHasher.token(), csrf = PasswordHasher.token(16)
            try UserTable.createSession(db, token: token, username: username, csrf: csrf, expires: now.addingTimeInterval(sessionLength))
            return (user, token, csrf)
        }
    }

    public func session(_ token: String) throws -> (user: UserAccount, csrf: String)? {
        try registry.read { try UserTable.session($0, token: token, now: clock.now()) }.map { ($0.0, $0.1) }
    }

    public func signOut(_ token: String) throws {
        try registry.write { try UserTable.deleteSession($0, token: token) }
    }
}
