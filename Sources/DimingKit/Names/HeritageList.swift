import DimingCore
import Foundation
import Naming

/// The place-name heritage list (地名文化遗产保护名录): import and edit protected names, look up a
/// name's protection for the pages. Every change is audited.
public struct HeritageList: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
    }

    /// Imports a CSV with the columns `name,place,level,reason,listed` (level: 国家级/省级/市级/县级 or
    /// national/provincial/city/county; listed: yyyy-MM-dd) into `county`'s list, in one transaction:
    /// every row is checked first, and nothing is stored when one is wrong.
    @discardableResult
    public func importFile(path: String, county: DivisionCode) throws -> Int {
        try Policy.require(actor, .importData, in: .county(county))
        let rows = try GeoFormatsCSV.rows(path: path, required: ["name", "place", "level", "reason", "listed"])
        var entries: [HeritageName] = [], problems: [InputError] = []
        for row in rows {
            do { entries.append(try Self.entry(row.values, county: county.ancestor(at: .county), file: path, line: row.line)) } catch let error as InputError { problems.append(error) }
        }
        if !problems.isEmpty { throw InputErrors(problems) }
        let now = clock.now()
        try registry.write { db in
            for entry in entries {
                let before = try db.heritage.find(county: entry.countyCode, name: entry.name)
                try db.heritage.upsert(entry)
                try db.audit.append(AuditEvent(at: now, actor: actor.username, action: before == nil ? .heritageListed : .heritageEdited,
                                               entityKind: "heritage", entityID: "\(entry.countyCode.countyPart)/\(entry.name)",
                                               before: before.map { JSON.string($0) }, after: JSON.string(entry)))
            }
        }
        return entries.count
    }

    /// Adds a protected name, or edits the one of the same county and name.
    public func save(_ entry: HeritageName) throws {
        try Policy.require(actor, .manageNames, in: .county(entry.countyCode))
        guard !entry.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw InputError(field: "name", "a protected name needs its name") }
        guard !entry.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw InputError(field: "--reason", "say why the name is protected") }
        var entry = entry
        entry.countyCode = entry.countyCode.ancestor(at: .county)
        let now = clock.now()
        try registry.write { db in
            let before = try db.heritage.find(county: entry.countyCode, name: entry.name)
            try db.heritage.upsert(entry)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: before == nil ? .heritageListed : .heritageEdited,
                                           entityKind: "heritage", entityID: "\(entry.countyCode.countyPart)/\(entry.name)",
                                           before: before.map { JSON.string($0) }, after: JSON.string(entry)))
        }
    }

    /// A county's list, or every county's.
    public func list(county: DivisionCode?) throws -> [HeritageName] {
        try Policy.require(actor, .viewRegistry, in: county.map { .county($0) } ?? .registry)
        return try registry.read { try $0.heritage.list(county: county?.ancestor(at: .county)) }
    }

    /// The protection of a name in its county, for the public page and the case page (nil: not listed).
    public func protection(of name: String, county: DivisionCode) throws -> HeritageName? {
        try Policy.require(actor, .viewRegistry, in: .county(county))
        return try registry.read { try Self.protection($0, name: name, county: county) }
    }

    /// The entry protecting `name` in `county`: the name itself, or its specific (十里堡 for 十里堡路).
    static func protection(_ db: any RegistryTransaction, name: String, county: DivisionCode) throws -> HeritageName? {
        let county = county.ancestor(at: .county)
        if let entry = try db.heritage.find(county: county, name: name) { return entry }
        return try db.heritage.list(county: county).first { name.hasPrefix($0.name) && name.count > $0.name.count }
    }

    /// Protected names of the other counties, for the check of a new name at `county` (by name and by specific).
    static func protectedElsewhere(_ db: any RegistryTransaction, county: DivisionCode?, parser: NameParser) throws -> [String: [ProtectedName]] {
        var index: [String: [ProtectedName]] = [:]
        for entry in try db.heritage.list(county: nil) where entry.countyCode != county?.ancestor(at: .county) {
            let protected = ProtectedName(name: entry.name, place: entry.place, level: entry.level.chinese)
            index[entry.name, default: []].append(protected)
            let specific = parser.parse(entry.name).specific
            if specific != entry.name && specific.count >= 2 { index[specific, default: []].append(protected) }
        }
        return index
    }

    static func entry(_ values: [String: String], county: DivisionCode, file: String?, line: Int?) throws -> HeritageName {
        func field(_ key: String) -> String { values[key]?.trimmingCharacters(in: .whitespaces) ?? "" }
        guard !field("name").isEmpty else { throw InputError(file: file, line: line, field: "name", "a protected name needs its name") }
        guard let level = HeritageLevel(text: field("level")) else {
            throw InputError(file: file, line: line, field: "level", "'\(field("level"))' is not 国家级, 省级, 市级 or 县级")
        }
        guard let listed = DeadlineRules.day(field("listed")) else {
            throw InputError(file: file, line: line, field: "listed", "'\(field("listed"))' is not a day (yyyy-MM-dd)")
        }
        guard !field("reason").isEmpty else { throw InputError(file: file, line: line, field: "reason", "say why the name is protected") }
        return HeritageName(name: field("name"), countyCode: county, place: field("place"), level: level, reason: field("reason"), listedOn: listed)
    }
}

/// A renaming or retirement of a protected name asked without a recorded assessment (评估).
public struct HeritageProtected: SelfClassifyingError, CustomStringConvertible {
    public var name: String
    public var entry: HeritageName

    public var description: String {
        "\(name) is on the place-name heritage list (\(entry.level.rawValue), listed \(DeadlineRules.dayString(entry.listedOn)): \(entry.reason)); "
            + "renaming or retiring it needs a recorded assessment (--assessment)"
    }

    public var classified: ClassifiedError {
        ClassifiedError(kind: .refused, code: "HERITAGE_PROTECTED", message: description,
                        messageZh: "“\(name)”已列入地名文化遗产保护名录（\(entry.level.chinese)），更名或销名须先完成并记录评估")
    }
}

extension HeritageList {
    /// Refuses the renaming or retirement of a protected name without an assessment; returns the
    /// entry (nil: not protected) so that the case records the assessment in its timeline.
    static func requireAssessment(_ db: any RegistryTransaction, name: RegisteredName, kind: CaseKind, assessment: Assessment?) throws -> HeritageName? {
        guard kind != .naming, let entry = try protection(db, name: name.text, county: name.countyCode) else { return nil }
        guard let assessment, !assessment.conclusion.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HeritageProtected(name: name.text, entry: entry)
        }
        return entry
    }

    /// The audit event of the assessment, on the case's timeline.
    static func assessed(_ entry: HeritageName, assessment: Assessment, caseID: FeatureID, kind: CaseKind, actor: String, at now: Date) -> AuditEvent {
        AuditEvent(at: now, actor: actor, action: .heritageAssessed, entityKind: "case", entityID: caseID.description,
                   after: JSON.string(["name": entry.name, "kind": kind.rawValue, "level": entry.level.chinese, "conclusion": assessment.conclusion,
                                       "report": assessment.report ?? "", "date": DeadlineRules.dayString(assessment.date)]),
                   document: assessment.report)
    }

    /// The protection a case concerns: its old name's (renaming, retirement) or its proposed name's.
    static func protection(_ db: any RegistryTransaction, of namingCase: NamingCase) throws -> HeritageName? {
        if let old = try namingCase.oldNameID.flatMap({ try db.names.find(id: $0) }),
           let entry = try protection(db, name: old.text, county: namingCase.countyCode) {
            return entry
        }
        return try protection(db, name: namingCase.proposedName, county: namingCase.countyCode)
    }
}
