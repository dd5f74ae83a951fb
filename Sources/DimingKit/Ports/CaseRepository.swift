import DimingCore
import Foundation

/// Which cases to list.
public struct CaseFilter: Sendable {
    public var state: CaseState?
    public var town: DivisionCode?
    public var batch: FeatureID?
    public var road: FeatureID?
    public init(state: CaseState? = nil, town: DivisionCode? = nil, batch: FeatureID? = nil, road: FeatureID? = nil) {
        self.state = state
        self.town = town
        self.batch = batch
        self.road = road
    }
}

/// Naming cases (地名命名、更名、销名案件) and approval batches.
public protocol CaseRepository {
    func save(_ namingCase: NamingCase, at date: Date) throws
    func find(id: FeatureID) throws -> NamingCase?
    func list(_ filter: CaseFilter) throws -> [NamingCase]
    func saveBatch(_ batch: Batch, at date: Date) throws
    func batches() throws -> [Batch]
    func findBatch(id: FeatureID) throws -> Batch?
}

extension CaseRepository {
    public func list(state: CaseState? = nil, town: DivisionCode? = nil, batch: FeatureID? = nil, road: FeatureID? = nil) throws -> [NamingCase] {
        try list(CaseFilter(state: state, town: town, batch: batch, road: road))
    }
}
