import DimingCore
import Foundation

/// Accounts and their sessions.
public protocol UserRepository {
    func insert(_ user: UserAccount, passwordHash: String, at date: Date) throws
    func setPassword(username: String, hash: String) throws
    /// Saves an account's name, role, scope and disabled time; disabling it ends its sessions.
    func update(_ user: UserAccount) throws
    /// The account and its password hash.
    func find(username: String) throws -> (UserAccount, String)?
    func list() throws -> [UserAccount]
    /// Starts a session, clearing the ones expired by `now` (the use case's clock, not the wall clock).
    /// Sessions are kept by the SHA-256 of their token, never the token itself.
    func createSession(tokenDigest: String, username: String, csrf: String, expires: Date, now: Date) throws
    /// The account and CSRF token of a live session.
    func session(tokenDigest: String, now: Date) throws -> (UserAccount, String)?
    func deleteSession(tokenDigest: String) throws
}
