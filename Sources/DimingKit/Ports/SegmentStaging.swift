import DimingCore

/// An import's segments waiting for the one short transaction that stores them (暂存), held by the
/// store in its own row form: each segment is encoded as it is appended, while the file is read and
/// no write lock is held, so the transaction only moves rows in. Made by
/// ``RegistryStore/stageSegments(in:)``; stored by ``SegmentRepository/insert(_:batchSize:ids:)``.
public protocol SegmentStaging: AnyObject {
    /// Stages a segment; `county` is where a new id is to be minted for it, nil when it keeps `segment.id`.
    func append(_ segment: RoadSegment, mintIn county: String?) throws
    /// How many segments are staged.
    var count: Int { get }
    /// Ends the appending (the staged segments can then be stored).
    func finish() throws
    /// Throws the staged segments away.
    func discard()
}

/// What a batch of staged segments shows the transaction that gives them their ids.
public struct StagedSegment: Sendable {
    public var sourceRef: String
    /// The county to mint a new id in, or nil when the segment keeps ``id``.
    public var mintIn: String?
    public var id: FeatureID?

    public init(sourceRef: String, mintIn: String?, id: FeatureID?) {
        self.sourceRef = sourceRef
        self.mintIn = mintIn
        self.id = id
    }
}
