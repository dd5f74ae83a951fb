import DimingCore
import Foundation

/// What conflation did for one import (路段合并): features matched to segments of other sources
/// already in the registry (merged, not added), features new to the registry, and matches whose
/// attributes disagreed.
public struct ConflationSummary: Codable, Sendable, Hashable {
    public var source: String
    public var matched = 0
    public var new = 0
    public var conflicting = 0
    /// The matches (the first 1,000), each with what was taken and what disagreed.
    public var matches: [ConflationMatch] = []

    public init(source: String) {
        self.source = source
    }
}

/// One feature of a source recognised as a segment already in the registry.
public struct ConflationMatch: Codable, Sendable, Hashable {
    /// The segment it matched (kept, with its id) and that segment's source.
    public var segment: String
    public var existingSource: String
    /// The feature in the new source.
    public var sourceRef: String
    /// Attributes taken from the new source (it ranks higher, or the segment had none).
    public var updated: [String] = []
    /// Attributes that disagreed: `name: 王庄路 (kept, from osm) ≠ 王家路 (rural-roads)`.
    public var conflicts: [String] = []
}

/// Which source wins when two describe the same road differently (来源优先级), highest first; a county
/// setting. Entries are source labels or prefixes ending in `*` (`rural-roads*`, `file:*`); a source
/// that no entry names ranks below every named one, and between two such the one already in the
/// registry wins.
public struct SourcePriority: Codable, Sendable, Hashable {
    public var sources: [String]
    /// Metres within which two lines count as lying along each other, and the share of each line's
    /// length that must, in both directions.
    public var tolerance: Double
    public var share: Double

    public init(sources: [String] = [], tolerance: Double = 15, share: Double = 0.8) {
        self.sources = sources
        self.tolerance = tolerance
        self.share = share
    }

    /// Rank of a source: lower is stronger; unnamed sources rank after every entry.
    public func rank(_ source: String) -> Int {
        sources.firstIndex { entry in
            entry.hasSuffix("*") ? source.hasPrefix(String(entry.dropLast())) : source == entry
        } ?? sources.count
    }

    static func key(_ county: DivisionCode) -> String { "conflation.priority.\(county.countyPart)" }

    /// The county's priority (default: none listed, 15 m, 80 %).
    public static func load(_ db: any RegistryTransaction, county: DivisionCode) throws -> SourcePriority {
        try CountySetting.load(db, key: key(county), absent: SourcePriority())
    }

    /// Changes a county's priority (an administrator's setting), audited before and after.
    public static func update(_ registry: any RegistryStore, county: DivisionCode, actor: UserAccount, clock: any Clock = SystemClock(),
                              _ edit: (inout SourcePriority) -> Void) throws -> SourcePriority {
        try CountySetting.update(registry, county: county, actor: actor, clock: clock, key: key(county), action: .settingsSourcePriority,
                                 load: { try load($0, county: county) }, edit)
    }
}

/// Matches an import's roads against the segments of other sources in the registry and merges the
/// attributes of a match under the county's ``SourcePriority`` instead of adding a duplicate.
struct Conflator {
    let source: String
    let priority: SourcePriority
    private var index = GridIndex<Int>(cellSize: 0.01)
    private(set) var segments: [RoadSegment]
    private let lengths: [Double]
    /// Segments already matched by this import (a segment matches one feature at most).
    private var claimed = Set<Int>()
    var summary: ConflationSummary

    init(source: String, priority: SourcePriority, existing: [RoadSegment]) {
        self.source = source
        self.priority = priority
        segments = existing.filter { $0.source != source }
        lengths = segments.map(\.geometry.length)
        summary = ConflationSummary(source: source)
        for (position, segment) in segments.enumerated() {
            if let box = segment.geometry.boundingBox { index.insert(position, box: box) }
        }
    }

    var isEmpty: Bool { segments.isEmpty }

    /// The registry segment that is the same road as `line`, if any: each lies along the other.
    mutating func match(_ line: LineString) -> Int? {
        guard !segments.isEmpty, let box = line.boundingBox else { return nil }
        let margin = priority.tolerance / 111_000 * 2
        let length = line.length
        let candidates = index.query(box.expanded(by: margin)).filter {
            !claimed.contains($0) && LineOverlap.lengthsCompatible(length, lengths[$0], tolerance: priority.tolerance, share: priority.share)
        }
        let hit = candidates.first { LineOverlap.sameRoad(line, segments[$0].geometry, tolerance: priority.tolerance, share: priority.share) }
        if let hit { claimed.insert(hit) }
        return hit
    }

    /// Merges a matched feature's attributes into the segment: a value fills a gap; where both have
    /// one and they differ, the higher-ranked source's stays and the difference is recorded.
    /// Returns the segment when it changed.
    mutating func merge(into position: Int, sourceRef: String, roadClass: String, name: String?, ref: String?) -> RoadSegment? {
        var segment = segments[position]
        var match = ConflationMatch(segment: segment.id.description, existingSource: segment.source, sourceRef: sourceRef)
        let incomingWins = priority.rank(source) < priority.rank(segment.source)
        func settle(_ field: String, _ current: String?, _ incoming: String?) -> String? {
            guard let incoming, !incoming.isEmpty else { return current }
            guard let current, !current.isEmpty else {
                match.updated.append(field)
                return incoming
            }
            guard current != incoming else { return current }
            let (kept, other) = incomingWins ? (incoming, current) : (current, incoming)
            let (keptFrom, otherFrom) = incomingWins ? (source, segment.source) : (segment.source, source)
            match.conflicts.append("\(field): \(kept) (kept, from \(keptFrom)) ≠ \(other) (\(otherFrom))")
            if incomingWins { match.updated.append(field) }
            return kept
        }
        let before = segment
        segment.name = settle("name", segment.name, name)
        segment.ref = settle("ref", segment.ref, ref)
        segment.roadClass = settle("class", segment.roadClass, roadClass) ?? segment.roadClass
        if segment.name != nil { segment.confirmedUnnamed = false }
        summary.matched += 1
        if !match.conflicts.isEmpty { summary.conflicting += 1 }
        if summary.matches.count < 1_000 { summary.matches.append(match) }
        segments[position] = segment
        return segment == before ? nil : segment
    }
}

/// The conflation summaries of a county's imports, by source, for the survey report (a record kept
/// in the registry's settings; written with the import that produced it).
public enum ConflationLedger {
    static func key(_ county: DivisionCode) -> String { "conflation.ledger.\(county.countyPart)" }

    public static func load(_ db: any RegistryTransaction, county: DivisionCode) throws -> [ConflationSummary] {
        try CountySetting.load(db, key: key(county), absent: [])
    }

    static func record(_ summary: ConflationSummary, county: DivisionCode, db: any RegistryTransaction) throws {
        var all = try load(db, county: county).filter { $0.source != summary.source }
        all.append(summary)
        try db.settings.set(key(county), JSON.string(all))
    }

    /// The summaries of a county (or of every county with one), for `survey report`.
    public static func report(_ registry: any RegistryStore, county: DivisionCode?) throws -> [String: [ConflationSummary]] {
        try registry.read { db in
            let counties = try county.map { [$0.ancestor(at: .county)] } ?? db.segments.counties()
            var result: [String: [ConflationSummary]] = [:]
            for county in counties {
                let summaries = try load(db, county: county)
                if !summaries.isEmpty { result[county.countyPart] = summaries }
            }
            return result
        }
    }
}
