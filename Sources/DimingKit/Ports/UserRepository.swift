import DimingCore
import Foundation

/// Accounts (sessions live in the ``SessionStore``).
public protocol UserRepository {
    func insert(_ user: UserAccount, passwordHash: String, at date: Date) throws
    func setPassword(username: String, hash: String) throws
    /// Saves an account's name, role, scope and disabled time; disabling it ends its sessions.
    func update(_ user: UserAccount) throws
    /// The account and its password hash.
    func find(username: String) throws -> (UserAccount, String)?
    func list() throws -> [UserAccount]
}
