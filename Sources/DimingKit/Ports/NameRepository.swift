import DimingCore
import Foundation

/// Registered names with their search index, confirmed readings, waivers and character levels.
public protocol NameRepository {
    func insert(_ name: RegisteredName, at date: Date) throws
    func setStatus(_ id: FeatureID, _ status: NameStatus, at date: Date) throws
    func setValidity(_ id: FeatureID, from: Date?, to: Date?) throws
    func history(road: FeatureID) throws -> [(name: RegisteredName, validFrom: Date?, validTo: Date?)]
    func standardName(road: FeatureID) throws -> RegisteredName?
    /// The standard names of these roads, keyed by road (roads without one are absent): `standardName(road:)` for many.
    func standardNames(roads: [FeatureID]) throws -> [FeatureID: RegisteredName]
    func find(id: FeatureID) throws -> RegisteredName?
    func current(county: DivisionCode, town: DivisionCode?) throws -> [RegisteredName]
    func current(in box: BoundingBox) throws -> [RegisteredName]
    /// Current names (not former or retired) whose text contains `fragment`, in a county or everywhere.
    func current(containing fragment: String, county: DivisionCode?) throws -> [RegisteredName]
    /// Replaces a name's parts and romanisation (toned, sign, homophone keys) and its search entry.
    func updateRomanization(_ name: RegisteredName, at date: Date) throws
    /// Names whose search terms match (full-text query syntax of the store's name index), in `county` (nil: any).
    func search(match: String, county: DivisionCode?, limit: Int) throws -> [RegisteredName]
    func count() throws -> Int
    func confirmedReadings(scopes: [String]) throws -> [String: [String]]
    func nameReadings() throws -> [String: [String: [String]]]
    func confirmReading(scope: String, phrase: String, syllables: [String], actor: String, at date: Date) throws
    func waivers(county: DivisionCode) throws -> [String: [String: String]]
    func addWaiver(county: DivisionCode, name: String, code: String, actor: String, reason: String, at date: Date) throws
    func characterLevels() throws -> [Character: Int]?
    func replaceCharacterLevels(_ levels: [Character: Int]) throws
}

extension NameRepository {
    public func current(county: DivisionCode) throws -> [RegisteredName] { try current(county: county, town: nil) }
    public func setValidity(_ id: FeatureID, from: Date) throws { try setValidity(id, from: from, to: nil) }
    public func setValidity(_ id: FeatureID, to: Date) throws { try setValidity(id, from: nil, to: to) }
}
