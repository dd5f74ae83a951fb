import DimingCore
import Foundation
import GeoFormats

/// The import profiles a county uses (导入方案): the shipped ones in `GeoData/import-profiles/`, a
/// county's own edited copies (a county setting, set by an administrator and audited), or a profile file.
public struct ImportProfiles {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock
    /// The GeoData folder (default: ``GeoDataLocator``).
    public var geoData: String?

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock(), geoData: String? = nil) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
        self.geoData = geoData
    }

    static func key(_ county: DivisionCode, _ name: String) -> String { "import-profile.\(county.countyPart).\(name)" }

    /// The profile called `nameOrFile` for `county`: the county's own version, else the shipped one,
    /// else the JSON file at that path.
    public func resolve(_ nameOrFile: String, county: DivisionCode?) throws -> ImportProfile {
        if let county, let text = try registry.read({ try $0.settings.get(Self.key(county, nameOrFile)) }) {
            return try ImportProfile.decode(Data(text.utf8), origin: "the county's profile \(nameOrFile)")
        }
        if let shipped = try shipped(nameOrFile) { return shipped }
        guard FileManager.default.fileExists(atPath: nameOrFile) else {
            let names = shippedNames()
            throw InputError(field: "--profile", "no profile \(nameOrFile): give a file, or one of \(names.isEmpty ? "(none found in GeoData/import-profiles)" : names.joined(separator: ", "))")
        }
        let file = try InputFile.open(nameOrFile)
        defer { try? file.close() }
        return try ImportProfile.decode(try file.read(upToCount: 1 << 20) ?? Data(), origin: nameOrFile)
    }

    /// The shipped profile of that name, if any.
    public func shipped(_ name: String) throws -> ImportProfile? {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), let root = geoData ?? GeoDataLocator.find() else { return nil }
        let path = root + "/import-profiles/\(name).json"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try ImportProfile.decode(data, origin: path)
    }

    /// The names of the shipped profiles.
    public func shippedNames() -> [String] {
        guard let root = geoData ?? GeoDataLocator.find(),
              let files = try? FileManager.default.contentsOfDirectory(atPath: root + "/import-profiles") else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Sets the county's own version of a profile (its name is the profile's `name`), audited before and after.
    @discardableResult
    public func set(_ profile: ImportProfile, county: DivisionCode) throws -> ImportProfile {
        _ = try profile.classification()
        let result: ImportProfile? = try CountySetting.update(registry, county: county, actor: actor, clock: clock,
                                                              key: Self.key(county, profile.name), action: .settingsImportProfile,
                                                              load: { db in
                                                                  try db.settings.get(Self.key(county, profile.name)).map {
                                                                      try ImportProfile.decode(Data($0.utf8), origin: profile.name)
                                                                  }
                                                              }) { $0 = profile }
        return result ?? profile
    }
}
