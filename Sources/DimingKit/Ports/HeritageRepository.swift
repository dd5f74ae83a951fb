import DimingCore

/// The place-name heritage list (地名文化遗产保护名录), one entry per county and name.
public protocol HeritageRepository {
    /// Adds or replaces the entry for its county and name.
    func upsert(_ entry: HeritageName) throws
    func find(county: DivisionCode, name: String) throws -> HeritageName?
    /// A county's entries, or every entry when `county` is nil, by county and name.
    func list(county: DivisionCode?) throws -> [HeritageName]
}
