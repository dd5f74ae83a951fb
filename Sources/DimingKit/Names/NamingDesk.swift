import DimingCore
import Foundation
import Naming

/// Where a name must not clash (the rules' scope): a town, the county, or within a distance of the road.
public enum NameScope: Sendable, Equatable {
    case town
    case county
    case withinKilometres(Double)

    /// `town`, `county` or `km:N`.
    public init?(argument: String) {
        switch argument {
        case "town": self = .town
        case "county": self = .county
        default:
            guard argument.hasPrefix("km:"), let km = Double(argument.dropFirst(3)), km > 0 else { return nil }
            self = .withinKilometres(km)
        }
    }
}

/// Where a name is proposed: its county and town, the road it names, the road's width.
public struct NameSite: Sendable {
    public var county: DivisionCode?
    public var town: DivisionCode?
    public var road: FeatureID?
    public var width: Double?
    /// Where names must not clash; nil: the county's setting (`LocalNamingRules`, the county by default).
    public var scope: NameScope?

    public init(county: DivisionCode? = nil, town: DivisionCode? = nil, road: FeatureID? = nil, width: Double? = nil, scope: NameScope? = nil) {
        self.county = county
        self.town = town
        self.road = road
        self.width = width
        self.scope = scope
    }
}

/// The naming desk: romanise, check, register names; confirm readings; waive warnings. Shared by
/// the CLI and the server.
public struct NamingDesk: Sendable {
    public var registry: any RegistryStore
    public var resources: NamingResources
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, resources: NamingResources, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.resources = resources
        self.actor = actor
        self.clock = clock
    }

    var checker: NameChecker { NameChecker(romanizer: resources.romanizer, tables: resources.tables) }

    /// Romanises names, with the readings confirmed for them (and for `county`).
    public func romanize(_ names: [String], county: DivisionCode? = nil) throws -> [Romanization] {
        try registry.read { db in
            try names.map { name in
                resources.romanizer.romanize(name, overrides: try overrides(db, name: name, county: county, town: nil))
            }
        }
    }

    /// Checks a name where it is proposed: every rule, against the names in scope, with waivers shown.
    public func check(_ name: String, at site: NameSite) throws -> NameCheck {
        try registry.read { db in try check(db, name, at: site) }
    }

    func check(_ db: any RegistryTransaction, _ name: String, at site: NameSite) throws -> NameCheck {
        try session(db, at: site).check(name)
    }

    /// Prepares many checks at one site: the names in scope indexed once, readings and waivers loaded.
    public func session(at site: NameSite) throws -> NameCheckSession {
        try registry.read { db in try session(db, at: site) }
    }

    func session(_ db: any RegistryTransaction, at site: NameSite) throws -> NameCheckSession {
        let resolved = try resolve(db, site)
        if let county = resolved.county { try Policy.require(actor, .viewRegistry, in: .county(county)) }
        let tables = try ruleTables(db, rules: resolved.rules, county: resolved.county)
        let readings = try db.names.confirmedReadings(scopes: Self.readingScopes(county: resolved.county, town: resolved.town))
        return NameCheckSession(
            checker: NameChecker(romanizer: resources.romanizer, tables: tables),
            index: NameScopeIndex(try scopeRecords(db, resolved, readings: readings), tables: tables), facts: resolved.facts,
            readings: readings, nameReadings: try db.names.nameReadings(),
            waivers: try resolved.county.map { try db.names.waivers(county: $0) } ?? [:], rules: resolved.rules, county: resolved.county)
    }

    /// Throws ``AccessDenied`` unless the actor may read the names a session checks against (those of
    /// its county): for a session made for someone else and kept, as the server keeps them.
    public func authorize(_ session: NameCheckSession) throws {
        if let county = session.county { try Policy.require(actor, .viewRegistry, in: .county(county)) }
    }

    /// The shipped tables with the registry's character levels, the county's local rules and the
    /// protected names of the other counties' heritage lists.
    func ruleTables(_ db: any RegistryTransaction, rules: LocalNamingRules, county: DivisionCode?) throws -> NamingRuleTables {
        var tables = resources.tables
        tables.levels = try db.names.characterLevels()
        tables.maxSpecificLength = rules.maxSpecificLength
        tables.protectedNames = try HeritageList.protectedElsewhere(db, county: county, parser: resources.romanizer.parser)
        return tables
    }

    /// Registers a name (an existing standard name, or a proposal). Refuses a name with errors
    /// unless `force`; returns the stored record and the check.
    public func add(_ name: String, at site: NameSite, status: NameStatus, force: Bool = false) throws -> (RegisteredName, NameCheck) {
        let now = clock.now()
        return try registry.write { db in
            let resolved = try resolve(db, site)
            guard let county = resolved.county else { throw InputError(field: "--county", "a name is registered in a county: give --county or --road") }
            try Policy.require(actor, .manageNames, in: .of(town: resolved.town, county: county))
            let check = try session(db, at: site).check(name)
            if !force { try check.requireNoErrors(field: "name") }
            let id = try db.ids.mint(kind: .name, county: county.countyPart)[0]
            let stored = RegisteredName(id: id, romanization: check.romanization, status: status, county: county, town: resolved.town,
                                    road: site.road, location: resolved.location)
            try db.names.insert(stored, at: now)
            // A standard name registered for a road is that road's name from now on: its page, the
            // backlog, its plates and the public page all say the same.
            if status == .standard, let road = site.road { try db.roads.setName(road, name, at: now) }
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .nameAdded, entityKind: "name", entityID: id.description,
                                               after: JSON.string(stored)))
            return (stored, check)
        }
    }

    /// Records that a finding is accepted for a name in a county, with who and why. Every finding
    /// but an absolute ban (a state leader's name) can be waived; the waiver is audited.
    public func waive(_ name: String, code: FindingCode, county: DivisionCode, reason: String) throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw InputError(field: "--reason", "a waiver needs a reason") }
        let now = clock.now()
        try Policy.require(actor, .manageNames, in: .county(county))
        try registry.write { db in
            let check = try check(db, name, at: NameSite(county: county))
            guard let finding = check.findings.first(where: { $0.code == code }) else {
                throw InputError(field: "--code", "\(name) has no finding \(code.rawValue) (it has: \(check.findings.map(\.code.rawValue).joined(separator: ", ")))")
            }
            guard finding.waivable else { throw AbsoluteBan(name: name, finding: finding) }
            try db.names.addWaiver(county: county.ancestor(at: .county), name: name, code: code.rawValue, actor: actor.username, reason: reason, at: now)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .nameWaiver, entityKind: "name", entityID: name,
                                               after: JSON.string(["code": code.rawValue, "severity": finding.severity.rawValue,
                                                                   "reason": reason, "county": county.rawValue])))
        }
    }

    /// Keeps a confirmed reading: for one name (`name:幸福路`), for a place's names (`place:371522`), or
    /// everywhere. A township clerk may confirm the reading of a name proposed in their town. In the same transaction every current name it applies to is romanised again (toned
    /// and sign forms, homophone keys, search entry), and each change is audited.
    @discardableResult
    public func confirmReading(_ phrase: String, pinyin: String, name: String? = nil, place: DivisionCode? = nil) throws -> [RegisteredName] {
        let syllables = pinyin.split(whereSeparator: { $0 == " " || $0 == "'" }).map(String.init)
        guard syllables.count == phrase.count else {
            throw InputError(field: "pinyin", "\(phrase) has \(phrase.count) characters but \(syllables.count) syllables were given")
        }
        let prefix = place.map { String($0.prefix(at: $0.structuralLevel)) }
        let scope = name.map { "name:\($0)" } ?? prefix.map { "place:\($0)" } ?? "global"
        // The reading of one proposed name in a town is the township's to confirm (拟名时确认读音);
        // wider readings are the county's naming staff's.
        if name != nil, let place, place.structuralLevel == .town {
            try Policy.require(actor, .draftCase, in: .town(place))
        } else {
            try Policy.require(actor, .manageNames, in: place.map { .county($0) } ?? .registry)
        }
        let now = clock.now()
        return try registry.write { db in
            try db.names.confirmReading(scope: scope, phrase: phrase, syllables: syllables, actor: actor.username, at: now)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .readingConfirmed, entityKind: "reading", entityID: "\(scope)/\(phrase)",
                                               after: JSON.string(["pinyin": pinyin])))
            var changed: [RegisteredName] = []
            for stored in try db.names.current(containing: phrase, county: place?.ancestor(at: .county)) {
                if let name, stored.text != name { continue }
                if let prefix, !(stored.townCode?.rawValue ?? stored.countyCode.rawValue).hasPrefix(prefix), !stored.countyCode.rawValue.hasPrefix(prefix) { continue }
                let romanization = resources.romanizer.romanize(stored.text, overrides: try overrides(db, name: stored.text, county: stored.countyCode, town: stored.townCode))
                let updated = RegisteredName(id: stored.id, romanization: romanization, status: stored.status, county: stored.countyCode,
                                             town: stored.townCode, road: stored.roadID, location: stored.location)
                guard updated.toned != stored.toned || updated.specificToneless != stored.specificToneless else { continue }
                try db.names.updateRomanization(updated, at: now)
                try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .nameReromanized, entityKind: "name", entityID: stored.id.description,
                                               before: JSON.string(["toned": stored.toned, "sign": stored.sign]),
                                               after: JSON.string(["toned": updated.toned, "sign": updated.sign, "reading": "\(phrase) \(pinyin)"])))
                changed.append(updated)
            }
            return changed
        }
    }

    /// Imports the levels of the 通用规范汉字表 from its CSV (serial,char,codepoint,level,…).
    public func importCharacterLevels(path: String) throws -> Int {
        let table = try GeoFormatsCSV.rows(path: path, required: ["char", "level"])
        var levels: [Character: Int] = [:]
        for row in table {
            guard let character = row.values["char"]?.first, let level = row.values["level"].flatMap(Int.init), (1...3).contains(level) else {
                throw InputError(file: path, line: row.line, field: "level", "expected a character and a level 1–3")
            }
            levels[character] = level
        }
        try Policy.require(actor, .manageSettings, in: .registry)
        try registry.write { db in
            try db.names.replaceCharacterLevels(levels)
            try db.audit.append(AuditEvent(at: clock.now(), actor: actor.username, action: .charactersImported, entityKind: "file", entityID: path,
                                               after: JSON.string(["characters": levels.count])))
        }
        return levels.count
    }

    /// Ranked suggestions for a road; every one passes the checks in scope.
    public func suggest(road id: FeatureID, scope: NameScope? = nil, limit: Int = 10) throws -> [NameSuggestion] {
        try registry.read { db in
            guard let road = try db.roads.find(id: id) else { throw RegistryError.notFound(kind: "road", key: id.description) }
            let site = try resolve(db, NameSite(county: road.countyCode, town: road.townCode, road: id, scope: scope))
            let tables = try ruleTables(db, rules: site.rules, county: site.county)
            let middle = road.geometry.points[road.geometry.points.count / 2]
            var sides: [(String, String)] = []
            for village in road.villages.prefix(3) {
                guard let code = DivisionCode(village.code), let point = try db.divisions.find(code: code)?.point else { continue }
                let bearing = Geodesy.bearing(from: point, to: middle)
                sides.append((village.name, ["北", "东", "南", "西"][Int(((bearing + 45) / 90).rounded(.down)) % 4]))
            }
            let context = RoadNamingContext(villages: road.villages.map(\.name), sides: sides, length: road.length)
            return NameSuggester(checker: NameChecker(romanizer: resources.romanizer, tables: tables), wordList: resources.wordList)
                .suggest(for: context, scope: try scopeRecords(db, site, readings: try db.names.confirmedReadings(
                    scopes: Self.readingScopes(county: site.county, town: site.town))), limit: limit)
        }
    }

    // MARK: scope

    struct ResolvedSite {
        var county: DivisionCode?
        var town: DivisionCode?
        var facts: RoadFacts?
        var location: Coordinate?
        var line: LineString?
        var road: FeatureID?
        var scope: NameScope
        var rules: LocalNamingRules
    }

    func resolve(_ db: any RegistryTransaction, _ site: NameSite) throws -> ResolvedSite {
        var resolved = ResolvedSite(county: site.county?.ancestor(at: .county), town: site.town, road: site.road, scope: site.scope ?? .county,
                                    rules: LocalNamingRules())
        if let id = site.road {
            guard let road = try db.roads.find(id: id) else { throw RegistryError.notFound(kind: "road", key: id.description) }
            resolved.county = resolved.county ?? road.countyCode
            resolved.town = resolved.town ?? road.townCode
            // The width given, or the narrowest its source data states (a 大道 must be wide all along).
            let width = try site.width ?? db.segments.fetch(ids: road.segments.map(\.segment)).compactMap(\.width).min()
            resolved.facts = RoadFacts(length: road.length, width: width)
            resolved.line = road.geometry
            resolved.location = road.geometry.points[road.geometry.points.count / 2]
        }
        if resolved.county == nil, let town = site.town { resolved.county = town.ancestor(at: .county) }
        resolved.rules = try LocalNamingRules.load(db, county: resolved.county)
        if site.scope == nil {
            resolved.scope = resolved.rules.scope
            // A town scope with no town to go by falls back to the county.
            if case .town = resolved.scope, resolved.town == nil { resolved.scope = .county }
            if case .withinKilometres = resolved.scope, resolved.line == nil { resolved.scope = .county }
        }
        return resolved
    }

    /// The names a proposal must not clash with: registered names and named roads in scope.
    func scopeRecords(_ db: any RegistryTransaction, _ site: ResolvedSite, readings: [String: [String]]) throws -> [NameRecord] {
        var names: [RegisteredName]
        var roads: [Road] = []
        switch site.scope {
        case .county, .town:
            guard let county = site.county else { return [] }
            let town = site.scope == .town ? site.town : nil
            if site.scope == .town && town == nil { throw InputError(field: "--scope", "the town scope needs --town or a road in a town") }
            names = try db.names.current(county: county, town: town)
            roads = try db.roads.list(RoadFilter(county: county, town: town)).filter { $0.name != nil }
        case let .withinKilometres(km):
            guard let line = site.line, let box = line.boundingBox?.expanded(by: km / 90) else {
                throw InputError(field: "--scope", "the km:N scope needs --road")
            }
            let projection = LocalProjection(origin: line.points[0])
            names = try db.names.current(in: box).filter { name in
                name.location.map { projection.distance(from: $0, to: line) <= km * 1000 } ?? false
            }
            roads = try db.roads.list(RoadFilter(county: site.county)).filter { road in
                road.name != nil && road.geometry.points.contains { projection.distance(from: $0, to: line) <= km * 1000 }
            }
        }
        // The road's own names (current or proposed) are not clashes with themselves.
        roads.removeAll { $0.geometry == site.line }
        if let road = site.road { names.removeAll { $0.roadID == road } }
        var records = names.map {
            NameRecord(id: $0.id.description, text: $0.text, specific: $0.specific, generic: $0.generic, specificToneless: $0.specificToneless,
                       status: $0.status, countyCode: $0.countyCode.rawValue, townCode: $0.townCode?.rawValue, roadID: $0.roadID?.description)
        }
        let registered = Set(records.map(\.text))
        for (text, road) in Dictionary(roads.map { ($0.name!, $0) }, uniquingKeysWith: { a, _ in a }) where !registered.contains(text) {
            let romanization = resources.romanizer.romanize(text, overrides: readings)
            records.append(NameRecord(id: road.id.description, text: text, specific: romanization.parsed.specific, generic: romanization.parsed.generic,
                                      specificToneless: romanization.specificToneless,
                                      status: nil, countyCode: road.countyCode.rawValue, townCode: road.townCode?.rawValue,
                                      roadID: road.id.description))
        }
        return records
    }

    /// Confirmed readings that apply: everywhere, the county's and town's places, then the name's own.
    func overrides(_ db: any RegistryTransaction, name: String, county: DivisionCode?, town: DivisionCode?) throws -> [String: [String]] {
        try db.names.confirmedReadings(scopes: Self.readingScopes(county: county, town: town) + ["name:\(name)"])
    }

    /// The scopes of confirmed readings at a place, broadest first (later ones win).
    static func readingScopes(county: DivisionCode?, town: DivisionCode?) -> [String] {
        ["global"] + [county.map { "place:\($0.countyPart)" }, town.map { "place:\($0.prefix(at: .town))" }].compactMap { $0 }
    }
}
