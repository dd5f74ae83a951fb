import DimingCore
import Foundation

/// The survey's pure work on a thread of its own (拼接与描述): stitches a county's segments into
/// chains, then drafts each chain's road (joined line, orientation, description, class, length),
/// while the calling thread does the store's work (villages, old memberships, ids, then the writes).
/// The chains come all at once (ids are matched on them); the drafted roads come in chain order, a
/// few hundred at a time, so the writes begin with the first ones while the rest are being described.
/// The drafts are exactly those of describing in turn: the same values in the same order.
///
/// The caller hands over the describer (``describe(with:)``, built while the stitching runs) before it
/// waits for anything, and calls ``cancel()`` before it returns or throws: the helper thread has
/// ended then.
final class RoadDrafting: @unchecked Sendable {
    /// A chain's road, its id a placeholder (the survey gives it its own or a minted one).
    typealias Draft = Road

    private let condition = NSCondition()
    private var chains: [[SegmentStitcher.Member]]?
    private var describer: RoadDescriber?
    private var drafts: [Draft] = []
    private var cancelled = false
    private var finished = false
    /// False when no thread could be made: the work is done in turn by ``describe(with:)``.
    private var threaded = true

    private let segments: [SurveySegment]
    private let county: DivisionCode
    private let stitcher: SegmentStitcher

    private init(segments: [SurveySegment], county: DivisionCode, stitcher: SegmentStitcher) {
        self.segments = segments
        self.county = county
        self.stitcher = stitcher
    }

    /// Starts stitching `segments` on a helper thread (`threaded` false, or no thread to be had: the
    /// work is done on the calling thread when the describer is handed over; the same results, later).
    static func start(segments: [SurveySegment], county: DivisionCode, stitcher: SegmentStitcher, threaded: Bool = true) -> RoadDrafting {
        let drafting = RoadDrafting(segments: segments, county: county, stitcher: stitcher)
        drafting.threaded = threaded && DetachedThread.start({ drafting.work() })
        return drafting
    }

    /// The describer of a county's roads: its villages and its named segments.
    static func describer(places: [SurveyPlace], segments: [SurveySegment]) -> RoadDescriber {
        RoadDescriber(places: places, namedRoads: segments.filter(\.isNamed).map { ($0.name!, $0.geometry) })
    }

    /// Hands over the describer: drafting begins once the chains are stitched.
    func describe(with describer: RoadDescriber) {
        condition.lock()
        self.describer = describer
        condition.broadcast()
        condition.unlock()
        if !threaded { work() }
    }

    /// The chains, once stitched: each an ordered list of segments (by position in `segments`).
    func stitched() -> [[SegmentStitcher.Member]] {
        condition.lock()
        defer { condition.unlock() }
        while chains == nil { condition.wait() }
        return chains!
    }

    /// The drafts of chains `range`, waiting for them.
    func drafts(_ range: Range<Int>) -> [Draft] {
        condition.lock()
        defer { condition.unlock() }
        while drafts.count < range.upperBound && !finished { condition.wait() }
        return Array(drafts[range])
    }

    /// Stops drafting and waits for the helper thread to end (at once after the last draft).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while threaded && !finished { condition.wait() }
        condition.unlock()
    }

    /// Publishes this many drafts at a time (one lock and wake-up each).
    static let handOver = 128

    private func work() {
        defer {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        let pieces = segments.map { SegmentStitcher.Piece(line: $0.geometry, group: $0.isNamed ? "name:\($0.name!)" : "unnamed:\($0.roadClass)") }
        let stitched = stitcher.stitch(pieces)
        condition.lock()
        chains = stitched
        condition.broadcast()
        while describer == nil && !cancelled { condition.wait() }
        let describer = self.describer
        condition.unlock()
        guard let describer else { return }
        var batch: [Draft] = []
        batch.reserveCapacity(Self.handOver)
        for (index, chain) in stitched.enumerated() {
            batch.append(Self.draft(chain, segments: segments, county: county, describer: describer))
            if batch.count == Self.handOver || index == stitched.count - 1 {
                condition.lock()
                drafts.append(contentsOf: batch)
                let stop = cancelled
                condition.broadcast()
                condition.unlock()
                batch.removeAll(keepingCapacity: true)
                if stop { return }
            }
        }
    }

    /// One chain's road: its line joined and oriented, described, its class the one of most length.
    static func draft(_ chain: [SegmentStitcher.Member], segments: [SurveySegment], county: DivisionCode, describer: RoadDescriber) -> Draft {
        let line = SurveyRun.join(chain.map { $0.reversed ? segments[$0.piece].geometry.reversed() : segments[$0.piece].geometry })
        let first = segments[chain[0].piece]
        let (oriented, flipped, description) = describer.describe(line, ownName: first.name)
        let ordered = flipped ? chain.reversed().map { ($0.piece, !$0.reversed) } : chain.map { ($0.piece, $0.reversed) }
        var classLength: [String: Double] = [:]
        for member in chain { classLength[segments[member.piece].roadClass, default: 0] += segments[member.piece].length }
        let roadClass = classLength.max { $0.value < $1.value }!.key
        return Road(
            id: FeatureID(county: county.countyPart, kind: .road, serial: 1), countyCode: county, townCode: description.townCode,
            active: true, roadClass: roadClass, name: first.name, workingName: first.isNamed ? nil : description.workingName,
            direction: description.direction, length: chain.reduce(0) { $0 + segments[$1.piece].length },
            start: description.start, end: description.end,
            villages: zip(description.villages, description.villageNames).map { Road.Village(code: $0.rawValue, name: $1) },
            geometry: oriented, segments: ordered.map { Road.Member(segment: segments[$0.0].id, reversed: $0.1) })
    }
}
