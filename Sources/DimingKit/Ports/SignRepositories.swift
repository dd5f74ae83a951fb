import DimingCore
import Foundation

/// Which signs to list.
public struct SignFilter: Sendable {
    public var road: FeatureID?
    public var county: DivisionCode?
    public var status: SignStatus?
    public init(road: FeatureID? = nil, county: DivisionCode? = nil, status: SignStatus? = nil) {
        self.road = road
        self.county = county
        self.status = status
    }
}

/// Road signs (路牌) through their lifecycle.
public protocol SignRepository {
    func save(_ sign: Sign, at date: Date) throws
    func delete(_ id: FeatureID) throws
    func find(id: FeatureID) throws -> Sign?
    func list(_ filter: SignFilter) throws -> [Sign]
}

extension SignRepository {
    public func list(road: FeatureID? = nil, county: DivisionCode? = nil, status: SignStatus? = nil) throws -> [Sign] {
        try list(SignFilter(road: road, county: county, status: status))
    }
}
