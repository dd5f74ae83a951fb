import DimingCore
import Naming

/// Many checks at one site (a county, a town, a road): the names in scope indexed once, confirmed
/// readings and waivers loaded, so each check is a romanisation and a few lookups.
public struct NameCheckSession: Sendable {
    let checker: NameChecker
    let index: NameScopeIndex
    let facts: RoadFacts?
    /// Confirmed readings for everywhere and for the site's places.
    let readings: [String: [String]]
    /// Confirmed readings for single names: name → phrase → syllables.
    let nameReadings: [String: [String: [String]]]
    /// name → code → "actor: reason"
    let waivers: [String: [String: String]]
    /// The county's local rules.
    public let rules: LocalNamingRules
    /// The county whose names are in scope (nil: none are, only the rules apply).
    public let county: DivisionCode?

    public func check(_ name: String) -> NameCheck {
        let overrides = readings.merging(nameReadings[name] ?? [:]) { _, own in own }
        var result = checker.check(name, scope: index, road: facts, overrides: overrides)
        if let accepted = waivers[name] {
            for index in result.findings.indices where result.findings[index].waivable {
                result.findings[index].waiver = accepted[result.findings[index].code.rawValue]
            }
        }
        return result
    }
}
