import DimingCore
import Foundation
import GRDB

/// Accounts and sessions.
public enum UserTable {
    public static func insert(_ db: Database, _ user: UserAccount, passwordHash: String, at date: Date) throws {
        try db.execute(sql: "INSERT INTO user (username, display_name, role, county_code, town_code, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [user.username, user.displayName, user.role.rawValue, user.countyCode?.rawValue, user.townCode?.rawValue, passwordHash,
                                   Timestamp.string(date)])
    }

    public static func setPassword(_ db: Database, username: String, hash: String) throws {
        try db.execute(sql: "UPDATE user SET password_hash = ? WHERE username = ?", arguments: [hash, username])
        try db.execute(sql: "DELETE FROM session WHERE username = ?", arguments: [username])
    }

    /// Saves an account's name, role, scope and disabled time; disabling it ends its sessions.
    public static func update(_ db: Database, _ user: UserAccount) throws {
        try db.execute(sql: "UPDATE user SET display_name = ?, role = ?, county_code = ?, town_code = ?, disabled_at = ? WHERE username = ?",
                       arguments: [user.displayName, user.role.rawValue, user.countyCode?.rawValue, user.townCode?.rawValue,
                                   user.disabledAt.map(Timestamp.string), user.username])
        if user.disabledAt != nil { try db.execute(sql: "DELETE FROM session WHERE username = ?", arguments: [user.username]) }
    }

    public static func find(_ db: Database, username: String) throws -> (UserAccount, String)? {
        try Row.fetchOne(db, sql: "SELECT * FROM user WHERE username = ?", arguments: [username]).map { (try decode($0), $0["password_hash"]) }
    }

    public static func list(_ db: Database) throws -> [UserAccount] {
        try Row.fetchAll(db, sql: "SELECT * FROM user ORDER BY username").map(decode)
    }

    public static func createSession(_ db: Database, tokenDigest: String, username: String, csrf: String, expires: Date, now: Date) throws {
        try db.execute(sql: "DELETE FROM session WHERE expires_at < ?", arguments: [Timestamp.string(now)])
        try db.execute(sql: "INSERT INTO session (token_sha256, username, csrf, expires_at) VALUES (?, ?, ?, ?)",
                       arguments: [tokenDigest, username, csrf, Timestamp.string(expires)])
    }

    /// The user and CSRF token of a live session.
    public static func session(_ db: Database, tokenDigest: String, now: Date) throws -> (UserAccount, String)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT u.*, s.csrf, s.expires_at FROM session s JOIN user u ON u.username = s.username WHERE s.token_sha256 = ? AND u.disabled_at IS NULL
            """, arguments: [tokenDigest]),
              let expires = Timestamp.date(row["expires_at"]), expires > now else { return nil }
        return (try decode(row), row["csrf"])
    }

    public static func deleteSession(_ db: Database, tokenDigest: String) throws {
        try db.execute(sql: "DELETE FROM session WHERE token_sha256 = ?", arguments: [tokenDigest])
    }

    static func decode(_ row: Row) throws -> UserAccount {
        let role: String = row["role"], county: String? = row["county_code"], town: String? = row["town_code"]
        guard let value = UserAccount.Role(rawValue: role) else { throw DatabaseError(message: "corrupt user role \(role)") }
        let disabled: String? = row["disabled_at"]
        return UserAccount(username: row["username"], displayName: row["display_name"], role: value,
                           countyCode: county.flatMap(DivisionCode.init), townCode: town.flatMap(DivisionCode.init),
                           disabledAt: disabled.flatMap { Timestamp.date($0) })
    }
}
