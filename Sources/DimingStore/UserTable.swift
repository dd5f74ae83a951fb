import DimingCore
import Foundation
import GRDB

/// Accounts (the registry's `session` table is no longer used: sessions live in ``SQLiteSessions``).
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

    static func decode(_ row: Row) throws -> UserAccount {
        let role: String = row["role"], county: String? = row["county_code"], town: String? = row["town_code"]
        guard let value = UserAccount.Role(rawValue: role) else { throw DatabaseError(message: "corrupt user role \(role)") }
        let disabled: String? = row["disabled_at"]
        return UserAccount(username: row["username"], displayName: row["display_name"], role: value,
                           countyCode: county.flatMap(DivisionCode.init), townCode: town.flatMap(DivisionCode.init),
                           disabledAt: disabled.flatMap { Timestamp.date($0) })
    }
}
