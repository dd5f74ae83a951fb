import DimingCore
import Foundation

/// Accounts and their sessions.
public protocol UserRepository {
    func insert(_ user: UserAccount, passwordHash: String, at date: Date) throws
    func setPassword(username: String, hash: String) throws
    /// The account and its password hash.
    func find(username: String) throws -> (UserAccount, String)?
    func list() throws -> [UserAccount]
    func createSession(token: String, username: String, csrf: String, expires: Date) throws
    /// The account and CSRF token of a live session.
    func session(token: String, now: Date) throws -> (UserAccount, String)?
    func deleteSession(token: String) throws
}
