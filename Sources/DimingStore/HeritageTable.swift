import DimingCore
import Foundation
import GRDB

/// The place-name heritage list (地名文化遗产保护名录).
public enum HeritageTable {
    public static func upsert(_ db: Database, _ entry: HeritageName) throws {
        try db.execute(sql: """
            INSERT INTO heritage_name (county_code, name, place, level, reason, listed_on) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(county_code, name) DO UPDATE SET place = excluded.place, level = excluded.level,
                reason = excluded.reason, listed_on = excluded.listed_on
            """, arguments: [entry.countyCode.rawValue, entry.name, entry.place, entry.level.rawValue, entry.reason, Timestamp.string(entry.listedOn)])
    }

    public static func find(_ db: Database, county: DivisionCode, name: String) throws -> HeritageName? {
        try Row.fetchOne(db, sql: "SELECT * FROM heritage_name WHERE county_code = ? AND name = ?", arguments: [county.rawValue, name]).map(decode)
    }

    public static func list(_ db: Database, county: DivisionCode?) throws -> [HeritageName] {
        if let county {
            return try Row.fetchAll(db, sql: "SELECT * FROM heritage_name WHERE county_code = ? ORDER BY name", arguments: [county.rawValue]).map(decode)
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM heritage_name ORDER BY county_code, name").map(decode)
    }

    static func decode(_ row: Row) throws -> HeritageName {
        let countyText: String = row["county_code"], levelText: String = row["level"], listed: String = row["listed_on"]
        guard let county = DivisionCode(countyText), let level = HeritageLevel(rawValue: levelText), let date = Timestamp.date(listed) else {
            throw DatabaseError(message: "corrupt heritage row \(countyText)")
        }
        return HeritageName(name: row["name"], countyCode: county, place: row["place"], level: level, reason: row["reason"], listedOn: date)
    }
}
