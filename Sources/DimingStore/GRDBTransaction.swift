import DimingCore
import DimingKit
import Foundation
import GRDB

/// One GRDB transaction seen through DimingKit's repository ports.
final class GRDBTransaction: RegistryTransaction {
    let db: Database
    private let auditLog: GRDBAudit
    private let changesAtStart: Int

    init(_ db: Database) {
        self.db = db
        self.auditLog = GRDBAudit(db: db)
        self.changesAtStart = db.totalChangesCount
    }

    var changeCount: Int { db.totalChangesCount - changesAtStart }

    var divisions: any DivisionRepository { GRDBDivisions(db: db) }
    var boundaries: any BoundaryRepository { GRDBBoundaries(db: db) }
    var segments: any SegmentRepository { GRDBSegments(db: db) }
    var roads: any RoadRepository { GRDBRoads(db: db) }
    var names: any NameRepository { GRDBNames(db: db) }
    var heritage: any HeritageRepository { GRDBHeritage(db: db) }
    var cases: any CaseRepository { GRDBCases(db: db) }
    var signs: any SignRepository { GRDBSigns(db: db) }
    var pois: any POIRepository { GRDBPOIs(db: db) }
    var deliveries: any DeliveryRepository { GRDBDeliveries(db: db) }
    var users: any UserRepository { GRDBUsers(db: db) }
    var settings: any SettingsRepository { GRDBSettings(db: db) }
    var audit: any AuditRepository { auditLog }
    var ids: any IDRepository { GRDBIDs(db: db) }
}

final class GRDBAudit: AuditRepository {
    let db: Database
    private(set) var appendedInTransaction = 0
    init(db: Database) { self.db = db }
    func append(_ event: AuditEvent) throws -> Int64 {
        let id = try AuditLog.append(db, event)
        appendedInTransaction += 1
        return id
    }
    func appendKeepingTime(_ event: AuditEvent) throws -> Int64 {
        let id = try AuditLog.append(db, event, wallClock: FixedClock(event.at))
        appendedInTransaction += 1
        return id
    }
    func events(entityKind: String?, entityID: String?, action: AuditAction?, limit: Int) throws -> [AuditEvent] {
        try AuditLog.events(db, entityKind: entityKind, entityID: entityID, action: action, limit: limit)
    }
    func search(_ filter: AuditFilter, offset: Int, limit: Int) throws -> (events: [AuditEvent], total: Int) {
        try AuditLog.search(db, filter, offset: offset, limit: limit)
    }
    func latestID() throws -> Int64 { try AuditLog.latestID(db) }
    func count() throws -> Int { try AuditLog.count(db) }
    func verifyChain() throws -> AuditChainReport { try AuditLog.verifyChain(db) }
}

struct GRDBIDs: IDRepository {
    let db: Database
    func mint(kind: FeatureKind, county: String, count: Int) throws -> [FeatureID] { try IDMinter.mint(db, kind: kind, county: county, count: count) }
}

struct GRDBSettings: SettingsRepository {
    let db: Database
    func get(_ key: String) throws -> String? { try Settings.get(db, key) }
    func set(_ key: String, _ value: String) throws { try Settings.set(db, key, value) }
}

struct GRDBDivisions: DivisionRepository {
    let db: Database
    func all() throws -> [DivisionCode: Division] { try DivisionTable.all(db) }
    func find(code: DivisionCode) throws -> Division? { try DivisionTable.find(db, code: code) }
    func exists(code: DivisionCode) throws -> Bool { try DivisionTable.exists(db, code: code) }
    func count() throws -> Int { try DivisionTable.count(db) }
    func countByLevel() throws -> [DivisionLevel: Int] { try DivisionTable.countByLevel(db) }
    func childCount(of code: DivisionCode) throws -> Int { try DivisionTable.childCount(db, of: code) }
    func list(parent: DivisionCode?, level: DivisionLevel?) throws -> [Division] { try DivisionTable.list(db, parent: parent, level: level) }
    func list(within ancestor: DivisionCode, level: DivisionLevel) throws -> [Division] { try DivisionTable.list(db, within: ancestor, level: level) }
    func ancestors(of division: Division) throws -> [Division] { try DivisionTable.ancestors(db, of: division) }
    func upsert(_ divisions: [Division], source: String, at date: Date) throws { try DivisionTable.upsert(db, divisions, source: source, at: date) }
}

struct GRDBBoundaries: BoundaryRepository {
    let db: Database
    func replace(_ boundary: DivisionBoundary, source: String) throws { try BoundaryTable.replace(db, boundary, source: source) }
    func candidates(containing point: Coordinate) throws -> [DivisionBoundary] { try BoundaryTable.candidates(db, containing: point) }
    func all(level: DivisionLevel) throws -> [DivisionBoundary] { try BoundaryTable.all(db, level: level) }
    func find(code: DivisionCode) throws -> DivisionBoundary? { try BoundaryTable.find(db, code: code) }
    func count() throws -> Int { try BoundaryTable.count(db) }
}

struct GRDBSegments: SegmentRepository {
    let db: Database
    func ids(source: String) throws -> [String: FeatureID] { try SegmentTable.ids(db, source: source) }
    func insert(_ segments: [RoadSegment]) throws { try SegmentTable.insert(db, segments) }
    func insert(_ staged: any SegmentStaging, batchSize: Int, ids: ([StagedSegment]) throws -> [FeatureID]) throws {
        guard let file = staged as? SegmentStagingFile else { throw DatabaseError(message: "segments staged for another kind of registry") }
        try SegmentTable.insert(db, staged: file, batchSize: batchSize, ids: ids)
    }
    func delete(ids: [FeatureID]) throws -> Int { try SegmentTable.delete(db, ids: ids) }
    func roads(holding ids: [FeatureID]) throws -> [FeatureID] { try SegmentTable.roads(db, holding: ids) }
    func fetch(in box: BoundingBox?) throws -> [RoadSegment] { try SegmentTable.fetch(db, in: box) }
    func fetch(county: DivisionCode) throws -> [RoadSegment] { try SegmentTable.fetch(db, county: county) }
    func fetch(ids: [FeatureID]) throws -> [RoadSegment] { try SegmentTable.fetch(db, ids: ids) }
    func osmWaysInUse(among ways: [Int64]) throws -> Set<Int64> { try SegmentTable.osmWaysInUse(db, among: ways) }
    func counties() throws -> [DivisionCode] { try SegmentTable.counties(db) }
    func counts() throws -> (segments: Int, unnamed: Int) { try SegmentTable.counts(db) }
}

struct GRDBRoads: RoadRepository {
    let db: Database
    func save(_ road: Road, at date: Date) throws { try RoadTable.save(db, [road], at: date) }
    func save(_ roads: [Road], at date: Date) throws { try RoadTable.save(db, roads, at: date) }
    func saveSurveyed(_ roads: [Road], new: Set<FeatureID>, at date: Date) throws { try RoadTable.saveSurveyed(db, roads, new: new, at: date) }
    func setName(_ id: FeatureID, _ name: String?, at date: Date) throws { try RoadTable.setName(db, id, name, at: date) }
    func retire(_ id: FeatureID, at date: Date) throws { try RoadTable.retire(db, [id], at: date) }
    func retire(_ ids: [FeatureID], at date: Date) throws { try RoadTable.retire(db, ids, at: date) }
    func clearMembers(county: DivisionCode) throws { try RoadTable.clearMembers(db, county: county) }
    func find(id: FeatureID) throws -> Road? { try RoadTable.find(db, id: id) }
    func list(_ filter: RoadFilter) throws -> [Road] { try RoadTable.list(db, filter) }
    func list(in box: BoundingBox) throws -> [Road] { try RoadTable.list(db, in: box) }
    func memberships(county: DivisionCode) throws -> [FeatureID: (segments: Set<FeatureID>, length: Double)] { try RoadTable.memberships(db, county: county) }
    func searchWorkingNames(containing text: String, county: DivisionCode?, limit: Int) throws -> [(id: String, text: String, county: String)] {
        try RoadTable.searchWorkingNames(db, containing: text, county: county, limit: limit)
    }
    func townSummary(county: DivisionCode?) throws -> [TownRoadSummary] {
        try RoadTable.townSummary(db, county: county).map {
            TownRoadSummary(town: $0.town, roads: $0.roads, unnamed: $0.unnamed, length: $0.length, unnamedLength: $0.unnamedLength)
        }
    }
}

struct GRDBHeritage: HeritageRepository {
    let db: Database
    func upsert(_ entry: HeritageName) throws { try HeritageTable.upsert(db, entry) }
    func find(county: DivisionCode, name: String) throws -> HeritageName? { try HeritageTable.find(db, county: county, name: name) }
    func list(county: DivisionCode?) throws -> [HeritageName] { try HeritageTable.list(db, county: county) }
}

struct GRDBNames: NameRepository {
    func current(containing fragment: String, county: DivisionCode?) throws -> [RegisteredName] {
        try NameTable.current(db, containing: fragment, county: county)
    }
    func updateRomanization(_ name: RegisteredName, at date: Date) throws { try NameTable.updateRomanization(db, name, at: date) }
    let db: Database
    func insert(_ name: RegisteredName, at date: Date) throws { try NameTable.insert(db, name, at: date) }
    func setStatus(_ id: FeatureID, _ status: NameStatus, at date: Date) throws { try NameTable.setStatus(db, id, status, at: date) }
    func setValidity(_ id: FeatureID, from: Date?, to: Date?) throws { try NameTable.setValidity(db, id, from: from, to: to) }
    func history(road: FeatureID) throws -> [(name: RegisteredName, validFrom: Date?, validTo: Date?)] { try NameTable.history(db, road: road) }
    func standardName(road: FeatureID) throws -> RegisteredName? { try NameTable.standardName(db, road: road) }
    func standardNames(roads: [FeatureID]) throws -> [FeatureID: RegisteredName] { try NameTable.standardNames(db, roads: roads) }
    func find(id: FeatureID) throws -> RegisteredName? { try NameTable.find(db, id: id) }
    func current(county: DivisionCode, town: DivisionCode?) throws -> [RegisteredName] { try NameTable.current(db, county: county, town: town) }
    func current(in box: BoundingBox) throws -> [RegisteredName] { try NameTable.current(db, in: box) }
    func search(match: String, county: DivisionCode?, limit: Int) throws -> [RegisteredName] {
        try NameTable.search(db, match: match, county: county, limit: limit)
    }
    func count() throws -> Int { try NameTable.count(db) }
    func confirmedReadings(scopes: [String]) throws -> [String: [String]] { try NameTable.confirmedReadings(db, scopes: scopes) }
    func nameReadings() throws -> [String: [String: [String]]] { try NameTable.nameReadings(db) }
    func confirmReading(scope: String, phrase: String, syllables: [String], actor: String, at date: Date) throws {
        try NameTable.confirmReading(db, scope: scope, phrase: phrase, syllables: syllables, actor: actor, at: date)
    }
    func waivers(county: DivisionCode) throws -> [String: [String: String]] { try NameTable.waivers(db, county: county) }
    func addWaiver(county: DivisionCode, name: String, code: String, actor: String, reason: String, at date: Date) throws {
        try NameTable.addWaiver(db, county: county, name: name, code: code, actor: actor, reason: reason, at: date)
    }
    func characterLevels() throws -> [Character: Int]? { try NameTable.characterLevels(db) }
    func replaceCharacterLevels(_ levels: [Character: Int]) throws { try NameTable.replaceCharacterLevels(db, levels) }
}

struct GRDBCases: CaseRepository {
    let db: Database
    func save(_ namingCase: NamingCase, at date: Date) throws { try CaseTable.save(db, namingCase, at: date) }
    func find(id: FeatureID) throws -> NamingCase? { try CaseTable.find(db, id: id) }
    func list(_ filter: CaseFilter) throws -> [NamingCase] {
        try CaseTable.list(db, state: filter.state, town: filter.town, batch: filter.batch, road: filter.road)
    }
    func saveBatch(_ batch: Batch, at date: Date) throws { try CaseTable.saveBatch(db, batch, at: date) }
    func batches() throws -> [Batch] { try CaseTable.batches(db) }
    func findBatch(id: FeatureID) throws -> Batch? { try CaseTable.findBatch(db, id: id) }
}

struct GRDBSigns: SignRepository {
    let db: Database
    func save(_ sign: Sign, at date: Date) throws { try SignTable.save(db, sign, at: date) }
    func delete(_ id: FeatureID) throws { try SignTable.delete(db, id) }
    func find(id: FeatureID) throws -> Sign? { try SignTable.find(db, id: id) }
    func list(_ filter: SignFilter) throws -> [Sign] { try SignTable.list(db, road: filter.road, county: filter.county, status: filter.status) }
}

struct GRDBPOIs: POIRepository {
    let db: Database
    func save(_ item: CollectedPOI, at date: Date) throws { try POITable.save(db, item, at: date) }
    func find(id: FeatureID) throws -> CollectedPOI? { try POITable.find(db, id: id) }
    func list(county: DivisionCode?, status: POIStatus?) throws -> [CollectedPOI] { try POITable.list(db, county: county, status: status) }
}

struct GRDBDeliveries: DeliveryRepository {
    let db: Database
    func insert(_ delivery: DeliveryRecord, records: [DeliveredRecord]) throws {
        try DeliveryTable.insert(db, delivery, records: records)
    }
    func latest(profile: String, county: DivisionCode) throws -> DeliveryRecord? { try DeliveryTable.latest(db, profile: profile, county: county) }
    func latest(profile: String, county: DivisionCode, before date: Date) throws -> DeliveryRecord? {
        try DeliveryTable.latest(db, profile: profile, county: county, before: date)
    }
    func find(id: FeatureID) throws -> DeliveryRecord? { try DeliveryTable.find(db, id: id) }
    func list() throws -> [DeliveryRecord] { try DeliveryTable.list(db) }
    func records(delivery: FeatureID) throws -> [String: DeliveredRecord] { try DeliveryTable.records(db, delivery: delivery) }
    func acknowledge(id: FeatureID, by: String, note: String?, at date: Date) throws {
        try DeliveryTable.acknowledge(db, id: id, by: by, note: note, at: date)
    }
}

struct GRDBUsers: UserRepository {
    let db: Database
    func insert(_ user: UserAccount, passwordHash: String, at date: Date) throws { try UserTable.insert(db, user, passwordHash: passwordHash, at: date) }
    func setPassword(username: String, hash: String) throws { try UserTable.setPassword(db, username: username, hash: hash) }
    func update(_ user: UserAccount) throws { try UserTable.update(db, user) }
    func find(username: String) throws -> (UserAccount, String)? { try UserTable.find(db, username: username) }
    func list() throws -> [UserAccount] { try UserTable.list(db) }
}
