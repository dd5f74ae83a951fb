import DimingCore
import Foundation

/// What one county's survey did.
public struct SurveyReport: Codable, Sendable {
    public var county: String
    public var segments = 0
    public var roads = 0
    public var namedRoads = 0
    public var unnamedRoads = 0
    /// Roads whose segments did not change (ids kept).
    public var kept = 0
    /// Roads that changed but are mostly the same road (ids kept).
    public var changed = 0
    public var added = 0
    public var retired = 0
    /// Total length of the county's segments and of its roads (metres); they are equal.
    public var segmentLength = 0.0
    public var roadLength = 0.0
}

/// The unnamed-road survey (无名路摸排): stitches a county's segments into whole roads, describes
/// each (direction, ends, villages passed, town, working name) and stores them in one transaction.
/// A road whose segments did not change keeps its id; one that mostly overlaps an earlier road
/// (at least half of both) keeps that road's id; earlier roads left without a match are retired.
public struct SurveyRun {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var stitcher: SegmentStitcher
    public var clock: any Clock
    public var progress: ProgressReporter

    public init(registry: any RegistryStore, actor: UserAccount, stitcher: SegmentStitcher = SegmentStitcher(), clock: any Clock = SystemClock(),
                progress: ProgressReporter = .silent) {
        self.registry = registry
        self.actor = actor
        self.stitcher = stitcher
        self.clock = clock
        self.progress = progress
    }

    /// Surveys `county`, or every county that has segments.
    public func run(county: DivisionCode?) throws -> [SurveyReport] {
        try Policy.require(actor, .importData, in: county.map { .county($0) } ?? .registry)
        let now = clock.now()
        return try registry.write { db in
            let counties = try county.map { [$0.ancestor(at: .county)] } ?? db.segments.counties()
            var roadsSoFar = 0
            return try counties.enumerated().map { index, code in
                // The overall figure: which county of how many, and the roads stored so far.
                let overall = counties.count > 1 ? " (county \(index + 1) of \(counties.count), \(roadsSoFar) roads so far)" : ""
                let report = try survey(code, db: db, at: now, overall: overall)
                roadsSoFar += report.roads
                return report
            }
        }
    }

    /// Roads are written this many at a time (progress between batches; each batch is one bulk write).
    static let writeBatch = 2_000

    func survey(_ county: DivisionCode, db: any RegistryTransaction, at now: Date, overall: String = "") throws -> SurveyReport {
        var report = SurveyReport(county: county.rawValue)
        progress.phase("surveying \(county.countyPart)\(overall): reading segments")
        // Only what the survey uses of each segment, with the geodesic length stored at import
        // (by position): every total below adds these up.
        let segments = try db.segments.surveySegments(county: county)
        report.segments = segments.count
        let lengths = segments.map(\.length)
        report.segmentLength = lengths.reduce(0, +)
        var lengthOf: [FeatureID: Double] = [:]
        lengthOf.reserveCapacity(segments.count)
        for (segment, length) in zip(segments, lengths) { lengthOf[segment.id] = length }
        let pieces = segments.map { SegmentStitcher.Piece(line: $0.geometry, group: $0.isNamed ? "name:\($0.name!)" : "unnamed:\($0.roadClass)") }
        progress.phase("surveying \(county.countyPart)\(overall): stitching")
        let chains = stitcher.stitch(pieces)

        let places = try db.divisions.list(within: county, level: .village)
            .compactMap { village in village.point.map { SurveyPlace(code: village.code, name: village.shortName, point: $0) } }
        let describer = RoadDescriber(places: places, namedRoads: segments.filter(\.isNamed).map { ($0.name!, $0.geometry) })

        let previous = try db.roads.memberships(county: county)
        try db.roads.clearMembers(county: county)
        var claimed = Set<FeatureID>()
        var fresh: [(road: Road, segments: Set<FeatureID>)] = []
        fresh.reserveCapacity(chains.count)
        progress.phase("surveying \(county.countyPart)\(overall): describing roads")
        for (index, chain) in chains.enumerated() {
            progress.step(index + 1, of: chains.count)
            let line = Self.join(chain.map { $0.reversed ? segments[$0.piece].geometry.reversed() : segments[$0.piece].geometry })
            let first = segments[chain[0].piece]
            let (oriented, flipped, description) = describer.describe(line, ownName: first.name)
            let ordered = flipped ? chain.reversed().map { ($0.piece, !$0.reversed) } : chain.map { ($0.piece, $0.reversed) }
            var classLength: [String: Double] = [:]
            for member in chain { classLength[segments[member.piece].roadClass, default: 0] += lengths[member.piece] }
            let roadClass = classLength.max { $0.value < $1.value }!.key
            let road = Road(
                id: FeatureID(county: county.countyPart, kind: .road, serial: 1), countyCode: county, townCode: description.townCode,
                active: true, roadClass: roadClass, name: first.name, workingName: first.isNamed ? nil : description.workingName,
                direction: description.direction, length: chain.reduce(0) { $0 + lengths[$1.piece] },
                start: description.start, end: description.end,
                villages: zip(description.villages, description.villageNames).map { Road.Village(code: $0.rawValue, name: $1) },
                geometry: oriented, segments: ordered.map { Road.Member(segment: segments[$0.0].id, reversed: $0.1) })
            fresh.append((road, Set(chain.map { segments[$0.piece].id })))
        }
        // Keep ids: exact matches first, then the largest overlaps.
        let byMembers = Dictionary(previous.map { ($0.value.segments, $0.key) }, uniquingKeysWith: { a, _ in a })
        var ids = [FeatureID?](repeating: nil, count: fresh.count)
        for (i, entry) in fresh.enumerated() {
            if let id = byMembers[entry.segments], !claimed.contains(id) {
                ids[i] = id
                claimed.insert(id)
                report.kept += 1
            }
        }
        var owner: [FeatureID: FeatureID] = [:]
        for (road, entry) in previous { for segment in entry.segments { owner[segment] = road } }
        for (i, entry) in fresh.enumerated() where ids[i] == nil {
            var overlap: [FeatureID: Double] = [:]
            for segment in entry.segments { if let road = owner[segment] { overlap[road, default: 0] += lengthOf[segment] ?? 0 } }
            if let best = overlap.filter({ !claimed.contains($0.key) }).max(by: { $0.value < $1.value }),
               best.value >= 0.5 * (previous[best.key]?.length ?? .infinity), best.value >= 0.5 * entry.road.length {
                ids[i] = best.key
                claimed.insert(best.key)
                report.changed += 1
            }
        }
        let newIDs = try db.ids.mint(kind: .road, county: county.countyPart, count: ids.filter { $0 == nil }.count)
        // A name approved for a road outlives re-surveys: one lookup for every road that keeps its id.
        let standard = try db.names.standardNames(roads: ids.compactMap { $0 })
        var nextNew = newIDs.makeIterator()
        var roads: [Road] = []
        roads.reserveCapacity(fresh.count)
        for (i, entry) in fresh.enumerated() {
            var road = entry.road
            road.id = ids[i] ?? nextNew.next()!
            if road.name == nil, let name = standard[road.id] {
                road.name = name.text
                road.workingName = nil
            }
            roads.append(road)
            report.roads += 1
            report.roadLength += road.length
            if road.name == nil { report.unnamedRoads += 1 } else { report.namedRoads += 1 }
        }
        progress.phase("surveying \(county.countyPart)\(overall): writing roads")
        for start in stride(from: 0, to: roads.count, by: Self.writeBatch) {
            let end = min(start + Self.writeBatch, roads.count)
            try db.roads.save(Array(roads[start..<end]), at: now)
            progress.step(end, of: roads.count)
        }
        report.added = newIDs.count
        let retired = previous.keys.filter { !claimed.contains($0) }
        try db.roads.retire(retired, at: now)
        for id in retired {
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .roadRetired, entityKind: "road", entityID: id.description,
                                               after: "{\"reason\":\"no longer found by the survey\"}"))
        }
        report.retired = retired.count
        try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .surveyRun, entityKind: "county", entityID: county.rawValue,
                                           after: JSON.string(report)))
        progress.done()
        Log.survey.info("survey done", metadata: ["county": "\(county.countyPart)", "roads": "\(report.roads)"])
        return report
    }

    /// Joins oriented lines end to start, dropping a repeated joint.
    static func join(_ lines: [LineString]) -> LineString {
        var points: [Coordinate] = []
        for line in lines {
            if let last = points.last, last == line.points.first {
                points.append(contentsOf: line.points.dropFirst())
            } else {
                points.append(contentsOf: line.points)
            }
        }
        return LineString(points)
    }
}
