import DimingCore
import Foundation

/// Accounts, sign-in and sessions (with expiry and a CSRF token each).
public struct Accounts: Sendable {
    public var registry: any RegistryStore
    public var clock: any Clock
    /// How long a session lives.
    public var sessionLength: TimeInterval = 8 * 3600

    public init(registry: any RegistryStore, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.clock = clock
    }

    /// Adds an account. `hashIterations` is lowered only for throwaway demo accounts.
    public func add(_ user: UserAccount, password: String, actor: UserAccount, hashIterations: Int = PasswordHasher.iterations) throws {
        guard user.username.range(of: "^[A-Za-z0-9_.-]{2,32}$", options: .regularExpression) != nil else {
            throw InputError(field: "username", "2–32 letters, digits, dot, dash or underscore")
        }
        guard password.count >= 8 else { throw InputError(field: "password", "at least 8 characters") }
        if user.role == .clerk && user.townCode == nil { throw InputError(field: "--town", "a clerk works in one town: give --town") }
        if user.role == .reviewer && user.countyCode == nil { throw InputError(field: "--county", "a reviewer works in one county: give --county") }
        try Policy.require(actor, .manageUsers, in: user.accountScope)
        let now = clock.now()
        try registry.write { db in
            if try db.users.find(username: user.username) != nil { throw InputError(field: "username", "\(user.username) already exists") }
            var user = user
            user.countyCode = user.countyCode?.ancestor(at: .county) ?? user.townCode?.ancestor(at: .county)
            try db.users.insert(user, passwordHash: PasswordHasher.hash(password, iterations: hashIterations), at: now)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .userAdded, entityKind: "user", entityID: user.username,
                                               after: JSON.string(["role": user.role.rawValue, "town": user.townCode?.rawValue ?? ""])))
        }
    }

    public func setPassword(_ username: String, password: String, actor: UserAccount) throws {
        guard password.count >= 8 else { throw InputError(field: "password", "at least 8 characters") }
        let now = clock.now()
        try registry.write { db in
            guard let (user, _) = try db.users.find(username: username) else { throw RegistryError.notFound(kind: "user", key: username) }
            try Policy.require(actor, .manageUsers, in: user.accountScope)
            try db.users.setPassword(username: username, hash: PasswordHasher.hash(password))
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .userPassword, entityKind: "user", entityID: username))
        }
    }

    /// The accounts `actor` administers: all of them for a registry administrator, the county's for a county's.
    public func list(actor: UserAccount) throws -> [UserAccount] {
        try Policy.require(actor, .manageUsers, in: actor.ownScope)
        return try list().filter { actor.countyCode == nil || $0.countyCode == actor.countyCode }
    }

    /// Changes an account's display name, role and scope, or disables (停用) or enables it, audited
    /// before and after. The actor must administer the account where it is and where it goes; nobody
    /// disables their own account or takes away their own administration.
    @discardableResult
    public func update(_ username: String, actor: UserAccount, _ edit: (inout UserAccount) -> Void) throws -> UserAccount {
        let now = clock.now()
        return try registry.write { db in
            guard let (before, _) = try db.users.find(username: username) else { throw RegistryError.notFound(kind: "user", key: username) }
            try Policy.require(actor, .manageUsers, in: before.accountScope)
            var user = before
            edit(&user)
            user.username = before.username
            user.displayName = user.displayName.trimmingCharacters(in: .whitespaces)
            if user.displayName.isEmpty { throw InputError(field: "displayName", "give the person's name") }
            user.countyCode = user.countyCode?.ancestor(at: .county) ?? user.townCode?.ancestor(at: .county)
            if user.role == .clerk && user.townCode == nil { throw InputError(field: "town", "a clerk works in one town: give the town") }
            if user.role == .reviewer && user.countyCode == nil { throw InputError(field: "county", "a reviewer works in one county: give the county") }
            if user.role != .clerk { user.townCode = nil }
            if username == actor.username && (user.disabledAt != nil || user.role != before.role || user.countyCode != before.countyCode) {
                throw InputError(field: "username", "you cannot disable your own account or change your own role or county")
            }
            try Policy.require(actor, .manageUsers, in: user.accountScope)
            guard user != before else { return user }
            try db.users.update(user)
            let action: AuditAction = before.disabledAt == nil && user.disabledAt != nil ? .userDisabled
                : before.disabledAt != nil && user.disabledAt == nil ? .userEnabled : .userUpdated
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: action, entityKind: "user", entityID: username,
                                           before: JSON.string(before.auditFields), after: JSON.string(user.auditFields)))
            return user
        }
    }

    /// Every account (for setting up the registry and the server; no actor: it names no data).
    public func list() throws -> [UserAccount] {
        try registry.read { try $0.users.list() }
    }

    /// A new session (token, CSRF token) for the right password; nil otherwise. Both are audited; a
    /// hash made with fewer rounds than today's is replaced. An unknown user costs the same work.
    /// With a `throttle`, a locked account or a guessing address is refused (``SignInThrottled``)
    /// before the password is checked, and a failure that locks the account is audited as such; the
    /// caller waits the throttle's delay before calling (``SignInThrottle/verdict(username:address:now:)``).
    public func signIn(_ username: String, password: String, address: String? = nil, throttle: SignInThrottle? = nil) throws
        -> (user: UserAccount, token: String, csrf: String)? {
        let now = clock.now()
        if case .refuse(let retryAfter) = throttle?.verdict(username: username, address: address, now: now) {
            throw SignInThrottled(retryAfter: retryAfter)
        }
        let found = try registry.read { try $0.users.find(username: username) }
        let good = PasswordHasher.verify(password, against: found?.1 ?? PasswordHasher.decoy) && found != nil
        let rehash = good && PasswordHasher.needsRehash(found!.1) ? PasswordHasher.hash(password) : nil
        let locks = good ? false : throttle?.failed(username: username, address: address, now: now) ?? false
        if good { throttle?.succeeded(username: username) }
        return try registry.write { db in
            guard good, let (user, _) = found, user.disabledAt == nil else {
                try db.audit.append(AuditEvent(at: now, actor: username, action: .userSignInFailed, entityKind: "user", entityID: username,
                                               after: address.map { JSON.string(["address": $0]) }))
                if locks, let lockFor = throttle?.limits.lockFor {
                    try db.audit.append(AuditEvent(at: now, actor: username, action: .userLockedOut, entityKind: "user", entityID: username,
                                                   after: JSON.string(["until": ISO8601DateFormatter().string(from: now.addingTimeInterval(lockFor))])))
                }
                return nil
            }
            if let rehash { try db.users.setPassword(username: username, hash: rehash) }
            let token = PasswordHasher.token(), csrf = PasswordHasher.token(16)
            try db.users.createSession(tokenDigest: PasswordHasher.digest(token), username: username, csrf: csrf,
                                       expires: now.addingTimeInterval(sessionLength), now: now)
            try db.audit.append(AuditEvent(at: now, actor: username, action: .userSignedIn, entityKind: "user", entityID: username,
                                           after: rehash == nil ? nil : JSON.string(["rehashed": "pbkdf2-sha256 \(PasswordHasher.iterations)"])))
            return (user, token, csrf)
        }
    }

    public func session(_ token: String) throws -> (user: UserAccount, csrf: String)? {
        try registry.read { try $0.users.session(tokenDigest: PasswordHasher.digest(token), now: clock.now()) }.map { ($0.0, $0.1) }
    }

    public func signOut(_ token: String) throws {
        let now = clock.now()
        try registry.write { db in
            let digest = PasswordHasher.digest(token)
            let user = try db.users.session(tokenDigest: digest, now: now)?.0
            try db.users.deleteSession(tokenDigest: digest)
            try db.audit.append(AuditEvent(at: now, actor: user?.username ?? "-", action: .userSignedOut, entityKind: "user", entityID: user?.username ?? "-"))
        }
    }
}

extension UserAccount {
    /// Where the account lies, for the policy: its town, its county, or the whole registry.
    var accountScope: AccessScope {
        countyCode.map { .of(town: townCode, county: $0) } ?? townCode.map { .town($0) } ?? .registry
    }

    /// What the audit trail records of an account.
    var auditFields: [String: String] {
        ["displayName": displayName, "role": role.rawValue, "county": countyCode?.rawValue ?? "", "town": townCode?.rawValue ?? "",
         "disabled": disabledAt == nil ? "no" : "yes"]
    }
}
