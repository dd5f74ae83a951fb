import DimingCore
import Foundation

/// Accounts and their sessions.
public protocol UserRepository {
    func insert(_ user: UserAccount, passwordHash: String, at date: Date) throws
    func setPassword(username: String, hash: String) throws
    /// The account and its password hash.
    func find(username: String) throws -> (UserAccount, String)?
    func list() throws -> [UserAccount]
    /// Starts a session, clearing the ones expired by `now` (the use case's clock, not the wall clock).
    func createSession(token: String, username: String, csrf: String, expires: Date, now: Date) throws
    /// The account and CSRF token of a live session.
    func session(token: String, now: Date) throws -> (UserAccount, String)?
    func deleteSession(token: String) throws
}
