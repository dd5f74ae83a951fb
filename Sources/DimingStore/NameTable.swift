import DimingCore
import Foundation
import GRDB

/// Names, their search index, confirmed readings, waivers and character levels.
public enum NameTable {
    static let columns = "id, text, specific, modifiers, generic, toned, sign, toneless, specific_toneless, status, county_code, town_code, road_id, lon, lat"

    public static func insert(_ db: Database, _ name: RegisteredName, at date: Date) throws {
        let stamp = Timestamp.string(date)
        try db.cachedStatement(sql: """
            INSERT INTO place_name (id, text, specific, modifiers, generic, toned, sign, toneless, specific_toneless, status,
                                    county_code, town_code, road_id, lon, lat, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                name.id.description, name.text, name.specific, name.modifiers.map(\.text).joined(separator: " "), name.generic, name.toned, name.sign,
                name.toneless, name.specificToneless, name.status.rawValue, name.countyCode.rawValue, name.townCode?.rawValue,
                name.roadID?.description, name.location?.lon, name.location?.lat, stamp, stamp,
            ])
        try db.cachedStatement(sql: "INSERT INTO name_search (name_id, terms) VALUES (?, ?)")
            .execute(arguments: [name.id.description, name.searchTerms])
    }

    public static func setStatus(_ db: Database, _ id: FeatureID, _ status: NameStatus, at date: Date) throws {
        try db.execute(sql: "UPDATE place_name SET status = ?, updated_at = ? WHERE id = ?",
                       arguments: [status.rawValue, Timestamp.string(date), id.description])
    }

    /// Sets when a name became standard, or when it stopped being current.
    public static func setValidity(_ db: Database, _ id: FeatureID, from: Date? = nil, to: Date? = nil) throws {
        if let from { try db.execute(sql: "UPDATE place_name SET valid_from = ? WHERE id = ?", arguments: [Timestamp.string(from), id.description]) }
        if let to { try db.execute(sql: "UPDATE place_name SET valid_to = ? WHERE id = ?", arguments: [Timestamp.string(to), id.description]) }
    }

    /// Every name a road has had, with its validity, oldest first.
    public static func history(_ db: Database, road: FeatureID) throws -> [(name: RegisteredName, validFrom: Date?, validTo: Date?)] {
        try Row.fetchAll(db, sql: "SELECT \(columns), valid_from, valid_to FROM place_name WHERE road_id = ? ORDER BY rid", arguments: [road.description])
            .map { row in
                let from: String? = row["valid_from"], to: String? = row["valid_to"]
                return (try decode(row), from.flatMap(Timestamp.date), to.flatMap(Timestamp.date))
            }
    }

    /// The road's standard name, if it has one.
    public static func standardName(_ db: Database, road: FeatureID) throws -> RegisteredName? {
        // Cached: the survey asks once per road (a fresh statement each time cost 9% of a survey in GRDB's authorizer).
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM place_name WHERE road_id = ? AND status = 'standard' ORDER BY rid DESC LIMIT 1"),
                         arguments: [road.description]).map(decode)
    }

    /// The standard names of these roads (the latest for each, as `standardName`), a few queries for all.
    public static func standardNames(_ db: Database, roads: [FeatureID]) throws -> [FeatureID: RegisteredName] {
        var result: [FeatureID: RegisteredName] = [:]
        for start in stride(from: 0, to: roads.count, by: 500) {
            let chunk = roads[start..<min(start + 500, roads.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            // Ascending rid: a later standard name of the same road replaces an earlier one.
            for row in try Row.fetchAll(db, sql: "SELECT \(columns) FROM place_name WHERE road_id IN (\(marks)) AND status = 'standard' ORDER BY rid",
                                        arguments: StatementArguments(chunk.map(\.description))) {
                let name = try decode(row)
                if let road = name.roadID { result[road] = name }
            }
        }
        return result
    }

    public static func find(_ db: Database, id: FeatureID) throws -> RegisteredName? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM place_name WHERE id = ?", arguments: [id.description]).map(decode)
    }

    /// Current names (not former or retired) of a county, or of one town.
    public static func current(_ db: Database, county: DivisionCode, town: DivisionCode? = nil) throws -> [RegisteredName] {
        if let town {
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT \(columns) FROM place_name WHERE town_code = ? AND status NOT IN ('former', 'retired')"),
                                    arguments: [town.rawValue]).map(decode)
        }
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT \(columns) FROM place_name WHERE county_code = ? AND status NOT IN ('former', 'retired')"),
                                arguments: [county.rawValue]).map(decode)
    }

    /// Names whose location lies in `box`.
    public static func current(_ db: Database, in box: BoundingBox) throws -> [RegisteredName] {
        try Row.fetchAll(db, sql: """
            SELECT \(columns) FROM place_name WHERE status NOT IN ('former', 'retired')
            AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?
            """, arguments: [box.minLon, box.maxLon, box.minLat, box.maxLat]).map(decode)
    }

    /// Current names whose text contains `fragment` (instr, not LIKE: no wildcard to escape).
    public static func current(_ db: Database, containing fragment: String, county: DivisionCode?) throws -> [RegisteredName] {
        if let county {
            return try Row.fetchAll(db, sql: """
                SELECT \(columns) FROM place_name WHERE county_code = ? AND instr(text, ?) > 0 AND status NOT IN ('former', 'retired')
                """, arguments: [county.rawValue, fragment]).map(decode)
        }
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM place_name WHERE instr(text, ?) > 0 AND status NOT IN ('former', 'retired')",
                                arguments: [fragment]).map(decode)
    }

    /// Rewrites a name's parts and romanisation and rebuilds its search entry.
    public static func updateRomanization(_ db: Database, _ name: RegisteredName, at date: Date) throws {
        try db.execute(sql: """
            UPDATE place_name SET specific = ?, modifiers = ?, generic = ?, toned = ?, sign = ?, toneless = ?, specific_toneless = ?,
                                  updated_at = ? WHERE id = ?
            """, arguments: [name.specific, name.modifiers.map(\.text).joined(separator: " "), name.generic, name.toned, name.sign, name.toneless,
                             name.specificToneless, Timestamp.string(date), name.id.description])
        try db.execute(sql: "DELETE FROM name_search WHERE name_id = ?", arguments: [name.id.description])
        try db.execute(sql: "INSERT INTO name_search (name_id, terms) VALUES (?, ?)", arguments: [name.id.description, name.searchTerms])
    }

    /// Full-text search (FTS5): `match` is an FTS5 query over the search terms.
    public static func search(_ db: Database, match: String, county: DivisionCode?, limit: Int) throws -> [RegisteredName] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM name_search s JOIN place_name p ON p.id = s.name_id
            WHERE name_search MATCH ? AND (? IS NULL OR p.county_code = ?) ORDER BY p.status = 'standard' DESC, length(p.text), p.rid LIMIT ?
            """), arguments: [match, county?.rawValue, county?.rawValue, limit]).map(decode)
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM place_name") ?? 0
    }

    // MARK: confirmed readings

    /// Confirmed readings for the given scopes, phrase → syllables; later scopes win.
    public static func confirmedReadings(_ db: Database, scopes: [String]) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for scope in scopes {
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT phrase, pinyin FROM confirmed_reading WHERE scope = ?"), arguments: [scope]) {
                result[row[0]] = (row[1] as String).split(separator: " ").map(String.init)
            }
        }
        return result
    }

    /// Readings confirmed for single names: name → phrase → syllables.
    public static func nameReadings(_ db: Database) throws -> [String: [String: [String]]] {
        var result: [String: [String: [String]]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT scope, phrase, pinyin FROM confirmed_reading WHERE scope LIKE 'name:%'") {
            let scope: String = row[0]
            result[String(scope.dropFirst(5)), default: [:]][row[1]] = (row[2] as String).split(separator: " ").map(String.init)
        }
        return result
    }

    public static func confirmReading(_ db: Database, scope: String, phrase: String, syllables: [String], actor: String, at date: Date) throws {
        try db.execute(sql: """
            INSERT INTO confirmed_reading (scope, phrase, pinyin, actor, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(scope, phrase) DO UPDATE SET pinyin = excluded.pinyin, actor = excluded.actor, at = excluded.at
            """, arguments: [scope, phrase, syllables.joined(separator: " "), actor, Timestamp.string(date)])
    }

    // MARK: waivers

    /// Accepted warnings in a county: name → code → "actor: reason".
    public static func waivers(_ db: Database, county: DivisionCode) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, code, actor, reason FROM waiver WHERE county_code = ?", arguments: [county.rawValue]) {
            result[row[0], default: [:]][row[1]] = "\(row[2] as String): \(row[3] as String)"
        }
        return result
    }

    public static func addWaiver(_ db: Database, county: DivisionCode, name: String, code: String, actor: String, reason: String, at date: Date) throws {
        try db.execute(sql: """
            INSERT INTO waiver (county_code, name, code, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(county_code, name, code) DO UPDATE SET actor = excluded.actor, reason = excluded.reason, at = excluded.at
            """, arguments: [county.rawValue, name, code, actor, reason, Timestamp.string(date)])
    }

    // MARK: character levels

    public static func characterLevels(_ db: Database) throws -> [Character: Int]? {
        let rows = try Row.fetchAll(db, sql: "SELECT character, level FROM character_level")
        guard !rows.isEmpty else { return nil }
        var result: [Character: Int] = [:]
        for row in rows { if let character = (row[0] as String).first { result[character] = row[1] } }
        return result
    }

    public static func replaceCharacterLevels(_ db: Database, _ levels: [Character: Int]) throws {
        try db.execute(sql: "DELETE FROM character_level")
        let statement = try db.makeStatement(sql: "INSERT INTO character_level (character, level) VALUES (?, ?)")
        for (character, level) in levels { try statement.execute(arguments: [String(character), level]) }
    }

    static func decode(_ row: Row) throws -> RegisteredName {
        let idText: String = row["id"], countyText: String = row["county_code"], statusText: String = row["status"]
        guard let id = FeatureID(idText), let county = DivisionCode(countyText), let status = NameStatus(rawValue: statusText) else {
            throw DatabaseError(message: "corrupt name row \(idText)")
        }
        let town: String? = row["town_code"], road: String? = row["road_id"], lon: Double? = row["lon"], lat: Double? = row["lat"]
        let modifiers: String = row["modifiers"]
        return RegisteredName(id: id, text: row["text"], specific: row["specific"], modifiers: modifiers.split(separator: " ").map { NameModifier(String($0)) },
                          generic: row["generic"], toned: row["toned"], sign: row["sign"], toneless: row["toneless"],
                          specificToneless: row["specific_toneless"], status: status, countyCode: county,
                          townCode: town.flatMap(DivisionCode.init), roadID: road.flatMap(FeatureID.init),
                          location: lon.flatMap { lon in lat.map { Coordinate(lon: lon, lat: $0) } })
    }
}
