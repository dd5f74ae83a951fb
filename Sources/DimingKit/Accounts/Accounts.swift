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
        try endSessions(of: username)
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
        let updated = try registry.write { db in
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
        // A disabled account's sessions end (they would be refused anyway: a session needs an enabled account).
        if updated.disabledAt != nil { try endSessions(of: username) }
        return updated
    }

    /// Every account (for setting up the registry and the server; no actor: it names no data).
    public func list() throws -> [UserAccount] {
        try registry.read { try $0.users.list() }
    }

    /// Where sessions and the sign-in outbox live (beside the registry).
    var sessions: any SessionStore {
        get throws {
            guard let sessions = registry.sessions else {
                throw RegistryError.cannotOpen(path: registry.location, reason: "this registry keeps no sessions")
            }
            return sessions
        }
    }

    /// A new session (token, CSRF token) for the right password; nil otherwise. Both are audited; a
    /// hash made with fewer rounds than today's is replaced. An unknown user costs the same work.
    /// With a `throttle`, a locked account or a guessing address is refused (``SignInThrottled``)
    /// before the password is checked, and a failure that locks the account is audited as such; the
    /// caller waits the throttle's delay before calling (``SignInThrottle/verdict(username:address:now:)``).
    ///
    /// A sign-in never waits for the registry's write lock: the session and its audit events are
    /// written to the session store in one transaction (the events to its outbox), then moved into
    /// the audit trail at once if the registry's lock is free, else later (``SignInOutbox``). The
    /// rehash, a registry write, goes with that move and waits for the next sign-in when the lock is taken.
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
        let sessions = try self.sessions
        let (answer, signedIn) = try sessions.transaction { db -> ((user: UserAccount, token: String, csrf: String)?, Int64?) in
            guard good, let (user, _) = found, user.disabledAt == nil else {
                try db.enqueue(AuditEvent(at: now, actor: username, action: .userSignInFailed, entityKind: "user", entityID: username,
                                          after: address.map { JSON.string(["address": $0]) }))
                if locks, let lockFor = throttle?.limits.lockFor {
                    try db.enqueue(AuditEvent(at: now, actor: username, action: .userLockedOut, entityKind: "user", entityID: username,
                                              after: JSON.string(["until": ISO8601DateFormatter().string(from: now.addingTimeInterval(lockFor))])))
                }
                return (nil, nil)
            }
            let token = PasswordHasher.token(), csrf = PasswordHasher.token(16)
            try db.createSession(tokenDigest: PasswordHasher.digest(token), username: username, csrf: csrf,
                                 expires: now.addingTimeInterval(sessionLength), now: now)
            let seq = try db.enqueue(AuditEvent(at: now, actor: username, action: .userSignedIn, entityKind: "user", entityID: username))
            return ((user, token, csrf), seq)
        }
        settle(rehash: rehash.flatMap { hash in signedIn.map { (username: username, hash: hash, event: $0) } })
        return answer
    }

    /// Moves the sign-in outbox into the audit trail if the registry's write lock is free now, with
    /// the rehash of a password (noted on its sign-in event, which must be among those moved).
    func settle(rehash: (username: String, hash: String, event: Int64)? = nil) {
        guard let sessions = registry.sessions else { return }
        do {
            let outbox = try registry.transactionIfFree { db -> Int64? in
                let note = rehash.map { [$0.event: JSON.string(["rehashed": "pbkdf2-sha256 \(PasswordHasher.iterations)"])] } ?? [:]
                let moved = try SignInOutbox.move(from: sessions, into: db, annotate: note)
                if let rehash, moved?.moved.contains(rehash.event) == true {
                    try db.users.setPassword(username: rehash.username, hash: rehash.hash)
                }
                return moved?.last
            }
            if let outbox { SignInOutbox.forget(through: outbox, in: sessions) }
        } catch {
            // Busy: the events wait in the outbox for the next write, and the rehash for the next sign-in.
        }
    }

    /// The account and CSRF token of a live session of an enabled account.
    public func session(_ token: String) throws -> (user: UserAccount, csrf: String)? {
        guard let found = try sessions.read({ try $0.session(tokenDigest: PasswordHasher.digest(token), now: clock.now()) }) ?? nil,
              let (user, _) = try registry.read({ try $0.users.find(username: found.username) }), user.disabledAt == nil else { return nil }
        return (user, found.csrf)
    }

    public func signOut(_ token: String) throws {
        let now = clock.now()
        try sessions.transaction { db in
            let digest = PasswordHasher.digest(token)
            let username = try db.session(tokenDigest: digest, now: now)?.username
            try db.deleteSession(tokenDigest: digest)
            try db.enqueue(AuditEvent(at: now, actor: username ?? "-", action: .userSignedOut, entityKind: "user", entityID: username ?? "-"))
        }
        settle()
    }

    /// Ends every session of `username` (its account disabled or its password changed).
    func endSessions(of username: String) throws {
        try sessions.transaction { try $0.deleteSessions(username: username) }
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
