import DimingCore

/// Small read-only lookups the command line needs without a use case of their own.
public enum RegistryLookups {
    /// The county, when the registry's roads lie in just one.
    public static func onlyCounty(_ registry: any RegistryStore) throws -> DivisionCode? {
        let counties = try registry.read { try $0.segments.counties() }
        return counties.count == 1 ? counties[0] : nil
    }
}
