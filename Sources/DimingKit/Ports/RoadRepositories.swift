import DimingCore
import Foundation

/// Imported road segments, by source, with a spatial index.
public protocol SegmentRepository {
    /// The source's segment ids by source reference.
    func ids(source: String) throws -> [String: FeatureID]
    /// Deletes segments by id; returns how many.
    func delete(ids: [FeatureID]) throws -> Int
    /// The active roads that hold any of these segments.
    func roads(holding ids: [FeatureID]) throws -> [FeatureID]
    func insert(_ segments: [RoadSegment]) throws
    /// Stores staged segments (from this store's ``RegistryStore/stageSegments(in:)``) `batchSize` at a
    /// time; `ids` is given each batch and returns the batch's ids, in order (minted or kept).
    func insert(_ staged: any SegmentStaging, batchSize: Int, ids: ([StagedSegment]) throws -> [FeatureID]) throws
    func fetch(in box: BoundingBox?) throws -> [RoadSegment]
    func fetch(county: DivisionCode) throws -> [RoadSegment]
    /// The county's segments as the survey reads them, in the order `fetch(county:)` gives.
    func surveySegments(county: DivisionCode) throws -> [SurveySegment]
    func fetch(ids: [FeatureID]) throws -> [RoadSegment]
    /// Which of these OSM way ids some segment still comes from.
    func osmWaysInUse(among ways: [Int64]) throws -> Set<Int64>
    func counties() throws -> [DivisionCode]
    func counts() throws -> (segments: Int, unnamed: Int)
}

extension SegmentRepository {
    public func fetch() throws -> [RoadSegment] { try fetch(in: nil) }
    /// Whole segments, cut down (a store that can read fewer columns does).
    public func surveySegments(county: DivisionCode) throws -> [SurveySegment] { try fetch(county: county).map(SurveySegment.init) }
}

extension RoadRepository {
    /// A store that cannot use what the survey knows saves as usual.
    public func saveSurveyed(_ roads: [Road], new: Set<FeatureID>, at date: Date) throws { try save(roads, at: date) }
}

/// Filters for listing roads.
public struct RoadFilter: Sendable {
    public var county: DivisionCode?
    public var town: DivisionCode?
    public var unnamedOnly = false
    public var includeRetired = false
    public init(county: DivisionCode? = nil, town: DivisionCode? = nil, unnamedOnly: Bool = false) {
        self.county = county
        self.town = town
        self.unnamedOnly = unnamedOnly
    }
}

/// Per-town road figures for the survey report and the dashboard.
public struct TownRoadSummary: Sendable {
    public var town: String?
    public var roads: Int
    public var unnamed: Int
    public var length: Double
    public var unnamedLength: Double
    public init(town: String?, roads: Int, unnamed: Int, length: Double, unnamedLength: Double) {
        self.town = town
        self.roads = roads
        self.unnamed = unnamed
        self.length = length
        self.unnamedLength = unnamedLength
    }
}

/// Whole roads (stitched segments) and their members.
public protocol RoadRepository {
    /// Inserts or updates a road (by id), replacing its membership and its spatial index entry.
    func save(_ road: Road, at date: Date) throws
    /// Saves many roads at once, as `save` does one by one (the survey writes a county's roads in one go).
    func save(_ roads: [Road], at date: Date) throws
    func setName(_ id: FeatureID, _ name: String?, at date: Date) throws
    func retire(_ id: FeatureID, at date: Date) throws
    /// Retires many roads at once, as `retire` does one by one.
    func retire(_ ids: [FeatureID], at date: Date) throws
    func clearMembers(county: DivisionCode) throws
    /// Saves a survey's roads after ``clearMembers(county:)``, as `save` does, knowing two things a
    /// store need not look up again: no road of the county holds members now, and the roads in `new`
    /// are not stored yet (their ids were just minted); the others are.
    func saveSurveyed(_ roads: [Road], new: Set<FeatureID>, at date: Date) throws
    func find(id: FeatureID) throws -> Road?
    func list(_ filter: RoadFilter) throws -> [Road]
    func list(in box: BoundingBox) throws -> [Road]
    func memberships(county: DivisionCode) throws -> [FeatureID: (segments: Set<FeatureID>, length: Double)]
    /// Active roads whose working name contains `text`, in `county` (nil: any).
    func searchWorkingNames(containing text: String, county: DivisionCode?, limit: Int) throws -> [(id: String, text: String, county: String)]
    func townSummary(county: DivisionCode?) throws -> [TownRoadSummary]
}
