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

    /// Roads are written this many at a time (progress between batches; each batch is one bulk write),
    /// as soon as the helper thread has described them: the first write waits for this many.
    static let writeBatch = 500

    func survey(_ county: DivisionCode, db: any RegistryTransaction, at now: Date, overall: String = "") throws -> SurveyReport {
        var report = SurveyReport(county: county.rawValue)
        progress.phase("surveying \(county.countyPart)\(overall): reading segments")
        // Only what the survey uses of each segment, with the geodesic length stored at import
        // (by position): every total below adds these up.
        let segments = try db.segments.surveySegments(county: county)
        report.segments = segments.count
        let lengths = segments.map(\.length)
        report.segmentLength = lengths.reduce(0, +)
        // Stitching and describing (pure work) go on on a helper thread while this one reads the villages
        // (and builds the describer), the old memberships, matches ids and writes the roads described so far.
        progress.phase("surveying \(county.countyPart)\(overall): stitching")
        let drafting = RoadDrafting.start(segments: segments, county: county, stitcher: stitcher)
        defer { drafting.cancel() } // the helper thread has ended when the survey returns or throws
        let places = try db.divisions.list(within: county, level: .village)
            .compactMap { village in village.point.map { SurveyPlace(code: village.code, name: village.shortName, point: $0) } }
        drafting.describe(with: RoadDrafting.describer(places: places, segments: segments))

        let previous = try db.roads.memberships(county: county)
        try db.roads.clearMembers(county: county)
        let chains = drafting.stitched()
        var claimed = Set<FeatureID>()
        // Each chain's length (in chain order, as its road's length is added up).
        let chainLengths = chains.map { chain in chain.reduce(0) { $0 + lengths[$1.piece] } }
        // Keep ids: exact matches first, then the largest overlaps (none to match on a first survey).
        var ids = [FeatureID?](repeating: nil, count: chains.count)
        if !previous.isEmpty {
            let chainSegments = chains.map { chain in Set(chain.map { segments[$0.piece].id }) }
            var lengthOf: [FeatureID: Double] = [:]
            lengthOf.reserveCapacity(segments.count)
            for (segment, length) in zip(segments, lengths) { lengthOf[segment.id] = length }
            let byMembers = Dictionary(previous.map { ($0.value.segments, $0.key) }, uniquingKeysWith: { a, _ in a })
            for (i, members) in chainSegments.enumerated() {
                if let id = byMembers[members], !claimed.contains(id) {
                    ids[i] = id
                    claimed.insert(id)
                    report.kept += 1
                }
            }
            var owner: [FeatureID: FeatureID] = [:]
            for (road, entry) in previous { for segment in entry.segments { owner[segment] = road } }
            for (i, members) in chainSegments.enumerated() where ids[i] == nil {
                var overlap: [FeatureID: Double] = [:]
                for segment in members { if let road = owner[segment] { overlap[road, default: 0] += lengthOf[segment] ?? 0 } }
                if let best = overlap.filter({ !claimed.contains($0.key) }).max(by: { $0.value < $1.value }),
                   best.value >= 0.5 * (previous[best.key]?.length ?? .infinity), best.value >= 0.5 * chainLengths[i] {
                    ids[i] = best.key
                    claimed.insert(best.key)
                    report.changed += 1
                }
            }
        }
        let newIDs = try db.ids.mint(kind: .road, county: county.countyPart, count: ids.filter { $0 == nil }.count)
        // A name approved for a road outlives re-surveys: one lookup for every road that keeps its id.
        let standard = try db.names.standardNames(roads: ids.compactMap { $0 })
        var nextNew = newIDs.makeIterator()
        // Written a batch at a time as the helper thread describes them, in chain order.
        progress.phase("surveying \(county.countyPart)\(overall): describing and writing roads")
        for start in stride(from: 0, to: chains.count, by: Self.writeBatch) {
            let end = min(start + Self.writeBatch, chains.count)
            var roads = drafting.drafts(start..<end)
            var new: [FeatureID] = []
            for (offset, i) in (start..<end).enumerated() {
                if let id = ids[i] {
                    roads[offset].id = id
                    if roads[offset].name == nil, let name = standard[id] {
                        roads[offset].name = name.text
                        roads[offset].workingName = nil
                    }
                } else {
                    roads[offset].id = nextNew.next()!
                    new.append(roads[offset].id)
                }
                let road = roads[offset]
                report.roads += 1
                report.roadLength += road.length
                if road.name == nil { report.unnamedRoads += 1 } else { report.namedRoads += 1 }
            }
            try db.roads.saveSurveyed(roads, new: Set(new), at: now)
            progress.step(end, of: chains.count)
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
