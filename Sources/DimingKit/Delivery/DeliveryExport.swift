import Crypto
import DimingCore
import Foundation
import GeoFormats
import Naming

/// What a delivery wrote (the manifest).
public struct DeliveryManifest: Codable, Sendable {
    public struct File: Codable, Sendable {
        public var name: String
        public var bytes: Int
        public var sha256: String
    }

    public var id: String
    public var profile: String
    public var provider: String
    public var county: String
    public var crs: String
    public var created: Date
    /// The delivery this one follows (a change set is relative to it).
    public var follows: String?
    public var changeSet: Bool
    public var counts: [String: Int]
    public var added: [String]
    public var changed: [String]
    public var retired: [String]
    public var files: [File]
}

/// Deliveries to map providers (`diming export`): standard-named roads with their pinyin, villages and
/// accepted POIs, in the provider's coordinate system, formats and columns, with a manifest of counts
/// and checksums. With `since`, a change set: added, changed (renames, moved geometry) and retired
/// records relative to an earlier delivery to the same provider. Pending names never leak.
public struct DeliveryExport {
    public var registry: any RegistryStore
    public var resources: NamingResources
    public var categories: POICategories
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, resources: NamingResources, categories: POICategories, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.resources = resources
        self.categories = categories
        self.actor = actor
        self.clock = clock
    }

    public enum Since: Sendable {
        case everything
        case last
        case date(Date)
    }

    /// Makes a delivery under `root`. The files are written into a staging folder beside the
    /// destination (`<root>/<profile>/.staging-<uuid>`) inside the transaction that mints the
    /// delivery id and records the delivery, and the staging folder becomes `<root>/<profile>/<date>`
    /// only after that transaction commits: a failure leaves neither files nor a record, and a
    /// folder that appears always holds the manifest the registry recorded. Staging folders left by
    /// a killed run under `root` are cleaned up first.
    public func run(profile: DeliveryProfile, county: DivisionCode, since: Since, root: String) throws -> DeliveryManifest {
        let county = county.ancestor(at: .county)
        try Policy.require(actor, .deliver, in: .county(county))
        let now = clock.now()
        Self.sweep(root: root, registry: registry)
        return try StagedFolder.stage(in: root + "/" + profile.name) { staging in
            let (manifest, folder) = try registry.write { db in
                try make(db, profile: profile, county: county, since: since, root: root, staging: staging.path, now: now)
            }
            return (manifest, folder)
        }
    }

    /// Inside the transaction: collects what to deliver, mints the id, writes the files into
    /// `staging` and records the delivery with its final folder.
    private func make(_ db: any RegistryTransaction, profile: DeliveryProfile, county: DivisionCode, since: Since, root: String, staging: String,
                      now: Date) throws -> (DeliveryManifest, String) {
        guard try db.divisions.exists(code: county) else { throw InputError(field: "--county", "county \(county.countyPart) is not in the registry") }
        let items = try collect(db, county: county)
        var previous: DeliveryRecord?
        switch since {
        case .everything: previous = nil
        case .last:
            previous = try db.deliveries.latest(profile: profile.name, county: county)
            if previous == nil { throw ProcedureViolation.notReady(
                what: "EARLIER_DELIVERY", en: "no earlier \(profile.name) delivery for county \(county.countyPart): make a full one first (omit --since)",
                zh: "本县此前没有向\(profile.provider)交付过：请先做一次完整交付（范围选“全部标准地名”）。") }
        case let .date(date):
            previous = try db.deliveries.latest(profile: profile.name, county: county, before: date)
            if previous == nil { throw ProcedureViolation.notReady(
                what: "EARLIER_DELIVERY", en: "no \(profile.name) delivery on or before \(DeadlineRules.dayString(date))",
                zh: "\(DeadlineRules.dayString(date))及以前没有向\(profile.provider)的交付。") }
        }
        let before = try previous.map { try db.deliveries.records(delivery: $0.id) } ?? [:]
        var nextOSM = min(-1, (before.values.map(\.osmID).min() ?? 0) - 1)
        var osmIDs: [String: Int] = [:]
        for item in items {
            if let known = before[item.ref]?.osmID { osmIDs[item.ref] = known } else { osmIDs[item.ref] = nextOSM; nextOSM -= 1 }
        }
        let current = Set(items.map(\.ref))
        let added = items.filter { before[$0.ref] == nil }
        let changed = items.filter { before[$0.ref] != nil && before[$0.ref]!.fingerprint != $0.fingerprint }
        let retired = before.keys.filter { !current.contains($0) }.sorted()
        let delivered = previous == nil ? items : added + changed
        let change: [String: String] = previous == nil ? [:] : Dictionary(uniqueKeysWithValues: added.map { ($0.ref, "added") } + changed.map { ($0.ref, "changed") })

        // Minted in this transaction: an id is only ever used by the delivery this transaction commits.
        let id = try db.ids.mint(kind: .delivery, county: county.countyPart)[0]
        // Not a folder on disk, nor one the registry already recorded (a delivery committed but still being moved into place).
        let recorded = Set(try db.deliveries.list().map { StagedFolder.normalized($0.folder) })
        let folder = Self.folder(root: root, profile: profile.name, date: now, taken: recorded)
        var writer = DeliveryWriter(profile: profile, items: delivered, change: change,
                                    retired: try retired.map { (try retiredItem(db, ref: $0), before[$0]!) },
                                    osmIDs: osmIDs, title: "\(county.countyPart) \(profile.provider)")
        writer.osmWaysInUse = try db.segments.osmWaysInUse(among: retired.flatMap { before[$0]!.osmWays.map(\.id) })
        var files: [DeliveryManifest.File] = []
        for format in profile.formats {
            let name = "\(profile.name)-\(county.countyPart)\(previous == nil ? "" : "-changes").\(format == "osm" && previous != nil ? "osc" : format)"
            let path = staging + "/" + name
            try writer.write(format: format, to: path)
            guard let data = FileManager.default.contents(atPath: path) else { throw StagingError(message: "cannot read back \(path)") }
            files.append(.init(name: name, bytes: data.count, sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()))
        }
        let manifest = DeliveryManifest(
            id: id.description, profile: profile.name, provider: profile.provider, county: county.rawValue, crs: profile.crs, created: now,
            follows: previous?.id.description, changeSet: previous != nil,
            counts: ["roads": delivered.filter { $0.kind == .road }.count, "villages": delivered.filter { $0.kind == .village }.count,
                     "pois": delivered.filter { $0.kind == .poi }.count, "added": previous == nil ? delivered.count : added.count,
                     "changed": changed.count, "retired": retired.count],
            added: (previous == nil ? [] : added.map(\.ref)), changed: changed.map(\.ref), retired: retired, files: files)
        let manifestText = String(decoding: try JSON.encoder(pretty: true).encode(manifest), as: UTF8.self)
        try manifestText.write(toFile: staging + "/manifest.json", atomically: true, encoding: .utf8)
        try db.deliveries.insert(DeliveryRecord(id: id, profile: profile.name, countyCode: county, created: now, folder: folder, manifest: manifestText),
                                 records: items.map { DeliveredRecord(ref: $0.ref, fingerprint: $0.fingerprint, osmID: osmIDs[$0.ref]!, osmWays: $0.osmWays) })
        try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .deliveryMade, entityKind: "delivery", entityID: id.description,
                                       after: JSON.string(manifest.counts)))
        return (manifest, folder)
    }

    /// Cleans up the staging folders that killed runs left under `root` (in it and in its profile
    /// folders). A staged delivery the registry committed (its `manifest.json` is the one recorded,
    /// and the recorded folder is missing) is moved into place; any other is removed.
    @discardableResult
    static func sweep(root: String, registry: any RegistryStore) -> StagedFolder.Sweep {
        let root = StagedFolder.normalized(root)
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: root) else { return StagedFolder.Sweep() }
        let folders = [root] + names.filter { !$0.hasPrefix(".") }.sorted().map { root + "/" + $0 }.filter { path in
            var isFolder: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        }
        return StagedFolder.sweep(folders) { staging in
            guard let data = fm.contents(atPath: staging + "/manifest.json"),
                  let manifest = try? JSON.decoder().decode(DeliveryManifest.self, from: data), let id = FeatureID(manifest.id),
                  let record = try? registry.read({ try $0.deliveries.find(id: id) }),
                  record.manifest == String(decoding: data, as: UTF8.self), !fm.fileExists(atPath: record.folder)
            else { return nil }
            return StagedFolder.Commitment(destination: record.folder, merge: false)
        }
    }

    /// The deliveries the actor may see (their county's).
    public static func list(_ registry: any RegistryStore, actor: UserAccount) throws -> [DeliveryRecord] {
        try Policy.require(actor, .deliver, in: actor.ownScope)
        return try registry.read { try $0.deliveries.list() }.filter { Policy.allows(actor, .deliver, in: .county($0.countyCode)) }
    }

    public func acknowledge(_ id: FeatureID, by: String, note: String?) throws {
        let now = clock.now()
        try registry.write { db in
            guard let delivery = try db.deliveries.find(id: id) else { throw RegistryError.notFound(kind: "delivery", key: id.description) }
            try Policy.require(actor, .deliver, in: .county(delivery.countyCode))
            try db.deliveries.acknowledge(id: id, by: by, note: note, at: now)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .deliveryAcknowledged, entityKind: "delivery", entityID: id.description,
                                               after: JSON.string(["by": by, "note": note ?? ""])))
        }
    }

    /// `Exports/<profile>/<date>/`, with `-2`, `-3` … for further deliveries on the same day: a
    /// folder neither on disk nor `taken` (recorded for another delivery).
    static func folder(root: String, profile: String, date: Date, taken: Set<String> = []) -> String {
        let base = "\(StagedFolder.normalized(root))/\(profile)/\(DeadlineRules.dayString(date))"
        var folder = base, n = 1
        while FileManager.default.fileExists(atPath: folder) || taken.contains(folder) {
            n += 1
            folder = "\(base)-\(n)"
        }
        return folder
    }

    /// Roads whose standard name was approved, filed and announced (with the approval, the 曾用名
    /// of a renaming and the route code), villages with points, accepted POIs with their addresses
    /// computed: an address that still names a renamed road's former name names its new one.
    func collect(_ db: any RegistryTransaction, county: DivisionCode) throws -> [DeliveryItem] {
        let countyName = try db.divisions.find(code: county)?.name ?? county.rawValue
        var townNames: [DivisionCode: String] = [:]
        func division(_ town: DivisionCode?) throws -> String {
            guard let town else { return countyName }
            if townNames[town] == nil { townNames[town] = try db.divisions.find(code: town)?.name ?? "" }
            return countyName + townNames[town]!
        }
        let cases = try db.cases.list().filter { $0.countyCode.countyPart == county.countyPart && $0.state == .standard }
        let approvedBy = Dictionary(cases.compactMap { c in c.nameID.map { ($0, c) } }, uniquingKeysWith: { a, b in a.created > b.created ? a : b })
        var renamed: [(former: String, current: String)] = []
        var items: [DeliveryItem] = []
        for road in try db.roads.list(RoadFilter(county: county)) {
            guard let name = try db.names.standardName(road: road.id), let c = approvedBy[name.id], let approval = c.approval else { continue }
            let former = try c.kind == .renaming ? c.oldNameID.flatMap { try db.names.find(id: $0) }?.text : nil
            if let former { renamed.append((former, name.text)) }
            let segments = try db.segments.fetch(ids: road.segments.map(\.segment))
            let refs = segments.compactMap(\.ref)
            var item = DeliveryItem(ref: road.id.description, kind: .road, name: name.text, pinyin: name.toned, category: categories.find("road"),
                                    point: road.geometry.points[road.geometry.points.count / 2], line: road.geometry, address: nil,
                                    division: try division(road.townCode), routeRef: refs.first(where: RoadNature.isRouteCode))
            item.divisionCode = (road.townCode ?? road.countyCode).rawValue
            item.formerName = former
            item.approvalNumber = approval.documentNumber
            item.approvalDate = DeadlineRules.dayString(approval.date)
            item.source = approval.authority
            item.osmParts = Self.osmParts(segments, road: road)
            items.append(item)
        }
        for village in try db.divisions.list(within: county, level: .village) {
            guard let point = village.point else { continue }
            let name = village.shortName
            var item = DeliveryItem(ref: village.code.rawValue, kind: .village, name: name, pinyin: resources.romanizer.romanize(name).toned,
                                    category: categories.find("village"), point: point, line: nil,
                                    address: nil, division: try division(village.parentCode), routeRef: nil)
            item.divisionCode = village.code.rawValue
            item.source = "统计用区划代码"
            items.append(item)
        }
        for found in try db.pois.list(county: county, status: .accepted) {
            var address = found.poi.address
            for (former, current) in renamed where address?.contains(former) == true {
                address = address?.replacingOccurrences(of: former, with: current)
            }
            var item = DeliveryItem(ref: found.poi.id.description, kind: .poi, name: found.poi.name, pinyin: resources.romanizer.romanize(found.poi.name).toned,
                                    category: categories.find(found.poi.category), point: found.poi.location, line: nil, address: address,
                                    division: countyName, routeRef: nil)
            item.divisionCode = county.rawValue
            item.source = "兴趣点采集"
            items.append(item)
        }
        return items
    }

    /// A road's segments for OSM, in the road's order, when one is sent as its OSM way in place; none otherwise.
    static func osmParts(_ segments: [RoadSegment], road: Road) -> [DeliveryItem.OSMPart] {
        let order = Dictionary(road.segments.enumerated().map { ($1.segment, $0) }, uniquingKeysWith: { a, _ in a })
        let parts = segments.sorted { order[$0.id] ?? 0 < order[$1.id] ?? 0 }.map { DeliveryItem.OSMPart(line: $0.geometry, way: $0.osm) }
        return parts.contains { $0.inPlace != nil } ? parts : []
    }

    /// A retired record as the change set shows it: a road with its geometry and the name it no
    /// longer carries (and, while the road stands, the OSM ways it is); any other record by its id alone.
    func retiredItem(_ db: any RegistryTransaction, ref: String) throws -> DeliveryItem {
        guard let id = FeatureID(ref), id.kind == .road, let road = try db.roads.find(id: id), !road.geometry.points.isEmpty else {
            return DeliveryItem(ref: ref, kind: .poi, name: "", pinyin: "", category: nil, point: Coordinate(lon: 0, lat: 0), line: nil, address: nil,
                                division: "", routeRef: nil)
        }
        let last = try db.names.history(road: id).last { $0.name.status == .retired || $0.name.status == .former }?.name
        var item = DeliveryItem(ref: ref, kind: .road, name: last?.text ?? "", pinyin: last?.toned ?? "", category: categories.find("road"),
                                point: road.geometry.points[road.geometry.points.count / 2], line: road.geometry, address: nil,
                                division: "", routeRef: nil)
        item.divisionCode = (road.townCode ?? road.countyCode).rawValue
        if road.active { item.osmParts = Self.osmParts(try db.segments.fetch(ids: road.segments.map(\.segment)), road: road) }
        return item
    }
}
